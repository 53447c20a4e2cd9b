"""The admin index's 工作台: scoped to the worker's hubs, charts with their tables, no script, few queries."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone

from apps.core.booking.models import Registration
from apps.core.workbench import workbench_sections
from apps.hubs.models import Report
from apps.hubs.workbench import REPORT_PROMISE_DAYS
from tests.classes.factories import member_create, session_create
from tests.hubs.factories import hub_create, hub_staff_create, report_create

pytestmark = pytest.mark.django_db
INDEX = "/" + settings.ADMIN_URL


def _age(report: Report, days: int) -> None:
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def test_workbench_shows_reports_of_the_workers_hubs_only(client):
    mine, other = hub_create(name="锦林社区"), hub_create(name="新安社区")
    worker = hub_staff_create(mine)
    own, foreign = report_create(hub=mine), report_create(hub=other)
    client.force_login(worker)
    page = client.get(INDEX).content.decode()
    assert "工作台" in page
    assert own.reference in page
    assert foreign.reference not in page


def test_overdue_reports_are_marked_against_the_promise(admin_client):
    hub = hub_create()
    late, fresh = report_create(hub=hub, title="路灯坏了很久"), report_create(hub=hub, title="刚坏的路灯")
    _age(late, REPORT_PROMISE_DAYS + 3)
    page = admin_client.get(INDEX).content.decode()
    late_row = re.search(rf'<tr class="wb-(\w+)"><td><a [^>]*>{late.reference}<', page)
    fresh_row = re.search(rf'<tr class="wb-(\w+)"><td><a [^>]*>{fresh.reference}<', page)
    assert late_row.group(1) == "overdue" and fresh_row.group(1) == "ok"
    assert "1 条已超过 7 天" in page
    assert 'class="bar-age bar-overdue"' in page


def test_week_sessions_show_seats_and_waitlist(admin_client):
    hub = hub_create()
    today = timezone.localdate()
    days_left = 6 - today.weekday()
    session = session_create(venue_hub=hub, capacity=1, starts_in_hours=days_left * 24 * 0.5 + 0.1, members_only=False)
    Registration.objects.create(occurrence=session, user=member_create(), status=Registration.Status.CONFIRMED)
    Registration.objects.create(occurrence=session, user=member_create(), status=Registration.Status.WAITLISTED)
    page = admin_client.get(INDEX).content.decode()
    assert session.title in page
    assert "<td>1/1</td><td>1</td>" in page


def test_branches_in_fixed_order_never_ranked(admin_client):
    first, second = hub_create(name="甲支部", order=1), hub_create(name="乙支部", order=2)
    member_create(branch=first)
    member_create(branch=second, status="pending")
    page = admin_client.get(INDEX).content.decode()
    table = page[page.index("党员认证与学时") :]
    assert table.index("甲支部") < table.index("乙支部")
    assert "等待认证的党员：<strong>1</strong>" in page


def test_workbench_has_no_script_and_every_chart_has_a_table(admin_client):
    hub = hub_create()
    report_create(hub=hub)
    member_create(branch=hub)
    page = admin_client.get(INDEX).content.decode()
    workbench = page[page.index('<section class="workbench"') : page.index("</section>", page.index("工作台"))]
    assert "<script" not in workbench and " style=" not in workbench
    assert workbench.count("<svg") >= 2
    assert workbench.count("<svg") == workbench.count("<figure") <= workbench.count("<table")


def test_workbench_needs_at_most_eight_queries(django_assert_max_num_queries, admin_user):
    hubs = [hub_create() for _ in range(4)]
    for hub in hubs:
        report_create(hub=hub)
        member_create(branch=hub)
        session_create(venue_hub=hub, starts_in_hours=1)
    request = RequestFactory().get(INDEX)
    request.user = admin_user
    with django_assert_max_num_queries(8):
        sections = workbench_sections(request)
    assert len(sections) == 4


def test_sections_follow_the_workers_permissions(client):
    from django.contrib.auth.models import Permission

    from tests.factories import staff_create

    hub = hub_create()
    session = session_create(venue_hub=hub, starts_in_hours=1)
    client.force_login(hub_staff_create(hub))  # 社区工作人员: reports, sessions and members of their hub
    page = client.get(INDEX).content.decode()
    assert "待处理的居民反映" in page and session.title in page
    reports_only = staff_create()
    reports_only.user_permissions.add(Permission.objects.get(codename="view_report"))
    hub.staff.add(reports_only)
    client.force_login(reports_only)  # no permission on class sessions or members
    page = client.get(INDEX).content.decode()
    assert "待处理的居民反映" in page and session.title not in page and "党员认证与学时" not in page
    client.force_login(staff_create())  # a staff account without any permission: no 工作台 at all
    assert "工作台" not in client.get(INDEX).content.decode()
