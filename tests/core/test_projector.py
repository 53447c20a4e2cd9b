"""投屏签到: a full-screen page for the projector, reachable from the roster, staff-only, without scripts."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.booking import admin as admin_module
from apps.core.booking.checkin import checkin_token_check, registration_check_in
from apps.core.booking.services import registration_create
from apps.core.qrcodes import qr_svg
from tests.classes.factories import member_create, session_create
from tests.factories import staff_create

pytestmark = pytest.mark.django_db


def projector_url(session):
    return reverse("admin:classes_session_projector", args=[session.pk])


def test_projector_shows_a_big_qr_the_title_and_the_count_and_renews_itself(client, superuser, monkeypatch):
    session = session_create(title="讲习夜校：基层治理", starts_in_hours=0.2)
    members = [member_create() for _ in range(3)]
    for member in members:
        registration_create(occurrence=session, user=member)
    registration_check_in(occurrence=session, user=members[0], method="staff")
    encoded = []
    monkeypatch.setattr(admin_module, "qr_svg", lambda data, **kw: encoded.append(data) or qr_svg(data, **kw))
    client.force_login(superuser)
    roster = client.get(reverse("admin:classes_session_roster", args=[session.pk])).text
    assert projector_url(session) in roster

    response = client.get(projector_url(session))
    html = response.text
    assert response.status_code == 200
    assert "讲习夜校：基层治理" in html and "<svg" in html
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', html)
    assert "<strong>1</strong><span> / 3 人" in html
    token = encoded[-1].rstrip("/").rsplit("/", 1)[-1]
    assert encoded[-1].endswith(reverse("core:checkin", args=[session.pk, token]))
    checkin_token_check(session, token, timezone.now())  # a live token (raises if not)

    registration_check_in(occurrence=session, user=members[1], method="staff")
    assert "<strong>2</strong><span> / 3 人" in client.get(projector_url(session)).text


def test_projector_is_clean_under_the_strict_csp(client, superuser):
    client.force_login(superuser)
    response = client.get(projector_url(session_create(starts_in_hours=0.2)))
    assert "Content-Security-Policy" in response.headers
    assert "<script" not in response.text and "<style" not in response.text and " style=" not in response.text


def test_projector_says_when_check_in_is_not_open_yet(client, superuser):
    client.force_login(superuser)
    html = client.get(projector_url(session_create(starts_in_hours=48))).text
    assert "签到还没开始" in html


def test_projector_is_staff_only(client, resident):
    session = session_create()
    client.force_login(resident)
    assert client.get(projector_url(session)).status_code == 302
    client.force_login(staff_create())  # staff without the session's view permission
    assert client.get(projector_url(session)).status_code == 403
