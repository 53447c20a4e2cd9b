from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.core.messaging import sms_enqueue
from apps.core.sms.catalogue import sms_template_register

from ..models import MemberProfile

sms_template_register(
    "membership_verified",
    label="党员身份认证通过",
    text="您的党员身份已通过{branch}审核，现在可以在红岭课堂报名党员课程。",
)


@transaction.atomic
def member_apply(*, user, branch, category: str, year_joined: int) -> MemberProfile:
    """A logged-in user asks to be recognised as a Party member; staff verify in the admin."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile and profile.status == MemberProfile.Status.VERIFIED:
        raise ValidationError("您已经是认证党员，无需重复申请。如需修改信息请联系党支部。", code="verified")
    this_year = timezone.localdate().year
    if not 1921 <= year_joined <= this_year:
        raise ValidationError({"year_joined": f"入党年份应在 1921 年到 {this_year} 年之间。"}, code="year")
    profile = profile or MemberProfile(user=user)
    profile.branch, profile.category, profile.year_joined = branch, category, year_joined
    profile.status, profile.applied_at = MemberProfile.Status.PENDING, timezone.now()
    profile.verified_at = profile.verified_by = None
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def member_verify(*, profile: MemberProfile, by, approve: bool, note: str = "") -> MemberProfile:
    profile.status = MemberProfile.Status.VERIFIED if approve else MemberProfile.Status.REJECTED
    profile.verified_at, profile.verified_by = timezone.now(), by
    if note:
        profile.staff_note = note
    profile.save(update_fields=["status", "verified_at", "verified_by", "staff_note"])
    user = profile.user
    if approve and user.phone and user.phone_verified:
        sms_enqueue(phone=user.phone, template="membership_verified", params={"branch": str(profile.branch)})
    return profile
