"""A Party member on a phone: find a class in the menu, register, see it in /me/, get the calendar
file, check in through the QR link, and see the study hours grow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.core.booking.checkin import checkin_token
from tests.classes.factories import course_create, member_create, session_create
from tests.e2e.conftest import csp_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]


def log_in(page, login: str):
    page.goto(page.base + "/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("load")


def test_member_finds_registers_checks_in_and_sees_hours(page):
    member_create(phone="+8613766668888", real_name="陈文华")
    course = course_create(title="讲习夜校：小区治理怎么议")
    # Running now (started 10 minutes ago, 2 hours long) and still open for registration.
    session = session_create(course=course, starts_in_hours=-1 / 6, hours=2, capacity=5)
    session.registration_closes_at = session.ends_at
    session.save()

    log_in(page, "13766668888")
    page.goto(page.base + "/classes/")
    page.get_by_role("link", name="讲习夜校：小区治理怎么议").first.click()
    page.wait_for_load_state("load")
    page.locator(".agenda a.occurrence").first.click()
    page.wait_for_load_state("load")
    assert "余 5 席" in page.content()

    page.get_by_role("button", name="报名").click()
    page.wait_for_load_state("load")
    assert "报名成功" in page.content()

    calendar = page.request.get(page.base + f"/calendar/events/{session.pk}.ics")
    assert calendar.ok and b"BEGIN:VEVENT" in calendar.body()

    page.goto(page.base + "/me/")
    assert "讲习夜校：小区治理怎么议" in page.content()
    assert "<strong>0</strong> / 32 学时" in page.content()

    page.goto(page.base + f"/checkin/{session.pk}/{checkin_token(session, timezone.now())}/")
    page.get_by_role("button", name="签到").click()
    page.wait_for_load_state("load")
    assert "签到成功" in page.content()

    page.goto(page.base + "/me/")
    hours = round((session.ends_at - session.starts_at) / timedelta(hours=1), 1)
    assert f"<strong>{hours}</strong> / 32 学时" in page.content()
    assert page.console_errors == []
    assert csp_violations(page) == []
