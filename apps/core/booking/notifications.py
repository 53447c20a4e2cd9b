"""What the booking engine tells people: through apps.core.notices (their choice of SMS and mail, with a short link)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..notices import notice_send
from ..shortlinks import occurrence_shortlink

# The SMS templates `registration_<event>` of apps.core.sms.catalogue; mail says the same with a subject.
SUBJECTS = {
    "confirmed": "报名成功",
    "waitlisted": "已进入候补",
    "promoted": "候补转为正式报名",
    "cancelled_by_staff": "您的报名已被取消",
    "reminder": "活动提醒",
    "occurrence_moved": "活动改期",
    "occurrence_cancelled": "活动取消",
}


def registration_fields(occurrence) -> dict:
    return {
        "title": occurrence.title,
        "when": f"{timezone.localtime(occurrence.starts_at):%m月%d日%H:%M}",
        "place": occurrence.place or "地点见活动页",
        "reason": f"{occurrence.cancel_reason.rstrip('。')}。" if occurrence.cancel_reason else "",
    }


def registration_notify(registration, event: str) -> None:
    occurrence = registration.occurrence
    notice_send(
        user=registration.user,
        topic="reminders" if event == "reminder" else "bookings",
        template=f"registration_{event}",
        link=occurrence_shortlink(occurrence),
        subject=f"{SUBJECTS[event]}：{occurrence.title}",
        **registration_fields(occurrence),
    )


def occurrence_change_notify(*, occurrence, before: dict) -> int:
    """Tell everyone registered (seated or waiting) that `occurrence` was cancelled or moved.

    `before` holds the values as they were: starts_at, place, is_cancelled. Moved means a new start or place.
    Returns how many people were told.
    """
    from .models import Registration

    if occurrence.is_cancelled and not before.get("is_cancelled"):
        event = "occurrence_cancelled"
    elif not occurrence.is_cancelled and (
        before.get("starts_at") != occurrence.starts_at or before.get("place", "") != occurrence.place
    ):
        event = "occurrence_moved"
    else:
        return 0
    live = Registration.objects.live().filter(occurrence=occurrence).select_related("user", "occurrence")
    told = 0
    for registration in live:
        registration_notify(registration, event)
        told += 1
    return told


def reminders_send(*, now=None, ahead=timedelta(hours=24)) -> int:
    """Remind everyone with a seat in something starting within `ahead`; each person once. Idempotent."""
    from .models import Registration

    now = now or timezone.now()
    due = (
        Registration.objects.confirmed()
        .filter(reminded_at__isnull=True, occurrence__is_cancelled=False)
        .filter(occurrence__starts_at__gt=now, occurrence__starts_at__lte=now + ahead)
        .select_related("occurrence", "user")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now)
            if updated:  # another worker may have taken it meanwhile
                registration_notify(registration, "reminder")
                sent += 1
    return sent
