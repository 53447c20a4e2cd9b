"""Every main page runs the same number of queries with ten times the data (no query per row)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.services import registration_create
from apps.hubs.lifecycle import Status
from apps.hubs.models import Project
from tests.classes.factories import course_create, member_create, session_create
from tests.culture.factories import book_create, event_create, library_create
from tests.hubs.factories import hub_create, report_create
from tests.news.factories import article_create
from tests.pioneers.factories import activity_create, pioneer_create, team_create

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20


class World:
    """A few of everything a page lists; grow() adds more of each, in the same shapes."""

    def __init__(self):
        self.member = member_create(display_name="党员老王")
        self.hub = hub_create()
        self.library = library_create(hub=self.hub)
        self.units = 0
        self.first = {}

    def grow(self, to: int):
        while self.units < to:
            n, self.units = self.units, self.units + 1
            hours = 30 + n  # all in the coming days, so in this month's or next month's calendar
            article = article_create(title=f"社区服务简讯{n}", tags=["党建"])
            course = course_create()
            session = session_create(course=course, starts_in_hours=hours)
            session_create(course=course, starts_in_hours=hours + 0.5)
            event = event_create(starts_in_hours=hours)
            activity = activity_create(team=team_create(hub=self.hub), starts_in_hours=hours)
            pioneer_create(hub=self.hub)
            report = report_create(hub=self.hub, status=Status.COMPLETED if n % 2 else Status.ACCEPTED)
            project = Project.objects.create(hub=self.hub, title=f"工程{n}", kind="road", summary="修路。")
            project.reports.add(report)
            book_create(title=f"党建读本{n}")
            for occurrence in (session, event, activity):
                registration_create(occurrence=occurrence, user=self.member)
            self.first.setdefault("article", article)
            self.first.setdefault("course", course)
            self.first.setdefault("session", session)
            self.first.setdefault("report", report)
            self.first.setdefault("project", project)

    def pages(self) -> dict[str, str]:
        month = f"{timezone.localtime(self.first['session'].starts_at):%Y-%m}"
        return {
            "home": reverse("core:home"),
            "news list": reverse("news:list"),
            "article": self.first["article"].get_absolute_url(),
            "class menu": reverse("classes:menu"),
            "course": self.first["course"].get_absolute_url(),
            "session": self.first["session"].get_absolute_url(),
            "hubs": reverse("hubs:directory"),
            "hub": self.hub.get_absolute_url(),
            "reports": reverse("hubs:report_list"),
            "report": self.first["report"].get_absolute_url(),
            "projects": reverse("hubs:project_list"),
            "project": self.first["project"].get_absolute_url(),
            "calendar month": f"{reverse('core:calendar')}?month={month}",
            "calendar list": f"{reverse('core:calendar')}?month={month}&view=list",
            "search": f"{reverse('search:results')}?q=服务",
            "search kind": f"{reverse('search:results')}?q=服务&kind=news.article",
            "pioneers": reverse("pioneers:gallery"),
            "culture": reverse("culture:index"),
            "library": reverse("culture:library"),
            "me": reverse("accounts:me"),
        }


def _queries(client, path: str) -> int:
    cache.clear()  # count a cold request: cached sections must not hide a query per row
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_main_pages_run_the_same_queries_with_ten_times_the_data(client):
    world = World()
    client.force_login(world.member)
    world.grow(SMALL)
    small = {name: _queries(client, path) for name, path in world.pages().items()}
    world.grow(LARGE)
    large = {name: _queries(client, path) for name, path in world.pages().items()}
    grown = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grown, f"queries (with {SMALL} → {LARGE} of everything): {grown}"
