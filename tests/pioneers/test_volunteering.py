import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.checkin import registration_check_in
from apps.core.booking.services import registration_create
from apps.pioneers.selectors import HOURS_HEADERS, my_volunteer_record
from tests.factories import user_create
from tests.pioneers.factories import activity_create, team_create

pytestmark = pytest.mark.django_db


def _attend(activity, user):
    registration_create(occurrence=activity, user=user, now=activity.starts_at - timedelta(days=1))
    registration_check_in(occurrence=activity, user=user, method="staff", now=activity.starts_at + timedelta(minutes=1))


def test_any_logged_in_resident_can_register_for_an_activity(client, resident):
    activity = activity_create(title="浏阳河畔安全巡查")
    client.force_login(resident)
    response = client.post(reverse("core:occurrence_register", args=[activity.pk]), follow=True)
    assert "报名成功" in response.text
    assert activity.registrations.filter(user=resident, status="confirmed").exists()


def test_registering_for_a_past_activity_is_refused(client, resident):
    activity = activity_create(starts_in_hours=-5, hours=2)
    client.force_login(resident)
    response = client.post(reverse("core:occurrence_register", args=[activity.pk]), follow=True)
    assert "报名已经截止" in response.text
    assert not activity.registrations.exists()


def test_hours_come_from_attendance_only():
    team = team_create()
    done = activity_create(team=team, starts_in_hours=-30, hours=2.5)
    missed = activity_create(team=team, starts_in_hours=-10, hours=2)
    user = user_create()
    _attend(done, user)
    registration_create(occurrence=missed, user=user, now=missed.starts_at - timedelta(days=1))
    record = my_volunteer_record(user)
    assert record["total"] == 2.5 and [r.occurrence_id for r in record["attended"]] == [done.pk]


def test_hours_export_layout_for_the_national_volunteer_system(client, superuser):
    activity = activity_create(title="校门口护学岗", starts_in_hours=-30, hours=1.5)
    volunteer = user_create(phone="+8613811112222", real_name="王志愿")
    _attend(activity, volunteer)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:pioneers_volunteeractivity_changelist"),
        {"action": "export_hours", "_selected_action": [activity.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HOURS_HEADERS == ["志愿者姓名", "手机号（脱敏）", "活动名称", "服务日期", "服务时长（小时）"]
    date = f"{timezone.localtime(activity.starts_at):%Y-%m-%d}"
    assert rows[1] == ["王志愿", "138****2222", "校门口护学岗", date, "1.5"]
    assert "13811112222" not in response.content.decode("utf-8-sig")


def test_volunteers_are_never_listed_or_ranked_in_public(client):
    team = team_create(name="党员志愿者先锋队")
    activity = activity_create(team=team, starts_in_hours=-30)
    volunteer = user_create(phone="+8613822223333", display_name="志愿者小李", real_name="李小明")
    _attend(activity, volunteer)
    upcoming = activity_create(team=team)
    registration_create(occurrence=upcoming, user=volunteer)
    for url in (reverse("pioneers:gallery"), team.get_absolute_url(), upcoming.get_absolute_url(),
                reverse("core:calendar")):  # fmt: skip
        html = client.get(url).text
        assert "李小明" not in html and "志愿者小李" not in html and "3333" not in html
        assert "排行" not in html and "第 1 名" not in html and "时长榜" not in html


def test_my_page_shows_own_hours(client):
    activity = activity_create(title="八一小区楼道安全巡查", starts_in_hours=-30, hours=1.5)
    volunteer = user_create()
    _attend(activity, volunteer)
    client.force_login(volunteer)
    html = client.get(reverse("accounts:me")).text
    assert "我的志愿服务" in html and "八一小区楼道安全巡查" in html and "1.5" in html


def test_activity_appears_on_the_calendar_with_seats_left(client):
    activity = activity_create(title="浏阳河畔安全巡查", capacity=12)
    month = f"{timezone.localtime(activity.starts_at):%Y-%m}"
    html = client.get(reverse("core:calendar"), {"month": month, "kind": "pioneers.activity"}).text
    assert "浏阳河畔安全巡查" in html and "余 12 席" in html
