from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.core.booking.selectors import waitlist_position
from apps.core.booking.services import occurrence_capacity_change, registration_cancel, registration_create
from apps.core.models import Registration
from tests.factories import occurrence_create, staff_create, user_create

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register_many(occurrence, n):
    return [registration_create(occurrence=occurrence, user=user_create()) for _ in range(n)]


def test_seats_then_waitlist_in_arrival_order():
    occurrence = occurrence_create(capacity=2)
    regs = register_many(occurrence, 4)
    assert [r.status for r in regs] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED, Status.WAITLISTED]
    assert list(Registration.objects.waitlist()) == regs[2:]


def test_registering_twice_is_refused_and_leaves_one_registration():
    occurrence = occurrence_create()
    user = user_create()
    registration_create(occurrence=occurrence, user=user)
    with pytest.raises(ValidationError, match="您已经报名了这个场次") as error:
        registration_create(occurrence=occurrence, user=user)
    assert error.value.code == "duplicate"
    assert Registration.objects.filter(user=user).count() == 1


def test_waitlisted_person_registering_again_is_told_they_wait():
    occurrence = occurrence_create(capacity=0)
    user = user_create()
    registration_create(occurrence=occurrence, user=user)
    with pytest.raises(ValidationError, match="候补名单") as error:
        registration_create(occurrence=occurrence, user=user)
    assert error.value.code == "duplicate"


def test_registration_window():
    now = timezone.now()
    later = occurrence_create(registration_opens_at=now + timedelta(hours=1))
    with pytest.raises(ValidationError, match="报名还没开始") as error:
        registration_create(occurrence=later, user=user_create())
    assert error.value.code == "not_open"
    closed = occurrence_create(registration_closes_at=now - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="报名已经截止") as error:
        registration_create(occurrence=closed, user=user_create())
    assert error.value.code == "closed"
    started = occurrence_create(starts_in_hours=-0.5)
    with pytest.raises(ValidationError, match="报名已经截止") as error:
        registration_create(occurrence=started, user=user_create())
    assert error.value.code == "closed"
    assert not Registration.objects.exists()


def test_cancelled_occurrence_and_no_registration_occurrence_refuse():
    with pytest.raises(ValidationError, match="已取消") as error:
        registration_create(occurrence=occurrence_create(is_cancelled=True), user=user_create())
    assert error.value.code == "cancelled"
    with pytest.raises(ValidationError, match="无需报名") as error:
        registration_create(occurrence=occurrence_create(capacity=None), user=user_create())
    assert error.value.code == "no_registration"


def test_cancel_gives_the_seat_to_the_first_on_the_waitlist_who_is_notified(
    sms_outbox, django_capture_on_commit_callbacks
):
    occurrence = occurrence_create(capacity=1)
    first, second, third = register_many(occurrence, 3)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first, by=first.user)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.CONFIRMED and third.status == Status.WAITLISTED
    assert sms_outbox[-1][0] == second.user.phone
    assert "候补转为正式报名" in sms_outbox[-1][1]


def test_cancel_after_the_deadline_is_refused_for_the_member_but_not_for_staff():
    occurrence = occurrence_create(starts_in_hours=1, cancel_before=timedelta(hours=2))
    (registration,) = register_many(occurrence, 1)
    with pytest.raises(ValidationError, match="已过取消截止时间") as error:
        registration_cancel(registration=registration, by=registration.user)
    assert error.value.code == "too_late"
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    registration_cancel(registration=registration, by=staff_create())
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_cancelling_someone_elses_registration_is_refused():
    (registration,) = register_many(occurrence_create(), 1)
    with pytest.raises(ValidationError, match="不能取消别人的报名") as error:
        registration_cancel(registration=registration, by=user_create())
    assert error.value.code == "not_yours"
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancelling_twice_is_refused():
    (registration,) = register_many(occurrence_create(), 1)
    registration_cancel(registration=registration, by=registration.user)
    with pytest.raises(ValidationError, match="已经取消过了") as error:
        registration_cancel(registration=registration, by=registration.user)
    assert error.value.code == "already_cancelled"


def test_a_cancelled_person_may_register_again():
    occurrence = occurrence_create()
    (registration,) = register_many(occurrence, 1)
    registration_cancel(registration=registration, by=registration.user)
    again = registration_create(occurrence=occurrence, user=registration.user)
    assert again.status == Status.CONFIRMED


def test_capacity_below_confirmed_is_refused():
    occurrence = occurrence_create(capacity=3)
    register_many(occurrence, 3)
    with pytest.raises(ValidationError, match="名额不能少于 3") as error:
        occurrence_capacity_change(occurrence=occurrence, capacity=2)
    assert error.value.code == "below_confirmed"
    occurrence.refresh_from_db()
    assert occurrence.capacity == 3


def test_raising_capacity_promotes_from_the_waitlist_in_order():
    occurrence = occurrence_create(capacity=1)
    regs = register_many(occurrence, 4)
    occurrence_capacity_change(occurrence=occurrence, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    occurrence.refresh_from_db()
    assert occurrence.sequence == 1


def test_seats_left_from_annotation_and_without():
    from apps.core.models import Occurrence

    occurrence = occurrence_create(capacity=5)
    register_many(occurrence, 2)
    assert occurrence.seats_left() == 3
    assert Occurrence.objects.with_counts().get(pk=occurrence.pk).seats_left() == 3


def test_reminders_go_once_to_confirmed_people_within_24_hours(sms_outbox, django_capture_on_commit_callbacks):
    from apps.core.booking.notifications import reminders_send

    soon = occurrence_create(capacity=1, starts_in_hours=20)
    later = occurrence_create(starts_in_hours=30)
    seated, _waiting = register_many(soon, 2)
    register_many(later, 1)
    sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
        assert reminders_send() == 0
    assert [phone for phone, _ in sms_outbox] == [seated.user.phone]
    assert "提醒" in sms_outbox[0][1]


def test_a_waitlisted_registration_comes_back_with_its_place_in_the_queue():
    occurrence = occurrence_create(capacity=1)
    regs = register_many(occurrence, 4)
    assert [r.queue_position for r in regs] == [None, 1, 2, 3]
    registration_cancel(registration=regs[2], by=regs[2].user)  # the second in the queue leaves
    assert registration_create(occurrence=occurrence, user=user_create()).queue_position == 3
    assert [waitlist_position(r) for r in Registration.objects.waitlist()] == [1, 2, 3]  # as the box counts


def test_staff_registering_someone_already_on_the_list_is_told_their_status():
    occurrence = occurrence_create(capacity=0)
    user = user_create()
    registration_create(occurrence=occurrence, user=user)
    with pytest.raises(ValidationError, match="已在名单中（候补中）") as error:
        registration_create(occurrence=occurrence, user=user, registered_by=staff_create())
    assert error.value.code == "duplicate"
    assert Registration.objects.filter(user=user).count() == 1
