"""Where a place is: coordinates entered by staff, and the links that open the phone's own map app.

Coordinates are GCJ-02 (what 高德 and 腾讯 show when you pick a point), checked against Changsha's bounds.
No map script and no API key: 高德, 腾讯 and 百度 all take a plain URI and open their app when installed,
their mobile web page otherwise."""

from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Changsha prefecture (its districts, 长沙县, 望城, 浏阳 and 宁乡), with a small margin.
LATITUDE = (Decimal("27.8"), Decimal("28.7"))
LONGITUDE = (Decimal("111.8"), Decimal("114.3"))
OUTSIDE = "坐标不在长沙市范围内（纬度 27.8–28.7，经度 111.8–114.3），请在高德或腾讯地图上重新取点。"
HELP = "可不填。在高德或腾讯地图上点选位置后复制的坐标（GCJ-02），例如 纬度 28.196、经度 113.062；用于“导航到这里”。"
APP_NAME = "hongling"


class GeoPoint(models.Model):
    """Latitude and longitude, both or neither, within Changsha. Mixed into hubs, red sites and occurrences."""

    latitude = models.DecimalField(
        "纬度", max_digits=9, decimal_places=6, null=True, blank=True, help_text=HELP,
        validators=[MinValueValidator(LATITUDE[0], OUTSIDE), MaxValueValidator(LATITUDE[1], OUTSIDE)],
    )  # fmt: skip
    longitude = models.DecimalField(
        "经度", max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(LONGITUDE[0], OUTSIDE), MaxValueValidator(LONGITUDE[1], OUTSIDE)],
    )  # fmt: skip

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_coordinates_in_changsha",
                condition=(models.Q(latitude__isnull=True, longitude__isnull=True))
                | models.Q(
                    latitude__gte=LATITUDE[0],
                    latitude__lte=LATITUDE[1],
                    longitude__gte=LONGITUDE[0],
                    longitude__lte=LONGITUDE[1],
                ),
                violation_error_message=OUTSIDE,
            )
        ]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("纬度和经度要一起填写（或都不填）。", code="coordinates_incomplete")

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def coordinates_copy_from(self, venue) -> None:
        """An occurrence held at a hub or red site takes its coordinates unless staff set its own."""
        if not self.has_coordinates and venue is not None and getattr(venue, "has_coordinates", False):
            self.latitude, self.longitude = venue.latitude, venue.longitude


def map_links(*, name: str, address: str = "", latitude=None, longitude=None) -> list[tuple[str, str]]:
    """[(label, url)]: 高德 first (the most used in Changsha), then 腾讯 and 百度. Without coordinates the
    links search the address (or name) in Changsha instead of pointing at a spot."""
    name, address = (name or address or "目的地")[:40], address[:60]
    if latitude is not None and longitude is not None:
        lat, lng = f"{latitude:.6f}", f"{longitude:.6f}"
        amap = ("marker", {"position": f"{lng},{lat}", "name": name, "coordinate": "gaode", "callnative": 1})
        tencent = ("marker", {"marker": f"coord:{lat},{lng};title:{name};addr:{address}"})
        baidu = ("marker", {"location": f"{lat},{lng}", "title": name, "content": address, "coord_type": "gcj02"})
    else:
        keyword = address or name
        amap = ("search", {"keyword": keyword, "city": "长沙", "callnative": 1})
        tencent = ("search", {"keyword": keyword, "region": "长沙"})
        baidu = ("place/search", {"query": keyword, "region": "长沙"})
    return [
        ("高德地图", f"https://uri.amap.com/{amap[0]}?" + urlencode({**amap[1], "src": APP_NAME})),
        ("腾讯地图", f"https://apis.map.qq.com/uri/v1/{tencent[0]}?" + urlencode({**tencent[1], "referer": APP_NAME})),
        (
            "百度地图",
            f"https://api.map.baidu.com/{baidu[0]}?" + urlencode({**baidu[1], "output": "html", "src": APP_NAME}),
        ),
    ]
