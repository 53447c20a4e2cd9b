from django.db import models
from django.urls import reverse

from apps.core.geo import GeoPoint
from apps.core.models import Photo
from apps.core.richtext import RichTextField


class RedSite(GeoPoint):
    """A red-education site (红色教育阵地) such as 红船初心馆, 连心广场 or 岭上清风园."""

    name = models.CharField("名称", max_length=60, unique=True)
    address = models.CharField("地址", max_length=120)
    opening_hours = models.CharField("开放时间", max_length=80, blank=True)
    summary = models.CharField("一句话介绍", max_length=120)
    body = RichTextField("介绍", blank=True)
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name="所在社区", null=True, blank=True, on_delete=models.SET_NULL, related_name="red_sites"
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_published = models.BooleanField("公开显示", default=True)

    class Meta(GeoPoint.Meta):
        verbose_name = "红色教育阵地"
        verbose_name_plural = "红色教育阵地"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classes:sites") + f"#site-{self.pk}"


class SitePhoto(Photo):
    site = models.ForeignKey(RedSite, verbose_name="阵地", on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        verbose_name = "阵地照片"
        verbose_name_plural = "阵地照片"


class Route(models.Model):
    """A themed route (主题党日线路) through several sites, in order; booked as a class session."""

    title = models.CharField("线路名称", max_length=80)
    summary = models.TextField("线路介绍", max_length=600)
    duration_minutes = models.PositiveSmallIntegerField("大约用时（分钟）", default=120)
    is_published = models.BooleanField("公开显示", default=True)

    class Meta:
        verbose_name = "主题线路"
        verbose_name_plural = "主题线路"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("classes:routes") + f"#route-{self.pk}"


class RouteStop(models.Model):
    route = models.ForeignKey(Route, verbose_name="线路", on_delete=models.CASCADE, related_name="stops")
    site = models.ForeignKey(RedSite, verbose_name="阵地", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    note = models.CharField("这一站做什么", max_length=120, blank=True)

    class Meta:
        verbose_name = "线路站点"
        verbose_name_plural = "线路站点"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["route", "site"], name="route_stop_once")]

    def __str__(self):
        return f"{self.route} · {self.site}"
