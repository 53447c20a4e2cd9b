"""The hubs' part of the admin's 工作台 (apps.core.workbench): reports waiting for action against the
service promise, and this week's sessions and events at the worker's hubs with seats and waitlist."""

from datetime import datetime, time, timedelta
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from apps.core.booking.kinds import KINDS
from apps.core.charts import bar_chart
from apps.core.models import Occurrence

from .lifecycle import CLOSED, FINISHED, Status
from .models import Hub, Report

# The promise to residents: every report gets an answer (a decision, a fix or a reason) within this many days.
REPORT_PROMISE_DAYS = 7
REPORTS_SHOWN = 12


def workbench_hubs(request) -> list[Hub]:
    """The hubs the signed-in worker works for, in the directory's fixed order: the one place the 工作台
    asks the hub scope (all hubs for street staff), once per request."""
    if not hasattr(request, "_workbench_hubs"):
        request._workbench_hubs = list(Hub.objects.staffed_by(request.user).only("id", "slug", "name"))
    return request._workbench_hubs


def _may_view(user, kind) -> bool:
    """Whether `user` may view the kind's model, found from its hub_lookup ("session__venue_hub__slug")."""
    opts = Occurrence._meta.get_field(kind.hub_lookup.split("__")[0]).related_model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def reports_waiting(request) -> dict | None:
    if not request.user.has_perm("hubs.view_report"):
        return None
    hubs = workbench_hubs(request)
    now = timezone.now()
    rows = list(
        Report.objects.filter(hub__in=hubs, is_hidden=False)
        .exclude(status__in=CLOSED | FINISHED)
        .order_by("submitted_at")
        .values("pk", "reference", "title", "status", "submitted_at", "hub__name")[:REPORTS_SHOWN]
    )
    for row in rows:
        row["age"] = (now - row["submitted_at"]).days
        row["status_label"] = Status(row["status"]).label
        row["overdue"] = row["age"] > REPORT_PROMISE_DAYS
        row["state"] = "overdue" if row["overdue"] else ("due" if row["age"] >= REPORT_PROMISE_DAYS - 2 else "ok")
    groups = [
        {
            "label": row["reference"][-4:],
            "values": {"age": row["age"]},
            "titles": {"age": f"{row['reference']} {row['title']}：已 {row['age']} 天"},
            "classes": {"age": f"bar-{row['state']}"},
        }
        for row in rows
    ]
    chart = bar_chart(groups, series=["age"], target=REPORT_PROMISE_DAYS) if rows else None
    return {
        "rows": rows,
        "chart": chart,
        "caption": f"已等待的天数（虚线为 {REPORT_PROMISE_DAYS} 天服务承诺；红色已超期，橙色两天内到期，绿色在期限内）",
        "promise": REPORT_PROMISE_DAYS,
        "overdue": sum(r["overdue"] for r in rows),
    }


def week_occurrences(request) -> dict | None:
    hubs = workbench_hubs(request)
    slugs = [hub.slug for hub in hubs]
    lookups = [
        Q(kind=kind.key, **{f"{kind.hub_lookup}__in": slugs})
        for kind in KINDS.values()
        if kind.hub_lookup and _may_view(request.user, kind)
    ]
    if not lookups:
        return None
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.combine(monday, time.min))
    rows = list(
        Occurrence.objects.filter(reduce(or_, lookups), is_cancelled=False)
        .between(start, start + timedelta(days=7))
        .with_counts()
        .order_by("starts_at")
        .values("pk", "kind", "title", "starts_at", "capacity", "confirmed_total", "waitlisted_total")[:20]
    )
    for row in rows:
        row["kind_label"] = KINDS[row["kind"]].label if row["kind"] in KINDS else "活动"
    groups = [
        {
            "label": timezone.localtime(row["starts_at"]).strftime("%-m/%-d"),
            "values": {
                "capacity": row["capacity"],
                "confirmed": row["confirmed_total"],
                "waitlisted": row["waitlisted_total"] or None,
            },
            "titles": {
                "capacity": f"{row['title']}：名额 {row['capacity']}",
                "confirmed": f"{row['title']}：已报名 {row['confirmed_total']}",
                "waitlisted": f"{row['title']}：候补 {row['waitlisted_total']}",
            },
        }
        for row in rows
    ]
    chart = bar_chart(groups, series=["capacity", "confirmed", "waitlisted"]) if rows else None
    return {"rows": rows, "chart": chart, "monday": monday, "sunday": monday + timedelta(days=6)}
