from django.core.exceptions import ValidationError


def session_eligibility(user, session_or_occurrence) -> None:
    """Member-only sessions: verified members only. Others: any logged-in resident."""
    from .models import MemberProfile, Session

    session = session_or_occurrence
    if not isinstance(session, Session):
        session = Session.objects.only("members_only").get(pk=session_or_occurrence.pk)
    if not session.members_only:
        return
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError("本场仅限党员报名。如果您是党员，请先在“我的”页面申请党员认证。", code="not_member")
    if profile.status == MemberProfile.Status.PENDING:
        raise ValidationError("您的党员认证还在审核中，审核通过后即可报名。", code="unverified")
    if profile.status == MemberProfile.Status.REJECTED:
        raise ValidationError("您的党员认证未通过，请联系所在党支部。", code="rejected")
