"""What the booking engine tells people, by SMS when they have a phone, else by mail (background tasks)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..messaging import mail_enqueue, sms_enqueue
from ..models import SiteSettings
from ..sms.catalogue import sms_template

# Events and their texts: the SMS templates `registration_<event>` of apps.core.sms.catalogue (mail says the same).
EVENTS = ("confirmed", "waitlisted", "promoted", "cancelled_by_staff", "reminder", "occurrence_cancelled")


def registration_params(registration, event: str) -> dict:
    occurrence = registration.occurrence
    params = {
        "title": occurrence.title,
        "when": f"{timezone.localtime(occurrence.starts_at):%m月%d日 %H:%M}",
        "place": occurrence.place or "见活动页面",
        "reason": occurrence.cancel_reason,
    }
    return {name: params[name] for name in sms_template(f"registration_{event}").params}


def registration_text(registration, event: str) -> str:
    return sms_template(f"registration_{event}").render(registration_params(registration, event))


def registration_notify(registration, event: str) -> None:
    user = registration.user
    brand = SiteSettings.load().brand_name
    if user.phone:
        sms_enqueue(phone=user.phone, template=f"registration_{event}", params=registration_params(registration, event))
    elif user.email:
        text = registration_text(registration, event)
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
