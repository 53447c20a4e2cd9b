"""The session page reads the session (with its seats) and the person's own registration through the page
cache's generation (apps.core.pagecache.generation_cached): a page seen again runs no query for them, and
every write that changes what the page says shows on the next request, for a logged-in member too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.selectors import booking_state
from apps.core.booking.services import registration_cancel, registration_create
from tests.classes.factories import member_create, session_create
from tests.factories import user_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # what a logged-in member meets: no whole-page cache, only the cached reads
    # Sessions read from the cache, as with REDIS_URL: the counts below are the page's reads, not the session's.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def page(client, session) -> str:
    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_seen_again_the_page_reads_neither_the_session_nor_the_person(client, django_assert_max_num_queries):
    session = session_create(capacity=3)
    client.force_login(member_create())
    with django_assert_max_num_queries(5):  # the session, the user, their registration and membership, site settings
        page(client, session)
    with django_assert_max_num_queries(1):  # the user only (the session's log-in)
        assert "余 3 席" in page(client, session)


def test_someone_elses_registration_changes_the_seats_shown(client):
    session = session_create(capacity=3)
    client.force_login(member_create())
    assert "余 3 席" in page(client, session)
    registration_create(occurrence=session, user=member_create())
    assert "余 2 席" in page(client, session)


def test_the_members_own_registration_and_cancellation_show_at_once(client):
    session = session_create(capacity=3)
    member = member_create()
    client.force_login(member)
    assert "您已报名成功" not in page(client, session)
    client.post(reverse("core:occurrence_register", args=[session.pk]))
    text = page(client, session)
    assert "您已报名成功" in text and "余 2 席" in text
    registration_cancel(registration=member.registrations.get(), by=member)
    text = page(client, session)
    assert "您已报名成功" not in text and "余 3 席" in text


def test_the_waiting_place_moves_up_when_someone_ahead_leaves(client):
    session = session_create(capacity=1)
    registration_create(occurrence=session, user=member_create())  # the seat
    ahead = registration_create(occurrence=session, user=member_create())
    member = member_create()
    registration_create(occurrence=session, user=member)
    client.force_login(member)
    assert "排第 2 位" in page(client, session)
    registration_cancel(registration=ahead, by=ahead.user)
    assert "排第 1 位" in page(client, session)


def test_a_membership_verified_meanwhile_opens_the_button(client):
    session = session_create()
    resident = member_create(status="pending")
    client.force_login(resident)
    assert "审核中" in page(client, session)
    resident.member_profile.status = "verified"
    resident.member_profile.save()
    text = page(client, session)
    assert "审核中" not in text and ">报名</button>" in text


def test_an_edited_session_shows_its_new_title(client):
    session = session_create(title="红色地名故事")
    client.force_login(member_create())
    assert "红色地名故事" in page(client, session)
    session.title = "红色地名故事（改期）"
    session.save()
    assert "红色地名故事（改期）" in page(client, session)


def test_the_time_still_decides_on_a_cached_read():
    """The window and the cancel deadline are not cached: the same cached reads give 报名已经截止 later."""
    session = session_create(starts_in_hours=3)
    member = member_create()
    assert booking_state(session, member).can_register
    later = timezone.now() + timedelta(hours=4)
    state = booking_state(session, member, now=later)
    assert not state.can_register and state.reason == "报名已经截止。"


def test_one_persons_registration_is_never_shown_to_another(client):
    session = session_create(capacity=3)
    member = member_create()
    registration_create(occurrence=session, user=member)
    client.force_login(member)
    assert "您已报名成功" in page(client, session)
    client.force_login(member_create())
    assert "您已报名成功" not in page(client, session)
    client.force_login(user_create())
    assert "本场仅限党员报名" in page(client, session)
