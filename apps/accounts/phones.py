"""Mainland China mobile numbers: the one place they are parsed and normalised."""

import re

from django import forms
from django.core.exceptions import ValidationError

from apps.core.privacy import digits_ascii

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
INVALID_MESSAGE = "请输入有效的中国大陆手机号码（11 位数字，以 1 开头）。"


def phone_normalize(value: str) -> str:
    """'138 1234-5678', '+86 13812345678', '１３８１２３４５６７８' → '+8613812345678'; anything else raises
    ValidationError."""
    digits = re.sub(r"[\s\-()]", "", digits_ascii(value))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not MOBILE.match(digits):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    return f"+86{digits}"


def looks_like_phone(value: str) -> bool:
    return bool(value) and re.fullmatch(r"[0-9\s+\-()]+", digits_ascii(value)) is not None


class MainlandPhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "手机号")
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel", "placeholder": "11 位手机号"}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return phone_normalize(value) if value else value
