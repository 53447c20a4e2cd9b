from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from apps.core.richtext import RichTextField


class Library(models.Model):
    """A community library (社区图书馆): where it is, when it opens, its rules."""

    name = models.CharField("名称", max_length=40, unique=True)
    hub = models.ForeignKey("hubs.Hub", verbose_name="所在社区", on_delete=models.PROTECT, related_name="libraries")
    address = models.CharField("地址", max_length=120)
    opening_hours = models.CharField("开放时间", max_length=80)
    phone = models.CharField("电话", max_length=30, blank=True)
    summary = models.CharField("简介", max_length=200)
    rules = RichTextField("借阅须知", blank=True)
    photo = models.ForeignKey(
        "core.Image", verbose_name="照片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_published = models.BooleanField("公开显示", default=True)

    class Meta:
        verbose_name = "社区图书馆"
        verbose_name_plural = "社区图书馆"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("culture:library")


class BookQuerySet(models.QuerySet):
    def search(self, query: str):
        query = (query or "").strip()
        if not query:
            return self
        isbn = query.replace("-", "").replace(" ", "")
        return self.filter(Q(title__icontains=query) | Q(author__icontains=query) | Q(isbn=isbn.upper()))


class Book(models.Model):
    """One title in the library's catalogue, with how many copies it has and how many are on the shelf."""

    class Category(models.TextChoices):
        PARTY = "party", "党史党建"
        LITERATURE = "literature", "文学"
        HISTORY = "history", "历史文化"
        CHILDREN = "children", "少儿绘本"
        SCIENCE = "science", "科普"
        LIFE = "life", "生活健康"

    title = models.CharField("书名", max_length=120)
    author = models.CharField("作者", max_length=80, blank=True)
    isbn = models.CharField("ISBN", max_length=13, unique=True, help_text="10 位或 13 位，不含连字符。")
    category = models.CharField("分类", max_length=12, choices=Category.choices)
    copies = models.PositiveSmallIntegerField("馆藏册数", default=1)
    available = models.PositiveSmallIntegerField("在架册数", default=1, help_text="现在可借的册数。")
    added_at = models.DateTimeField("入藏时间", default=timezone.now)

    objects = BookQuerySet.as_manager()

    class Meta:
        verbose_name = "图书"
        verbose_name_plural = "图书"
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(available__lte=F("copies")), name="book_available_within_copies"),
        ]

    def __str__(self):
        return f"《{self.title}》"


class DriftBook(models.Model):
    """A book set drifting (图书漂流): it carries a code label so whoever picks it up can log it."""

    code = models.CharField("漂流编号", max_length=12, unique=True, help_text="贴在书上的标签编号，例如 PL-0001。")
    title = models.CharField("书名", max_length=120)
    book = models.ForeignKey(
        Book, verbose_name="馆藏图书", null=True, blank=True, on_delete=models.SET_NULL, related_name="drifts"
    )
    released_at = models.DateField("放漂日期", default=timezone.localdate)
    released_hub = models.ForeignKey("hubs.Hub", verbose_name="放漂地点", on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField("漂流中", default=True)

    class Meta:
        verbose_name = "漂流书"
        verbose_name_plural = "漂流书"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} 《{self.title}》"

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("culture:drift_book", args=[self.code])


class DriftLog(models.Model):
    """One stop of a drifting book: where (a hub, never a home) and when, with an optional short note.

    Who logged it is kept for moderation only and never shown.
    """

    drift_book = models.ForeignKey(DriftBook, verbose_name="漂流书", on_delete=models.CASCADE, related_name="logs")
    hub = models.ForeignKey("hubs.Hub", verbose_name="现在在哪个社区", on_delete=models.PROTECT, related_name="+")
    note = models.CharField("留言", max_length=140, blank=True)
    logged_at = models.DateTimeField("登记时间", default=timezone.now)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="drift_logs", help_text="仅工作人员可见，不公开。",
    )  # fmt: skip
    is_hidden = models.BooleanField("隐藏", default=False, help_text="留言不当时隐藏，不删除。")

    class Meta:
        verbose_name = "漂流登记"
        verbose_name_plural = "漂流登记"
        ordering = ["-logged_at", "-id"]

    def __str__(self):
        return f"{self.drift_book.code} · {self.hub} · {self.logged_at:%Y-%m-%d}"
