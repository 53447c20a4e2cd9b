"""红岭课堂, 红岭文化 and the demo accounts from a seeds folder (classes.yaml, culture.yaml, library.csv, users.yaml):
the second brand's tiny set loads through the services, dates are relative to today, and nobody is messaged (the
bad entries of these files are tested with the others' in test_seeds_entries.py)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.accounts.models import User
from apps.classes.models import Course, MemberProfile, Session
from apps.core.booking.services import registration_cancel, registration_create
from apps.core.models import Registration
from apps.culture.models import Book, CultureEvent, Library

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).with_name("seeds_example")


def test_the_second_brand_gets_its_classes_culture_and_accounts(settings):
    settings.DEBUG = True
    call_command("seed", folder=str(EXAMPLE), verbosity=0)
    assert sorted(User.objects.values_list("display_name", flat=True)) == ["东岭党员老林", "东岭管理员"]
    member = User.objects.get(phone="+8613700009001")
    assert member.check_password("hongling-demo-2026") and member.phone_verified
    assert MemberProfile.objects.get(user=member).status == MemberProfile.Status.VERIFIED
    session = Session.objects.get()
    assert (session.course.title, session.venue_hub.slug) == ("东岭夜话：楼道里的事", "dongling")
    starts = timezone.localtime(session.starts_at)
    assert starts.date() == timezone.localdate() + timedelta(days=5) and starts.strftime("%H:%M") == "19:30"
    assert Registration.objects.get(occurrence=session).user == member  # signed up through the booking engine
    event = CultureEvent.objects.get()
    assert event.library == Library.objects.get(name="东岭社区书屋")
    assert timezone.localtime(event.starts_at).weekday() == 5 and event.starts_at > timezone.now()
    assert dict(Book.objects.values_list("title", "available")) == {"红岩": 2, "草房子": 1}
    call_command("seed", folder=str(EXAMPLE), verbosity=0)  # twice changes nothing
    assert (Course.objects.count(), Session.objects.count(), Registration.objects.count()) == (1, 1, 1)
    assert (CultureEvent.objects.count(), Book.objects.count(), User.objects.count()) == (1, 2, 2)


def test_production_seed_makes_no_accounts_members_or_sign_ups(settings):
    settings.DEBUG = False
    call_command("seed", folder=str(EXAMPLE), verbosity=0)
    assert not User.objects.exists() and not MemberProfile.objects.exists() and not Registration.objects.exists()
    assert Session.objects.count() == 1 and Book.objects.count() == 2  # the content itself is not demo-only


def test_seeding_messages_nobody_though_the_demo_signs_up(
    settings, mailoutbox, sms_outbox, django_capture_on_commit_callbacks
):
    """The seed's sign-ups and verified members are real rows, but nobody is told: no mail, no SMS."""
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed", folder=str(EXAMPLE), verbosity=0)
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert MemberProfile.objects.get(user=registration.user).status == MemberProfile.Status.VERIFIED
    assert mailoutbox == [] and sms_outbox == []
    registration_cancel(registration=registration, by=registration.user)
    with django_capture_on_commit_callbacks(execute=True):  # outside the seed the same sign-up is announced
        registration_create(occurrence=registration.occurrence, user=registration.user)
    assert [phone for phone, _ in sms_outbox] == [registration.user.phone]
