"""The pioneers' part of the admin's 工作台: volunteer hours this month at each of the worker's hubs (checked-in
attendance × the activity's length), in the directory's fixed order."""

from django.db.models import DurationField, ExpressionWrapper, F, Sum
from django.utils import timezone

from apps.core.booking.models import Registration
from apps.core.charts import bar_chart
from apps.hubs.workbench import workbench_hubs


def volunteer_hours(request) -> dict | None:
    if not request.user.has_perm("pioneers.view_volunteeractivity"):
        return None
    hubs = workbench_hubs(request)
    today = timezone.localdate()
    length = ExpressionWrapper(F("occurrence__ends_at") - F("occurrence__starts_at"), output_field=DurationField())
    totals = dict(
        Registration.objects.filter(
            occurrence__volunteeractivity__hub__in=hubs,
            occurrence__starts_at__year=today.year,
            occurrence__starts_at__month=today.month,
            checked_in_at__isnull=False,
        )
        .values("occurrence__volunteeractivity__hub")
        .annotate(total=Sum(length))
        .values_list("occurrence__volunteeractivity__hub", "total")
        .order_by()
    )
    rows = [
        {"hub": hub, "hours": round(totals[hub.pk].total_seconds() / 3600, 1) if totals.get(hub.pk) else 0.0}
        for hub in hubs
    ]
    groups = [
        {
            "label": r["hub"].name[:4],
            "values": {"hours": r["hours"]},
            "titles": {"hours": f"{r['hub'].name}：{r['hours']} 小时"},
        }
        for r in rows
    ]
    chart = bar_chart(groups, series=["hours"]) if any(r["hours"] for r in rows) else None
    return {"rows": rows, "month": today, "chart": chart}
