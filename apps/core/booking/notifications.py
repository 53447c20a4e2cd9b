"""What the booking engine tells people, by SMS when they have a phone, else by mail (background tasks)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..messaging import mail_enqueue, sms_enqueue
from ..models import SiteSettings

MESSAGES = {
    "confirmed": "您已报名成功：{title}，{when}，地点：{place}。",
    "waitlisted": "名额已满，您已进入候补：{title}，{when}。有空位时会按报名先后通知您。",
    "promoted": "好消息：您已从候补转为正式报名：{title}，{when}，地点：{place}。",
    "cancelled_by_staff": "工作人员已取消您对“{title}”（{when}）的报名。如有疑问请联系社区。",
    "reminder": "提醒：您报名的“{title}”将于 {when} 开始，地点：{place}。",
    "occurrence_cancelled": "很抱歉，您报名的“{title}”（{when}）已取消。{reason}",
}


def registration_text(registration, event: str) -> str:
    occurrence = registration.occurrence
    return MESSAGES[event].format(
        title=occurrence.title,
        when=f"{timezone.localtime(occurrence.starts_at):%m月%d日 %H:%M}",
        place=occurrence.place or "见活动页面",
        reason=occurrence.cancel_reason,
    )


def registration_notify(registration, event: str) -> None:
    user = registration.user
    brand = SiteSettings.load().brand_name
    text = registration_text(registration, event)
    if user.phone:
        sms_enqueue(phone=user.phone, text=f"【{brand}】{text}")
    elif user.email:
        mail_enqueue(to=user.email, subject=f"{brand}：{registration.occurrence.title}", body=text)


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
