import itertools
from datetime import timedelta

from django.utils import timezone

from apps.culture.models import Book, CultureEvent, DriftBook, Library
from tests.hubs.factories import hub_create

_n = itertools.count(1)


def demo_isbn(n: int) -> str:
    """A made-up ISBN-13 in the 978-7 (China) range with a correct check digit (as in seeds/library.csv)."""
    body = f"97875{n:07d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def event_create(*, starts_in_hours: float = 48, hours: float = 1, **extra) -> CultureEvent:
    starts = timezone.now() + timedelta(hours=starts_in_hours)
    fields = {"category": "story", "title": f"圈圈故事会{next(_n)}", "summary": "讲绘本故事。", "capacity": 20} | extra
    event = CultureEvent(starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields)
    event.save()
    return event


def library_create(**extra) -> Library:
    fields = {"name": f"社区图书馆{next(_n)}", "address": "党群服务中心一楼", "opening_hours": "9:00–17:00",
              "summary": "公益图书馆。"} | extra  # fmt: skip
    return Library.objects.create(hub=fields.pop("hub", None) or hub_create(), **fields)


def book_create(**extra) -> Book:
    n = next(_n)
    return Book.objects.create(**({"title": f"书{n}", "isbn": demo_isbn(500 + n), "category": "literature"} | extra))


def drift_book_create(**extra) -> DriftBook:
    fields = {"code": f"PL-{next(_n):04d}", "title": "平凡的世界"} | extra
    return DriftBook.objects.create(released_hub=fields.pop("released_hub", None) or hub_create(), **fields)
