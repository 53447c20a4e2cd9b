"""The words residents read on the account pages: allauth's forms with natural Chinese labels and messages.

allauth's own Chinese reads as a translation (代码, 请求码, "输入一个有效的 Email 地址"). Every account form the
portal shows goes through `NaturalWords` (see ACCOUNT_FORMS in settings), so one table says each field's
label, placeholder and messages. The pages' own words are in templates/account/.
"""

from django import forms

EMAIL_INVALID = "请填写正确的电子邮箱地址，例如 name@example.com。"
CODE_LABEL = "验证码"
PASSWORD_HELP = "至少 8 位；不要全是数字，也不要用常见密码、手机号或生日。"  # noqa: S105 - help text, not a password

# field name -> (label, placeholder); None keeps allauth's.
FIELDS = {
    "email": ("电子邮箱", "例如 name@example.com"),
    "phone": ("手机号", "11 位手机号"),
    "code": (CODE_LABEL, "6 位数字"),
    "password": ("密码", None),
    "password1": ("密码", None),
    "password2": ("再次输入密码", None),
    "oldpassword": ("原密码", None),
    "remember": ("记住我（公用电脑请不要勾选）", None),
}


class NaturalWords:
    """Mixin for an allauth form: labels, placeholders and messages from FIELDS, full-width punctuation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label, placeholder = FIELDS.get(name, (None, None))
            if label and not (name == "email" and "选填" in str(field.label)):
                field.label = label
            if placeholder:
                field.widget.attrs["placeholder"] = placeholder
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = EMAIL_INVALID
            if name == "code":
                field.error_messages["required"] = "请填写短信里的 6 位验证码。"
            if name == "password1" and field.help_text:
                field.help_text = PASSWORD_HELP
            if str(field.error_messages.get("required")) == str(forms.Field.default_error_messages["required"]):
                field.error_messages["required"] = "请填写这一项。"


def natural(form_class: type) -> type:
    """`form_class` with NaturalWords, named like it (for ACCOUNT_FORMS)."""
    return type(form_class.__name__, (NaturalWords, form_class), {"__module__": __name__})
