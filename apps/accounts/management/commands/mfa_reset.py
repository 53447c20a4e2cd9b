"""`manage.py mfa_reset <email or phone> --by <who> --reason <why>`: a staff member lost their authenticator.

Removes the account's TOTP authenticator and recovery codes, ends its open sessions, and appends a
“停用两步验证” event to the audit trail with who did it and why. At the next log-in (password only) the
two-factor middleware sends the account straight to setting up a new authenticator before any admin page.
Never edit the database by hand for this: the trail must show it.
"""

from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import User
from apps.core.audit.models import AuditEvent
from apps.core.audit.services import audit_record
from apps.core.phones import phone_normalize


def account_find(identifier: str) -> User:
    identifier = identifier.strip()
    if "@" in identifier:
        user = User.objects.filter(email__iexact=identifier).first()
    else:
        try:
            user = User.objects.filter(phone=phone_normalize(identifier)).first()
        except ValidationError:
            raise CommandError(f"“{identifier}” is neither an e-mail address nor a mainland mobile number.") from None
    if user is None:
        raise CommandError(f"No account with {identifier}.")
    return user


def sessions_end(user: User) -> int:
    """Delete the account's sessions (database sessions: each is decoded; fine for a street office's numbers)."""
    ended = [s.pk for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


class Command(BaseCommand):
    help = (
        "Removes a staff member's two-factor authenticator (lost phone), ends their sessions, writes the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("account", help="the account's e-mail address or mobile number")
        parser.add_argument(
            "--by", required=True, help="who resets it (your name or staff e-mail), for the audit trail"
        )
        parser.add_argument("--reason", required=True, help="why, e.g. “手机丢失，本人到街道办核验身份”")

    @transaction.atomic
    def handle(self, *args, account: str, by: str, reason: str, **options):
        if not by.strip() or not reason.strip():
            raise CommandError("--by and --reason must say who and why (they go to the audit trail).")
        user = account_find(account)
        removed, _ = Authenticator.objects.filter(user=user).delete()
        if not removed:
            raise CommandError(f"{account} has no two-factor authenticator: nothing to reset.")
        ended = sessions_end(user)
        audit_record(
            action=AuditEvent.Action.MFA_REMOVED,
            user=user,
            obj=user,
            detail=f"manage.py mfa_reset by {by.strip()}: {reason.strip()}",
        )
        self.stdout.write(
            f"Two-factor authentication removed for {account} ({removed} authenticator rows, {ended} sessions ended). "
            "At the next log-in they set up a new authenticator app."
        )
