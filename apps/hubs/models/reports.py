from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from apps.core.privacy import personal_numbers_mask

from ..lifecycle import CLOSED, FINISHED, OPEN, Status


class Category(models.Model):
    """What a report is about (环境卫生, 道路设施 …). Staff edit the list in the admin."""

    name = models.CharField("名称", max_length=20, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("可选", default=True, help_text="取消后居民不能再选，已有反映不受影响。")

    class Meta:
        verbose_name = "反映类别"
        verbose_name_plural = "反映类别"
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class ReportQuerySet(models.QuerySet):
    def public(self):
        """Reports anyone may read: accepted by staff at some point and not hidden by moderation."""
        return self.filter(published_at__isnull=False, is_hidden=False)

    published = public

    def open(self):
        return self.filter(status__in=OPEN)

    def finished(self):
        return self.filter(status__in=FINISHED)

    def closed(self):
        return self.filter(status__in=CLOSED)

    def for_hubs_of(self, user):
        from .hubs import Hub, works_on_all_hubs

        if works_on_all_hubs(user):
            return self
        return self.filter(hub__in=Hub.objects.staffed_by(user))


class Report(models.Model):
    """A resident's report (我要反映) and its current state; the history is in ReportEvent."""

    reference = models.CharField("编号", max_length=20, unique=True, null=True, editable=False)
    title = models.CharField("标题", max_length=60)
    description = models.TextField("问题描述", max_length=2000)
    category = models.ForeignKey(Category, verbose_name="类别", on_delete=models.PROTECT, related_name="reports")
    hub = models.ForeignKey("hubs.Hub", verbose_name="所属社区", on_delete=models.PROTECT, related_name="reports")
    place = models.CharField("地点", max_length=120, help_text="公开显示的位置描述，如路口、楼栋附近，不含门牌号。")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="反映人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        editable=False,
    )
    show_name = models.BooleanField("公开显示昵称", default=False, editable=False)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.SUBMITTED, editable=False)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, editable=False)
    status_changed_at = models.DateTimeField("状态更新时间", null=True, editable=False)
    published_at = models.DateTimeField("公开时间", null=True, editable=False, help_text="首次受理时公开。")
    duplicate_of = models.ForeignKey(
        "self", verbose_name="重复于", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    referred_to = models.CharField("转交单位", max_length=80, blank=True)
    is_hidden = models.BooleanField("已隐藏", default=False, editable=False)
    hidden_reason = models.CharField("隐藏原因", max_length=200, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "居民反映"
        verbose_name_plural = "居民反映"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"]), models.Index(fields=["published_at"])]

    def __str__(self):
        return f"{self.reference or '（待编号）'} {self.title}"

    def get_absolute_url(self):
        return reverse("hubs:report_detail", args=[self.reference])

    @property
    def public_name(self) -> str:
        """How the reporter appears publicly: their chosen nickname only when they opted in."""
        if self.show_name and self.reporter and self.reporter.display_name:
            return personal_numbers_mask(self.reporter.display_name)
        return "一位居民"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED


class ReportPhoto(models.Model):
    report = models.ForeignKey(Report, verbose_name="反映", on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("core.Image", verbose_name="图片", on_delete=models.PROTECT, related_name="+")
    is_hidden = models.BooleanField("已隐藏", default=False)
    hidden_reason = models.CharField("隐藏原因", max_length=200, blank=True, help_text="仅工作人员可见。")

    class Meta:
        verbose_name = "反映照片"
        verbose_name_plural = "反映照片"
        ordering = ["id"]

    def __str__(self):
        return str(self.image)


# How a step the reporter took (confirm, reopen) is signed publicly; their message is theirs, not staff's.
REPORTER_LABEL = "反映人"


class ReportEventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(kind=ReportEvent.Kind.STATUS)

    def update(self, **kwargs):
        raise TypeError("处理记录只能追加，不能修改。")

    def delete(self):
        raise TypeError("处理记录只能追加，不能删除。")


class ReportEvent(models.Model):
    """One row of a report's append-only history: a status change or a moderation step (phone reveals go to
    the audit trail, core.AuditEvent; rows of kind PHONE_REVEALED are from before it existed).

    Rows are never updated or deleted (enforced here, in the admin and by a database trigger).
    """

    class Kind(models.TextChoices):
        STATUS = "status", "状态变更"
        HIDDEN = "hidden", "隐藏"
        SHOWN = "shown", "取消隐藏"
        PHOTO_HIDDEN = "photo_hidden", "隐藏照片"
        PHOTO_SHOWN = "photo_shown", "恢复照片"
        PHONE_REVEALED = "phone_revealed", "查看手机号"

    report = models.ForeignKey(Report, verbose_name="反映", on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.STATUS)
    created_at = models.DateTimeField("时间", default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("公开署名", max_length=60, help_text="公开显示的部门或社区，不显示个人姓名。")
    from_status = models.CharField("原状态", max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=16, choices=Status.choices, blank=True)
    public_message = models.TextField("公开说明", max_length=1000, blank=True)
    internal_remark = models.TextField("内部备注", max_length=1000, blank=True, help_text="仅工作人员可见。")

    objects = ReportEventQuerySet.as_manager()

    class Meta:
        verbose_name = "处理记录"
        verbose_name_plural = "处理记录"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_from_status_display()} → {self.get_to_status_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("处理记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("处理记录只能追加，不能删除。")

    @property
    def public_text(self) -> str:
        """The public message as the timeline shows it: the reporter's own words with personal numbers
        masked; staff's words (which may give the office's phone) as written."""
        if self.actor_label == REPORTER_LABEL:
            return personal_numbers_mask(self.public_message)
        return self.public_message
