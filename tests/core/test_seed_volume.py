"""`seed --volume N`: bulk data for load tests, N articles and N/10 reports, events and sessions."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.classes.models import Session
from apps.classes.seed_volume import VOLUME_MARK
from apps.core.models import Registration, SearchEntry
from apps.culture.models import CultureEvent
from apps.culture.seed import VOLUME_TITLE as EVENT_TITLE
from apps.hubs.models import Report
from apps.hubs.seed_volume import VOLUME_TITLE as REPORT_TITLE
from apps.news.models import Article
from apps.news.seed import VOLUME_SOURCE

pytestmark = pytest.mark.django_db
VOLUME_MEMBER_PHONE = "+8613700000001"  # the first member of seeds/classes.yaml (陈老师)


def volume_counts() -> dict[str, int]:
    return {
        "articles": Article.objects.filter(source=VOLUME_SOURCE).count(),
        "reports": Report.objects.public().filter(title__startswith=REPORT_TITLE).count(),
        "events": CultureEvent.objects.filter(title__startswith=EVENT_TITLE).count(),
        "sessions": Session.objects.filter(title__contains=VOLUME_MARK).count(),
        "sign-ups": Registration.objects.filter(
            user__phone=VOLUME_MEMBER_PHONE, occurrence__title__contains=VOLUME_MARK
        ).count(),
    }


def test_seed_volume_above_ten_creates_the_counts_and_tops_up(seeded_site, settings):
    settings.DEBUG = True
    call_command("seed", volume=30, verbosity=0)  # above 10: the reports once hit the one-day limit
    assert volume_counts() == {"articles": 30, "reports": 3, "events": 3, "sessions": 3, "sign-ups": 1}
    call_command("seed", volume=30, verbosity=0)
    assert volume_counts()["articles"] == 30 and volume_counts()["reports"] == 3  # idempotent
    call_command("seed", volume=60, verbosity=0)
    assert volume_counts() == {"articles": 60, "reports": 6, "events": 6, "sessions": 6, "sign-ups": 1}


def test_seed_volume_data_has_history_index_and_pages(seeded_site, client, settings):
    settings.DEBUG = True
    call_command("seed", volume=30, verbosity=0)
    report = Report.objects.filter(title__startswith=REPORT_TITLE).first()
    assert report.reference and report.reference.startswith("HL-")
    assert [e.to_status for e in report.events.all()] == ["submitted", "accepted"]
    assert client.get(report.get_absolute_url()).status_code == 200
    assert SearchEntry.objects.filter(title=report.title).exists()
    session = Session.objects.filter(title__contains=VOLUME_MARK).first()  # inserted in bulk: derived fields set
    assert session.kind == "classes.session" and session.audience == "members" and "社区" in session.place
    assert client.get(session.get_absolute_url()).status_code == 200
    event = CultureEvent.objects.filter(title__startswith=EVENT_TITLE).first()
    assert event.kind == "culture.event" and SearchEntry.objects.filter(title=event.title).exists()
    assert client.get("/calendar/").status_code == 200
    assert client.get("/search/?q=简讯").status_code == 200
    client.force_login(get_user_model().objects.get(phone=VOLUME_MEMBER_PHONE))
    assert client.get("/me/").status_code == 200
