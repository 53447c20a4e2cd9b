from django.conf import settings
from django.db import models
from django.utils import timezone


class MemberProfile(models.Model):
    """A user's Party membership as staff verified it: branch, category, year joined."""

    class Category(models.TextChoices):
        WORKING = "working", "在职党员"
        RETIRED = "retired", "离退休党员"
        MOBILE = "mobile", "流动党员"
        YOUTH = "youth", "青年党员"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        VERIFIED = "verified", "已认证"
        REJECTED = "rejected", "未通过"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="member_profile"
    )
    branch = models.ForeignKey(
        "hubs.Hub", verbose_name="所在党支部", on_delete=models.PROTECT, related_name="members",
        help_text="党员组织关系所在的社区党组织或小区党支部。",
    )  # fmt: skip
    category = models.CharField("党员类别", max_length=10, choices=Category.choices)
    year_joined = models.PositiveSmallIntegerField("入党年份")
    status = models.CharField("认证状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    applied_at = models.DateTimeField("申请时间", default=timezone.now)
    verified_at = models.DateTimeField("审核时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    staff_note = models.CharField("审核备注", max_length=200, blank=True, help_text="仅工作人员可见。")

    class Meta:
        verbose_name = "党员信息"
        verbose_name_plural = "党员信息"
        ordering = ["branch", "user__real_name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year_joined__gte=1921), name="member_year_joined_plausible"),
        ]

    def __str__(self):
        return f"{self.user.real_name or self.user} · {self.branch}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED
