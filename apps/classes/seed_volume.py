"""`seed --volume N` for 红岭课堂: N/10 class sessions and N/100 sign-ups for one demo member. Idempotent.

The sessions spread over the offline courses, the hubs and the past and coming year (so every month of
the calendar has some). The first demo member of classes.yaml (陈老师) signs up through the booking engine, as
the 报名 button does, and is checked in at the past ones: her /me/ page and study record grow with N, which
shows whether their queries do.
"""

from datetime import time, timedelta

from django.utils import timezone

from apps.core.booking.bulk import occurrences_bulk_create
from apps.core.booking.checkin import registration_check_in
from apps.core.booking.services import registration_create
from apps.core.models import Registration
from apps.core.seeding import days_from_today

from .models import Course, Session

VOLUME_MARK = "（批量场次"


def volume_signups(volume: int) -> int:
    return -(-volume // 100)  # rounded up: a small volume still shows one


def volume_sessions_seed(hubs, volume: int) -> list[Session]:
    """Top the bulk sessions up to N/10, inserted in bulk (their values are made here, not typed by anyone)."""
    have = list(Session.objects.filter(title__contains=VOLUME_MARK).order_by("pk"))
    courses = list(Course.objects.published().filter(mode=Course.Mode.OFFLINE).order_by("pk"))
    venues = [hubs[slug] for slug in sorted(hubs)]
    new = []
    for n in range(len(have), volume // 10):
        course = courses[n % len(courses)]
        starts = days_from_today(n % 730 - 365, time(9 + n % 11, 30))
        new.append(
            Session(
                course=course,
                title=f"{course.title}{VOLUME_MARK} {n + 1}）",
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
                capacity=30,
                venue_hub=venues[n % len(venues)],
            )
        )
    return have + occurrences_bulk_create(new)


def volume_signups_seed(sessions: list[Session], member, volume: int) -> int:
    """Sign `member` up for about N/100 of the bulk sessions, spread over the two years: the past ones checked in."""
    taken = set(
        Registration.objects.live().filter(user=member, occurrence__in=sessions).values_list("occurrence_id", flat=True)
    )
    wanted = volume_signups(volume) - len(taken)
    step = max(1, len(sessions) // max(1, volume_signups(volume)))
    created = 0
    for session in [*sessions[::step], *sessions]:
        if created >= wanted:
            break
        if session.pk in taken:
            continue
        taken.add(session.pk)
        registration_create(occurrence=session, user=member, now=session.starts_at - timedelta(days=2))
        if session.ends_at < timezone.now():
            registration_check_in(
                occurrence=session, user=member, method="staff", now=session.starts_at + timedelta(minutes=5)
            )
        created += 1
    return created
