"""/me/'s sections are cached for the signed-in person alone ({% personal_fragment %}): any write makes them
stale, nobody else ever sees them, and the cancel buttons inside carry this request's CSRF token."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.booking.services import registration_create
from apps.core.models import Registration
from tests.factories import occurrence_create, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60


def test_me_sections_are_reused_then_a_new_registration_shows_at_once(client, resident):
    registration_create(occurrence=occurrence_create(title="网络党校直播课"), user=resident)
    client.force_login(resident)
    client.get(reverse("accounts:me"))
    with CaptureQueriesContext(connection) as hit:
        assert "网络党校直播课" in client.get(reverse("accounts:me")).text
    assert not any("core_registration" in q["sql"] for q in hit.captured_queries)  # the sections came cached
    registration_create(occurrence=occurrence_create(title="讲习夜校第一讲"), user=resident)
    html = client.get(reverse("accounts:me")).text
    assert "讲习夜校第一讲" in html and "网络党校直播课" in html


def test_me_sections_are_never_shown_to_another_person(resident):
    other = user_create(phone="+8613900000002", display_name="另一位居民")
    registration_create(occurrence=occurrence_create(title="网络党校直播课"), user=resident)
    mine, theirs = Client(), Client()
    mine.force_login(resident)
    theirs.force_login(other)
    assert "网络党校直播课" in mine.get(reverse("accounts:me")).text  # now cached for the resident
    html = theirs.get(reverse("accounts:me")).text
    assert "网络党校直播课" not in html and "您还没有报名任何活动" in html
    registration_create(occurrence=occurrence_create(title="社区议事会"), user=other)
    assert "社区议事会" in theirs.get(reverse("accounts:me")).text
    html = mine.get(reverse("accounts:me")).text
    assert "社区议事会" not in html and "网络党校直播课" in html


def test_me_cached_cancel_button_carries_this_requests_csrf_token(resident):
    registration = registration_create(occurrence=occurrence_create(title="网络党校直播课"), user=resident)
    first = Client()
    first.force_login(resident)
    first.get(reverse("accounts:me"))  # stored with a placeholder for the token
    again = Client(enforce_csrf_checks=True)  # a new login: another CSRF secret
    again.force_login(resident)
    html = again.get(reverse("accounts:me")).text
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    # 退出, 取消报名 (from the cache), 重新生成链接 and the notice choices: all carry this request's token.
    assert len(tokens) >= 4 and len(set(tokens)) == 1
    cancel = reverse("core:registration_cancel", args=[registration.pk])
    response = again.post(cancel, {"csrfmiddlewaretoken": tokens[1], "next": reverse("accounts:me")})
    assert response.status_code == 302
    assert not Registration.objects.live().filter(pk=registration.pk).exists()
