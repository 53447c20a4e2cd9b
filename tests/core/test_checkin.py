from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.checkin import checkin_token
from apps.core.booking.services import registration_create
from apps.core.models import Registration
from tests.factories import occurrence_create, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def running():
    """An occurrence that started 10 minutes ago, with one confirmed member."""
    occurrence = occurrence_create(starts_in_hours=-1 / 6, hours=2, checkin_code="4821")
    member = user_create()
    registration_create(occurrence=occurrence, user=member, now=timezone.now() - timedelta(hours=1))
    return occurrence, member


def checkin_url(occurrence, token=None):
    return reverse("core:checkin", args=[occurrence.pk, token or checkin_token(occurrence)])


def test_scanning_the_qr_and_tapping_checkin(client, running):
    occurrence, member = running
    client.force_login(member)
    assert "签到" in client.get(checkin_url(occurrence)).text
    response = client.post(checkin_url(occurrence), follow=True)
    assert "签到成功" in response.text
    registration = Registration.objects.get(user=member)
    assert registration.checked_in_at and registration.checkin_method == "qr"


def test_last_minutes_token_still_works_but_older_ones_do_not(client, running):
    occurrence, member = running
    client.force_login(member)
    one_minute_ago = checkin_token(occurrence, timezone.now() - timedelta(seconds=60))
    assert client.post(checkin_url(occurrence, one_minute_ago)).status_code == 302
    Registration.objects.update(checked_in_at=None)
    stale = checkin_token(occurrence, timezone.now() - timedelta(minutes=5))
    response = client.post(checkin_url(occurrence, stale))
    assert response.status_code == 400 and "二维码已过期或无效" in response.text
    assert not Registration.objects.get(user=member).checked_in_at


@pytest.mark.parametrize("token", ["0" * 20, "forged", ""])
def test_forged_token_is_refused(client, running, token):
    occurrence, member = running
    client.force_login(member)
    response = client.post(f"/checkin/{occurrence.pk}/{token or 'x'}/")
    assert response.status_code == 400
    assert not Registration.objects.get(user=member).checked_in_at


def test_another_occurrences_token_is_refused(client, running):
    occurrence, member = running
    other = occurrence_create(starts_in_hours=-0.1)
    client.force_login(member)
    response = client.post(checkin_url(occurrence, checkin_token(other)))
    assert response.status_code == 400
    assert not Registration.objects.get(user=member).checked_in_at


def test_checkin_without_registration_is_refused(client, running):
    occurrence, _ = running
    client.force_login(user_create())
    response = client.post(checkin_url(occurrence))
    assert "您没有报名这个场次" in response.text


def test_checkin_outside_the_window(client):
    early = occurrence_create(starts_in_hours=2)
    member = user_create()
    registration_create(occurrence=early, user=member)
    client.force_login(member)
    assert "签到还没开始" in client.post(checkin_url(early)).text
    assert not Registration.objects.get(user=member).checked_in_at


def test_anonymous_scan_goes_to_login_first(client, running):
    occurrence, _ = running
    response = client.get(checkin_url(occurrence))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_online_code_checkin(client, running):
    occurrence, member = running
    client.force_login(member)
    url = reverse("core:checkin_by_code", args=[occurrence.pk])
    client.post(url, {"code": "0000"})
    assert not Registration.objects.get(user=member).checked_in_at
    client.post(url, {"code": " 4821 "})
    assert Registration.objects.get(user=member).checkin_method == "code"
