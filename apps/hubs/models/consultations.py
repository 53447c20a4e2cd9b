from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from apps.core.booking.services import occurrence_capacity_check
from apps.core.models import Occurrence
from apps.core.richtext import RichTextField

from .hubs import HubOwnedQuerySet


class Consultation(models.Model):
    """A three-party consultation (三方共商): departments, the subdistrict and resident representatives."""

    hub = models.ForeignKey("hubs.Hub", verbose_name="红岭之家", on_delete=models.PROTECT, related_name="consultations")
    topic = models.CharField("议题", max_length=80)
    held_at = models.DateTimeField("共商时间")
    venue = models.CharField("地点", max_length=80, blank=True, help_text="例如：锦林社区红岭之家议事室。")
    reports = models.ManyToManyField("hubs.Report", verbose_name="相关反映", blank=True, related_name="consultations")
    minutes = RichTextField("会议纪要", blank=True)
    decision = models.TextField("议定结果", max_length=2000, blank=True)
    is_published = models.BooleanField(
        "公开议定结果", default=False, help_text="勾选并保存后公开纪要与议定结果，相关反映转为“已议定”。"
    )
    published_at = models.DateTimeField("公开时间", null=True, editable=False)
    open_to_residents = models.BooleanField(
        "欢迎居民旁听", default=False, help_text="勾选后这次共商会出现在活动日历上，居民可以报名旁听。"
    )
    duration_minutes = models.PositiveSmallIntegerField("预计时长（分钟）", default=120)
    seats = models.PositiveIntegerField("旁听名额", null=True, blank=True, help_text="留空表示无需报名，直接到场。")

    objects = HubOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "三方共商"
        verbose_name_plural = "三方共商"
        ordering = ["-held_at"]

    def __str__(self):
        return f"{self.held_at:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self):
        return reverse("hubs:consultation_detail", args=[self.pk])

    def clean(self):
        if self.is_published and not (self.decision or "").strip():
            raise ValidationError({"decision": ValidationError("公开前请填写议定结果。", code="decision_required")})
        meeting = ConsultationMeeting.objects.filter(consultation_id=self.pk).first() if self.pk else None
        if meeting:
            try:
                occurrence_capacity_check(occurrence=meeting, capacity=self.seats)  # the booking engine's rule
            except ValidationError as error:
                raise ValidationError({"seats": error}) from None


class Participant(models.Model):
    """Someone at the table, shown by role and organisation; by name only with their consent."""

    class Role(models.TextChoices):
        DEPARTMENT = "department", "职能部门"
        SUBDISTRICT = "subdistrict", "街道"
        RESIDENT = "resident", "居民代表"
        BRANCH = "branch", "社区党组织"

    consultation = models.ForeignKey(
        Consultation, verbose_name="三方共商", on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField("角色", max_length=12, choices=Role.choices)
    organisation = models.CharField("单位", max_length=60, help_text="例如：区城管执法局、马坡岭街道、锦林社区居民。")
    name = models.CharField("姓名", max_length=40, blank=True, help_text="仅在本人同意时公开。")
    name_consent = models.BooleanField("同意公开姓名", default=False)

    class Meta:
        verbose_name = "参会方"
        verbose_name_plural = "参会方"
        ordering = ["role", "id"]

    def __str__(self):
        return f"{self.get_role_display()} · {self.organisation}"

    @property
    def public_name(self) -> str:
        return self.name if self.name_consent else ""


class ConsultationMeeting(Occurrence):
    """The meeting of a consultation that residents may attend: its place on the shared calendar,
    with seats from the booking engine. Kept in step with its consultation by `consultation_sync`."""

    consultation = models.OneToOneField(
        Consultation, verbose_name="三方共商", on_delete=models.CASCADE, related_name="meeting"
    )

    class Meta:
        verbose_name = "共商旁听场次"
        verbose_name_plural = "共商旁听场次"

    def save(self, *args, **kwargs):
        self.kind = "hubs.consultation"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("hubs:consultation_meeting", args=[self.pk])
