import pytest

from apps.hubs.lifecycle import Status
from tests.classes.factories import course_create, session_create
from tests.culture.factories import event_create
from tests.hubs.factories import hub_create, report_create

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_of_every_pillar_and_nothing_hidden(client):
    hub = hub_create(slug="jinlin")
    hidden_hub = hub_create(slug="hidden", is_published=False)
    public_report = report_create(hub=hub, status=Status.ACCEPTED)
    private_report = report_create(hub=hub, status=Status.SUBMITTED)
    course = course_create()
    hidden_course = course_create(is_published=False)
    session = session_create(course=course)
    event = event_create()
    private_event = event_create(is_public=False)

    xml = client.get("/sitemap.xml").text
    for url in ("/calendar/", "/hubs/", "/reports/", "/classes/", "/culture/", hub.get_absolute_url(),
                public_report.get_absolute_url(), course.get_absolute_url(), session.get_absolute_url(),
                event.get_absolute_url()):  # fmt: skip
        assert f"{url}</loc>" in xml, url
    for url in (hidden_hub.get_absolute_url(), hidden_course.get_absolute_url(), private_event.get_absolute_url()):
        assert f"{url}</loc>" not in xml, url
    assert private_report.reference is None or private_report.reference not in xml
