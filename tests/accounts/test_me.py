import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from apps.accounts.sections import HISTORY_PAGE_SIZE, UPCOMING_SHOWN
from apps.core.booking.services import registration_create
from apps.core.models import Registration
from tests.factories import occurrence_create, user_create

pytestmark = pytest.mark.django_db


def test_me_needs_login(client):
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_me_lists_my_registrations_and_my_private_calendar_link(client, resident):
    registration_create(occurrence=occurrence_create(title="网络党校直播课"), user=resident)
    client.force_login(resident)
    html = client.get(reverse("accounts:me")).text
    assert "网络党校直播课" in html and "已报名" in html
    assert resident.calendar_token in html
    assert "139****5678" in html and "13912345678" not in html


def test_renewing_the_calendar_link_kills_the_old_one(client, resident):
    old = resident.calendar_token
    client.force_login(resident)
    client.post(reverse("accounts:me_calendar_renew"))
    resident.refresh_from_db()
    assert resident.calendar_token != old
    assert client.get(reverse("core:my_calendar_ics", args=[old])).status_code == 404


def test_export_contains_my_data(client, resident):
    registration_create(occurrence=occurrence_create(title="主题党日+"), user=resident)
    client.force_login(resident)
    response = client.get(reverse("accounts:me_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"]["phone"] == "+8613912345678"
    assert data["registrations"][0]["title"] == "主题党日+"


def test_delete_needs_the_exact_confirmation_and_then_removes_everything(client, resident):
    registration_create(occurrence=occurrence_create(), user=resident)
    client.force_login(resident)
    response = client.post(reverse("accounts:me_delete"), {"confirm": "删除"})
    assert response.status_code == 200
    assert "请准确输入“注销账号”" in response.text
    assert get_user_model().objects.filter(pk=resident.pk).exists()

    response = client.post(reverse("accounts:me_delete"), {"confirm": "注销账号"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    assert not Registration.objects.exists()
    assert "_auth_user_id" not in client.session


def test_me_costs_the_same_queries_with_2_or_90_registrations(
    client, resident, django_assert_max_num_queries, settings
):
    settings.FRAGMENT_CACHE_SECONDS = 0  # count what rendering the sections costs, not a cached copy
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def signed_up(count):
        for n in range(count):
            registration_create(occurrence=occurrence_create(title=f"讲习夜校第{n}讲", capacity=30), user=resident)

    client.force_login(resident)
    signed_up(2)
    client.get(reverse("accounts:me"))  # warm the site-settings cache, as a running server has it
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("accounts:me"))
    signed_up(88)
    with django_assert_max_num_queries(len(few)):
        html = client.get(reverse("accounts:me")).text
    assert html.count("余 29 席") == UPCOMING_SHOWN  # every line still shows its seats left (the soonest 20)
    assert reverse("accounts:me_registrations") in html  # the rest are one link away


def test_me_shows_what_is_coming_and_the_latest_past_and_links_the_whole_list(client, resident):
    past = occurrence_create(title="三会一课（上周）", starts_in_hours=-24 * 7)
    Registration.objects.create(occurrence=past, user=resident, status=Registration.Status.CONFIRMED)
    registration_create(occurrence=occurrence_create(title="讲习夜校（下周）"), user=resident)
    client.force_login(resident)
    html = client.get(reverse("accounts:me")).text
    assert "讲习夜校（下周）" in html and "已结束的" in html and "三会一课（上周）" in html
    assert reverse("accounts:me_registrations") not in html  # nothing more to see than what is shown


def test_the_whole_list_is_paged_mine_only_and_costs_the_same_queries_at_any_length(
    client, resident, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = user_create(phone="+8613900000077")
    registration_create(occurrence=occurrence_create(title="别人的活动"), user=other)
    for n in range(3):
        registration_create(occurrence=occurrence_create(title=f"讲习夜校第{n}讲", capacity=30), user=resident)
    client.force_login(resident)
    url = reverse("accounts:me_registrations")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).text
    assert html.count("讲习夜校第") == 3 and "别人的活动" not in html and "第 1 / " not in html
    for n in range(3, 45):
        registration_create(occurrence=occurrence_create(title=f"讲习夜校第{n}讲", capacity=30), user=resident)
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).text
    assert html.count("讲习夜校第") == HISTORY_PAGE_SIZE and "第 1 / 3 页" in html
    last = client.get(url, {"page": "3"}).text
    assert last.count("讲习夜校第") == 45 - 2 * HISTORY_PAGE_SIZE
    for junk in ("999999", "-1", "abc"):
        assert client.get(url, {"page": junk}).status_code == 200


def test_the_whole_list_needs_a_login(client):
    response = client.get(reverse("accounts:me_registrations"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
