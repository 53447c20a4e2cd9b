"""sitemap.xml: core's own pages plus whatever each app registers with `sitemap_register()` in ready()."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

SITEMAPS: dict[str, type[Sitemap]] = {}


def sitemap_register(name: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS[name] = sitemap


class CorePagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["core:home", "core:privacy"]

    def location(self, item):
        return reverse(item)


sitemap_register("core", CorePagesSitemap)
