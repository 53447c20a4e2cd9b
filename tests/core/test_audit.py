"""Every login, failed login, MFA change, reveal and export of personal data, and account deletion leaves
exactly one row in the audit trail, naming who, from which address, and what."""

import time

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse
from django.utils import timezone

from apps.core.booking.services import registration_create
from apps.core.models import AuditEvent
from tests.classes.factories import member_create, session_create
from tests.factories import PASSWORD, occurrence_create, user_create
from tests.hubs.factories import hub_create
from tests.pioneers.factories import activity_create

pytestmark = pytest.mark.django_db
IP = "203.0.113.9"
Action = AuditEvent.Action


def only(action):
    """The one event of this kind (fails when there are none or several)."""
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, events
    return events[0]


def all_text(event) -> str:
    return " ".join(str(v) for v in (event.user_label, event.object_repr, event.detail, event.object_id))


def test_login_is_recorded_with_who_and_ip(client, resident):
    client.post(reverse("account_login"), {"login": "13912345678", "password": PASSWORD}, REMOTE_ADDR=IP)
    event = only(Action.LOGIN)
    assert (event.user, event.ip, event.user_label) == (resident, IP, f"139****5678 #{resident.pk}")


def test_failed_login_with_a_phone_is_recorded_masked(client, resident):
    typed = "139 1234 5678"
    response = client.post(reverse("account_login"), {"login": typed, "password": "wrong-Secret-9"}, REMOTE_ADDR=IP)
    assert "手机号或密码不正确" in response.text
    event = only(Action.LOGIN_FAILED)
    assert (event.user, event.ip, event.user_label) == (resident, IP, "139****5678")
    for secret in ("13912345678", "1234 5678", "wrong-Secret-9"):
        assert secret not in all_text(event)
    assert not AuditEvent.objects.filter(action=Action.LOGIN).exists()


def test_failed_login_for_an_unknown_phone_names_no_account(client, db):
    client.post(reverse("account_login"), {"login": "13700001111", "password": "x-Secret-42"}, REMOTE_ADDR=IP)
    event = only(Action.LOGIN_FAILED)
    assert (event.user, event.user_label) == (None, "137****1111")


def test_password_typed_into_the_account_box_is_not_stored(client, db):
    client.post(reverse("account_login"), {"login": "MyPassw0rd!", "password": "MyPassw0rd!"}, REMOTE_ADDR=IP)
    event = only(Action.LOGIN_FAILED)
    assert "MyPassw0rd" not in all_text(event)
    assert event.user_label == "（无法识别的输入，未保存）"


def test_mfa_activation_is_one_event(client, resident, django_capture_on_commit_callbacks):
    client.force_login(resident)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks before MFA changes
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    assert resident.authenticator_set.count() == 2  # the TOTP and its recovery codes
    event = only(Action.MFA_ADDED)
    assert (event.user, event.ip) == (resident, IP)


def test_logout_is_recorded(client, resident):
    client.force_login(resident)
    client.post(reverse("account_logout"), REMOTE_ADDR=IP)
    event = only(Action.LOGOUT)
    assert (event.user, event.ip) == (resident, IP)


def test_roster_export_and_sign_sheet_are_recorded(admin_client, admin_user):
    occurrence = occurrence_create()
    registration_create(occurrence=occurrence, user=user_create())
    admin_client.get(reverse("admin:core_occurrence_roster_export", args=[occurrence.pk, "xlsx"]), REMOTE_ADDR=IP)
    event = only(Action.EXPORTED)
    assert (event.user, event.ip, event.object_id) == (admin_user, IP, str(occurrence.pk))
    assert event.detail.startswith(f"roster-{occurrence.pk}-") and "1 行" in event.detail
    admin_client.get(reverse("admin:core_occurrence_sign_sheet", args=[occurrence.pk]), REMOTE_ADDR=IP)
    printed = only(Action.SIGN_SHEET_PRINTED)
    assert (printed.user, printed.object_id, printed.detail) == (admin_user, str(occurrence.pk), "1 人")


