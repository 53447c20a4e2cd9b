"""A member is told staff's answer by SMS: membership_verified or membership_refused, with a link to /me/."""

import pytest

from apps.classes.models import MemberProfile
from apps.classes.services.members import member_verify
from apps.core.messaging import MemorySmsSender
from tests.classes.factories import member_create
from tests.factories import staff_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("approve", "template"), [(True, "membership_verified"), (False, "membership_refused")])
def test_verification_is_texted_to_the_member(approve, template, sms_outbox, django_capture_on_commit_callbacks):
    MemorySmsSender.messages.clear()
    user = member_create(status="pending", phone="+8613912340077")
    profile = MemberProfile.objects.get(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        member_verify(profile=profile, by=staff_create(), approve=approve)
    (message,) = MemorySmsSender.messages
    assert message.template == template and message.params["link"].endswith("/me/")
    assert ("认证已通过" if approve else "认证未通过") in sms_outbox[0][1]
