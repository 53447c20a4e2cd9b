"""The audit trail's table. Rows are appended by `audit_record()` and never changed; only `audit_prune`
may delete rows past the retention period (held by this model, the admin and a database trigger)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

APPEND_ONLY = "审计记录只能追加，不能修改或删除。"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(APPEND_ONLY)

    def delete(self):
        raise TypeError(APPEND_ONLY)


class AuditEvent(models.Model):
    """One thing someone did that an auditor may need to see: a login, a failed login, a reveal, an export."""

    class Action(models.TextChoices):
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出登录"
        PASSWORD_CHANGED = "password_changed", "修改密码"
        PASSWORD_RESET = "password_reset", "重置密码"
        MFA_ADDED = "mfa_added", "启用两步验证"
        MFA_REMOVED = "mfa_removed", "停用两步验证"
        MFA_RESET = "mfa_reset", "重新生成恢复码"
        PHONE_REVEALED = "phone_revealed", "查看手机号"
        EXPORTED = "exported", "导出表格"
        SIGN_SHEET_PRINTED = "sign_sheet_printed", "打印签到表"
        DATA_EXPORTED = "data_exported", "导出本人数据"
        ACCOUNT_DELETED = "account_deleted", "注销账号"

    created_at = models.DateTimeField("时间", default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="操作人；登录失败时为所输入账号对应的用户（如有）。账号注销后为空，见“账号标识”。",
    )
    user_label = models.CharField(
        "账号标识",
        max_length=120,
        blank=True,
        help_text="邮箱或脱敏手机号及用户编号；登录失败时为所输入的账号（手机号已脱敏）。账号注销后仍保留。",
    )
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    action = models.CharField("操作", max_length=24, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="对象类型", null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="core_audit_user_time")]

    def __str__(self):
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.user_label} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(APPEND_ONLY)
