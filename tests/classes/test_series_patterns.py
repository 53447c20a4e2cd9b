"""Series that fit real work: monthly 三会一课 and 主题党日, an end date or a count, holidays skipped, a
preview before anything is made, one session edited on its own, and a limit on the size of a series."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.classes.models import Series, Session
from apps.classes.services.series import MAX_SESSIONS, series_dates, series_materialize
from tests.classes.factories import course_create

pytestmark = pytest.mark.django_db


def series(**extra) -> Series:
    fields = {"course": course_create(), "start_time": time(15, 0), "first_date": date(2027, 1, 1)} | extra
    return Series(**fields)


def test_first_friday_of_each_month():
    dates = series_dates(series(frequency="monthly_weekday", weekday=4, week_of_month=1, count=4))
    assert dates == [date(2027, 1, 1), date(2027, 2, 5), date(2027, 3, 5), date(2027, 4, 2)]


def test_last_wednesday_of_each_month():
    dates = series_dates(series(frequency="monthly_weekday", weekday=2, week_of_month=-1, until_date=date(2027, 3, 31)))
    assert dates == [date(2027, 1, 27), date(2027, 2, 24), date(2027, 3, 31)]


def test_the_31st_falls_on_the_last_day_of_shorter_months():
    dates = series_dates(series(frequency="monthly_day", day_of_month=31, count=6))
    assert dates == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31),
        date(2027, 6, 30),
    ]  # fmt: skip
    leap = series_dates(series(frequency="monthly_day", day_of_month=30, first_date=date(2028, 2, 1), count=2))
    assert leap == [date(2028, 2, 29), date(2028, 3, 30)]


def test_the_15th_of_each_month_with_a_holiday_skipped_and_the_count_kept():
    dates = series_dates(series(frequency="monthly_day", day_of_month=15, count=3, skip_dates="2027-02-15\n"))
    assert dates == [date(2027, 1, 15), date(2027, 3, 15), date(2027, 4, 15)]


def test_weekly_with_an_end_date_and_holidays_skipped():
    dates = series_dates(
        series(frequency="weekly", weekday=1, until_date=date(2027, 1, 31), skip_dates="2027-01-12, 2027/01/19")
    )
    assert dates == [date(2027, 1, 5), date(2027, 1, 26)]


@pytest.mark.parametrize(
    "fields,field,code",
    [
        ({"frequency": "weekly", "weekday": 1, "count": 500}, "count", "too_many"),
        ({"frequency": "weekly", "weekday": 1, "until_date": date(2036, 12, 31)}, "until_date", "too_many"),
        ({"frequency": "weekly", "weekday": 1}, "until_date", "no_end"),
        ({"frequency": "weekly", "weekday": 1, "count": 3, "until_date": date(2027, 3, 1)}, "count", "two_ends"),
        ({"frequency": "weekly", "count": 3}, "weekday", "required"),
        ({"frequency": "monthly_weekday", "weekday": 4, "count": 3}, "week_of_month", "required"),
        ({"frequency": "monthly_day", "day_of_month": 32, "count": 3}, "day_of_month", "required"),
        ({"frequency": "weekly", "weekday": 1, "count": 3, "skip_dates": "元旦"}, "skip_dates", "bad_date"),
        ({"frequency": "weekly", "weekday": 1, "until_date": date(2026, 12, 1)}, "until_date", "end_before_start"),
    ],
    ids=["500-dates", "ten-years", "no-end", "two-ends", "no-weekday", "no-nth", "day-32", "bad-skip", "backwards"],
)
def test_bad_series_are_refused_with_a_coded_error_on_the_field(fields, field, code):
    with pytest.raises(ValidationError) as caught:
        series_dates(series(**fields))
    errors = caught.value.error_dict[field]
    assert errors[0].code == code and errors[0].messages[0]


def test_the_size_limit_names_the_last_date_that_fits():
    with pytest.raises(ValidationError) as caught:
        series_dates(series(frequency="weekly", weekday=4, until_date=date(2037, 1, 1)))
    assert caught.value.error_dict["until_date"][0].code == "too_many"
    message = caught.value.message_dict["until_date"][0]
    assert f"最多排 {MAX_SESSIONS} 场" in message and "2028-" in message


def admin_data(**extra):
    first = timezone.localdate() + timedelta(days=1)
    return {
        "course": course_create().pk, "frequency": "monthly_weekday", "weekday": 4, "week_of_month": 1,
        "start_time": "15:00", "duration_minutes": 90, "first_date": first.isoformat(), "count": 3, "capacity": 30,
        "members_only": "on",
    } | extra  # fmt: skip


def test_preview_lists_the_dates_and_creates_nothing(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:classes_series_add"), admin_data(_preview="预览日期"))
    assert response.status_code == 200
    assert "日期预览（共 3 场）" in response.text and "保存后生成" in response.text
    assert not Series.objects.exists() and not Session.objects.exists()


def test_a_series_of_500_dates_is_refused_in_the_admin_and_creates_nothing(client, superuser):
    client.force_login(superuser)
    for extra in ({"count": 500}, {"count": "", "until_date": "2040-01-01"}):
        response = client.post(reverse("admin:classes_series_add"), admin_data(**extra))
        assert response.status_code == 200 and f"一个系列最多排 {MAX_SESSIONS} 场" in response.text
        preview = client.post(reverse("admin:classes_series_add"), admin_data(_preview="1", **extra))
        assert f"一个系列最多排 {MAX_SESSIONS} 场" in preview.text
    assert not Series.objects.exists() and not Session.objects.exists()


def test_saving_makes_the_sessions_and_the_change_page_shows_them(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:classes_series_add"), admin_data())
    assert response.status_code == 302
    plan = Series.objects.get()
    assert plan.sessions.count() == 3
    page = client.get(reverse("admin:classes_series_change", args=[plan.pk])).text
    assert page.count("已生成") >= 3


def test_one_session_moved_on_its_own_is_kept_and_not_made_again():
    plan = series(frequency="weekly", weekday=1, first_date=timezone.localdate(), count=4)
    plan.save()
    made = series_materialize(series=plan)
    moved = made[1]
    moved.starts_at += timedelta(days=2)  # moved to Thursday that week
    moved.ends_at += timedelta(days=2)
    moved.capacity = 5
    moved.save()
    plan.count = 5  # the series grows by one date later
    plan.save()
    again = series_materialize(series=plan)
    assert len(again) == 1
    assert plan.sessions.count() == 5
    moved.refresh_from_db()
    assert moved.capacity == 5 and moved.series_id == plan.pk
