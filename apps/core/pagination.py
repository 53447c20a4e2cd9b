from django.core.paginator import Page, Paginator

from .pagecache import pagecache_skip


def page_get(request, object_list, per_page: int) -> Page:
    """The page `?page=` asks for; out-of-range or junk numbers show the nearest page (as Django's get_page).

    Such a clamped answer is not stored by the page cache, so `?page=999999` and friends never add entries.
    """
    asked = request.GET.get("page")
    page = Paginator(object_list, per_page).get_page(asked)
    if asked is not None and asked != str(page.number):
        pagecache_skip(request)
    return page
