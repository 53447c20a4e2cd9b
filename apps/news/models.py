from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.core.pillars import pillar_choices
from apps.core.richtext import RichTextField


class Tag(models.Model):
    name = models.CharField("名称", max_length=20, unique=True)

    class Meta:
        verbose_name = "标签"
        verbose_name_plural = "标签"
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """What the public sees: published, with a publish time that has come (scheduled ones appear by themselves)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, *, now=None):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def for_cards(self):
        return self.select_related("cover").order_by("-published_at", "-pk")


class Article(models.Model):
    """A news item of the portal, written by an editor and published by a reviewer (see services.py)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审核"
        PUBLISHED = "published", "已发布"
        ARCHIVED = "archived", "已归档"

    title = models.CharField("标题", max_length=80)
    pillar = models.CharField("所属板块", max_length=10, choices=pillar_choices, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name="标签", blank=True, related_name="articles")
    cover = models.ForeignKey(
        "core.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="列表、首页和分享时显示；图片的替代文字必填。",
    )
    summary = models.CharField(
        "摘要", max_length=200, help_text="一两句话说明这篇资讯讲了什么，显示在列表和分享卡片中。"
    )
    body = RichTextField("正文", help_text="可插入小标题和带说明的图片；脚本、外链图片等不安全内容会被自动去除。")
    byline = models.CharField("署名行", max_length=80, blank=True, help_text="例如：记者 张三 实习生 李四 长沙报道")
    source = models.CharField("来源", max_length=40, blank=True, help_text="例如：红岭+、马坡岭街道")
    authors = models.CharField("作者", max_length=60, blank=True, help_text="多位作者用空格分开。")
    editor_name = models.CharField("编辑", max_length=40, blank=True, help_text="责任编辑的姓名，显示在文末。")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        "发布时间", null=True, blank=True, db_index=True, help_text="晚于当前时间即为定时发布，到点自动公开。"
    )
    pinned = models.BooleanField("置顶", default=False, help_text="置顶的资讯显示在首页最前面。")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(m2m_fields=[tags], excluded_fields=["updated_at"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "资讯"
        verbose_name_plural = "资讯"
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "可以发布、定时发布和归档资讯")]
        indexes = [models.Index(fields=["status", "published_at"], name="news_article_public")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.pk])

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            raise ValidationError(
                {"published_at": ValidationError("已发布的资讯需要发布时间。", code="published_without_time")}
            )

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def status_label(self) -> str:
        return "定时发布" if self.is_scheduled else self.get_status_display()

    @property
    def pillar_label(self) -> str:
        return self.get_pillar_display() if self.pillar else ""
