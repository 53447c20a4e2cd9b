from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from apps.core.pagecache import generation_cached
from apps.core.pagination import page_get, page_query
from apps.core.pillars import pillar_choices, pillar_name
from apps.core.qrcodes import public_qr_svg

from . import selectors
from .models import Article

PER_PAGE = 12


@require_safe
def article_list(request):
    pillar = request.GET.get("pillar", "")
    pillar = pillar if pillar_name(pillar) else ""
    tag = request.GET.get("tag", "")[:20]
    articles = selectors.article_list(pillar=pillar, tag=tag)
    page = page_get(request, articles, PER_PAGE, count_key=("news:list", pillar, tag))
    context = {
        "page": page,
        "pillar": pillar,
        "pillar_label": pillar_name(pillar),
        "tag": tag,
        "page_query": page_query({"pillar": pillar, "tag": tag}),
        "pillars": pillar_choices(),
        "tags": SimpleLazyObject(selectors.tags_in_use),  # read only when the list's fragment is not cached
    }
    return render(request, "news/list.html", context)


@require_safe
def article_detail(request, pk: int):
    """A public article; a draft, in-review, scheduled or archived one is a 404 except to staff (preview)."""
    try:  # with its cover and tags, read through the page cache's generation (any write makes it stale)
        article = generation_cached(
            "news:article", (pk,), lambda: Article.objects.select_related("cover").prefetch_related("tags").get(pk=pk)
        )
    except Article.DoesNotExist:
        raise Http404("资讯不存在或尚未发布") from None
    preview = not article.is_public
    if preview and not request.user.has_perm("news.view_article"):
        raise Http404("资讯不存在或尚未发布")
    tags = list(article.tags.all())
    # Read only when the article's fragment is not cached.
    neighbours = SimpleLazyObject(lambda: selectors.article_neighbours(article) if not preview else (None, None))
    share_url = request.build_absolute_uri(article.get_absolute_url())
    renditions = article.cover.renditions if article.cover else []
    og_image = request.build_absolute_uri(default_storage.url(renditions[-1]["name"])) if renditions else ""
    context = {
        "article": article,
        "tags": tags,
        "preview": preview,
        "previous": SimpleLazyObject(lambda: neighbours[0]),
        "following": SimpleLazyObject(lambda: neighbours[1]),
        "related": SimpleLazyObject(lambda: selectors.article_related(article, tags)),
        "share_url": share_url,
        "og_image": og_image,
        "share_qr": mark_safe(public_qr_svg(share_url, scale=3)),  # noqa: S308 - SVG made by segno from our own URL
    }
    response = render(request, "news/detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    return response
