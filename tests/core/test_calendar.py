from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from apps.core.booking.services import occurrence_capacity_change, registration_create
from tests.factories import occurrence_create, user_create

pytestmark = pytest.mark.django_db


def month_of(occurrence) -> str:
    return f"{timezone.localtime(occurrence.starts_at):%Y-%m}"


def test_calendar_month_shows_public_occurrences_with_seats_left(client):
    occurrence = occurrence_create(title="圈圈故事会", capacity=3)
    occurrence_create(title="内部会议", is_public=False, starts_in_hours=49)
    registration_create(occurrence=occurrence, user=user_create())
    html = client.get(reverse("core:calendar"), {"month": month_of(occurrence)}).text
    assert "圈圈故事会" in html and "余 2 席" in html
    assert "内部会议" not in html


def test_calendar_full_occurrence_says_waitlist(client):
    occurrence = occurrence_create(title="读书分享会", capacity=1)
    registration_create(occurrence=occurrence, user=user_create())
    html = client.get(reverse("core:calendar"), {"month": month_of(occurrence), "view": "list"}).text
    assert "已满 · 可候补" in html


@pytest.mark.parametrize("month", ["2026-13", "99999-01", "2026-1", "abc", "2026-00", "1900-05"])
def test_calendar_bad_month_gets_a_clear_message(client, month):
    response = client.get(reverse("core:calendar"), {"month": month})
    assert response.status_code == 400
    assert "已为您显示本月" in response.text


def test_calendar_filters_by_audience(client):
    a = occurrence_create(title="亲子故事会", audience="families")
    occurrence_create(title="党员夜校", audience="members", starts_in_hours=50)
    html = client.get(reverse("core:calendar"), {"month": month_of(a), "audience": "families"}).text
    assert "亲子故事会" in html and "党员夜校" not in html


def test_calendar_query_count_is_constant(client, django_assert_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0  # the view's own queries, not a cached page
    first = occurrence_create()
    client.get(reverse("core:calendar"), {"month": month_of(first)})  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        client.get(reverse("core:calendar"), {"month": month_of(first)})
    for i in range(50):
        occurrence_create(starts_in_hours=48 + i)
    with django_assert_num_queries(len(five)):
        client.get(reverse("core:calendar"), {"month": month_of(first)})


def parse(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_public_ics_round_trips_with_stable_uid_growing_sequence_and_cancellation(client):
    occurrence = occurrence_create(title="流动党校")
    first = parse(client.get(reverse("core:calendar_ics")))
    assert first["METHOD"] == "PUBLISH"
    assert any(c.name == "VTIMEZONE" and c["TZID"] == "Asia/Shanghai" for c in first.walk())
    (event,) = first.walk("VEVENT")
    uid, sequence = str(event["UID"]), int(event["SEQUENCE"])
    assert str(event["SUMMARY"]) == "流动党校"
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=8)

    occurrence.title = "流动党校（改期）"
    occurrence.starts_at += timedelta(days=1)
    occurrence.ends_at += timedelta(days=1)
    occurrence.save()
    occurrence_capacity_change(occurrence=occurrence, capacity=20)
    occurrence.refresh_from_db()
    occurrence.is_cancelled = True
    occurrence.save()

    (event,) = parse(client.get(reverse("core:calendar_ics"))).walk("VEVENT")
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == sequence + 3
    assert str(event["STATUS"]) == "CANCELLED"


def test_single_occurrence_ics(client):
    occurrence = occurrence_create(title="主题党日")
    (event,) = parse(client.get(reverse("core:occurrence_ics", args=[occurrence.pk]))).walk("VEVENT")
    assert str(event["SUMMARY"]) == "主题党日"
    hidden = occurrence_create(is_public=False)
    assert client.get(reverse("core:occurrence_ics", args=[hidden.pk])).status_code == 404


def test_private_feed_lists_only_my_registrations_and_needs_the_token(client):
    mine = occurrence_create(title="我报名的课")
    occurrence_create(title="别人的课", starts_in_hours=60)
    me = user_create()
    registration_create(occurrence=mine, user=me)
    events = parse(client.get(reverse("core:my_calendar_ics", args=[me.calendar_token]))).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["我报名的课"]
    assert client.get(reverse("core:my_calendar_ics", args=["guess"])).status_code == 404


def test_home_shows_this_weeks_occurrences(client):
    occurrence_create(title="广场文化月月演", starts_in_hours=30)
    occurrence_create(title="下个月的活动", starts_in_hours=24 * 20)
    html = client.get("/").text
    assert "未来 7 天" in html and "广场文化月月演" in html
    assert html.index("未来 7 天") < html.index("四大板块")  # what is on comes before the pillars
    assert "下个月的活动" not in html


def _busy_day(count: int, *, title: str = "楼栋议事会"):
    """`count` occurrences starting ten minutes apart from 09:00 (local) three days from now."""
    from datetime import datetime, time

    day = timezone.localdate() + timedelta(days=3)
    nine = timezone.make_aware(datetime.combine(day, time(9)))
    hours = (nine - timezone.now()) / timedelta(hours=1)
    return [occurrence_create(title=f"{title}{n}", starts_in_hours=hours + n / 6) for n in range(count)], day


def test_calendar_month_shows_a_few_per_day_and_links_to_the_rest(client):
    _, day = _busy_day(10)
    html = client.get(reverse("core:calendar"), {"month": f"{day:%Y-%m}"}).text
    assert all(f"楼栋议事会{n}<" in html for n in range(4))
    assert "楼栋议事会4<" not in html and "还有 6 项" in html
    link = f"?month={day:%Y-%m}&amp;view=list&amp;day={day:%Y-%m-%d}"
    assert link in html
    day_list = client.get(reverse("core:calendar"), {"month": f"{day:%Y-%m}", "view": "list", "day": f"{day}"}).text
    assert all(f"楼栋议事会{n}<" in day_list for n in range(10)) and "看整个月" in day_list


def test_calendar_list_is_paginated(client):
    _, day = _busy_day(35)
    url = reverse("core:calendar")
    first = client.get(url, {"month": f"{day:%Y-%m}", "view": "list"}).text
    assert "第 1 / 2 页" in first and "楼栋议事会29<" in first and "楼栋议事会30<" not in first
    second = client.get(url, {"month": f"{day:%Y-%m}", "view": "list", "page": 2}).text
    assert "楼栋议事会34<" in second and "楼栋议事会0<" not in second


@pytest.mark.parametrize("view", ["month", "list"])
def test_calendar_busy_month_costs_the_same_queries_as_a_quiet_one(
    client, view, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0  # the view's own queries, not a cached page
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, day = _busy_day(3)
    params = {"month": f"{day:%Y-%m}", "view": view}
    client.get(reverse("core:calendar"), params)  # warm the site-settings cache
    with CaptureQueriesContext(connection) as quiet:
        client.get(reverse("core:calendar"), params)
    _busy_day(60, title="志愿服务")
    with django_assert_max_num_queries(len(quiet)):
        html = client.get(reverse("core:calendar"), params).text
    assert html.count('class="occurrence') <= 30
