"""`seed --volume N` for 红岭之家: N/10 accepted reports, for load tests. Idempotent (topped up to N/10).

The reports are history: filed over the past two years by the demo residents, spread over the public hubs
and the categories, each accepted three hours later. They are written in bulk (a few queries for a thousand,
and no notification to anyone), with the same reference, history rows and public signatures that
`report_submit` and `report_transition` write; the rules for a resident filing today (one-day limit,
duplicate check) do not apply to the past. The search index is rebuilt for reports afterwards.
"""

from datetime import timedelta

from django.utils import timezone

from apps.core.search.index import search_index_rebuild

from .lifecycle import Status
from .models import Category, Hub, Report, ReportEvent
from .services.reports import report_actor_label, report_reference

VOLUME_TITLE = "批量测试反映"
PLACES = ("远大路", "长星路口", "浏阳河风光带", "小区主路", "楼道", "村部门口")


def volume_reports(volume: int) -> int:
    return volume // 10


def volume_seed(*, reporters: list, staff, volume: int) -> int:
    """Top the bulk reports up to N/10, accepted by `staff` (who may handle every hub: the demo superuser)."""
    have = Report.objects.filter(title__startswith=VOLUME_TITLE).count()
    if have >= volume_reports(volume):
        return 0
    hubs = list(Hub.objects.public().order_by("pk"))
    categories = list(Category.objects.filter(is_active=True).order_by("pk"))
    now = timezone.now()
    reports = []
    for n in range(have, volume_reports(volume)):
        submitted = now - timedelta(days=2 + n % 700, hours=n % 9)
        accepted = submitted + timedelta(hours=3)
        reports.append(
            Report(
                reporter=reporters[n % len(reporters)],
                title=f"{VOLUME_TITLE} {n + 1}",
                description="用于性能测试的示例反映内容。",
                category=categories[n % len(categories)],
                hub=hubs[n % len(hubs)],
                place=PLACES[n % len(PLACES)],
                status=Status.ACCEPTED,
                submitted_at=submitted,
                status_changed_at=accepted,
                published_at=accepted,
            )
        )
    Report.objects.bulk_create(reports, batch_size=500)
    labels = {}  # the public signature depends on who acts and where, not on the report itself

    def label(actor, report):
        key = (actor.pk, report.hub_id)
        if key not in labels:
            labels[key] = report_actor_label(actor=actor, report=report)
        return labels[key]

    events = []
    for report in reports:
        report.reference = report_reference(report)
        events += [
            ReportEvent(
                report=report,
                actor=report.reporter,
                to_status=Status.SUBMITTED,
                created_at=report.submitted_at,
                actor_label=label(report.reporter, report),
            ),
            ReportEvent(
                report=report,
                actor=staff,
                from_status=Status.SUBMITTED,
                to_status=Status.ACCEPTED,
                public_message="已受理。",
                created_at=report.published_at,
                actor_label=label(staff, report),
            ),
        ]
    Report.objects.bulk_update(reports, ["reference"], batch_size=500)
    ReportEvent.objects.bulk_create(events, batch_size=500)
    search_index_rebuild(keys=["hubs.report"])
    return len(reports)
