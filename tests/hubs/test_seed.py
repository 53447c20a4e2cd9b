import pytest
from django.apps import apps
from django.core.management import call_command

from apps.hubs.lifecycle import Status
from apps.hubs.models import Consultation, Hub, Project, Report

pytestmark = pytest.mark.django_db


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in {"hubs", "core"}}


def test_seed_builds_the_pocket_park_case_and_is_idempotent(seeded_site, settings):
    settings.DEBUG = True
    first = _counts()
    call_command("seed", verbosity=0)
    assert _counts() == first
    assert set(Hub.objects.values_list("name", flat=True)) >= {
        "锦林社区",
        "新安社区",
        "安子岭社区",
        "西龙村",
        "八一小区党支部",
    }
    park = Report.objects.get(title__contains="东北角空地")
    assert park.status == Status.CONFIRMED
    assert Consultation.objects.get(topic="远大路长星路口闲置地块的用途").reports.get() == park
    assert Consultation.objects.filter(open_to_residents=True, meeting__isnull=False).count() == 1
    project = Project.objects.get(title="长星路护坡公园")
    assert project.reports.get() == park and project.status == "done"
    assert {p.stage for p in project.photos.all()} == {"before", "during", "after"}
    assert Hub.objects.get(slug="jinlin").staff.filter(is_staff=True).exists()


def test_seeded_pages_render(seeded_site, client):
    for path in ("/", "/hubs/", "/hubs/jinlin/", "/hubs/bayi/", "/reports/", "/projects/"):
        assert client.get(path).status_code == 200, path
    for report in Report.objects.public():
        assert client.get(report.get_absolute_url()).status_code == 200
