from allauth.core.exceptions import RateLimited
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

SET_UP_MESSAGE = "工作人员进入管理后台前必须开启两步验证：请用手机上的身份验证器应用扫码完成设置。"


def staff_mfa_missing(user) -> bool:
    """True for a signed-in staff account (superusers included) that has no second factor yet.

    The demo superuser (settings.STAFF_MFA_DEMO_EXEMPT) is exempt only while DEBUG is on: in production the
    list exempts no one."""
    if not (settings.STAFF_MFA_REQUIRED and user.is_authenticated and user.is_staff):
        return False
    if settings.DEBUG and user.email and user.email.lower() in settings.STAFF_MFA_DEMO_EXEMPT:
        return False
    return not is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


class StaffTwoFactorMiddleware:
    """Every admin URL — model pages, custom admin views (rosters, exports, QR check-in, phone reveal) and
    any added later — is behind one check: a staff account without two-factor authentication is sent to
    allauth's TOTP set-up page (recovery codes are shown once right after)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        if (
            request.path.startswith(self.prefix)
            and request.path != reverse("admin:logout")
            and staff_mfa_missing(request.user)
        ):
            messages.warning(request, SET_UP_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class SmsThrottledMiddleware:
    """allauth's resend buttons catch the SMS throttle themselves; anywhere else (a race past the form's
    check, or allauth's own limit on sending a verification code) the visitor gets a 429 page, saying when
    to try again where we know, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):  # SmsThrottled, or one of allauth's own limits
            return render(request, "429.html", {"message": getattr(exception, "message", "")}, status=429)
        return None
