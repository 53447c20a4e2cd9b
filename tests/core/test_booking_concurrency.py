"""Seats under real contention: many threads, each with its own PostgreSQL connection, at once.

Each test widens the race window on purpose (a pause between counting seats and writing), so a missing
lock would show. The control test removes the lock and proves that the same setup then overbooks.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from apps.core.booking import services
from apps.core.models import Occurrence, Registration
from tests.factories import occurrence_create, user_create

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("contention"),  # under pytest-xdist: one worker, never beside each other
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL (row locks); run with DATABASE_URL=postgres://…",
    ),
]
Status = Registration.Status
THREADS = 60
SEATS = 10


@pytest.fixture
def slow_count(monkeypatch):
    """Pause after counting seats (registering, promoting), so that racing transactions really overlap."""
    real = services._seat_counts

    def counted_then_pause(occurrence):
        counts = real(occurrence)
        time.sleep(0.02)
        return counts

    monkeypatch.setattr(services, "_seat_counts", counted_then_pause)


def run_at_once(jobs):
    """Run callables in threads released together by a barrier; return their results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as error:  # collected for the assertions
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_sixty_people_ten_seats_exactly_ten_confirmed_rest_waitlisted_in_order(slow_count):
    occurrence = occurrence_create(capacity=SEATS)
    users = [user_create() for _ in range(THREADS)]
    results = run_at_once([lambda u=u: services.registration_create(occurrence=occurrence, user=u) for u in users])

    assert not [r for r in results if isinstance(r, Exception)]
    regs = Registration.objects.filter(occurrence=occurrence)
    assert regs.count() == THREADS  # nobody lost, nobody twice
    assert regs.filter(status=Status.CONFIRMED).count() == SEATS
    assert regs.filter(status=Status.WAITLISTED).count() == THREADS - SEATS
    ordered = list(regs.order_by("created_at", "id").values_list("status", flat=True))
    assert ordered == [Status.CONFIRMED] * SEATS + [Status.WAITLISTED] * (THREADS - SEATS)
    # each waiting person was told a different place, the one the queue gives them
    told = {r.pk: r.queue_position for r in results if r.status == Status.WAITLISTED}
    queue = Registration.objects.waitlist().filter(occurrence=occurrence)
    assert told == {r.pk: place for place, r in enumerate(queue, 1)}


def test_double_submit_from_one_person_under_contention_yields_one_registration(slow_count):
    occurrence = occurrence_create(capacity=SEATS)
    user = user_create()
    results = run_at_once([lambda: services.registration_create(occurrence=occurrence, user=user)] * 20)
    assert sum(isinstance(r, Registration) for r in results) == 1
    refusals = [r for r in results if not isinstance(r, Registration)]
    assert all(isinstance(r, ValidationError) and r.code == "duplicate" for r in refusals)  # never an IntegrityError
    assert Registration.objects.filter(occurrence=occurrence, user=user).count() == 1


def test_mixed_cancels_and_registrations_keep_the_count_exact_and_promote_the_oldest(slow_count):
    occurrence = occurrence_create(capacity=SEATS)
    first = [services.registration_create(occurrence=occurrence, user=user_create()) for _ in range(SEATS + 10)]
    confirmed, waiting = first[:SEATS], first[SEATS:]
    newcomers = [user_create() for _ in range(20)]
    jobs = [lambda r=r: services.registration_cancel(registration=r, by=r.user) for r in confirmed[:5]]
    jobs += [lambda u=u: services.registration_create(occurrence=occurrence, user=u) for u in newcomers]
    results = run_at_once(jobs)

    assert not [r for r in results if isinstance(r, Exception)]
    live = Registration.objects.filter(occurrence=occurrence).live()
    assert live.filter(status=Status.CONFIRMED).count() == SEATS
    # The five freed seats went to the five oldest on the waitlist, not to newcomers.
    promoted = set(live.filter(status=Status.CONFIRMED).values_list("pk", flat=True)) - {r.pk for r in confirmed}
    assert promoted == {r.pk for r in waiting[:5]}
    assert not live.filter(status=Status.CONFIRMED, user__in=newcomers).exists()


def test_control_without_the_lock_the_same_race_overbooks(slow_count, monkeypatch):
    """Proves the setup produces real contention: remove the row lock and seats are oversold."""
    monkeypatch.setattr(services, "_locked", lambda pk: Occurrence.objects.get(pk=pk))
    occurrence = occurrence_create(capacity=SEATS)
    users = [user_create() for _ in range(THREADS)]
    run_at_once([lambda u=u: services.registration_create(occurrence=occurrence, user=u) for u in users])
    assert Registration.objects.filter(occurrence=occurrence, status=Status.CONFIRMED).count() > SEATS
