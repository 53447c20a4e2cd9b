"""`manage.py seed` with DEBUG off (production): site settings and public content, no demo accounts or reports."""

import pytest

from apps.accounts.models import User
from apps.core.models import SiteSettings
from apps.hubs.models import Hub, Project, Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seeded(seeded_site_in_production):
    pass


def test_seed_creates_no_demo_users_in_production():
    assert User.objects.count() == 0
    assert SiteSettings.objects.count() == 1


def test_seed_without_demo_users_creates_no_reports_or_staff():
    assert Report.objects.count() == 0
    assert Hub.objects.count() == 5 and Project.objects.count() == 5
    assert not Hub.objects.filter(staff__isnull=False).exists()
