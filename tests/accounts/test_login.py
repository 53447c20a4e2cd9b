import pytest
from django.urls import reverse

from tests.factories import PASSWORD, user_create

pytestmark = pytest.mark.django_db


def login(client, login, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


@pytest.mark.parametrize("typed", ["13912345678", "139 1234 5678", "+86 139-1234-5678"])
def test_login_by_phone_in_any_usual_spelling(client, resident, typed):
    response = login(client, typed)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_login_by_email(client):
    user = user_create(email="Reader@Example.com")
    response = login(client, "reader@example.com")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_wrong_password(client, resident):
    response = login(client, "13912345678", "not-the-password")
    assert response.status_code == 200
    assert "手机号或密码不正确" in response.text
    assert "_auth_user_id" not in client.session


def test_login_unknown_phone(client, db):
    response = login(client, "13700001111")
    assert response.status_code == 200
    assert "手机号或密码不正确" in response.text


def test_login_malformed_phone(client, db):
    response = login(client, "12345")
    assert response.status_code == 200
    assert "请输入有效的中国大陆手机号码" in response.text


def test_login_by_sms_code(client, resident, sms_outbox, django_capture_on_commit_callbacks):
    import re

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"phone": "13912345678"})
    assert response.status_code == 302
    code = re.search(r"\d{6}", sms_outbox[-1][1]).group()
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_login_sms_code_lasts_the_ten_minutes_the_sms_promises_then_expires_with_a_clear_message(
    client, resident, sms_outbox, django_capture_on_commit_callbacks, time_machine_after
):
    import re

    def request_code():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_request_login_code"), {"phone": "13912345678"})
        return response["Location"], re.search(r"\d{6}", sms_outbox[-1][1]).group()

    confirm, code = request_code()
    assert "10 分钟内有效" in sms_outbox[-1][1]
    time_machine_after(9 * 60)
    response = client.post(confirm, {"code": code})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(resident.pk)

    client.logout()
    time_machine_after(61)  # past the per-minute limit on code requests
    confirm, code = request_code()
    time_machine_after(10 * 60 + 1)
    response = client.post(confirm, {"code": code}, follow=True)
    assert "验证码已过期" in response.text and "_auth_user_id" not in client.session
