import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in {"core", "accounts"}}


def test_seed_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed", verbosity=0)
    first = row_counts()
    call_command("seed", verbosity=0)
    assert row_counts() == first
    assert first["accounts.User"] >= 5


def test_seed_creates_no_demo_users_in_production(settings):
    settings.DEBUG = False
    call_command("seed", verbosity=0)
    assert row_counts()["accounts.User"] == 0
    assert row_counts()["core.SiteSettings"] == 1


def test_demo_superuser_can_log_in_to_the_admin(client, settings):
    from apps.accounts.seed import DEMO_PASSWORD, SUPERUSER_EMAIL

    settings.DEBUG = True
    call_command("seed", verbosity=0)
    response = client.post("/accounts/login/", {"login": SUPERUSER_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
