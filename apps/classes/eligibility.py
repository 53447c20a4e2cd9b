from django.core.exceptions import ValidationError


def member_eligibility(user, occurrence=None) -> None:
    """仅限党员: verified members only. The rule of every members-only occurrence (sessions, culture events)."""
    from .models import MemberProfile

    status = MemberProfile.objects.filter(user=user).order_by().values_list("status", flat=True).first()  # no joins
    if status is None:
        raise ValidationError("本场仅限党员报名。如果您是党员，请先在“我的”页面申请党员认证。", code="not_member")
    if status == MemberProfile.Status.PENDING:
        raise ValidationError("您的党员认证还在审核中，审核通过后即可报名。", code="unverified")
    if status == MemberProfile.Status.REJECTED:
        raise ValidationError("您的党员认证未通过，请联系所在党支部。", code="rejected")
