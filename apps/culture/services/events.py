"""Registering a child for a families event: the guardian's registration and the child's details are
written in one transaction, so there is never a seat without a child or a child without a guardian."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.booking.services import registration_create
from apps.core.models import Registration
from apps.core.phones import digits_ascii

from ..models import ChildAttendee, CultureEvent
from ..models.events import CHILD_AGE_MAX, CHILD_AGE_MIN, CHILD_NAME_MAX


def child_fields_check(*, child_name: str, child_age, guardian_consent: bool) -> tuple[str, int]:
    """Clear Chinese messages, per field, for what a guardian must fill in."""
    errors = {}
    name = (child_name or "").strip()
    if not name:
        errors["child_name"] = ValidationError("请填写孩子的姓名（可以只写小名），方便现场点名。", code="required")
    elif len(name) > CHILD_NAME_MAX:
        errors["child_name"] = ValidationError(f"孩子的姓名最多 {CHILD_NAME_MAX} 个字。", code="max_length")
    try:
        age = int(digits_ascii(str(child_age)).strip())
    except (TypeError, ValueError):
        age = None
        errors["child_age"] = ValidationError("请填写孩子的年龄（周岁），只填数字。", code="invalid")
    if age is not None and not CHILD_AGE_MIN <= age <= CHILD_AGE_MAX:
        errors["child_age"] = ValidationError(
            f"孩子的年龄应在 {CHILD_AGE_MIN} 到 {CHILD_AGE_MAX} 岁之间。", code="age_range"
        )
    if not guardian_consent:
        errors["guardian_consent"] = ValidationError(
            "请确认您是孩子的监护人，并同意我们为组织本次活动保存孩子的姓名和年龄。", code="consent_required"
        )
    if errors:
        raise ValidationError(errors)
    return name, age


@transaction.atomic
def child_registration_create(
    *, event: CultureEvent, guardian, child_name: str, child_age, guardian_consent: bool, now=None
) -> Registration:
    """报名 / 候补 for a families event: the guardian holds the seat, with their child's name and age."""
    if guardian is None or not guardian.is_authenticated:
        raise ValidationError("亲子活动须由监护人登录后为孩子报名。", code="no_guardian")
    name, age = child_fields_check(child_name=child_name, child_age=child_age, guardian_consent=guardian_consent)
    registration = registration_create(occurrence=event, user=guardian, now=now)
    child = ChildAttendee(registration=registration, child_name=name, child_age=age, guardian_consent_at=timezone.now())
    child.full_clean()
    child.save()
    return registration
