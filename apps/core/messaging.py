"""Mail and SMS, always sent as background tasks (django.tasks) enqueued once the transaction commits.

A sender that fails (SMTP unreachable, SMS gateway down) is logged with the task and a masked recipient and
never reaches the request that asked for the message, even with the immediate backend (tests, DEBUG).

Retries: a failure that can pass (connection refused, a timeout, an SMTP 4xx, a provider's rate limit:
`SmsUnavailable`) schedules the same message again as a new task, after 1, 5, 15 and 40 minutes: five
attempts over about an hour. One that cannot (an SMTP 5xx, an invalid number or a rejected template:
`SmsRejected`, both in apps.core.sms.providers, or anything unknown) stops at once. The last failure
raises, so the task is FAILED and
listed in the admin's 发送失败的消息 (`messaging_models.FailedMessage`). Each attempt schedules at most one
successor, and only when its own send raised, so a message that went out is never sent again by its
retries. Retries need a backend that can defer (the database backend of production); with the immediate
backend (DEBUG, tests) a failure is final.

SMS goes through a small pluggable sender named by the `SMS_SENDER` setting (`log`, `aliyun`, `tencent` or a
dotted path). Every SMS names a template of the catalogue (apps.core.sms.catalogue) with its parameters, as
mainland providers send only approved templates; the sender gets an `SmsMessage` with the rendered text too.
The default writes the text to the log; `apps.core.sms.aliyun` / `.tencent` send through the providers.
A provider's refusal is logged with its code and whether it may pass (`SmsError.retryable`) and re-raised,
so the task's result records it as failed.
"""

import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

from .phones import mask_phone
from .sms.catalogue import SmsMessage, sms_template
from .sms.providers import SmsError

logger = logging.getLogger(__name__)
_held: ContextVar[bool] = ContextVar("messages_held", default=False)


@contextmanager
def messages_held() -> Iterator[None]:
    """Inside this block no mail or SMS is sent to anyone: what asks for one (a notice, a staff mail, a code)
    goes on as if it had been sent. The demo seed runs in it: its sign-ups and reports are nobody's real news."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def messages_are_held() -> bool:
    return _held.get()


RETRY_DELAYS = (60, 300, 900, 2400)  # seconds after attempts 1–4: five attempts over about an hour
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def failure_is_transient(exc: BaseException) -> bool:
    """Would the same message, sent again later, have a chance?"""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(exc, SmsError):  # the provider said whether waiting can help (apps.core.sms.providers)
        return exc.retryable
    if isinstance(exc, smtplib.SMTPException):  # SMTPException is an OSError: decide first
        return False
    return isinstance(exc, OSError | TimeoutError)


def mask_email(email: str) -> str:
    """r****@example.com — a mail recipient as written to the log."""
    local, at, domain = (email or "").partition("@")
    return f"{local[:1]}****@{domain}" if at else "****"


class LogSmsSender:
    """Development sender: writes the message to the log instead of sending it."""

    def send(self, message: SmsMessage) -> None:
        logger.info("SMS to %s (%s): %s", mask_phone(message.phone), message.template, message.text)


def sms_sender():
    return import_string(settings.SMS_SENDER)()


def _deliver(message_task, send, *, what: str, attempt: int, arguments: dict) -> str:
    """Run `send()`; on a transient failure schedule `message_task` again (attempt + 1), else raise."""
    try:
        send()
    except Exception as exc:
        name = message_task.name
        can_defer = message_task.get_backend().supports_defer
        if can_defer and attempt < MAX_ATTEMPTS and failure_is_transient(exc):
            delay = RETRY_DELAYS[attempt - 1]
            retry = message_task.using(run_after=timezone.now() + timedelta(seconds=delay))
            retry.enqueue(**arguments, attempt=attempt + 1)
            logger.warning(
                "Task %s attempt %d of %d: %s not sent (%s), trying again in %d s",
                name, attempt, MAX_ATTEMPTS, what, type(exc).__name__, delay,
            )  # fmt: skip
            return f"attempt {attempt} failed, attempt {attempt + 1} in {delay} s"
        if isinstance(exc, SmsError):  # the provider's answer, and whether waiting could have helped
            verdict = "may pass: retryable" if exc.retryable else "will not pass by retrying"
            logger.error("Task %s failed: %s not sent: %s (%s)", name, what, exc, verdict)
        else:
            logger.exception("Task %s failed: %s not sent", name, what)
        raise
    return "sent"


@task
def sms_send(phone: str, template: str, params: dict, text: str, attempt: int = 1) -> str:
    from .monitoring.metrics import SMS

    message = SmsMessage(phone=phone, template=template, params=params, text=text)

    def send():
        try:
            sms_sender().send(message)
        except SmsError as refused:
            SMS.labels(template, "retryable" if refused.retryable else "rejected").inc()
            raise
        except Exception:
            SMS.labels(template, "error").inc()
            raise
        SMS.labels(template, "sent").inc()

    return _deliver(
        sms_send,
        send,
        what=f"SMS to {mask_phone(phone)}",
        attempt=attempt,
        arguments={"phone": phone, "template": template, "params": params, "text": text},
    )


@task
def mail_send(to: str, subject: str, body: str, attempt: int = 1) -> str:
    return _deliver(
        mail_send,
        lambda: send_mail(subject, body, None, [to]),
        what=f"mail to {mask_email(to)}",
        attempt=attempt,
        arguments={"to": to, "subject": subject, "body": body},
    )


def sms_enqueue(*, phone: str, template: str, params: dict) -> None:
    """Send the SMS `template` (a key of the catalogue) with `params` in the background once the current
    transaction has committed. The text, 【brand】 and the rendered template, is what the log sender writes."""
    if _held.get():
        return
    from .models import SiteSettings

    params = {name: str(value) for name, value in params.items()}
    text = f"【{SiteSettings.load().brand_name}】{sms_template(template).render(params)}"
    transaction.on_commit(partial(sms_send.enqueue, phone=phone, template=template, params=params, text=text))


def mail_enqueue(*, to: str, subject: str, body: str) -> None:
    """Send a mail in the background once the current transaction has committed."""
    if _held.get():
        return
    transaction.on_commit(partial(mail_send.enqueue, to=to, subject=subject, body=body))


class MemorySmsSender:
    """Keeps (phone, text) in `MemorySmsSender.outbox` and the messages in `.messages` (like Django's locmem
    mail backend); used by the tests."""

    outbox: list[tuple[str, str]] = []
    messages: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> None:
        self.outbox.append((message.phone, message.text))
        self.messages.append(message)
