"""Staff need two-factor authentication (TOTP) before any admin page opens."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from apps.core.booking.services import registration_create
from tests.factories import PASSWORD, occurrence_create, totp_code, totp_create, user_create
from tests.hubs.factories import report_create

pytestmark = pytest.mark.django_db

SET_UP = reverse("mfa_activate_totp")


def admin_urls() -> list[str]:
    occurrence = occurrence_create()
    registration_create(occurrence=occurrence, user=user_create(real_name="陈文华"))
    report = report_create()
    return [
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:core_occurrence_roster", args=[occurrence.pk]),
        reverse("admin:core_occurrence_roster_export", args=[occurrence.pk, "csv"]),
        reverse("admin:core_occurrence_qr", args=[occurrence.pk]),
        reverse("admin:hubs_report_contact", args=[report.pk]),  # reveals a resident's phone
    ]


@pytest.mark.parametrize("superuser_flag", [False, True])
def test_staff_without_two_factor_are_sent_to_set_it_up_from_every_admin_url(client, superuser_flag):
    staff = user_create(email="new-staff@example.com", is_staff=True, is_superuser=superuser_flag, mfa=False)
    if not superuser_flag:
        staff.user_permissions.set(Permission.objects.all())
    urls = admin_urls()
    client.force_login(staff)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SET_UP, url
        assert "陈文华" not in response.text and "text/csv" not in response.get("Content-Type", "")
    response = client.get(reverse("admin:index"), follow=True)
    assert "必须开启两步验证" in response.text

    totp_create(staff)  # the same account once it has an authenticator: every page opens
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_staff_without_two_factor_cannot_post_to_admin_either(client):
    staff = user_create(email="new-staff@example.com", is_staff=True, is_superuser=True, mfa=False)
    client.force_login(staff)
    occurrence = occurrence_create()
    elder = user_create(phone="+8613711112222")
    url = reverse("admin:core_occurrence_roster", args=[occurrence.pk])
    response = client.post(url, {"action": "register", "phone": "13711112222"})
    assert response["Location"] == SET_UP
    assert not elder.registrations.exists()


def test_residents_are_never_sent_to_two_factor_set_up(client, resident):
    client.force_login(resident)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] != SET_UP
    staff = user_create(email="new-staff@example.com", is_staff=True, mfa=False)
    client.force_login(staff)
    assert client.get(reverse("admin:index"))["Location"] == SET_UP


def test_a_new_superuser_sets_up_totp_then_sees_recovery_codes_once_then_the_admin(client, mailoutbox):
    call_command("createsuperuser", interactive=False, email="boss@example.com", verbosity=0)
    boss = user_create.__globals__["get_user_model"]().objects.get(email="boss@example.com")
    boss.set_password(PASSWORD)
    boss.save()

    response = client.post(reverse("account_login"), {"login": "boss@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("admin:index"))["Location"] == SET_UP
    # allauth asks for the password again before a second factor is added (reauthentication).
    assert client.get(SET_UP)["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(f"{reverse('account_reauthenticate')}?next={SET_UP}", {"password": PASSWORD})
    assert response["Location"] == SET_UP
    page = client.get(SET_UP)
    assert page.status_code == 200 and "data:image/svg+xml" in page.text
    secret = client.session["mfa.totp.secret"]

    response = client.post(SET_UP, {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes")).text
    codes = re.findall(r"\b\d{8}\b", codes_page)
    assert len(codes) >= 10
    assert not set(codes) & set(re.findall(r"\b\d{8}\b", client.get(reverse("mfa_view_recovery_codes")).text))
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_log_in_asks_for_the_code_or_for_set_up(client):
    user_create(email="new@example.com", is_staff=True, mfa=False)
    client.post(reverse("account_login"), {"login": "new@example.com", "password": PASSWORD})
    assert client.get(reverse("admin:index"))["Location"] == SET_UP

    client = Client()
    staff = user_create(email="ed@example.com", is_staff=True, mfa=False)
    secret = totp_create(staff)
    response = client.post(reverse("account_login"), {"login": "ed@example.com", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not logged in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def _log_in_with_code(code: str, secret_owner_email: str) -> tuple[Client, object]:
    client = Client()
    client.post(reverse("account_login"), {"login": secret_owner_email, "password": PASSWORD})
    return client, client.post(reverse("mfa_authenticate"), {"code": code})


def test_a_totp_code_replayed_within_its_window_is_refused(db):
    staff = user_create(email="ed@example.com", is_staff=True, mfa=False)
    secret = totp_create(staff)
    code = totp_code(secret)
    first, response = _log_in_with_code(code, "ed@example.com")
    assert response.status_code == 302 and first.get(reverse("admin:index")).status_code == 200

    second, response = _log_in_with_code(code, "ed@example.com")
    assert response.status_code == 200 and "验证码不正确" in response.text
    assert "_auth_user_id" not in second.session


def test_a_code_from_the_previous_window_is_refused(db):
    """allauth's MFA_TOTP_TOLERANCE is 0 (its default, kept): only the current 30-second code counts."""
    staff = user_create(email="ed@example.com", is_staff=True, mfa=False)
    secret = totp_create(staff)
    previous = totp_code(secret, at=time.time() - 30)
    if previous == totp_code(secret):  # one chance in a million: the two windows share a code
        pytest.skip("the previous and the current window happen to have the same code")
    client, response = _log_in_with_code(previous, "ed@example.com")
    assert response.status_code == 200 and "验证码不正确" in response.text
    assert "_auth_user_id" not in client.session


def test_the_demo_superuser_is_exempt_only_while_debug_is_on(client, settings):
    demo = user_create(email="admin@example.com", is_staff=True, is_superuser=True, mfa=False)
    client.force_login(demo)
    settings.DEBUG = True
    assert client.get(reverse("admin:index")).status_code == 200
    settings.DEBUG = False  # the list alone exempts no one in production
    assert client.get(reverse("admin:index"))["Location"] == SET_UP


def test_staff_with_removed_totp_are_sent_back_to_set_up(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200
    Authenticator.objects.filter(user=staff).delete()
    assert client.get(reverse("admin:index"))["Location"] == SET_UP


def test_deploy_check_warns_when_staff_two_factor_is_turned_off(settings):
    from django.core.checks import run_checks

    assert "accounts.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.STAFF_MFA_REQUIRED = False
    assert "accounts.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
