"""The booking engine's tables: anything that happens at a time and place, and the seats people take.

Every pillar's bookable thing (a class session, a culture event, a volunteer activity) is an
Occurrence (multi-table inheritance), so there is one seat counter, one roster, one check-in and one
calendar for the whole project.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..geo import GeoPoint


class OccurrenceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def between(self, start, end):
        return self.filter(starts_at__lt=end, ends_at__gte=start)

    def with_counts(self):
        """Annotate confirmed and waitlisted counts in the same query (no N+1 on lists)."""
        return self.annotate(
            confirmed_total=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            waitlisted_total=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
        )

    def with_confirmed_total(self):
        """Annotate the confirmed count with a correlated subquery: for one occurrence with several joined rows,
        where with_counts()'s GROUP BY over every joined column costs more than the count itself."""
        confirmed = (
            Registration.objects.filter(occurrence=OuterRef("pk"), status=Registration.Status.CONFIRMED)
            .order_by()
            .values("occurrence")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(confirmed_total=Coalesce(Subquery(confirmed), 0))


class Occurrence(GeoPoint):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", "所有居民"
        MEMBERS = "members", "党员"
        FAMILIES = "families", "亲子家庭"

    kind = models.CharField("类型", max_length=40, editable=False, help_text="由具体栏目设置，例如 classes.session。")
    title = models.CharField("标题", max_length=200)
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    place = models.CharField("地点", max_length=200, blank=True, help_text="公开的活动地点，不写个人住址。")
    audience = models.CharField("面向", max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    capacity = models.PositiveIntegerField("名额", null=True, blank=True, help_text="留空表示无需报名。")
    registration_opens_at = models.DateTimeField("报名开始", null=True, blank=True, help_text="留空表示立即开放。")
    registration_closes_at = models.DateTimeField(
        "报名截止", null=True, blank=True, help_text="留空表示开始前均可报名。"
    )
    cancel_before = models.DurationField(
        "取消截止（开始前）", default=timedelta(hours=2), help_text="开始前多久停止自助取消，例如 2:00:00 表示两小时。"
    )
    is_public = models.BooleanField("公开", default=True)
    is_cancelled = models.BooleanField("已取消", default=False)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    checkin_code = models.CharField(
        "线上签到码", max_length=8, blank=True, help_text="线上课程直播中公布的签到码，仅在活动进行中有效。"
    )
    sequence = models.PositiveIntegerField("修订号", default=0, editable=False, help_text="日历订阅用，每次修改加一。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = "活动场次"
        verbose_name_plural = "活动场次"
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="occurrence_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message="结束时间必须晚于开始时间。",
            ),
            *GeoPoint.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.title}（{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}）"

    def save(self, *args, **kwargs):
        # Calendar clients replace an event only when its SEQUENCE grows: every full save is a change.
        if self.pk and kwargs.get("update_fields") is None:
            self.sequence += 1
        self.derived_fields_set()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from .kinds import occurrence_url

        return occurrence_url(self)

    def derived_fields_set(self) -> None:
        """A pillar's kind sets what it derives (kind, audience, place): on save and in occurrences_bulk_create."""

    @property
    def has_registration(self) -> bool:
        return self.capacity is not None

    @property
    def is_over(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def hours(self) -> float:
        """Its length to a tenth of an hour: the study or volunteer hours one attendance gives."""
        return round((self.ends_at - self.starts_at) / timedelta(hours=1), 1)

    @property
    def cancel_deadline(self):
        return self.starts_at - self.cancel_before

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def seats_left(self) -> int | None:
        """Seats still free; uses the `with_counts()` annotation when present."""
        if self.capacity is None:
            return None
        confirmed = getattr(self, "confirmed_total", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)


class RegistrationQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlist(self):
        """The waiting list in strict arrival order."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "id")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "已报名"
        WAITLISTED = "waitlisted", "候补中"
        CANCELLED = "cancelled", "已取消"

    occurrence = models.ForeignKey(
        Occurrence, verbose_name="场次", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报名人", on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices)
    created_at = models.DateTimeField("报名时间", default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField("获得名额时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="取消人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="代报名工作人员", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="工作人员替不便上网的党员报名时记录。",
    )  # fmt: skip
    eligibility_override = models.CharField(
        "破例报名原因", max_length=200, blank=True,
        help_text="对方不符合报名条件（如仅限党员）时，代报名的工作人员写明的理由；显示在名单和导出中。",
    )  # fmt: skip
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    checkin_method = models.CharField("签到方式", max_length=12, blank=True)
    reminded_at = models.DateTimeField("提醒时间", null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "报名"
        verbose_name_plural = "报名"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"], condition=~Q(status="cancelled"), name="one_live_registration_per_person"
            ),
        ]
        indexes = [models.Index(fields=["occurrence", "status", "created_at"], name="registration_queue")]

    def __str__(self):
        return f"{self.user} · {self.occurrence.title} · {self.get_status_display()}"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED
