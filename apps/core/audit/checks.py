from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError

from .services import audit_retention_validate


def audit_retention_check(app_configs=None, **kwargs):
    """AUDIT_RETENTION_DAYS below the legal minimum is refused at start-up, not only when pruning."""
    days = getattr(settings, "AUDIT_RETENTION_DAYS", None)
    if not isinstance(days, int):
        return [checks.Error("AUDIT_RETENTION_DAYS 必须是整数天数。", id="core.E001")]
    try:
        audit_retention_validate(days)
    except ValidationError as error:
        return [checks.Error(error.messages[0], hint="请把 AUDIT_RETENTION_DAYS 设为 180 或更大。", id="core.E001")]
    return []