def test_branch_hours_export_is_recorded(admin_client, admin_user):
    branch = hub_create()
    member_create(branch=branch)
    year = timezone.localtime(session_create(starts_in_hours=-30).starts_at).year
    url = reverse("admin:classes_memberprofile_hours")
    admin_client.get(url, {"branch": branch.pk, "year": year, "fmt": "csv"}, REMOTE_ADDR=IP)
    event = only(Action.EXPORTED)
    assert (event.user, event.ip, event.object_repr) == (admin_user, IP, str(branch))


def test_volunteer_hours_export_is_recorded(admin_client, admin_user):
    activity = activity_create(starts_in_hours=-30)
    admin_client.post(
        reverse("admin:pioneers_volunteeractivity_changelist"),
        {"action": "export_hours", "_selected_action": [activity.pk]},
        REMOTE_ADDR=IP,
    )
    event = only(Action.EXPORTED)
    assert (event.user, event.ip) == (admin_user, IP)
    assert event.detail.startswith("volunteer-hours-activities-")


def test_personal_data_export_is_recorded(client, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:me_export"), REMOTE_ADDR=IP)
    assert response.status_code == 200
    event = only(Action.DATA_EXPORTED)
    assert (event.user, event.ip, event.object_id) == (resident, IP, str(resident.pk))


def test_account_deletion_is_recorded_and_outlives_the_account(client, resident):
    client.force_login(resident)
    pk = resident.pk
    client.post(reverse("accounts:me_delete"), {"confirm": "注销账号"}, REMOTE_ADDR=IP)
    event = only(Action.ACCOUNT_DELETED)
    assert (event.user, event.ip, event.user_label, event.object_id) == (None, IP, f"139****5678 #{pk}", str(pk))
    assert AuditEvent.objects.filter(action=Action.LOGIN, user_label=f"139****5678 #{pk}", user=None).exists()


def test_staff_deleting_an_account_is_named(admin_client, admin_user):
    user = user_create(phone="+8613600001234")
    admin_client.post(reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"}, REMOTE_ADDR=IP)
    event = only(Action.ACCOUNT_DELETED)
    assert (event.user, event.ip, event.object_id) == (admin_user, IP, str(user.pk))
    assert "136****1234" in event.detail


def test_wrong_mfa_code_is_a_failed_login(client, resident):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(resident, generate_totp_secret())
    client.post(reverse("account_login"), {"login": "13912345678", "password": PASSWORD}, REMOTE_ADDR=IP)
    client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR=IP)
    event = only(Action.LOGIN_FAILED)
    assert (event.user, event.ip) == (resident, IP) and event.detail.startswith("两步验证码错误")
    assert "000000" not in all_text(event)
    assert not AuditEvent.objects.filter(action=Action.LOGIN).exists()


def test_password_change_is_recorded(client, resident):
    client.force_login(resident)
    new = "another-long-Passw0rd"
    response = client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302
    event = only(Action.PASSWORD_CHANGED)
    assert event.user == resident and new not in all_text(event)


def test_a_malformed_client_address_is_recorded_as_unknown(rf, resident):
    from apps.core.audit.services import audit_record

    request = rf.get("/", REMOTE_ADDR="not-an-ip")
    request.user = resident
    event = audit_record(action=Action.DATA_EXPORTED, request=request)
    assert (event.user, event.ip) == (resident, None)


def test_opening_an_account_in_the_admin_reveals_its_phone_and_is_recorded(admin_client, admin_user):
    user = user_create(phone="+8613600005678")
    page = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]), REMOTE_ADDR=IP)
    assert "+8613600005678" in page.text
    event = only(Action.PHONE_REVEALED)
    assert (event.user, event.ip, event.object_id, event.detail) == (admin_user, IP, str(user.pk), "用户资料页")
    admin_client.get(reverse("admin:accounts_user_changelist"))
    assert AuditEvent.objects.filter(action=Action.PHONE_REVEALED).count() == 1  # the list shows masked numbers
