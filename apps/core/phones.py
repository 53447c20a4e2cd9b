"""Numbers as residents type them, and mainland China mobile numbers: the one place they are read,
normalised and masked."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

# What Chinese input methods type instead of + - ( ), a space and the X of an ID number (fullwidth forms).
_FULLWIDTH_PUNCTUATION = str.maketrans("＋－（）Ｘｘ\u3000", "+-()Xx ")


def digits_ascii(value: str) -> str:
    """Every decimal digit of any script as its ASCII twin: fullwidth '１３９', Arabic-Indic '١٣٩', and any
    mix of them, read as '139'; fullwidth + - ( ) X as ASCII. Only Unicode decimal digits (category Nd) are
    read, since each has exactly one value; look-alikes that are not digits (①, ¹, the letter O) stay.
    One character in, one out, so positions in the result are positions in `value`."""
    value = (value or "").translate(_FULLWIDTH_PUNCTUATION)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in value)


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


def mask_phone(phone: str) -> str:
    """138****1234 — how a phone number is shown wherever its owner or a need-to-know staff is not."""
    digits = (phone or "").removeprefix("+86")
    if len(digits) < 7:
        return "****"
    return f"{digits[:3]}****{digits[-4:]}"


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
