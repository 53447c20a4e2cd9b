"""The roster of one occurrence: who has a seat, who waits, who checked in — for staff only."""

from django.utils import timezone

from .models import Occurrence, Registration

ROSTER_HEADERS = ["序号", "姓名", "手机号", "状态", "报名时间", "签到时间", "签到方式", "代报名"]
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
        ])  # fmt: skip
    return rows
