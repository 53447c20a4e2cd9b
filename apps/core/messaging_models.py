"""Mail and SMS that could not be sent, for staff: a read-only view of the task queue's failed rows."""

from django.db import models
from django_tasks_db.models import DBTaskResult

from .phones import mask_phone

MESSAGE_TASKS = {"apps.core.messaging.mail_send": "邮件", "apps.core.messaging.sms_send": "短信"}


class FailedMessageQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(task_path__in=MESSAGE_TASKS, status="FAILED")


class FailedMessage(DBTaskResult):
    """A mail or SMS whose last attempt failed (retries exhausted, or refused for good)."""

    objects = FailedMessageQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "发送失败的消息"
        verbose_name_plural = "发送失败的消息"

    def __str__(self):
        return f"{self.kind} · {self.recipient}"

    @property
    def kind(self) -> str:
        return MESSAGE_TASKS.get(self.task_path, self.task_path)

    @property
    def recipient(self) -> str:
        from .messaging import mask_email

        kwargs = self.args_kwargs.get("kwargs", {})
        return mask_email(kwargs["to"]) if "to" in kwargs else mask_phone(kwargs.get("phone", ""))

    @property
    def attempts(self) -> int:
        return self.args_kwargs.get("kwargs", {}).get("attempt", 1)

    @property
    def reason(self) -> str:
        return self.exception_class_path.rsplit(".", 1)[-1]
