import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.dashboard import personal_data
from apps.core.search.query import search_run, search_terms
from apps.culture.models import ChildAttendee
from tests.culture.factories import event_create, library_create

pytestmark = pytest.mark.django_db

CHILD = {"child_name": "朵朵", "child_age": "5", "guardian_consent": "on"}


def test_story_time_is_on_the_calendar_and_a_guardian_registers_a_child(client, resident):
    event = event_create(title="周末圈圈故事会", audience="families", capacity=20)
    month = f"{timezone.localtime(event.starts_at):%Y-%m}"
    calendar = client.get(reverse("core:calendar"), {"month": month, "audience": "families"}).text
    assert "周末圈圈故事会" in calendar and "余 20 席" in calendar

    client.force_login(resident)
    page = client.get(event.get_absolute_url()).text
    register_url = reverse("culture:event_register", args=[event.pk])
    assert register_url in page
    response = client.post(register_url, CHILD, follow=True)
    assert "报名成功" in response.text
    child = ChildAttendee.objects.get(registration__occurrence=event, registration__user=resident)
    assert (child.child_name, child.child_age) == ("朵朵", 5) and child.guardian_consent_at


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"child_age": "5", "guardian_consent": "on"}, "请填写孩子的姓名"),
        ({"child_name": "朵朵", "guardian_consent": "on"}, "请填写孩子的年龄"),
        ({"child_name": "朵朵", "child_age": "30", "guardian_consent": "on"}, "孩子的年龄应在"),
        ({"child_name": "朵朵", "child_age": "5"}, "请确认您是孩子的监护人"),
    ],
)
def test_child_registration_with_missing_fields_changes_nothing(client, resident, data, message):
    event = event_create(audience="families")
    client.force_login(resident)
    response = client.post(reverse("culture:event_register", args=[event.pk]), data)
    assert response.status_code == 400 and message in response.text
    assert not event.registrations.exists() and not ChildAttendee.objects.exists()


def test_child_registration_without_a_guardian_account_changes_nothing(client):
    event = event_create(audience="families")
    response = client.post(reverse("culture:event_register", args=[event.pk]), CHILD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not event.registrations.exists()


def test_one_click_register_defers_to_the_child_form(client, resident):
    event = event_create(audience="families")
    client.force_login(resident)
    response = client.post(reverse("core:occurrence_register", args=[event.pk]))
    assert response["Location"] == reverse("culture:event_register", args=[event.pk])
    assert not event.registrations.exists()


def test_registering_for_a_past_event_is_refused(client, resident):
    past = event_create(audience="families", starts_in_hours=-30)
    client.force_login(resident)
    response = client.post(reverse("culture:event_register", args=[past.pk]), CHILD)
    assert response.status_code == 400 and "报名已经截止" in response.text
    assert not past.registrations.exists()
    everyone = event_create(category="reading", starts_in_hours=-30)
    response = client.post(reverse("core:occurrence_register", args=[everyone.pk]), follow=True)
    assert "报名已经截止" in response.text and not everyone.registrations.exists()


def test_any_resident_not_only_members_registers_for_a_culture_event(client, resident):
    event = event_create(category="reading", title="读书分享会")
    client.force_login(resident)
    response = client.post(reverse("core:occurrence_register", args=[event.pk]), follow=True)
    assert "报名成功" in response.text


def test_childs_data_never_appears_in_public_and_goes_with_the_account(client, resident):
    event = event_create(audience="families", title="周末圈圈故事会")
    client.force_login(resident)
    client.post(reverse("culture:event_register", args=[event.pk]), {**CHILD, "child_name": "小石头"})
    assert "小石头" in client.get(reverse("accounts:me")).text  # the guardian sees it
    assert personal_data(resident)["culture"]["child_registrations"][0]["child_name"] == "小石头"
    client.logout()
    month = f"{timezone.localtime(event.starts_at):%Y-%m}"
    for url in (event.get_absolute_url(), reverse("culture:index"), reverse("core:calendar") + f"?month={month}",
                reverse("core:calendar_ics")):  # fmt: skip
        assert "小石头" not in client.get(url).content.decode()
    assert not any(group.hits for group in search_run(search_terms("小石头")))
    resident.delete()
    assert not ChildAttendee.objects.exists()


def test_reading_event_links_to_the_library(client):
    library = library_create(name="新安社区公益图书馆")
    event = event_create(category="reading", library=library)
    assert reverse("culture:library") in client.get(event.get_absolute_url()).text
    assert event.title in client.get(reverse("culture:library")).text


def test_culture_index_filters_by_category(client):
    event_create(category="film", title="送电影进小区")
    event_create(category="talk", title="防诈骗微宣讲")
    html = client.get(reverse("culture:index"), {"category": "film"}).text
    assert "送电影进小区" in html and "防诈骗微宣讲" not in html and "余 20 席" in html


def test_calendar_query_count_is_constant_with_culture_events(client):
    first = event_create(audience="families")
    month = f"{timezone.localtime(first.starts_at):%Y-%m}"
    url = reverse("core:calendar") + f"?month={month}"
    client.get(url)
    for _ in range(4):
        event_create()
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    for i in range(45):
        event_create(starts_in_hours=48 + i)
    with CaptureQueriesContext(connection) as fifty:
        assert client.get(url).status_code == 200
    assert len(fifty) == len(five)


def test_past_event_tells_visitors_registration_has_closed(client):
    past = event_create(category="reading", starts_in_hours=-30)
    html = client.get(past.get_absolute_url()).text
    assert "报名已经截止" in html and "登录后报名" not in html


def test_cancelling_a_families_registration_forgets_the_child(client, resident):
    from apps.core.models import Registration

    event = event_create(title="亲子故事会", audience="families", capacity=20)
    client.force_login(resident)
    client.post(reverse("culture:event_register", args=[event.pk]), CHILD)
    registration = Registration.objects.get(occurrence=event, user=resident)
    assert ChildAttendee.objects.filter(registration=registration).exists()
    client.post(reverse("core:registration_cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert not ChildAttendee.objects.exists()
