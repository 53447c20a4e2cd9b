import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.classes.models import Course
from tests.classes.factories import course_create, member_create, session_create

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_menu_course_and_session_pages_keep_a_constant_query_count(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the views' queries, not a page-cache hit
    settings.FRAGMENT_CACHE_SECONDS = 0  # nor a cached fragment
    course = course_create()
    sessions = [session_create(course=course, starts_in_hours=24 + i) for i in range(5)]
    for _ in range(4):
        session_create()
    urls = [reverse("classes:menu"), course.get_absolute_url(), sessions[0].get_absolute_url()]
    for url in urls:
        client.get(url)  # warm caches (site settings)
    few = [count_queries(client, url) for url in urls]
    for i in range(45):
        session_create(course=course, starts_in_hours=30 + i)
    for _ in range(20):
        session_create()
    assert [count_queries(client, url) for url in urls] == few


def test_menu_filters_by_format_and_mode(client):
    course_create(title="夜校课", format="night_school")
    course_create(title="网课", format="online", mode="online")
    html = client.get(reverse("classes:menu"), {"format": "online"}).text
    assert "网课" in html and "夜校课" not in html
    html = client.get(reverse("classes:menu"), {"mode": "offline"}).text
    assert "夜校课" in html and "网课" not in html


def test_menu_defaults_to_the_members_own_category(client):
    course_create(title="给离退休党员的课", audiences=["retired"])
    course_create(title="给青年党员的课", audiences=["youth"])
    course_create(title="给所有党员的课", audiences=[])
    client.force_login(member_create(category="youth"))
    html = client.get(reverse("classes:menu")).text
    assert "给青年党员的课" in html and "给所有党员的课" in html and "给离退休党员的课" not in html
    html = client.get(reverse("classes:menu"), {"audience": ""}).text
    assert "给离退休党员的课" in html


def test_menu_bad_filters_do_not_break_the_page(client):
    response = client.get(reverse("classes:menu"), {"format": "nope", "start": "2026-99-99", "hub": "x"})
    assert response.status_code == 200


def test_menu_date_filter(client):
    soon = session_create(course=course_create(title="近期课"), starts_in_hours=24)
    session_create(course=course_create(title="远期课"), starts_in_hours=24 * 40)
    day = timezone.localdate(soon.starts_at).isoformat()  # the menu filters by local (Asia/Shanghai) dates
    html = client.get(reverse("classes:menu"), {"start": day, "end": day}).text
    assert "近期课" in html and "远期课" not in html


def test_unpublished_course_and_its_sessions_are_404(client):
    course = course_create(is_published=False)
    session = session_create(course=course)
    assert client.get(course.get_absolute_url()).status_code == 404
    assert client.get(session.get_absolute_url()).status_code == 404
    assert Course.objects.published().count() == 0


def test_sites_and_routes_pages(client):
    from apps.classes.models import RedSite, Route, RouteStop

    site = RedSite.objects.create(name="红船初心馆", address="某地", summary="从红船讲起")
    route = Route.objects.create(title="初心之路", summary="三处阵地")
    RouteStop.objects.create(route=route, site=site)
    session_create(route=route)
    assert "红船初心馆" in client.get(reverse("classes:sites")).text
    html = client.get(reverse("classes:routes")).text
    assert "初心之路" in html and "可报名的场次" in html


def test_courses_are_found_by_search(client):
    course_create(title="讲习夜校：基层治理", summary="小区的事商量着办。")
    course_create(title="未公开的课", is_published=False)
    html = client.get(reverse("search:results"), {"q": "讲习夜校"}).text
    assert "基层治理" in html and "未公开的课" not in html


def test_menu_shows_each_courses_next_three_sessions(client):
    long_series, other = course_create(title="讲习夜校系列"), course_create(title="网络党校")
    for week in range(12):
        session_create(course=long_series, starts_in_hours=24 + 168 * week, title=f"第{week + 1}讲")
    session_create(course=other, starts_in_hours=30, title="网络党校直播")
    html = client.get(reverse("classes:menu")).text
    assert all(f"第{n}讲<" in html for n in (1, 2, 3)) and "第4讲<" not in html
    assert "网络党校直播<" in html


def test_session_page_counts_its_seats_in_the_same_query(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    from apps.core.booking.services import registration_cancel, registration_create
    from tests.factories import user_create

    session = session_create(capacity=3, members_only=False)
    url = reverse("classes:session", args=[session.pk])
    assert "余 3 席" in client.get(url).text  # nobody yet: the subquery's NULL is 0
    people = [user_create(phone=f"+861390000{n:04d}") for n in range(4)]
    registrations = [registration_create(occurrence=session, user=person) for person in people]
    assert "已满" in client.get(url).text  # three seated, the fourth waitlisted
    registration_cancel(registration=registrations[0], by=people[0])  # the waitlisted one moves up
    registration_cancel(registration=registrations[1], by=people[1])
    assert "余 1 席" in client.get(url).text  # cancelled and waitlisted rows are not counted
