from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "请填写 # 开头的六位十六进制颜色，例如 #B3261E。", code="colour")


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio of white text on `colour` (a #RRGGBB string)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


class SingletonSettings(models.Model):
    """A table of settings with one row (pk 1), cached until saved; until someone saves it, the defaults.
    The site's brand and contact (SiteSettings) is one; an app keeps its own settings in another (for
    example classes.ClassesSettings), so core holds no pillar's setting. Its admin: SingletonSettingsAdmin."""

    CACHE_KEY: str  # each subclass names its own
    related_on_load: tuple[str, ...] = ()  # foreign keys read with the row

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def load(cls):
        """The settings row, or the defaults (not saved) while there is none: reading the settings never
        writes, so a page that reads them first does not make every cached page stale. Cached until saved."""
        current = cache.get(cls.CACHE_KEY)
        if current is None:
            rows = cls.objects.select_related(*cls.related_on_load) if cls.related_on_load else cls.objects
            current = rows.filter(pk=1).first() or cls()
            cache.set(cls.CACHE_KEY, current, 60 * 60)
        return current


class SiteSettings(SingletonSettings):
    """The one row of brand and contact settings, so another subdistrict can run its own instance."""

    CACHE_KEY = "core:site-settings"
    related_on_load = ("logo",)
    # The last row this process loaded: the error pages show its phone without asking the database.
    last_loaded: "SiteSettings | None" = None

    brand_name = models.CharField("品牌名称", max_length=20, default="红岭+")
    tagline = models.CharField("品牌口号", max_length=60, default="党建引领 · 共建共治共享")
    subdistrict = models.CharField("街道名称", max_length=40, default="马坡岭街道")
    district = models.CharField("所在区县", max_length=40, default="长沙市芙蓉区")
    primary_colour = models.CharField(
        "主色", max_length=7, default="#B3261E", validators=[hex_colour], help_text="白色文字放在此颜色上需清晰可读。"
    )
    accent_colour = models.CharField("点缀色", max_length=7, default="#8A5A00", validators=[hex_colour])
    logo = models.ForeignKey(
        "core.Image", verbose_name="标志", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    icp_number = models.CharField("ICP 备案号", max_length=40, blank=True, help_text="例如：湘ICP备12345678号-1")
    address = models.CharField("办公地址", max_length=120, blank=True)
    phone = models.CharField("办公电话", max_length=30, blank=True)
    email = models.EmailField("联系邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=60, blank=True)

    class Meta:
        verbose_name = "站点设置"
        verbose_name_plural = "站点设置"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="site_settings_single_row")]

    def __str__(self):
        return f"{self.brand_name} · {self.subdistrict}"

    def clean(self):
        for field in ("primary_colour", "accent_colour"):
            colour = getattr(self, field)
            if hex_colour.regex.match(colour or "") and (ratio := contrast_with_white(colour)) < 4.5:
                message = f"白色文字在此颜色上的对比度为 {ratio:.1f}:1，需至少 4.5:1，请选深一些的颜色。"
                raise ValidationError({field: ValidationError(message, code="contrast")})

    @property
    def version(self) -> str:
        """Changes whenever the colours change, to bust caches of /brand.css."""
        return sha256(f"{self.primary_colour}{self.accent_colour}".encode()).hexdigest()[:10]

    @classmethod
    def load(cls) -> "SiteSettings":
        current = super().load()
        cls.last_loaded = current
        return current


class Image(models.Model):
    """An uploaded picture, cleaned by the image pipeline (apps.core.images) with its WebP renditions.

    Every picture in the project is one of these rows; pillar models point at it.
    """

    file = models.ImageField("图片文件", upload_to="images/%Y/%m/", width_field="width", height_field="height")
    alt = models.CharField("替代文字", max_length=200, help_text="描述图片内容，供读屏软件和图片加载失败时使用。")
    caption = models.CharField("图片说明", max_length=200, blank=True)
    width = models.PositiveIntegerField("宽度", editable=False, default=0)
    height = models.PositiveIntegerField("高度", editable=False, default=0)
    renditions = models.JSONField("缩略图", default=list, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt


class Photo(models.Model):
    """Base for a picture that belongs to something (a hub, a site, a project), in the order staff set."""

    image = models.ForeignKey("core.Image", verbose_name="图片", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return str(self.image)


class SearchEntry(models.Model):
    """One searchable item of any registered model (see apps.core.search), with its jieba-segmented terms.

    The public queries show an entry from `visible_from` on, so scheduled content appears by itself. On
    PostgreSQL a generated `search_vector` column (`simple` tsvector of `terms`) with a GIN index sits
    beside these fields; it is added by a PostgreSQL-only migration and is not a model field, like the
    (kind, date DESC NULLS LAST, id DESC) index that search ranking walks (migration 0007).
    """

    content_type = models.ForeignKey("contenttypes.ContentType", verbose_name="内容类型", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField("对象编号")
    kind = models.CharField("类别", max_length=40, db_index=True)
    title = models.CharField("标题", max_length=200)
    text = models.TextField("摘录", blank=True, help_text="纯文本，用于生成搜索结果摘要。")
    url = models.CharField("链接", max_length=300)
    date = models.DateTimeField("日期", null=True, blank=True)
    visible_from = models.DateTimeField("公开时间", db_index=True)
    terms = models.TextField("分词", help_text="jieba 分词结果，以空格分隔，首尾各有一个空格。")

    class Meta:
        verbose_name = "搜索索引条目"
        verbose_name_plural = "搜索索引条目"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_unique_object")]

    def __str__(self):
        return self.title


class NoticePreference(models.Model):
    """How one person wants one kind of notice (apps.core.notices.TOPICS): by SMS, by mail, both or neither.

    No row means the default: every channel the person has (a verified phone, an email address).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="notice_preferences"
    )
    topic = models.CharField("通知类别", max_length=20)
    by_sms = models.BooleanField("短信", default=True)
    by_mail = models.BooleanField("邮件", default=True)

    class Meta:
        verbose_name = "通知设置"
        verbose_name_plural = "通知设置"
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="notice_preference_unique_topic")]

    def __str__(self):
        return f"{self.user} · {self.topic}"


from .audit.models import AuditEvent  # noqa: E402, F401 - the audit trail
from .booking.models import Occurrence, Registration  # noqa: E402, F401 - the booking engine's tables
from .messaging_models import FailedMessage  # noqa: E402, F401 - mail and SMS that could not be sent
