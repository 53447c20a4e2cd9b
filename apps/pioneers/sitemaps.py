from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Pioneer, Team


class PioneersSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        pioneers = Pioneer.objects.published().only("pk", "updated_at")
        return ["pioneers:gallery", *pioneers, *Team.objects.published().only("pk")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return getattr(item, "updated_at", None)
