"""What accounts itself contributes to /me/ and to the personal-data export."""

from django.db.models import Prefetch
from django.utils import timezone

from apps.core.models import Occurrence, Registration
from apps.core.notices import preferences, reachable

# /me/ shows what is coming (soonest first) and the few latest past ones; the whole history is a paged list.
UPCOMING_SHOWN = 20
PAST_SHOWN = 5
HISTORY_PAGE_SIZE = 20


def registrations_of(user):
    """`user`'s live registrations with their occurrences; each line shows its seats left, counted for all the
    occurrences at once (one more query, however many lines)."""
    return (
        Registration.objects.live()
        .filter(user=user)
        .prefetch_related(Prefetch("occurrence", queryset=Occurrence.objects.with_counts()))
    )


def my_registrations(request) -> dict:
    now = timezone.now()
    mine = registrations_of(request.user)
    upcoming = list(mine.filter(occurrence__ends_at__gt=now).order_by("occurrence__starts_at")[:UPCOMING_SHOWN])
    past = list(mine.filter(occurrence__ends_at__lte=now).order_by("-occurrence__starts_at")[: PAST_SHOWN + 1])
    return {
        "upcoming": upcoming,
        "past": past[:PAST_SHOWN],
        # More than shown (of either): /me/ links the whole list, rather than listing hundreds of lines.
        "more": len(past) > PAST_SHOWN or len(upcoming) == UPCOMING_SHOWN,
        "now": now,
    }


def profile_export(user) -> dict:
    return {
        "email": user.email,
        "phone": user.phone,
        "phone_verified": user.phone_verified,
        "display_name": user.display_name,
        "real_name": user.real_name,
        "date_joined": user.date_joined,
        "privacy_consented_at": user.privacy_consented_at,
    }


def registrations_export(user) -> list[dict]:
    return [
        {
            "title": r.occurrence.title,
            "starts_at": r.occurrence.starts_at,
            "status": r.get_status_display(),
            "registered_at": r.created_at,
            "checked_in_at": r.checked_in_at,
        }
        for r in Registration.objects.filter(user=user).select_related("occurrence")
    ]


def my_notices(request) -> dict:
    has_phone, has_email = reachable(request.user)
    return {"topics": preferences(request.user), "has_phone": has_phone, "has_email": has_email}


def notices_export(user) -> list[dict]:
    return [{"topic": item["label"], "sms": item["by_sms"], "mail": item["by_mail"]} for item in preferences(user)]


def my_wechat(request) -> dict:
    """The WeChat binding on /me/, only where some WeChat log-in is configured."""
    from django.conf import settings

    from .wechat import wechat_account

    configured = (settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET) or (
        settings.WECHAT_OPEN_APP_ID and settings.WECHAT_OPEN_APP_SECRET
    )
    return {"enabled": True, "account": wechat_account(request.user)} if configured else {"enabled": False}
