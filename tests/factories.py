"""Small factories for tests: plain functions, no magic."""

import io
import itertools

from django.contrib.auth import get_user_model
from PIL import Image as PILImage

_counter = itertools.count(1)
PASSWORD = "a-long-test-password-42"


def user_create(*, phone: str | None = None, email: str | None = None, verified: bool = True, **extra):
    n = next(_counter)
    if phone is None and email is None:
        phone = f"+861390{n:07d}"
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, phone=phone, **extra)
    user.phone_verified = verified and bool(phone)
    user.save()
    return user


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
