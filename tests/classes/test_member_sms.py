"""A member verified by staff is told by SMS (template membership_verified); a rejection sends nothing."""

import pytest

from apps.classes.models import MemberProfile
from apps.classes.services.members import member_verify
from apps.core.messaging import MemorySmsSender
from tests.classes.factories import member_create
from tests.factories import staff_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("approve", "sent"), [(True, 1), (False, 0)])
def test_verification_is_texted_to_the_member(approve, sent, sms_outbox, django_capture_on_commit_callbacks):
    MemorySmsSender.messages.clear()
    user = member_create(status="pending", phone="+8613912340077")
    profile = MemberProfile.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        member_verify(profile=profile, by=staff_create(), approve=approve)
    assert len(sms_outbox) == sent
    if approve:
        (message,) = MemorySmsSender.messages
        assert message.template == "membership_verified" and message.params == {"branch": str(profile.branch)}
        assert f"您的党员身份已通过{profile.branch}审核" in sms_outbox[0][1]
