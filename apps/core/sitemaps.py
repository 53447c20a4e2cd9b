"""sitemap.xml: core's own pages plus whatever each app registers in ready(), either a Sitemap class with
`sitemap_register()` or, for the usual case, fixed pages and public objects with `sitemap_pages_register()`."""

from collections.abc import Callable, Iterable

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

SITEMAPS: dict[str, type[Sitemap]] = {}


def sitemap_register(name: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS[name] = sitemap


def sitemap_pages_register(
    name: str, *, url_names: Iterable[str] = (), objects: Callable[[], Iterable] = list, changefreq: str = "weekly"
) -> None:
    """List fixed pages (URL names) and public objects (with get_absolute_url) of one app."""

    class PagesSitemap(Sitemap):
        def items(self):
            return [*url_names, *objects()]

        def location(self, item):
            return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    PagesSitemap.changefreq = changefreq
    sitemap_register(name, PagesSitemap)


def _upcoming_occurrences():
    from .models import Occurrence

    return Occurrence.objects.public().upcoming().filter(is_cancelled=False).only("pk", "kind")[:2000]


sitemap_pages_register("core", url_names=["core:home", "core:calendar", "core:privacy"], changefreq="daily")
# Every public upcoming class session, culture event, volunteer activity and open consultation.
sitemap_pages_register("occurrences", objects=_upcoming_occurrences, changefreq="daily")
