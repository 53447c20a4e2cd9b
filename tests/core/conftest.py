"""Fixtures shared by the core tests."""

import pytest
from django.urls import reverse

from apps.hubs.lifecycle import Status
from apps.hubs.models import Consultation, Project
from tests.classes.factories import session_create
from tests.culture.factories import event_create, library_create
from tests.hubs.factories import hub_create, report_create
from tests.news.factories import article_create
from tests.pioneers.factories import pioneer_create, team_create


@pytest.fixture
def public_urls(db):
    """The public URL map of SPEC section 2, each with an object to show."""
    hub = hub_create()
    session = session_create()
    report = report_create(hub=hub, status=Status.ACCEPTED)
    consultation = Consultation.objects.create(
        hub=hub, topic="地块用途", held_at="2026-03-20T19:00+08:00", is_published=True, decision="建公园"
    )
    project = Project.objects.create(hub=hub, title="护坡公园", kind="green", summary="建成公园")
    library_create(hub=hub)
    return [
        "/",
        reverse("news:list"),
        article_create().get_absolute_url(),
        reverse("classes:menu"),
        reverse("classes:course", args=[session.course.pk]),
        reverse("classes:session", args=[session.pk]),
        reverse("classes:sites"),
        reverse("classes:routes"),
        reverse("hubs:directory"),
        reverse("hubs:hub_detail", args=[hub.slug]),
        reverse("hubs:report_list"),
        reverse("hubs:report_create"),
        reverse("hubs:report_detail", args=[report.reference]),
        reverse("hubs:consultation_detail", args=[consultation.pk]),
        reverse("hubs:project_list"),
        reverse("hubs:project_detail", args=[project.pk]),
        reverse("pioneers:gallery"),
        reverse("pioneers:profile", args=[pioneer_create().pk]),
        reverse("pioneers:team", args=[team_create().pk]),
        reverse("culture:index"),
        reverse("culture:event", args=[event_create().pk]),
        reverse("culture:library"),
        reverse("core:calendar"),
        reverse("core:calendar_ics"),
        reverse("search:results") + "?q=社区",
        reverse("news:feed"),
        reverse("sitemap"),
        reverse("core:robots"),
        reverse("core:healthz"),
        reverse("core:privacy"),
        reverse("core:brand_css"),
    ]
