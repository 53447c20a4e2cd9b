"""Bad input on log-in, sign-up, login-by-code and password reset: a clear Chinese message or the obvious
reading, nothing changed, never a 500."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from apps.core.phones import phone_normalize
from tests.factories import PASSWORD, user_create

pytestmark = pytest.mark.django_db
User = get_user_model()

LOOK_ALIKES = {
    "fullwidth": "１３９１２３４５６７８",
    "arabic_indic": "١٣٩١٢٣٤٥٦٧٨",
    "mixed": "+86 １٣9 1234 ５٦٧٨",
    "fullwidth_punctuation": "＋８６　１３９－１２３４－５６７８",
}
TWELVE_DIGITS = "139123456789"
INVALID_PHONE = "请输入有效的中国大陆手机号码"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(url_name: str, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(url_name), data)

    return send


def signup_data(**fields) -> dict:
    return {"phone": "13812345678", "password1": "a-long-test-password-42", "consent": "on"} | fields


@pytest.mark.parametrize("typed", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_phone_normalize_reads_look_alike_digits_as_ascii(typed):
    assert phone_normalize(typed) == "+8613912345678"


@pytest.mark.parametrize("typed", ["①③⑨１２３４５６７８", "¹³⁹12345678", "I39I2345678"])
def test_phone_normalize_refuses_characters_that_only_look_like_digits(typed):
    with pytest.raises(Exception) as refused:
        phone_normalize(typed)
    assert refused.value.code == "invalid_phone"


@pytest.mark.parametrize("typed", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_login_with_look_alike_digits_logs_in(client, post, resident, typed):
    response = post("account_login", {"login": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


@pytest.mark.parametrize("typed", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_signup_with_look_alike_digits_stores_the_ascii_number(post, sms_outbox, typed):
    response = post("account_signup", signup_data(phone=typed))
    assert response.status_code == 302
    assert User.objects.get().phone == "+8613912345678"
    assert sms_outbox[-1][0] == "+8613912345678"


@pytest.mark.parametrize("typed", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_login_code_with_look_alike_digits_texts_the_ascii_number(post, resident, sms_outbox, typed):
    response = post("account_request_login_code", {"phone": typed})
    assert response.status_code == 302
    assert [to for to, _ in sms_outbox] == ["+8613912345678"]


def test_login_with_twelve_digits_is_refused_with_a_clear_message(client, post, resident):
    response = post("account_login", {"login": TWELVE_DIGITS, "password": PASSWORD})
    assert response.status_code == 200
    assert INVALID_PHONE in response.text
    assert "_auth_user_id" not in client.session


def test_signup_with_twelve_digits_is_refused_with_a_clear_message(post, sms_outbox):
    response = post("account_signup", signup_data(phone=TWELVE_DIGITS))
    assert response.status_code == 200
    assert INVALID_PHONE in response.text
    assert not User.objects.exists() and sms_outbox == []


def test_login_code_with_twelve_digits_is_refused_with_a_clear_message(post, resident, sms_outbox):
    response = post("account_request_login_code", {"phone": TWELVE_DIGITS})
    assert response.status_code == 200
    assert INVALID_PHONE in response.text
    assert sms_outbox == []


def test_password_reset_with_a_phone_number_asks_for_an_email(post, resident, mailoutbox):
    response = post("account_reset_password", {"email": LOOK_ALIKES["fullwidth"]})
    assert response.status_code == 200
    assert "请填写正确的电子邮箱地址" in response.text
    assert mailoutbox == []


def test_login_with_a_trailing_space_after_the_email_logs_in(client, post):
    user = user_create(email="reader@example.com")
    response = post("account_login", {"login": "reader@example.com ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_with_a_trailing_space_after_the_email_stores_the_trimmed_address(post):
    response = post("account_signup", signup_data(email="new@example.com "))
    assert response.status_code == 302
    assert User.objects.get().email == "new@example.com"


def test_login_code_with_a_trailing_space_after_the_email_mails_the_trimmed_address(post, mailoutbox):
    user_create(email="reader@example.com")
    response = post("account_request_login_code", {"email": "reader@example.com "})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["reader@example.com"]]
    assert re.search(r"\b\d{6}\b", mailoutbox[0].body)  # the login code, not the "no account" mail


def test_password_reset_with_a_trailing_space_after_the_email_mails_the_reset_link(post, mailoutbox):
    user_create(email="reader@example.com")
    response = post("account_reset_password", {"email": "reader@example.com "})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["reader@example.com"]]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
