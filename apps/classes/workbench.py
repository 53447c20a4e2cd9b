"""The classes' part of the admin's 工作台: members waiting for verification, and each branch's study
hours this year per verified member against the yearly target — branches in the directory's fixed order,
never ranked."""

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from apps.core.booking.models import Registration
from apps.core.charts import bar_chart
from apps.hubs.workbench import workbench_hubs

from .models import ClassesSettings, MemberProfile


def members_and_hours(request) -> dict | None:
    if not request.user.has_perm("classes.view_memberprofile"):
        return None
    hubs = workbench_hubs(request)
    year = timezone.localdate().year
    counts = {
        row["branch"]: row
        for row in MemberProfile.objects.filter(branch__in=hubs)
        .values("branch")
        .annotate(
            pending=Count("id", filter=Q(status=MemberProfile.Status.PENDING)),
            verified=Count("id", filter=Q(status=MemberProfile.Status.VERIFIED)),
        )
        .order_by()
    }
    length = ExpressionWrapper(F("occurrence__ends_at") - F("occurrence__starts_at"), output_field=DurationField())
    hours = dict(
        Registration.objects.filter(
            occurrence__kind="classes.session",
            occurrence__starts_at__year=year,
            checked_in_at__isnull=False,
            user__member_profile__branch__in=hubs,
            user__member_profile__status=MemberProfile.Status.VERIFIED,
        )
        .values("user__member_profile__branch")
        .annotate(total=Sum(length))
        .values_list("user__member_profile__branch", "total")
        .order_by()
    )
    target = ClassesSettings.load().study_hours_target
    rows = []
    for hub in hubs:  # the directory's order, never sorted by hours
        row = counts.get(hub.pk, {"pending": 0, "verified": 0})
        row = {"pending": row["pending"], "verified": row["verified"]}
        total = round(hours[hub.pk].total_seconds() / 3600, 1) if hours.get(hub.pk) else 0.0
        per_member = round(total / row["verified"], 1) if row["verified"] else None
        rows.append(
            {
                "hub": hub,
                "pending": row["pending"],
                "verified": row["verified"],
                "hours": total,
                "per_member": per_member,
            }
        )
    groups = [
        {
            "label": row["hub"].name[:4],
            "values": {"per_member": row["per_member"]},
            "titles": {"per_member": f"{row['hub'].name}：人均 {row['per_member']} 学时（目标 {target}）"},
        }
        for row in rows
    ]
    return {
        "rows": rows,
        "year": year,
        "target": target,
        "pending": sum(row["pending"] for row in rows),
        "chart": bar_chart(groups, series=["per_member"], target=target) if rows else None,
    }
