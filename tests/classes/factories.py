import itertools
from datetime import timedelta

from django.utils import timezone

from apps.classes.models import Course, MemberProfile, Session
from tests.factories import user_create
from tests.hubs.factories import hub_create

_n = itertools.count(1)


def course_create(**extra) -> Course:
    fields = {"title": f"讲习夜校第{next(_n)}讲", "format": "night_school", "summary": "一句话介绍。"} | extra
    return Course.objects.create(**fields)


def session_create(*, course=None, starts_in_hours: float = 48, hours: float = 1.5, **extra) -> Session:
    starts = timezone.now() + timedelta(hours=starts_in_hours)
    fields = {"capacity": 20, "members_only": True} | extra
    session = Session(
        course=course or course_create(), starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields
    )
    session.save()
    return session


def member_create(*, status: str = "verified", category: str = "working", branch=None, **user_fields):
    user = user_create(**user_fields)
    MemberProfile.objects.create(
        user=user, branch=branch or hub_create(), category=category, year_joined=2010, status=status
    )
    return user
