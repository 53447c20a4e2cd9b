"""Writing to the audit trail, and pruning it once rows are past the retention period."""

import ipaddress
from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.core import context
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connections, transaction
from django.utils import timezone

from apps.core.phones import looks_like_phone, mask_phone, phone_normalize

from .models import AuditEvent

RETENTION_MINIMUM_DAYS = 180  # 网络安全法 Art. 21: network logs kept no less than six months
UNRECOGNISED_LOGIN = "（无法识别的输入，未保存）"


def user_label(user) -> str:
    """How the trail names an account, also after it is deleted: email or masked phone, and its number."""
    if user is None or user.pk is None:
        return ""
    return f"{user.email or mask_phone(user.phone or '')} #{user.pk}"


def login_identifier_label(value: str) -> str:
    """What someone typed as their account at a failed login, safe to keep: a phone number masked, an email
    address as typed; anything else (often a password typed into the wrong box) is not stored at all."""
    value = (value or "").strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            return UNRECOGNISED_LOGIN
        return value.lower()[:120]
    if looks_like_phone(value):
        try:
            return mask_phone(phone_normalize(value))
        except ValidationError:
            pass
    return UNRECOGNISED_LOGIN


def client_ip(request) -> str | None:
    """The client's address as allauth's rate limits see it (honours ALLAUTH_TRUSTED_PROXY_COUNT)."""
    if request is None:
        return None
    try:
        ip = get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        ip = request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(ip))
    except ValueError:  # a malformed header must not turn a login into an error page
        return None


def audit_record(
    *, action: str, request=None, user=None, obj=None, detail: str = "", label: str | None = None
) -> AuditEvent:
    """Append one event. `request` defaults to the one being served (so services need not pass it); `user`
    defaults to its signed-in user unless `label` names the account instead (failed logins, deletions)."""
    request = request if request is not None else context.request
    if user is None and label is None and request is not None:
        signed_in = getattr(request, "user", None)
        user = signed_in if signed_in is not None and signed_in.is_authenticated else None
    event = AuditEvent(
        action=action,
        user=user,
        user_label=(label if label is not None else user_label(user))[:120],
        ip=client_ip(request),
        detail=detail[:300],
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.full_clean()
    event.save()
    return event


def audit_retention_validate(days: int) -> None:
    if days < RETENTION_MINIMUM_DAYS:
        raise ValidationError(
            "审计记录至少保留 %(minimum)s 天（网络安全法第二十一条要求不少于六个月），不能设为 %(days)s 天。",
            code="retention_too_short",
            params={"minimum": RETENTION_MINIMUM_DAYS, "days": days},
        )


@transaction.atomic
def audit_prune(*, older_than_days: int | None = None, now=None) -> int:
    """Delete events older than the retention period; the only way rows ever leave the trail."""
    days = settings.AUDIT_RETENTION_DAYS if older_than_days is None else older_than_days
    audit_retention_validate(days)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    connection = connections[AuditEvent.objects.db]
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:  # the trigger lets a DELETE through only with this set
            cursor.execute("SET LOCAL hongling.audit_prune = 'on'")
    try:
        deleted, _ = AuditEvent._base_manager.filter(created_at__lt=cutoff).delete()
    finally:
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL hongling.audit_prune = 'off'")
    return deleted
