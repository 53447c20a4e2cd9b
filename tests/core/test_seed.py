import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

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


def test_seeding_again_leaves_each_demo_sign_up_as_it_is(seeded_site, settings):
    """A demo sign-up someone cancelled stays cancelled (the seed does not sign them up again), and the volunteers
    of a coming activity are those pioneers.yaml names, whatever order the database returns the accounts in."""
    from apps.classes.models import Session
    from apps.core.booking.services import registration_cancel
    from apps.core.models import Registration
    from apps.pioneers.models import VolunteerActivity

    settings.DEBUG = True
    coming = VolunteerActivity.objects.filter(starts_at__gt=timezone.now())
    assert set(Registration.objects.filter(occurrence__in=coming).values_list("user__phone", flat=True)) == {
        "+8613700000001"
    }
    cancelled = [
        Registration.objects.filter(occurrence__in=Session.objects.filter(starts_at__gt=timezone.now())).first(),
        Registration.objects.filter(occurrence__in=coming).first(),
    ]
    for registration in cancelled:
        registration_cancel(registration=registration, by=registration.user)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    call_command("seed", verbosity=0)
    assert dict(Registration.objects.values_list("pk", "status")) == statuses
    for registration in cancelled:
        assert not Registration.objects.live().filter(occurrence=registration.occurrence, user=registration.user)
