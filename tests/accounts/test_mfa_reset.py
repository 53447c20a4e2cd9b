"""manage.py mfa_reset: a staff member who lost their authenticator is reset by command, with an audit entry."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.test import Client

from apps.core.audit.models import AuditEvent
from tests.factories import PASSWORD, staff_create

pytestmark = pytest.mark.django_db


def test_reset_removes_the_authenticator_ends_sessions_and_writes_the_trail(capsys):
    staff = staff_create(email="clerk@example.com")
    client = Client()
    client.force_login(staff)
    call_command("mfa_reset", "Clerk@example.com", "--by", "街道办 李主任", "--reason", "手机丢失，本人到场核验")
    assert not Authenticator.objects.filter(user=staff).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.MFA_REMOVED)
    assert event.user == staff and "mfa_reset by 街道办 李主任: 手机丢失" in event.detail
    assert "1 sessions ended" in capsys.readouterr().out
    # The old session is gone; a fresh log-in is sent to set up a new authenticator before the admin.
    assert client.get("/admin/").status_code == 302
    client.post("/accounts/login/", {"login": "clerk@example.com", "password": PASSWORD})
    assert "2fa%2Ftotp%2Factivate" in client.get("/admin/", follow=True).redirect_chain[-1][0]


def test_reset_of_an_unknown_account_or_without_a_reason_changes_nothing():
    staff = staff_create(email="clerk@example.com")
    with pytest.raises(CommandError, match="No account"):
        call_command("mfa_reset", "nobody@example.com", "--by", "李主任", "--reason", "丢失")
    with pytest.raises(CommandError, match="neither an e-mail"):
        call_command("mfa_reset", "12345", "--by", "李主任", "--reason", "丢失")
    with pytest.raises(CommandError, match="who and why"):
        call_command("mfa_reset", "clerk@example.com", "--by", " ", "--reason", "丢失")
    assert Authenticator.objects.filter(user=staff).exists() and not AuditEvent.objects.exists()


def test_reset_of_an_account_without_an_authenticator_says_so(resident):
    with pytest.raises(CommandError, match="nothing to reset"):
        call_command("mfa_reset", "139 1234 5678", "--by", "李主任", "--reason", "丢失")
