"""Account enumeration: no page tells whether a phone or an email has an account; the owner learns by SMS/mail."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import user_create

pytestmark = pytest.mark.django_db
User = get_user_model()

REGISTERED_PHONE, UNKNOWN_PHONE = "13912345678", "13700001111"


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def send(url_name: str, data: dict, client: Client | None = None, follow: bool = False):
        client = client or Client()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(url_name), data, follow=follow)

    return send


def page_text(response, *typed: str) -> str:
    """The page as the visitor reads it, with what they typed and the CSRF token taken out."""
    text = re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', "", response.text)
    for value in typed:
        text = text.replace(value, "…")
    return re.sub(r"1[3-9]\d\*{4}\d{4}", "…", text)


def test_password_reset_answers_alike_for_a_registered_and_an_unknown_email(post, mailoutbox):
    user_create(email="reader@example.com")
    known = post("account_reset_password", {"email": "reader@example.com"}, follow=True)
    unknown = post("account_reset_password", {"email": "nobody@example.com"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert page_text(known, "reader@example.com") == page_text(unknown, "nobody@example.com")
    # Each address learns the truth by mail: a reset link for the account, a "no account here" to the other.
    assert [m.to for m in mailoutbox] == [["reader@example.com"], ["nobody@example.com"]]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert "/accounts/password/reset/key/" not in mailoutbox[1].body


def test_login_by_code_answers_alike_for_a_registered_and_an_unknown_phone(post, resident, sms_outbox):
    known = post("account_request_login_code", {"phone": REGISTERED_PHONE}, follow=True)
    unknown = post("account_request_login_code", {"phone": UNKNOWN_PHONE}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("account_confirm_login_code"), 302)]
    assert "这个手机号还没有注册账号" not in unknown.text
    assert "如果它还没有注册账号，您收到的会是一条请您先注册的提示" in unknown.text  # the same words for both
    assert page_text(known, REGISTERED_PHONE) == page_text(unknown, UNKNOWN_PHONE)
    (_, code_sms), (to, text) = sms_outbox
    assert re.search(r"\d{6}", code_sms)
    assert to == "+8613700001111"
    assert "该手机号尚未注册" in text and "http://testserver/accounts/signup/" in text
    assert not re.search(r"\d{6}", text.replace("13700001111", ""))


def test_texts_to_unknown_phones_count_against_the_sms_allowance(post, sms_outbox, time_machine_after):
    for _ in range(5):
        post("account_request_login_code", {"phone": UNKNOWN_PHONE})
        time_machine_after(61)  # past the per-minute limit on code requests
    response = post("account_request_login_code", {"phone": UNKNOWN_PHONE})
    assert len(sms_outbox) == 5
    assert "发送过于频繁" in response.text


def test_login_by_code_answers_alike_for_a_registered_and_an_unknown_email(post, mailoutbox):
    user_create(email="reader@example.com")
    known = post("account_request_login_code", {"email": "reader@example.com"})
    unknown = post("account_request_login_code", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mailoutbox] == [["reader@example.com"], ["nobody@example.com"]]


def test_login_says_the_same_for_an_unknown_phone_and_a_wrong_password(post, resident):
    wrong = post("account_login", {"login": REGISTERED_PHONE, "password": "not-the-password"})
    unknown = post("account_login", {"login": UNKNOWN_PHONE, "password": "not-the-password"})
    assert wrong.status_code == unknown.status_code == 200
    assert page_text(wrong, REGISTERED_PHONE) == page_text(unknown, UNKNOWN_PHONE)
    assert "手机号或密码不正确" in unknown.text


def signup_data(phone: str) -> dict:
    return {"phone": phone, "password1": "a-long-test-password-42", "consent": "on"}


def test_signup_with_a_taken_phone_creates_nothing_and_texts_the_owner_to_log_in(post, resident, sms_outbox):
    taken = post("account_signup", signup_data(REGISTERED_PHONE), follow=True)
    new = post("account_signup", signup_data(UNKNOWN_PHONE), follow=True)
    assert taken.redirect_chain == new.redirect_chain == [(reverse("account_verify_phone"), 302)]
    assert page_text(taken, REGISTERED_PHONE) == page_text(new, UNKNOWN_PHONE)
    assert "如果这个号码已经注册过，您会收到一条提醒您直接登录的短信" in taken.text
    assert User.objects.filter(phone="+8613912345678").count() == 1
    (to, text), (_, code_sms) = sms_outbox
    assert to == "+8613912345678"
    assert "该手机号已注册" in text and "http://testserver/accounts/login/" in text
    assert re.search(r"验证码是 \d{6}", code_sms)


def test_signup_with_a_taken_or_a_new_phone_takes_the_same_time_with_the_production_hasher(settings, sms_outbox, post):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # Django's default
    rounds = 5
    for n in range(rounds + 1):
        user_create(phone=f"+86139{n:08d}")

    def seconds(phone: str) -> float:
        start = time.perf_counter()
        response = post("account_signup", signup_data(phone), client=Client(REMOTE_ADDR=f"10.0.0.{len(sms_outbox)}"))
        assert response.status_code == 302
        return time.perf_counter() - start

    seconds("13900000005"), seconds("13700009999")  # warm-up (templates, first queries), not counted
    taken, new = [], []
    for n in range(rounds):  # interleaved, so a busy moment on the machine hits both
        taken.append(seconds(f"139{n:08d}"))
        new.append(seconds(f"1370000{n:04d}"))
    # The fastest of each (a busy machine only ever adds time), within a quarter of the slower one: skipping the
    # password hash on either path would halve it (PBKDF2 is most of a sign-up's time), which this still catches.
    fastest = min(taken), min(new)
    assert abs(fastest[0] - fastest[1]) < max(0.1, 0.25 * max(fastest)), (taken, new)
