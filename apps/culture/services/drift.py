"""图书漂流: whoever picks a drifting book up logs where it is now (a hub) and may leave a short note."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import DriftBook, DriftLog

RELOG_PAUSE = timedelta(hours=1)


def drift_code_normalize(code: str) -> str:
    return (code or "").strip().upper().replace(" ", "")


@transaction.atomic
def drift_log_create(*, code: str, hub, note: str = "", user, now=None) -> DriftLog:
    now = now or timezone.now()
    code = drift_code_normalize(code)
    if not code:
        raise ValidationError({"code": ValidationError("请填写书上漂流标签的编号，例如 PL-0001。", code="required")})
    drift_book = DriftBook.objects.select_for_update().filter(code=code).first()
    if drift_book is None:
        raise ValidationError(
            {"code": ValidationError(f"没有找到编号为“{code}”的漂流书，请核对书上标签的编号。", code="unknown")}
        )
    if not drift_book.is_active:
        raise ValidationError(
            {
                "code": ValidationError(
                    f"“{code}”这本书已经结束漂流，谢谢您。可以把它交到社区图书馆。", code="drift_ended"
                )
            }
        )
    if DriftLog.objects.filter(drift_book=drift_book, logged_by=user, logged_at__gte=now - RELOG_PAUSE).exists():
        raise ValidationError("您刚刚登记过这本书，无需重复登记。", code="duplicate")
    log = DriftLog(drift_book=drift_book, hub=hub, note=(note or "").strip(), logged_at=now, logged_by=user)
    log.full_clean()
    log.save()
    return log
