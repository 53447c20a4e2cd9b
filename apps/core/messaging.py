"""Mail and SMS, always sent as background tasks (django.tasks) enqueued once the transaction commits.

A sender that fails (SMTP unreachable, SMS gateway down) is logged with the task and a masked recipient and
never reaches the request that asked for the message, even with the immediate backend (tests, DEBUG).
Retrying is not done here.

SMS goes through a small pluggable sender named by the `SMS_SENDER` setting (`log`, `aliyun`, `tencent` or a
dotted path). Every SMS names a template of the catalogue (apps.core.sms.catalogue) with its parameters, as
mainland providers send only approved templates; the sender gets an `SmsMessage` with the rendered text too.
The default writes the text to the log; `apps.core.sms.aliyun` / `.tencent` send through the providers.
A provider's refusal is logged with its code and whether it may pass (`SmsError.retryable`) and re-raised,
so the task's result records it as failed.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils.module_loading import import_string

from .sms.catalogue import SmsMessage, sms_template
from .sms.providers import SmsError

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

    def send(self, message: SmsMessage) -> None:
        logger.info("SMS to %s (%s): %s", mask_phone(message.phone), message.template, message.text)


def sms_sender():
    return import_string(settings.SMS_SENDER)()


@task
def sms_send(phone: str, template: str, params: dict, text: str) -> None:
    from .monitoring.metrics import SMS

    message = SmsMessage(phone=phone, template=template, params=params, text=text)
    try:
        sms_sender().send(message)
        SMS.labels(template, "sent").inc()
    except SmsError as refused:
        SMS.labels(template, "retryable" if refused.retryable else "rejected").inc()
        # Recorded twice: here with the masked number, and as the task's failed result (its exception).
        logger.error(
            "Task sms_send failed: SMS to %s not sent: %s (template %s; %s)",
            mask_phone(phone),
            refused,
            template,
            "may pass: retryable" if refused.retryable else "will not pass by retrying",
        )
        raise
    except Exception:
        SMS.labels(template, "error").inc()
        logger.exception("Task sms_send failed: SMS to %s not sent", mask_phone(phone))


@task
def mail_send(to: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except Exception:
        logger.exception("Task mail_send failed: mail to %s not sent", mask_email(to))


def sms_enqueue(*, phone: str, template: str, params: dict) -> None:
    """Send the SMS `template` (a key of the catalogue) with `params` in the background once the current
    transaction has committed. The text, 【brand】 and the rendered template, is what the log sender writes."""
    from .models import SiteSettings

    params = {name: str(value) for name, value in params.items()}
    text = f"【{SiteSettings.load().brand_name}】{sms_template(template).render(params)}"
    transaction.on_commit(partial(sms_send.enqueue, phone=phone, template=template, params=params, text=text))


def mail_enqueue(*, to: str, subject: str, body: str) -> None:
    """Send a mail in the background once the current transaction has committed."""
    transaction.on_commit(partial(mail_send.enqueue, to=to, subject=subject, body=body))


class MemorySmsSender:
    """Keeps (phone, text) in `MemorySmsSender.outbox` and the messages in `.messages` (like Django's locmem
    mail backend); used by the tests."""

    outbox: list[tuple[str, str]] = []
    messages: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> None:
        self.outbox.append((message.phone, message.text))
        self.messages.append(message)
