"""An unreachable SMTP server or SMS gateway never breaks a page: the task logs it, the page answers as usual."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import user_create

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def smtp_down(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.failing_senders.UnreachableSmtpBackend"}}


@pytest.fixture
def sms_down(settings):
    settings.SMS_SENDER = "tests.accounts.failing_senders.UnreachableSmsSender"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.INFO, logger="apps.core.messaging")

    def send(url_name: str, data: dict, url: str | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url or reverse(url_name), data)

    return send


def failures(caplog, task: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "apps.core.messaging" and r.levelno >= logging.WARNING and task in r.getMessage()
    ]


def test_password_reset_with_smtp_down_answers_as_usual_and_logs_a_masked_recipient(smtp_down, post, caplog):
    user_create(email="reader@example.com")
    response = post("account_reset_password", {"email": "reader@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert failures(caplog, "mail_send") == ["Task mail_send failed: mail to r****@example.com not sent"]


def test_signup_with_email_and_smtp_down_verifies_the_phone_and_logs_the_unsent_confirmation(
    smtp_down, post, caplog, sms_outbox
):
    data = {"phone": "13812345678", "email": "new@example.com", "password1": "a-long-test-password-42", "consent": "on"}
    verify_url = post("account_signup", data)["Location"]
    code = re.search(r"\d{6}", sms_outbox[-1][1]).group()
    response = post(None, {"code": code}, url=verify_url)  # phone verified: the email confirmation goes out
    assert response.status_code == 302
    assert User.objects.get(phone="+8613812345678", email="new@example.com").phone_verified
    assert failures(caplog, "mail_send") == ["Task mail_send failed: mail to n****@example.com not sent"]


def test_login_code_by_email_with_smtp_down_answers_as_usual(smtp_down, post, caplog):
    user_create(email="reader@example.com")
    response = post("account_request_login_code", {"email": "reader@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(failures(caplog, "mail_send")) == 1


def test_signup_with_sms_gateway_down_goes_on_to_phone_verification_and_logs(sms_down, post, caplog):
    data = {"phone": "13812345678", "password1": "a-long-test-password-42", "consent": "on"}
    response = post("account_signup", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_verify_phone")
    assert failures(caplog, "sms_send") == ["Task sms_send failed: SMS to 138****5678 not sent"]
    assert not any("13812345678" in r.getMessage() for r in caplog.records)


def test_phone_verification_resend_with_sms_gateway_down_answers_as_usual(sms_down, post, caplog, time_machine_after):
    data = {"phone": "13812345678", "password1": "a-long-test-password-42", "consent": "on"}
    verify_url = post("account_signup", data)["Location"]
    time_machine_after(31)  # past the resend cool-down
    response = post(None, {"action": "resend"}, url=verify_url)
    assert response.status_code in (200, 302)
    assert len(failures(caplog, "sms_send")) == 2


def test_login_code_by_phone_with_sms_gateway_down_answers_as_usual(sms_down, post, caplog, resident):
    response = post("account_request_login_code", {"phone": "13912345678"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert failures(caplog, "sms_send") == ["Task sms_send failed: SMS to 139****5678 not sent"]
