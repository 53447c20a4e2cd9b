from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError

from apps.core.messaging import mask_phone, sms_enqueue
from apps.core.models import SiteSettings
from apps.core.qrcodes import qr_svg

from .models import User
from .phones import MainlandPhoneField, phone_normalize


class AccountAdapter(DefaultAccountAdapter):
    """Phone numbers are mainland mobiles stored as +86…; codes go out through the SMS task."""

    error_messages = DefaultAccountAdapter.error_messages | {
        "phone_password_mismatch": "手机号或密码不正确。",
        "email_password_mismatch": "邮箱或密码不正确。",
        "unknown_phone": "这个手机号还没有注册账号，请先注册。",
        "unknown_email": "这个邮箱还没有注册账号。",
        "phone_taken": "这个手机号已经注册过了，请直接登录。",
        "incorrect_code": "验证码不正确，请核对短信中的 6 位验证码。",
    }

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

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        brand = SiteSettings.load().brand_name
        sms_enqueue(phone=phone, text=f"【{brand}】您的验证码是 {code}，10 分钟内有效。请勿告诉他人。")
        if settings.DEBUG and self.request is not None:
            # Development only: there is no SMS gateway, so show the code where the developer looks.
            messages.info(self.request, f"开发模式：发往 {mask_phone(phone)} 的验证码是 {code}")


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        return qr_svg(url)
