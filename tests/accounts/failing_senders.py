"""Senders that fail the way real ones do when the SMTP server or the SMS gateway is unreachable."""

from smtplib import SMTPException

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableSmtpBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("Connection unexpectedly closed")


class UnreachableSmsSender:
    def send(self, message) -> None:
        raise OSError("SMS gateway unreachable")
