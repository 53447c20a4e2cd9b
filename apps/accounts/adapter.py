from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.messaging import mail_enqueue, sms_enqueue
from apps.core.models import SiteSettings
from apps.core.phones import MainlandPhoneField, mask_phone, phone_normalize
from apps.core.qrcodes import qr_svg

from .models import User
from .throttle import (
    LOGIN_THROTTLED_MESSAGE,
    SmsThrottled,
    login_failed_key,
    sms_allowance_consume,
    throttled_message,
    wait_seconds,
)


class AccountAdapter(DefaultAccountAdapter):
    """Phone numbers are mainland mobiles stored as +86…; codes go out through the SMS task."""

    error_messages = DefaultAccountAdapter.error_messages | {
        "phone_password_mismatch": "手机号或密码不正确。",
        "email_password_mismatch": "邮箱或密码不正确。",
        "unknown_phone": "这个手机号还没有注册账号，请先注册。",
        "unknown_email": "这个邮箱还没有注册账号。",
        "phone_taken": "这个手机号已经注册过了，请直接登录。",
        "incorrect_code": "验证码不正确，请核对短信中的 6 位验证码。",
        "too_many_login_attempts": "登录失败次数过多，请稍后再试。",
        "rate_limited": "操作过于频繁，请稍后再试。",
    }

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth's own key reads only email/username: every phone login shared one empty key, so five
        # wrong passwords for one number locked out every phone login on the site.
        return login_failed_key(request, credentials)

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as refused:
            key = self._get_login_attempts_cache_key(request, **credentials)
            wait = wait_seconds(request, action="login_failed", key=key)
            message = throttled_message(LOGIN_THROTTLED_MESSAGE, wait) if wait else refused.messages[0]
            raise ValidationError(message, code="too_many_login_attempts") from refused

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        # allauth's resend views answer our SmsThrottled with the generic "rate_limited" text: say when instead.
        if message == self.error_messages["rate_limited"] and getattr(request, "sms_throttled_message", None):
            message = request.sms_throttled_message
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def phone_form_field(self, **kwargs):
        kwargs["label"] = "手机号"
        return MainlandPhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return phone_normalize(phone)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone, user.phone_verified = phone, verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str):
        try:
            phone = phone_normalize(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone).first()

    def sms_send(self, *, phone: str, template: str, params: dict) -> None:
        """Every SMS allauth asks for goes through here: counted against the phone's and the IP's hourly
        allowance (an SMS costs money), then queued. Over the allowance: SmsThrottled, nothing sent."""
        request = context.request
        try:
            sms_allowance_consume(request, phone=phone)
        except SmsThrottled as throttled:
            request.sms_throttled_message = throttled.message
            raise
        sms_enqueue(phone=phone, template=template, params=params)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails (password reset, login codes, confirmations, "no such account") are rendered here,
        in the request, and sent by the mail task: an unreachable SMTP server never breaks the page, and a
        registered and an unregistered address get the same answer in the same time."""
        request = globals()["context"].request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)} | context
        message = self.render_mail(template_prefix, email, ctx)
        mail_enqueue(to=email, subject=message.subject, body=message.body)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        # Enumeration prevention: the page says "code sent" either way; the owner of the number learns here.
        brand = SiteSettings.load().brand_name
        signup_url = build_absolute_uri(context.request, reverse("account_signup"))
        self.sms_send(phone=phone, template="phone_unknown", params={"brand": brand, "url": signup_url})

    def send_account_already_exists_sms(self, phone: str) -> None:
        brand = SiteSettings.load().brand_name
        login_url = build_absolute_uri(context.request, reverse("account_login"))
        self.sms_send(phone=phone, template="phone_taken", params={"brand": brand, "url": login_url})

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        self.sms_send(phone=phone, template="verification_code", params={"code": code})
        request = context.request
        if settings.DEBUG and request is not None:
            # Development only: there is no SMS gateway, so show the code where the developer looks.
            messages.info(request, f"开发模式：发往 {mask_phone(phone)} 的验证码是 {code}")


class MFAAdapter(DefaultMFAAdapter):
    error_messages = DefaultMFAAdapter.error_messages | {
        # allauth's Chinese for "Incorrect code." reads "error code".
        "incorrect_code": "验证码不正确：请输入身份验证器应用上此刻显示的 6 位数字（每个验证码只能用一次）。",
    }

    def get_totp_issuer(self) -> str:
        return SiteSettings.load().brand_name  # what the authenticator app shows above the code

    def build_totp_svg(self, url: str) -> str:
        return qr_svg(url)
