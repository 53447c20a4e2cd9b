"""Public list and detail pages run a constant number of queries as data grows (5 vs 50 reports)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.images import image_create
from apps.hubs.lifecycle import Status
from apps.hubs.models import Project, ProjectPhoto, ReportPhoto
from tests.factories import image_bytes

from .factories import hub_create, report_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    upload = SimpleUploadedFile("p.jpg", image_bytes(size=(64, 48)), content_type="image/jpeg")
    return image_create(upload=upload, alt="照片")


def _grow(hub, image, to: int, reports: list):
    while len(reports) < to:
        report = report_create(hub=hub, status=Status.COMPLETED if len(reports) % 2 else Status.ACCEPTED)
        ReportPhoto.objects.create(report=report, image=image)
        project = Project.objects.create(hub=hub, title=f"工程 {len(reports)}", kind="road", summary="x")
        ProjectPhoto.objects.create(project=project, image=image, stage="after")
        project.reports.add(report)
        reports.append(report)


def _count(client, path) -> int:
    client.get(path)  # warm the site-settings cache, as a running server has it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["/reports/", "/hubs/{slug}/", "/projects/", "/hubs/", "/"])
def test_list_pages_keep_a_constant_query_count(client, image, page):
    hub = hub_create()
    path = page.format(slug=hub.slug)
    reports = []
    _grow(hub, image, 5, reports)
    small = _count(client, path)
    _grow(hub, image, 50, reports)
    assert _count(client, path) == small


@pytest.mark.parametrize("kind", ["report", "project"])
def test_detail_pages_keep_a_constant_query_count(client, image, kind):
    hub = hub_create()
    reports = []
    _grow(hub, image, 5, reports)
    target = reports[0]
    path = target.get_absolute_url() if kind == "report" else target.projects.get().get_absolute_url()
    small = _count(client, path)
    _grow(hub, image, 50, reports)
    target.projects.get().reports.add(*reports[1:])  # the project now links to 50 reports
    ReportPhoto.objects.bulk_create(ReportPhoto(report=target, image=image) for _ in range(5))  # and 6 photos
    assert _count(client, path) == small


def test_report_pages_query_budget(client, image):
    hub = hub_create()
    reports = []
    _grow(hub, image, 50, reports)
    assert _count(client, "/reports/") <= 10
    assert _count(client, reports[1].get_absolute_url()) <= 10
