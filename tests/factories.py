"""Small factories for tests: plain functions, no magic."""

import io
import itertools

from django.contrib.auth import get_user_model
from PIL import Image as PILImage

_counter = itertools.count(1)
PASSWORD = "a-long-test-password-42"


def user_create(
    *, phone: str | None = None, email: str | None = None, verified: bool = True, mfa: bool | None = None, **extra
):
    """A user; staff get a TOTP authenticator unless mfa=False (the admin refuses staff without one)."""
    n = next(_counter)
    if phone is None and email is None:
        phone = f"+861390{n:07d}"
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, phone=phone, **extra)
    user.phone_verified = verified and bool(phone)
    user.save()
    if mfa or (mfa is None and user.is_staff):
        totp_create(user)
    return user


def totp_create(user) -> str:
    """Give the user a TOTP authenticator through allauth's own API; returns the secret (base32)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows for `secret` at time `at` (now by default)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time() if at is None else at) // 30))


def staff_create(**extra):
    return user_create(is_staff=True, **extra)


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (800, 600), colour=(180, 40, 30), exif=None) -> bytes:
    picture = PILImage.new("RGB", size, colour)
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    picture.save(out, fmt, **kwargs)
    return out.getvalue()


def occurrence_create(*, capacity: int | None = 10, starts_in_hours: float = 48, hours: float = 2, **extra):
    from datetime import timedelta

    from django.utils import timezone

    from apps.core.models import Occurrence

    starts = timezone.now() + timedelta(hours=starts_in_hours)
    fields = {"kind": "test", "title": "讲习夜校", "place": "连心广场", "capacity": capacity} | extra
    return Occurrence.objects.create(starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields)
