"""RSS 2.0 and Atom feeds of the latest public articles, for the whole site and per pillar."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from apps.core.models import SiteSettings
from apps.core.pillars import pillar_name

from .models import Article

ITEMS = 30


class ArticleFeed(Feed):
    def get_object(self, request, pillar: str = ""):
        if pillar and not pillar_name(pillar):
            raise Http404("没有这个板块")
        return pillar

    def title(self, pillar):
        site = SiteSettings.load()
        return f"{site.brand_name} · {pillar_name(pillar)}资讯" if pillar else f"{site.brand_name} · 资讯"

    def description(self, pillar):
        return f"{SiteSettings.load().subdistrict}发布的最新资讯。"

    def link(self, pillar):
        return reverse("news:list") + (f"?pillar={pillar}" if pillar else "")

    def feed_url(self, pillar):
        return reverse("news:feed_pillar" if pillar else "news:feed", args=[pillar] if pillar else [])

    def items(self, pillar):
        articles = Article.objects.published().prefetch_related("tags").order_by("-published_at", "-pk")
        return (articles.filter(pillar=pillar) if pillar else articles)[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.authors or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description

    def feed_url(self, pillar):
        return reverse("news:atom_pillar" if pillar else "news:atom", args=[pillar] if pillar else [])
