"""仅限党员 and other audience rules live in registration_create: every caller (the public 报名, the admin's
代报名, culture registrations, seeds) meets them; staff override only with a reason that stays on the record."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.booking.services import registration_create
from apps.core.models import Registration
from apps.culture.models import CultureEvent
from tests.classes.factories import member_create, session_create
from tests.factories import staff_create, user_create

pytestmark = pytest.mark.django_db


def roster_url(session):
    return reverse("admin:classes_session_roster", args=[session.pk])


def culture_event_create(**extra) -> CultureEvent:
    from datetime import timedelta

    from django.utils import timezone

    starts = timezone.now() + timedelta(days=2)
    fields = {"category": "talk", "title": "微宣讲", "summary": "一句话。", "capacity": 10} | extra
    return CultureEvent.objects.create(starts_at=starts, ends_at=starts + timedelta(hours=1), **fields)


@pytest.mark.parametrize(
    "who,code",
    [(lambda: user_create(), "not_member"), (lambda: member_create(status="pending"), "unverified"),
     (lambda: member_create(status="rejected"), "rejected")],
    ids=["resident", "pending", "rejected"],
)  # fmt: skip
def test_service_refuses_non_members_for_a_members_only_session(who, code):
    session = session_create()
    with pytest.raises(ValidationError) as caught:
        registration_create(occurrence=session, user=who())
    assert caught.value.code == code
    assert not Registration.objects.exists()


def test_members_only_culture_event_asks_the_same_rule():
    event = culture_event_create(audience="members")
    with pytest.raises(ValidationError, match="本场仅限党员报名") as error:
        registration_create(occurrence=event, user=user_create())
    assert error.value.code == "not_member"
    assert registration_create(occurrence=event, user=member_create()).status == "confirmed"
    assert registration_create(occurrence=culture_event_create(), user=user_create()).status == "confirmed"


def test_override_needs_staff_and_a_reason():
    session = session_create()
    resident = user_create()
    with pytest.raises(ValidationError) as error:  # a reason without a staff member is no override
        registration_create(occurrence=session, user=resident, override_reason="想来听")
    assert error.value.code == "not_member"
    with pytest.raises(ValidationError) as error:  # a staff member without a reason neither
        registration_create(occurrence=session, user=resident, registered_by=staff_create(), override_reason="  ")
    assert error.value.code == "not_member"
    assert not Registration.objects.exists()
    registration = registration_create(
        occurrence=session, user=resident, registered_by=staff_create(), override_reason="入党积极分子，支部同意旁听"
    )
    assert registration.eligibility_override == "入党积极分子，支部同意旁听"


def test_a_reason_is_not_recorded_when_no_rule_was_overridden():
    registration = registration_create(
        occurrence=session_create(), user=member_create(), registered_by=staff_create(), override_reason="不需要"
    )
    assert registration.eligibility_override == ""


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def test_proxy_registration_of_a_non_member_is_refused_then_allowed_with_a_reason(staff_client):
    session = session_create()
    user_create(phone="+8613711113333", real_name="李大爷")
    refused = staff_client.post(roster_url(session), {"action": "register", "phone": "13711113333"})
    assert refused.status_code == 400
    assert "本场仅限党员报名" in refused.text and "破例原因" in refused.text
    assert not Registration.objects.exists()

    staff_client.post(
        roster_url(session), {"action": "register", "phone": "13711113333", "override_reason": "支部书记同意旁听"}
    )
    registration = Registration.objects.get()
    assert registration.eligibility_override == "支部书记同意旁听" and registration.registered_by is not None
    roster = staff_client.get(roster_url(session)).text
    assert "破例报名" in roster and "支部书记同意旁听" in roster
    export = staff_client.get(reverse("admin:classes_session_roster_export", args=[session.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "破例原因" and rows[1][-1] == "支部书记同意旁听"


def test_proxy_registration_by_unknown_phone_or_a_phone_already_registered(staff_client):
    session = session_create()
    unknown = staff_client.post(roster_url(session), {"action": "register", "phone": "13700009999"})
    assert unknown.status_code == 400 and "没有找到这个手机号的用户" in unknown.text
    member = member_create(phone="+8613722224444")
    staff_client.post(roster_url(session), {"action": "register", "phone": "137 2222 4444"})
    again = staff_client.post(roster_url(session), {"action": "register", "phone": "13722224444"})
    assert again.status_code == 400 and "已在名单中" in again.text
    assert Registration.objects.filter(user=member).count() == 1
    malformed = staff_client.post(roster_url(session), {"action": "register", "phone": "12345"})
    assert malformed.status_code == 400 and "请输入有效的中国大陆手机号码" in malformed.text


def test_proxy_registration_for_a_families_event_sends_to_the_guardians_form(client, superuser):
    event = culture_event_create(audience="families")
    user_create(phone="+8613733335555")
    client.force_login(superuser)
    url = reverse("admin:culture_cultureevent_roster", args=[event.pk])
    response = client.post(url, {"action": "register", "phone": "13733335555"})
    assert response.status_code == 400 and "孩子的姓名和年龄" in response.text
    assert not Registration.objects.exists()


def test_public_register_and_booking_box_use_the_same_rule(client):
    session = session_create()
    client.force_login(user_create())
    html = client.get(session.get_absolute_url()).text
    assert "本场仅限党员报名" in html
    client.post(reverse("core:occurrence_register", args=[session.pk]))
    assert not Registration.objects.exists()


def test_a_member_no_longer_verified_is_told_they_are_already_registered():
    """Someone on the list is told so, before any rule that would now refuse them (the rules come first on the
    way of everyone else, and the registration is read only for a refusal)."""
    session = session_create()
    member = member_create()
    registration_create(occurrence=session, user=member)
    member.member_profile.status = "rejected"
    member.member_profile.save()
    with pytest.raises(ValidationError, match="您已经报名了这个场次") as error:
        registration_create(occurrence=session, user=member)
    assert error.value.code == "duplicate"
    with pytest.raises(ValidationError) as error:  # cancelled, the rule speaks again
        Registration.objects.filter(user=member).update(status="cancelled")
        registration_create(occurrence=session, user=member)
    assert error.value.code == "rejected"
