from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from apps.core.models import Photo

from .hubs import HubOwnedQuerySet


class Project(models.Model):
    """A livelihood project (民生工程): a repaired road, new street lights, a pocket park …"""

    class Kind(models.TextChoices):
        ROAD = "road", "道路修补"
        LIGHTING = "lighting", "路灯照明"
        GREEN = "green", "绿化与公园"
        MARKET = "market", "市场"
        PARKING = "parking", "停车与车棚"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        PLANNED = "planned", "计划中"
        IN_PROGRESS = "in_progress", "实施中"
        DONE = "done", "已完工"

    hub = models.ForeignKey("hubs.Hub", verbose_name="红岭之家", on_delete=models.PROTECT, related_name="projects")
    title = models.CharField("工程名称", max_length=80)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    status = models.CharField("进度状态", max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField("完成百分比", default=0, validators=[MaxValueValidator(100)])
    summary = models.TextField("简介", max_length=2000)
    budget = models.DecimalField("预算（万元）", max_digits=10, decimal_places=2, null=True, blank=True)
    consultation = models.ForeignKey(
        "hubs.Consultation",
        verbose_name="来自三方共商",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    reports = models.ManyToManyField("hubs.Report", verbose_name="相关反映", blank=True, related_name="projects")
    is_published = models.BooleanField("公开显示", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = HubOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "民生工程"
        verbose_name_plural = "民生工程"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="hubs_project_progress_max_100",
                violation_error_message="完成百分比不能超过 100。",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(progress=100),
                name="hubs_project_done_is_100",
                violation_error_message="已完工的工程，完成百分比应为 100。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("hubs:project_detail", args=[self.pk])

    def clean(self):
        if self.status == self.Status.DONE and self.progress != 100:
            raise ValidationError(
                {"progress": ValidationError("已完工的工程，完成百分比应为 100。", code="done_is_100")}
            )

    @property
    def cover(self):
        """The first "after" photo, else any photo (from the prefetched, visible photos)."""
        photos = list(self.photos.all())
        after = [p for p in photos if p.stage == ProjectPhoto.Stage.AFTER]
        return (after or photos or [None])[0]


class Milestone(models.Model):
    project = models.ForeignKey(Project, verbose_name="民生工程", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("节点", max_length=60)
    planned_on = models.DateField("计划日期", null=True, blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "进度节点"
        verbose_name_plural = "进度节点"
        ordering = ["planned_on", "id"]

    def __str__(self):
        return self.title


class ProjectPhoto(Photo):
    class Stage(models.TextChoices):
        BEFORE = "before", "施工前"
        DURING = "during", "施工中"
        AFTER = "after", "完工后"

    project = models.ForeignKey(Project, verbose_name="民生工程", on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField("阶段", max_length=8, choices=Stage.choices)
    is_hidden = models.BooleanField("已隐藏", default=False)

    class Meta(Photo.Meta):
        verbose_name = "工程照片"
        verbose_name_plural = "工程照片"

    def __str__(self):
        return f"{self.get_stage_display()} · {self.image}"
