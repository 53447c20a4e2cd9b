"""签到: rotating QR tokens for venues, short codes for online sessions, and the check-in itself.

A venue's QR code carries an HMAC token of (occurrence, minute): it changes every minute, the previous
minute's token is still accepted (a phone may be slow to scan), and it cannot be forged without the
secret key. Check-in is possible from 30 minutes before the start until the end.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Occurrence, Registration

OPENS_BEFORE = timedelta(minutes=30)
TOKEN_STEP = 60  # seconds


def _minute(now) -> int:
    return int(now.timestamp()) // TOKEN_STEP


def _token(occurrence_id: int, minute: int) -> str:
    return salted_hmac("hongling.checkin", f"{occurrence_id}:{minute}", algorithm="sha256").hexdigest()[:20]


def checkin_token(occurrence: Occurrence, now=None) -> str:
    """The token the venue's QR code shows during the current minute."""
    return _token(occurrence.pk, _minute(now or timezone.now()))


def checkin_window_check(occurrence: Occurrence, now) -> None:
    if occurrence.is_cancelled:
        raise ValidationError("这个活动已取消。", code="cancelled")
    if now < occurrence.starts_at - OPENS_BEFORE:
        raise ValidationError("签到还没开始：开始前 30 分钟开放签到。", code="too_early")
    if now > occurrence.ends_at:
        raise ValidationError("活动已经结束，签到已关闭。", code="too_late")


def checkin_token_check(occurrence: Occurrence, token: str, now) -> None:
    current = _minute(now)
    for minute in (current, current - 1):
        if constant_time_compare(_token(occurrence.pk, minute), token or ""):
            return
    raise ValidationError("签到二维码已过期或无效，请重新扫描现场的二维码。", code="bad_token")


def checkin_code_check(occurrence: Occurrence, code: str) -> None:
    if not occurrence.checkin_code or not constant_time_compare(occurrence.checkin_code, (code or "").strip()):
        raise ValidationError("签到码不正确，请核对直播中公布的签到码。", code="bad_code")


@transaction.atomic
def registration_check_in(*, occurrence: Occurrence, user, method: str, token: str = "", code: str = "", now=None):
    """Check `user` in: by QR token (`method="qr"`), online code (`"code"`) or by staff (`"staff"`)."""
    now = now or timezone.now()
    checkin_window_check(occurrence, now)
    if method == "qr":
        checkin_token_check(occurrence, token, now)
    elif method == "code":
        checkin_code_check(occurrence, code)
    elif method != "staff":
        raise ValueError(method)
    registration = Registration.objects.select_for_update().filter(occurrence=occurrence, user=user).live().first()
    if registration is None:
        raise ValidationError("您没有报名这个场次，请先报名或联系现场工作人员。", code="not_registered")
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError("您还在候补名单中，没有获得名额，请联系现场工作人员。", code="waitlisted")
    if registration.checked_in_at:
        return registration  # scanning twice is harmless
    registration.checked_in_at = now
    registration.checkin_method = method
    registration.save(update_fields=["checked_in_at", "checkin_method"])
    return registration
