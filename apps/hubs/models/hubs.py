from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.core.geo import GeoPoint
from apps.core.models import Photo


def works_on_all_hubs(user) -> bool:
    """Superusers and street staff (街道管理员, who hold hubs.all_hubs) work on every hub's records."""
    return user.is_superuser or user.has_perm("hubs.all_hubs")


class HubOwnedQuerySet(models.QuerySet):
    """For things that belong to one hub and are published on their own (consultations, projects)."""

    def public(self):
        return self.filter(is_published=True, hub__is_published=True)

    published = public

    def for_hubs_of(self, user):
        """What `user` may work on in the admin: everything for street staff, else their own hubs'."""
        if works_on_all_hubs(user):
            return self
        return self.filter(hub__in=Hub.objects.staffed_by(user))


class HubQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def staffed_by(self, user):
        """The hubs `user` may work on in the admin: all for superusers and street staff (街道管理员), else
        the hubs they staff and the compounds' Party branches attached to those (小区党支部 under the 社区)."""
        if works_on_all_hubs(user):
            return self
        own = Hub.staff.through.objects.filter(user_id=user.pk).values("hub_id")
        return self.filter(models.Q(pk__in=own) | models.Q(parent_id__in=own))


class Hub(GeoPoint):
    """A community (社区), village (村) or a compound's Party branch (小区党支部): a 红岭之家."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", "社区"
        VILLAGE = "village", "村"
        BRANCH = "branch", "小区党支部"

    name = models.CharField("名称", max_length=60, unique=True)
    slug = models.SlugField("网址名", max_length=60, unique=True, help_text="用于网址，例如 jinlin。")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.COMMUNITY)
    parent = models.ForeignKey(
        "self",
        verbose_name="所属社区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="branches",
        help_text="小区党支部填写它所在的社区或村。",
    )
    summary = models.TextField("简介", max_length=600)
    address = models.CharField("办公地址", max_length=120, help_text="公开显示：社区办公场所的地址。")
    areas = models.TextField(
        "辖区地名",
        blank=True,
        help_text="辖区内的小区、道路和地标，一行一个（例如：远大路、锦林小区）。居民反映问题时，按填写的地点推荐社区。",
    )
    phone = models.CharField("办公电话", max_length=30, blank=True)
    opening_hours = models.CharField("开放时间", max_length=80, blank=True)
    is_published = models.BooleanField("公开显示", default=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="负责的工作人员",
        blank=True,
        related_name="hubs_staffed",
        help_text="这些工作人员可在管理后台处理本社区的反映、共商和工程。",
    )

    objects = HubQuerySet.as_manager()

    class Meta(GeoPoint.Meta):
        verbose_name = "红岭之家"
        verbose_name_plural = "红岭之家"
        ordering = ["order", "name"]
        permissions = [("all_hubs", "可处理所有社区的事务（街道工作人员）")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("hubs:hub_detail", args=[self.slug])


class HubPhoto(Photo):
    hub = models.ForeignKey(Hub, verbose_name="红岭之家", on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        verbose_name = "照片"
        verbose_name_plural = "照片"


class ServiceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True, hub__is_published=True)


class Service(models.Model):
    """Something a hub offers residents: 周末超市 delivery, 知乐学堂 classes, volunteer patrols …"""

    hub = models.ForeignKey(Hub, verbose_name="红岭之家", on_delete=models.CASCADE, related_name="services")
    name = models.CharField("服务名称", max_length=60)
    summary = models.TextField("服务内容", max_length=600)
    audience = models.CharField("服务对象", max_length=120, help_text="谁可以使用，例如：辖区 70 岁以上老人。")
    how_to_ask = models.CharField("如何申请", max_length=200, help_text="例如：工作日致电社区或到红岭之家登记。")
    schedule = models.CharField("服务时间", max_length=80, blank=True)
    is_published = models.BooleanField("公开显示", default=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = "服务项目"
        verbose_name_plural = "服务项目"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["hub", "name"], name="hubs_service_unique_name_per_hub")]

    def __str__(self):
        return f"{self.hub} · {self.name}"

    def get_absolute_url(self):
        return f"{self.hub.get_absolute_url()}#service-{self.pk}"
