from allauth.account import forms as allauth_forms
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from allauth.socialaccount.forms import SignupForm as SocialSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString

from apps.core.phones import INVALID_MESSAGE, looks_like_phone, phone_normalize

from .throttle import SMS_THROTTLED_MESSAGE, sms_allowance_check, throttled_message, wait_seconds
from .words import NaturalWords, natural

consent_label = lazy(
    lambda: format_html(
        '我已阅读并同意<a href="{}" target="_blank">《个人信息保护说明》</a>', reverse_lazy("core:privacy")
    ),
    SafeString,
)


class ResidentSignup(forms.Form):
    """What every sign-up asks besides allauth's fields: a mobile number (required, SMS-verified), a nickname,
    and the consent that 个人信息保护法 asks for: unticked, required, recorded."""

    display_name = forms.CharField(label="昵称（选填）", max_length=40, required=False)
    consent = forms.BooleanField(
        label=consent_label(),
        required=True,
        error_messages={"required": "请先阅读并勾选同意《个人信息保护说明》，才能注册。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].error_messages["required"] = "请填写手机号，用于登录和接收验证码。"
        if "email" in self.fields:
            self.fields["email"].label = "电子邮箱（选填）"

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone:
            # Sign-up texts a code to this number: refuse now, saying when, rather than leave an account
            # waiting for a code that will not come.
            sms_allowance_check(context.request, phone=phone)
            # allauth sends one verification code per phone per 30 s (settings "verify_phone") and would
            # answer a second sign-up with the same number, taken or not, with an error page.
            wait = wait_seconds(context.request, action="verify_phone", key=phone)
            if wait:
                raise forms.ValidationError(throttled_message(SMS_THROTTLED_MESSAGE, wait), code="sms_throttled")
        return phone

    def try_save(self, request):
        if self.account_already_exists:
            # A taken phone or email creates no account (allauth texts or mails the owner instead), but costs
            # the same password hashing a new account does: the answer's timing must not tell them apart.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    @transaction.atomic  # the account, its phone and e-mail rows and the consent: all or nothing
    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data.get("display_name") or user.display_name
        user.privacy_consented_at = timezone.now()
        user.save(update_fields=["display_name", "privacy_consented_at"])
        return user


class SignupForm(ResidentSignup, NaturalWords, AllauthSignupForm):
    """allauth's sign-up by phone (and optional email) with a password."""

    field_order = ["phone", "email", "password1", "display_name", "consent"]


class WechatSignupForm(ResidentSignup, NaturalWords, SocialSignupForm):
    """A newcomer from WeChat: a mobile number (verified by SMS next) and the consent; no password needed."""

    field_order = ["phone", "email", "display_name", "consent"]


class LoginForm(NaturalWords, AllauthLoginForm):
    """Login by phone or email; a number that is not a mainland mobile gets a clear message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "手机号或邮箱"
        self.fields["login"].widget.attrs.update({"placeholder": "11 位手机号或电子邮箱", "autocomplete": "username"})

    def clean_login(self):
        login = super().clean_login()
        if "@" not in login and looks_like_phone(login):
            try:
                return phone_normalize(login)  # '１３９…' and '١٣٩…' are read as the number they spell
            except forms.ValidationError:
                raise forms.ValidationError(INVALID_MESSAGE, code="invalid_phone") from None
        return login


class RequestLoginCodeForm(NaturalWords, AllauthRequestLoginCodeForm):
    """Log in by SMS code: over the phone's or the IP's SMS allowance, say when to try again."""

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone:
            sms_allowance_check(context.request, phone=phone)
        try:
            return super().clean_phone()
        except forms.ValidationError as refused:
            if refused.code != "too_many_login_attempts":
                raise
            # allauth words its per-minute limit on code requests as failed logins; say what happened.
            wait = wait_seconds(context.request, action="request_login_code", key=phone.lower())
            raise forms.ValidationError(throttled_message(SMS_THROTTLED_MESSAGE, wait), code="sms_throttled") from None


# allauth's other account forms, in natural words (ACCOUNT_FORMS names each).
ConfirmLoginCodeForm = natural(allauth_forms.ConfirmLoginCodeForm)
VerifyPhoneForm = natural(allauth_forms.VerifyPhoneForm)


class ChangePhoneForm(NaturalWords, allauth_forms.ChangePhoneForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = "新手机号"


ResetPasswordForm = natural(allauth_forms.ResetPasswordForm)
ResetPasswordKeyForm = natural(allauth_forms.ResetPasswordKeyForm)
ChangePasswordForm = natural(allauth_forms.ChangePasswordForm)
SetPasswordForm = natural(allauth_forms.SetPasswordForm)
AddEmailForm = natural(allauth_forms.AddEmailForm)
ConfirmEmailVerificationCodeForm = natural(allauth_forms.ConfirmEmailVerificationCodeForm)
ConfirmPasswordResetCodeForm = natural(allauth_forms.ConfirmPasswordResetCodeForm)


class AccountDeleteForm(forms.Form):
    confirm = forms.CharField(label="请输入“注销账号”四个字确认", max_length=10)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm(self):
        if self.cleaned_data["confirm"].strip() != "注销账号":
            raise forms.ValidationError("请准确输入“注销账号”四个字，以免误操作。", code="confirm")
        return self.cleaned_data["confirm"]
