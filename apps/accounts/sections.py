"""What accounts itself contributes to /me/ and to the personal-data export."""

from django.db.models import Prefetch
from django.utils import timezone

from apps.core.models import Occurrence, Registration
from apps.core.notices import preferences


def my_registrations(request) -> dict:
    # Each line shows its seats left: count them for all the occurrences at once (two queries, any number).
    registrations = (
        Registration.objects.live()
        .filter(user=request.user)
        .prefetch_related(Prefetch("occurrence", queryset=Occurrence.objects.with_counts()))
        .order_by("-occurrence__starts_at")[:50]
    )
    return {"registrations": registrations, "now": timezone.now()}


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
    user = request.user
    return {
        "topics": preferences(user),
        "has_phone": bool(user.phone and user.phone_verified),
        "has_email": bool(user.email),
    }


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
