import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in {"core", "accounts"}}


def test_seed_is_idempotent(seeded_site, settings):
    settings.DEBUG = True
    first = row_counts()
    call_command("seed", verbosity=0)
    assert row_counts() == first
    assert first["accounts.User"] >= 5


def test_demo_superuser_can_log_in_to_the_admin(seeded_site, client, settings):
    from apps.accounts.models import User
    from apps.accounts.seed import DEMO_PASSWORD

    settings.DEBUG = True
    email = User.objects.get(is_superuser=True).email
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
