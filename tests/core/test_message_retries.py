"""Mail and SMS retry failures that can pass, with back-off, on the production (database) task backend;
failures that cannot pass stop at once; a message is sent once; the last failure is a FAILED task."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.core import messaging
from apps.core.messaging import MAX_ATTEMPTS, RETRY_DELAYS
from apps.core.sms.providers import SmsRejected, SmsUnavailable

pytestmark = pytest.mark.django_db(transaction=True)


class FlakySmsSender:
    """Fails with the queued errors, one per send, then sends."""

    failures: list[Exception] = []
    sent: list[tuple[str, str]] = []

    def send(self, message) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((message.phone, message.text))


class FlakySmtpBackend(LocmemBackend):
    failures: list[Exception] = []

    def send_messages(self, messages):
        if self.failures:
            raise self.failures.pop(0)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SMS_SENDER = "tests.core.test_message_retries.FlakySmsSender"
    settings.MAILERS = {"default": {"BACKEND": "tests.core.test_message_retries.FlakySmtpBackend"}}
    FlakySmsSender.failures, FlakySmsSender.sent, FlakySmtpBackend.failures = [], [], []


def worker_runs_everything_due() -> list[DBTaskResult]:
    """Run the worker until nothing is left, moving each retry's time forward as if it had come."""
    for _ in range(MAX_ATTEMPTS + 2):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
        call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)
    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_an_sms_that_fails_twice_then_succeeds_is_sent_once_with_back_off():
    FlakySmsSender.failures = [ConnectionRefusedError(111, "Connection refused"), SmsUnavailable("rate limited")]
    before = timezone.now()
    messaging.sms_send.enqueue(
        phone="+8613912345678", template="verification_code", params={"code": "123456"}, text="验证码 123456"
    )
    DBTaskResult.objects.filter(status="READY").update(run_after=before)
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)
    retry = DBTaskResult.objects.get(status="READY")
    waited = (retry.run_after - before).total_seconds()
    assert RETRY_DELAYS[0] - 5 <= waited <= RETRY_DELAYS[0] + 30, "the first retry waits a minute"
    results = worker_runs_everything_due()
    assert FlakySmsSender.sent == [("+8613912345678", "验证码 123456")], "sent exactly once"
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL", "SUCCESSFUL"]
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in results] == [1, 2, 3]


def test_a_rejected_sms_is_not_retried_and_staff_see_it_in_the_admin(admin_client):
    FlakySmsSender.failures = [SmsRejected("invalid number")]
    messaging.sms_send.enqueue(
        phone="+8613900000000", template="verification_code", params={"code": "123456"}, text="验证码 123456"
    )
    results = worker_runs_everything_due()
    assert [r.status for r in results] == ["FAILED"] and FlakySmsSender.sent == []
    assert results[0].exception_class_path == "apps.core.sms.providers.SmsRejected"
    page = admin_client.get(reverse("admin:core_failedmessage_changelist"))
    assert page.status_code == 200 and "发送失败的消息" in page.text
    assert "139****0000" in page.text and "SmsRejected" in page.text and "123456" not in page.text


def test_a_mail_that_keeps_failing_stops_after_five_attempts_as_a_failed_task():
    FlakySmtpBackend.failures = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")] * 10
    messaging.mail_send.enqueue(to="reader@example.com", subject="重置密码", body="链接")
    results = worker_runs_everything_due()
    assert [r.status for r in results] == ["SUCCESSFUL"] * (MAX_ATTEMPTS - 1) + ["FAILED"]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPResponseException(451, b"try later"), True),
        (smtplib.SMTPResponseException(550, b"no such user"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"unknown")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (452, b"mailbox full")}), True),
        (TimeoutError(), True),
        (ConnectionRefusedError(), True),
        (SmsRejected("template rejected"), False),
        (ValueError("a bug"), False),
    ],
)
def test_which_failures_are_retried(error, transient):
    assert messaging.failure_is_transient(error) is transient
