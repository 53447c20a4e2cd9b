"""Throttles for logins and SMS, built on allauth's rate limiter (numbers in settings.ACCOUNT_RATE_LIMITS).

Limits are keyed on the identifier actually typed, normalised (a phone as +86…, an email lower-cased), so
failures on one account never lock out another; the per-IP limits are looser because many residents share
one carrier or community Wi-Fi address — they only stop floods.

`wait_seconds` (to say "retry in N minutes") reads allauth's internal cache layout (allauth 65.21, pinned in
requirements.txt): the history of a limit is a list of hit timestamps, newest first.
"""

import math
import time

from allauth.core import ratelimit
from allauth.core.exceptions import RateLimited
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import cache
from django.core.exceptions import ValidationError

from apps.core.phones import phone_normalize

APP = "allauth.account"
SMS_ACTION = "send_sms"
SMS_THROTTLED_MESSAGE = "发送过于频繁，请在 {minutes} 分钟后再试。"
LOGIN_THROTTLED_MESSAGE = "登录失败次数过多，请在 {minutes} 分钟后再试，或用短信验证码登录。"


class SmsThrottled(RateLimited):
    """No SMS sent: the phone or the IP used up its allowance. allauth's resend views catch RateLimited."""

    def __init__(self, wait_seconds: float):
        super().__init__(wait_seconds)
        self.message = throttled_message(SMS_THROTTLED_MESSAGE, wait_seconds)


def throttled_message(template: str, wait_seconds: float) -> str:
    return template.format(minutes=max(1, math.ceil(wait_seconds / 60)))


def identifier_normalize(value: str) -> str:
    """The key a throttle counts on: '+86 139-1234-5678' and '13912345678' are one account, so are
    'Reader@Example.com ' and 'reader@example.com'."""
    value = (value or "").strip()
    if "@" not in value:
        try:
            return phone_normalize(value)
        except ValidationError:
            pass
    return value.lower()


def login_failed_key(request, credentials: dict) -> str:
    """allauth keys failed logins on credentials['email' or 'username'], which a phone login leaves
    empty — so every phone login shared one counter. Key on whichever identifier was given."""
    typed = credentials.get("phone") or credentials.get("email") or credentials.get("username") or ""
    return f"login:{identifier_normalize(typed)}"


def wait_seconds(request, *, action: str, key: str | None) -> float:
    """Seconds until `action` is allowed again for this key and IP (0 when it is allowed now)."""
    now, longest = time.time(), 0.0
    for rate in allauth_ratelimit.get_rates(app=APP, action=action):
        cache_key = allauth_ratelimit.get_cache_key(request, app=APP, action=action, rate=rate, key=key)
        history = [hit for hit in cache.get(cache_key, []) if hit > now - rate.duration]
        if len(history) >= rate.amount:
            # Newest first: the allowance comes back when the amount-th newest hit leaves the window.
            longest = max(longest, history[rate.amount - 1] + rate.duration - now)
    return longest


def sms_wait_seconds(request, *, phone: str) -> float:
    """0 when an SMS may go to this phone from this IP now; else how long until one may."""
    return wait_seconds(request, action=SMS_ACTION, key=identifier_normalize(phone))


def sms_allowance_check(request, *, phone: str) -> None:
    """For forms, before anything is sent: ValidationError (code 'sms_throttled') saying when to retry."""
    if request is None:
        return
    wait = sms_wait_seconds(request, phone=phone)
    if wait > 0:
        raise ValidationError(throttled_message(SMS_THROTTLED_MESSAGE, wait), code="sms_throttled")


def sms_allowance_consume(request, *, phone: str) -> None:
    """Count one SMS against the phone's and the IP's allowance, or raise SmsThrottled (nothing counted)."""
    if request is None:  # sent outside a request (a management command): no one to throttle
        return
    wait = sms_wait_seconds(request, phone=phone)
    if wait > 0 or not ratelimit.consume(request, action=SMS_ACTION, key=identifier_normalize(phone)):
        raise SmsThrottled(wait or 60)
