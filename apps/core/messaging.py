"""Mail and SMS, always sent as background tasks (django.tasks) enqueued once the transaction commits.

A sender that fails (SMTP unreachable, SMS gateway down) is logged with the task and a masked recipient and
never reaches the request that asked for the message, even with the immediate backend (tests, DEBUG).
Retrying is not done here.

SMS goes through a small pluggable sender named by the `SMS_SENDER` setting. The default writes the
message to the log; a real provider is a class with the same `send(phone, text)` method.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def mask_phone(phone: str) -> str:
    """138****1234 — how a phone number is shown wherever its owner or a need-to-know staff is not."""
    digits = (phone or "").removeprefix("+86")
    if len(digits) < 7:
        return "****"
    return f"{digits[:3]}****{digits[-4:]}"


def mask_email(email: str) -> str:
    """r****@example.com — a mail recipient as written to the log."""
    local, at, domain = (email or "").partition("@")
    return f"{local[:1]}****@{domain}" if at else "****"


class LogSmsSender:
    """Development sender: writes the message to the log instead of sending it."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)


def sms_sender():
    return import_string(settings.SMS_SENDER)()


@task
def sms_send(phone: str, text: str) -> None:
    try:
        sms_sender().send(phone, text)
    except Exception:
        logger.exception("Task sms_send failed: SMS to %s not sent", mask_phone(phone))


@task
def mail_send(to: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except Exception:
        logger.exception("Task mail_send failed: mail to %s not sent", mask_email(to))


def sms_enqueue(*, phone: str, text: str) -> None:
    """Send an SMS in the background once the current transaction has committed."""
    transaction.on_commit(partial(sms_send.enqueue, phone=phone, text=text))


def mail_enqueue(*, to: str, subject: str, body: str) -> None:
    """Send a mail in the background once the current transaction has committed."""
    transaction.on_commit(partial(mail_send.enqueue, to=to, subject=subject, body=body))


class MemorySmsSender:
    """Keeps messages in `MemorySmsSender.outbox` (like Django's locmem mail backend); used by the tests."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.outbox.append((phone, text))
