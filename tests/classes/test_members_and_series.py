import csv
import io
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.classes.models import MemberProfile, Series, Session
from apps.classes.services.series import series_materialize
from apps.core.booking.checkin import registration_check_in
from apps.core.booking.services import registration_create
from tests.classes.factories import course_create, member_create, session_create
from tests.factories import user_create
from tests.hubs.factories import hub_create

pytestmark = pytest.mark.django_db


def test_applying_to_be_a_member_creates_a_pending_profile(client):
    hub = hub_create()
    user = user_create()
    client.force_login(user)
    response = client.post(
        reverse("classes:member_apply"), {"branch": hub.pk, "category": "retired", "year_joined": 1985}
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=user)
    assert profile.status == "pending" and profile.branch == hub


def test_member_apply_bad_year(client):
    client.force_login(user_create())
    hub = hub_create()
    for year in (1900, timezone.localdate().year + 1):
        response = client.post(
            reverse("classes:member_apply"), {"branch": hub.pk, "category": "retired", "year_joined": year}
        )
        assert response.status_code == 200
    assert not MemberProfile.objects.exists()


def test_verified_member_cannot_reapply(client):
    member = member_create()
    client.force_login(member)
    hub = hub_create()
    response = client.post(
        reverse("classes:member_apply"), {"branch": hub.pk, "category": "youth", "year_joined": 2015}
    )
    assert "已经是认证党员" in response.text
    assert MemberProfile.objects.get(user=member).category == "working"


def test_staff_verify_action(client, superuser):
    pending = member_create(status="pending")
    client.force_login(superuser)
    profile = MemberProfile.objects.get(user=pending)
    client.post(
        reverse("admin:classes_memberprofile_changelist"), {"action": "approve", "_selected_action": [profile.pk]}
    )
    profile.refresh_from_db()
    assert profile.status == "verified" and profile.verified_by == superuser


def next_weekday(weekday: int) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def test_series_becomes_one_editable_session_per_date_and_is_idempotent():
    first = next_weekday(1)
    series = Series.objects.create(
        course=course_create(), weekday=1, start_time=time(19, 30), duration_minutes=90,
        first_date=first, until_date=first + timedelta(weeks=9), capacity=30,
    )  # fmt: skip
    created = series_materialize(series=series)
    assert len(created) == 10
    assert {timezone.localtime(s.starts_at).strftime("%a %H:%M") for s in created} == {"Tue 19:30"}
    assert series_materialize(series=series) == []
    one = created[3]
    one.capacity = 5
    one.save()
    assert Session.objects.get(pk=one.pk).capacity == 5


def test_series_whose_end_is_before_its_start_is_refused_in_the_admin(client, superuser):
    client.force_login(superuser)
    course = course_create()
    response = client.post(
        reverse("admin:classes_series_add"),
        {"course": course.pk, "frequency": "weekly", "weekday": 1, "start_time": "19:30", "duration_minutes": 90,
         "first_date": "2026-12-20", "until_date": "2026-12-01", "members_only": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.text
    assert not Series.objects.exists() and not Session.objects.exists()


def test_series_created_in_the_admin_makes_sessions(client, superuser):
    client.force_login(superuser)
    first = next_weekday(2)
    response = client.post(
        reverse("admin:classes_series_add"),
        {"course": course_create().pk, "frequency": "weekly", "weekday": 2, "start_time": "19:30",
         "duration_minutes": 90, "first_date": first.isoformat(),
         "until_date": (first + timedelta(weeks=3)).isoformat(), "capacity": 20},
    )  # fmt: skip
    assert response.status_code == 302
    assert Session.objects.count() == 4


def attended(member, session):
    registration_create(occurrence=session, user=member, now=session.starts_at - timedelta(days=1))
    registration_check_in(occurrence=session, user=member, method="staff", now=session.starts_at)


def test_study_record_grows_with_attendance_and_ranks_nobody(client):
    member = member_create()
    past = session_create(starts_in_hours=-30, hours=2)
    client.force_login(member)
    html = client.get(reverse("accounts:me")).text
    assert "我的学习记录" in html and "<strong>0</strong> / 32 学时" in html
    attended(member, past)
    html = client.get(reverse("accounts:me")).text
    if timezone.localtime(past.starts_at).year == timezone.localdate().year:
        assert "<strong>2.0</strong> / 32 学时" in html
    for word in ("排行", "名次", "第一名", "超过了", "击败"):
        assert word not in html


def test_hours_export_per_branch_and_year(client, superuser):
    branch = hub_create()
    member = member_create(branch=branch, real_name="刘春梅")
    member_create(branch=branch, real_name="没来上课")
    past = session_create(starts_in_hours=-30, hours=1.5)
    attended(member, past)
    client.force_login(superuser)
    year = timezone.localtime(past.starts_at).year
    response = client.get(
        reverse("admin:classes_memberprofile_hours"), {"branch": branch.pk, "year": year, "fmt": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["姓名", "手机号", "党员类别", "参加次数", "学时"]
    assert ["刘春梅", member.masked_phone, "在职党员", "1", "1.5"] in rows
    assert any(r[0] == "没来上课" and r[3] == "0" for r in rows)


@pytest.mark.parametrize("year", [1920, timezone.localdate().year + 1])
def test_a_year_joined_out_of_range_is_refused_with_its_code_on_the_field(year):
    from django.core.exceptions import ValidationError

    from apps.classes.services.members import member_apply

    with pytest.raises(ValidationError) as error:
        member_apply(user=user_create(), branch=hub_create(), category="working", year_joined=year)
    assert error.value.error_dict["year_joined"][0].code == "year"
    assert not MemberProfile.objects.exists()
