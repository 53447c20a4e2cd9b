from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

from .pagecache import generation_cached, pagecache_skip


def page_get(request, object_list, per_page: int, *, count_key: tuple | None = None) -> Page:
    """The page `?page=` asks for; out-of-range or junk numbers show the nearest page (as Django's get_page).

    Such a clamped answer is not stored by the page cache, so `?page=999999` and friends never add entries.
    `count_key` (the list's name and filters): the total is counted once and kept like a fragment, under the
    page cache's generation (any write recounts), instead of a COUNT over the whole list on every request.
    """
    paginator = Paginator(object_list, per_page)
    if count_key is not None:
        paginator.count = int(generation_cached("count", count_key, lambda: str(object_list.count())))
    page = paginator.get_page(request.GET.get("page"))
    page_clamped_skip(request, page)
    return page


def page_query(params) -> str:
    """What the pager's links keep besides ?page= (templates/includes/pager.html): `params`, a QueryDict
    (request.GET) or a dict of a list's cleaned filters, without `page` and empty values, url-encoded."""
    pairs = params.lists() if hasattr(params, "lists") else ((key, [value]) for key, value in params.items())
    return urlencode([(key, value) for key, values in pairs if key != "page" for value in values if value])


def page_clamped_skip(request, page: Page) -> None:
    """Keep a page shown for another number than the one asked (?page=999999, -1, abc) out of the page cache."""
    asked = request.GET.get("page")
    if asked is not None and asked != str(page.number):
        pagecache_skip(request)
