"""Reads of the news that are more than one queryset method: lists, the home section, neighbours, related."""

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from apps.core.pillars import pillar_name

from .models import Article, Tag

HOME_PINNED = 1
HOME_LATEST = 3
RELATED = 4
HOME_CACHE_KEY = "news:home-section"
HOME_CACHE_SECONDS = 300


def article_list(*, pillar: str = "", tag: str = ""):
    articles = Article.objects.published().for_cards()
    if pillar:
        articles = articles.filter(pillar=pillar)
    if tag:
        articles = articles.filter(tags__name=tag)
    return articles


def tags_in_use() -> list[Tag]:
    """Tags that at least one public article carries, for the list's filter bar."""
    return list(Tag.objects.filter(articles__in=Article.objects.published()).distinct().order_by("name"))


def home_news(request) -> dict | None:
    """The home page's news: up to three pinned articles, then the latest others.

    Cached (no query on a hit) until an article is saved or published (services clear it) or the next
    scheduled article comes out, whichever is first; a miss costs three queries.
    """
    data = cache.get(HOME_CACHE_KEY)
    if data is None:
        now = timezone.now()
        public = Article.objects.published(now=now).for_cards()
        pinned = list(public.filter(pinned=True)[:HOME_PINNED])
        latest = list(public.exclude(pk__in=[a.pk for a in pinned])[:HOME_LATEST])
        data = {"pinned": pinned, "latest": latest} if pinned or latest else {}
        upcoming = Article.objects.scheduled(now=now).order_by("published_at").values_list("published_at", flat=True)
        timeout = HOME_CACHE_SECONDS
        if (next_time := upcoming.first()) is not None:
            timeout = max(1, min(timeout, int((next_time - now).total_seconds()) + 1))
        cache.set(HOME_CACHE_KEY, data, timeout)
    return data or None


def home_news_cache_clear() -> None:
    cache.delete(HOME_CACHE_KEY)


def pillar_news(pillar: str, *, limit: int = 4) -> list[Article]:
    """A pillar page's latest items (one query)."""
    return list(Article.objects.published().for_cards().filter(pillar=pillar)[:limit])


def pillar_news_section(request, *, pillar: str) -> dict | None:
    """The block news adds to each pillar's page (apps.core.pillars): its latest articles, or None (no block)."""
    articles = pillar_news(pillar)
    return {"articles": articles, "pillar": pillar, "label": pillar_name(pillar)} if articles else None


def article_neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The public articles published just before and just after this one (two queries)."""
    public = Article.objects.published().only("pk", "title", "published_at")
    if article.published_at is None:  # a draft being previewed
        return None, None
    older = Q(published_at__lt=article.published_at) | Q(published_at=article.published_at, pk__lt=article.pk)
    newer = Q(published_at__gt=article.published_at) | Q(published_at=article.published_at, pk__gt=article.pk)
    previous = public.filter(older).order_by("-published_at", "-pk").first()
    following = public.filter(newer).order_by("published_at", "pk").first()
    return previous, following


def article_related(article: Article, tags: list[Tag]) -> list[Article]:
    """Up to four public articles sharing the pillar or a tag, newest first (one query)."""
    same = Q(tags__in=tags) if tags else Q(pk__in=[])
    if article.pillar:
        same |= Q(pillar=article.pillar)
    if not tags and not article.pillar:
        return []
    ids = Article.objects.published().filter(same).exclude(pk=article.pk).values("pk")
    return list(Article.objects.for_cards().filter(pk__in=ids)[:RELATED])
