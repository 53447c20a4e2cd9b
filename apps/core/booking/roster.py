"""The roster of one occurrence: who has a seat, who waits, who checked in — for staff only."""

from django.db.models import Count, Q
from django.utils import timezone

from .models import Occurrence, Registration

ROSTER_HEADERS = ["序号", "姓名", "手机号", "状态", "报名时间", "签到时间", "签到方式", "代报名", "破例原因"]
CHECKIN_METHODS = {"qr": "扫码", "code": "签到码", "staff": "工作人员"}


def roster(occurrence: Occurrence):
    return (
        Registration.objects.live()
        .filter(occurrence=occurrence)
        .select_related("user", "registered_by")
        .order_by("status", "created_at", "id")
    )


def _local(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def roster_rows(occurrence: Occurrence) -> list[list]:
    rows = []
    for number, r in enumerate(roster(occurrence), start=1):
        rows.append([
            number,
            r.user.real_name or r.user.display_name or str(r.user),
            r.user.masked_phone,
            r.get_status_display(),
            _local(r.created_at),
            _local(r.checked_in_at),
            CHECKIN_METHODS.get(r.checkin_method, ""),
            "是" if r.registered_by_id else "",
            r.eligibility_override,
        ])  # fmt: skip
    return rows


def checkin_counts(occurrence: Occurrence) -> dict[str, int]:
    """How many hold a seat and how many of them have checked in (one query)."""
    return Registration.objects.filter(occurrence=occurrence, status=Registration.Status.CONFIRMED).aggregate(
        confirmed=Count("id"), checked_in=Count("id", filter=Q(checked_in_at__isnull=False))
    )
