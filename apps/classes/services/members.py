from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.core.notices import notice_send
from apps.core.shortlinks import absolute_url
from apps.core.sms.catalogue import sms_template_register

from ..models import MemberProfile

sms_template_register("membership_verified", label="党员认证通过", text="党员认证已通过，现在可以报名党员课程。{link}")
sms_template_register(
    "membership_refused", label="党员认证未通过", text="党员认证未通过，如有疑问请联系所在党支部。{link}"
)


@transaction.atomic
def member_apply(*, user, branch, category: str, year_joined: int) -> MemberProfile:
    """A logged-in user asks to be recognised as a Party member; staff verify in the admin."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile and profile.status == MemberProfile.Status.VERIFIED:
        raise ValidationError("您已经是认证党员，无需重复申请。如需修改信息请联系党支部。", code="verified")
    this_year = timezone.localdate().year
    if not 1921 <= year_joined <= this_year:
        raise ValidationError(
            {"year_joined": ValidationError(f"入党年份应在 1921 年到 {this_year} 年之间。", code="year")}
        )
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
    member_notify_verified(profile=profile)
    return profile


MEMBERSHIP = {True: ("membership_verified", "党员认证已通过"), False: ("membership_refused", "党员认证未通过")}


def member_notify_verified(*, profile: MemberProfile) -> None:
    """Tell the member staff's answer (verified or refused), linking to their /me/ page."""
    template, subject = MEMBERSHIP[profile.is_verified]
    notice_send(
        user=profile.user,
        topic="membership",
        template=template,
        link=absolute_url(reverse("accounts:me")),
        subject=subject,
    )
