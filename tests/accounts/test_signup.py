import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def signup(client, django_capture_on_commit_callbacks):
    def post(**overrides):
        data = {"phone": "138 1234 5678", "password1": "a-long-test-password-42", "consent": "on"} | overrides
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("account_signup"), data)

    return post


def code_from(outbox) -> str:
    return re.search(r"\d{6}", outbox[-1][1]).group()


def test_signup_by_phone_sends_a_code_and_verifies_the_phone(client, sms_outbox, signup):
    response = signup()
    assert response.status_code == 302
    user = User.objects.get(phone="+8613812345678")
    assert not user.phone_verified
    assert user.privacy_consented_at is not None
    assert sms_outbox[-1][0] == "+8613812345678"

    verify_url = response["Location"]
    response = client.post(verify_url, {"code": code_from(sms_outbox)})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified


def test_signup_wrong_code_is_refused_with_a_clear_message(client, sms_outbox, signup):
    verify_url = signup()["Location"]
    real = code_from(sms_outbox)
    wrong = "000000" if real != "000000" else "111111"
    response = client.post(verify_url, {"code": wrong})
    assert response.status_code == 200
    assert "验证码不正确" in response.text
    assert not User.objects.get(phone="+8613812345678").phone_verified


def test_signup_expired_code_is_refused(client, sms_outbox, settings, time_machine_after, signup):
    verify_url = signup()["Location"]
    code = code_from(sms_outbox)
    time_machine_after(settings.ACCOUNT_PHONE_VERIFICATION_TIMEOUT + 60)
    response = client.post(verify_url, {"code": code}, follow=True)
    assert not User.objects.get(phone="+8613812345678").phone_verified
    assert "验证码已过期" in response.text


def test_signup_requires_consent(client, signup):
    response = signup(consent="")
    assert response.status_code == 200
    assert "请先阅读并勾选同意《个人信息保护说明》" in response.text
    assert not User.objects.exists()


def test_signup_consent_box_is_unticked_by_default(client):
    html = client.get(reverse("account_signup")).text
    box = re.search(r'<input[^>]*name="consent"[^>]*>', html).group()
    assert "checked" not in box
    assert reverse("core:privacy") in html


@pytest.mark.parametrize("phone", ["12345678901", "1381234567", "23812345678", "+1 415 555 0100", "abc"])
def test_signup_malformed_phone_gets_a_clear_message(client, phone, signup):
    response = signup(phone=phone)
    assert response.status_code == 200
    assert "请输入有效的中国大陆手机号码" in response.text
    assert not User.objects.exists()


def test_signup_phone_already_registered(client, resident, signup, sms_outbox):
    response = signup(phone="13912345678")
    assert response.status_code == 302  # the page says what it says for a new number (enumeration)
    assert "该手机号已注册" in sms_outbox[-1][1]  # the owner is told by SMS to log in instead
    assert User.objects.count() == 1


def test_signing_up_twice_within_the_resend_cool_down_says_when_to_retry_not_an_error_page(client, signup):
    signup()
    response = Client().post(
        reverse("account_signup"), {"phone": "13812345678", "password1": "another-long-password-7", "consent": "on"}
    )
    assert response.status_code == 200
    assert "发送过于频繁，请在 1 分钟后再试" in response.text
    assert User.objects.count() == 1


def test_privacy_notice_page_exists(client):
    response = client.get(reverse("core:privacy"))
    assert response.status_code == 200
    assert "个人信息保护说明" in response.text
    assert "身份证" in response.text
