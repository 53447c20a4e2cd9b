from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.core.richtext import RichTextField


class PioneerQuerySet(models.QuerySet):
    def published(self):
        """What the public sees. Consent is checked too, so a row can never leak through a bad edit."""
        return self.filter(is_published=True, consent_recorded_at__isnull=False)

    def for_cards(self):
        return self.select_related("hub", "photo").order_by("order", "id")


class Pioneer(models.Model):
    """A model Party member (红岭先锋) whose story we tell — only with their recorded consent."""

    class Theme(models.TextChoices):
        MISSION = "mission", "有一种使命"
        BELIEF = "belief", "有一种信念"
        DUTY = "duty", "有一种担当"

    name = models.CharField("姓名", max_length=20)
    photo = models.ForeignKey(
        "core.Image", verbose_name="照片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="本人同意使用的照片；替代文字写明是谁、在做什么。",
    )  # fmt: skip
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name="所在社区", null=True, blank=True, on_delete=models.PROTECT, related_name="pioneers",
        help_text="留空表示街道层面。只写社区或村，不写住址。",
    )  # fmt: skip
    party_years = models.PositiveSmallIntegerField("党龄（年）", null=True, blank=True)
    theme = models.CharField("故事主题", max_length=10, choices=Theme.choices)
    tagline = models.CharField("一句话", max_length=60, help_text="显示在卡片上，例如：疫情来了，他总是第一个报名。")
    story = RichTextField("故事")
    articles = models.ManyToManyField("news.Article", verbose_name="相关资讯", blank=True, related_name="pioneers")
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_published = models.BooleanField("公开显示", default=False, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    consent_recorded_at = models.DateTimeField("同意记录时间", null=True, blank=True, editable=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="同意记录人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    consent_note = models.CharField(
        "同意方式", max_length=120, blank=True, editable=False, help_text="例如：本人签字同意书，存于新安社区。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = PioneerQuerySet.as_manager()

    class Meta:
        verbose_name = "先锋人物"
        verbose_name_plural = "先锋人物"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(consent_recorded_at__isnull=False),
                name="pioneer_published_only_with_consent",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pioneers:profile", args=[self.pk])

    def clean(self):
        if self.is_published and not self.consent_recorded_at:
            raise ValidationError("还没有记录本人同意，不能公开。请先记录本人同意及同意方式。", code="no_consent")

    @property
    def community(self) -> str:
        return self.hub.name if self.hub_id else "马坡岭街道"

    @property
    def has_consent(self) -> bool:
        return self.consent_recorded_at is not None
