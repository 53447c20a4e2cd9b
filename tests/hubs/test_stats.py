from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from apps.hubs import services
from apps.hubs.lifecycle import Status
from apps.hubs.selectors import report_stats
from tests.factories import user_create

from .factories import category_create, hub_create

pytestmark = pytest.mark.django_db


def _case(*, submitted: datetime, steps: list[tuple[str, int]], actor, hub):
    report = services.report_submit(
        reporter=user_create(), title=f"问题 {submitted}", description="描述描述描述描述描述",
        category=category_create(), hub=hub, place="路口", photos=[], at=submitted,
    )  # fmt: skip
    for status, days in steps:
        services.report_transition(
            report=report, to_status=status, actor=actor, public_message="说明", at=submitted + timedelta(days=days)
        )
    return report


def test_median_days_come_from_the_history(superuser):
    hub = hub_create()
    start = timezone.localtime().replace(day=1, hour=9, minute=0, second=0, microsecond=0) - timedelta(days=40)
    _case(
        submitted=start,
        steps=[(Status.ACCEPTED, 1), (Status.IN_PROGRESS, 2), (Status.COMPLETED, 10)],
        actor=superuser,
        hub=hub,
    )
    _case(
        submitted=start,
        steps=[(Status.ACCEPTED, 3), (Status.IN_PROGRESS, 4), (Status.COMPLETED, 20)],
        actor=superuser,
        hub=hub,
    )
    _case(
        submitted=start,
        steps=[(Status.ACCEPTED, 2), (Status.CONSULTATION, 3), (Status.DECIDED, 6)],
        actor=superuser,
        hub=hub,
    )
    stats = report_stats()
    assert stats["overall"] == {"accepted": 2.0, "completed": 15.0, "decided": 6.0}
    assert stats["total"] == 3
    counts = {status: n for _, status, n in stats["by_status"]}
    assert counts == {Status.COMPLETED: 2, Status.DECIDED: 1}
    assert [c.n for c in stats["by_category"]] == [3]
    assert len(stats["medians"]) == 12
    assert stats["medians"][-1]["month"] == timezone.localtime().strftime("%Y-%m")
    assert stats["chart"]["bars"]


def test_a_reopened_report_counts_its_first_completion(superuser):
    hub = hub_create()
    start = timezone.now() - timedelta(days=20)
    report = _case(
        submitted=start,
        steps=[(Status.ACCEPTED, 1), (Status.IN_PROGRESS, 2), (Status.COMPLETED, 4)],
        actor=superuser,
        hub=hub,
    )
    services.report_reopen(report=report, user=report.reporter, message="又坏了")
    services.report_transition(report=report, to_status=Status.COMPLETED, actor=superuser, public_message="修好了")
    assert report_stats()["overall"]["completed"] == 4.0


def test_statistics_page_draws_an_svg_chart_without_styles(client, superuser):
    _case(submitted=timezone.now() - timedelta(days=3), steps=[(Status.ACCEPTED, 1)], actor=superuser, hub=hub_create())
    html = client.get("/reports/").text
    assert "<svg" in html and "<rect" in html
    assert "style=" not in html
    assert "排名" not in html
