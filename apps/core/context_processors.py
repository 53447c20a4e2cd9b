from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, reverse

from .models import SiteSettings
from .pillars import header_links

ELDER_COOKIE = "elder_mode"
# 字号 (A− / A+): a step from TEXT_SIZE_MIN to TEXT_SIZE_MAX kept in a cookie, 0 being the default size.
TEXT_SIZE_COOKIE = "text_size"
TEXT_SIZE_MIN, TEXT_SIZE_MAX = -1, 3


def text_size(request) -> int:
    try:
        size = int(request.COOKIES.get(TEXT_SIZE_COOKIE, "0"))
    except ValueError:
        return 0
    return min(max(size, TEXT_SIZE_MIN), TEXT_SIZE_MAX)


def url_or_none(name: str) -> str | None:
    """The path of an argument-less URL name, or None if its app is not installed. Reversed once per
    process (and script prefix): the header and the home page ask for the same few on every request."""
    return _reversed(name, get_script_prefix())


@lru_cache(maxsize=256)
def _reversed(name: str, prefix: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# A pk no real row has: reverse() once with it, then put the real pk in its place.
_PK_PLACEHOLDER = "918273645546372819"


def reverse_pk(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a URL whose only argument is an <int:pk>, from a pattern reversed once
    per process (and script prefix): lists link every row, and reverse() is slow."""
    return _reversed_pk(name, get_script_prefix()).replace(_PK_PLACEHOLDER, str(int(pk)))


@lru_cache(maxsize=256)
def _reversed_pk(name: str, prefix: str) -> str:
    url = reverse(name, args=[int(_PK_PLACEHOLDER)])
    if url.count(_PK_PLACEHOLDER) != 1:
        raise NoReverseMatch(f"{name} does not take one pk")
    return url


def navigation(path: str) -> list[dict]:
    """The header's links after 首页, as the apps registered them (apps.core.pillars)."""
    items = []
    for link in header_links():
        if url := url_or_none(link.url_name):
            items.append({"label": link.label, "url": url, "active": path.startswith(url)})
    return items


def site(request):
    return {
        "portal": SiteSettings.load(),
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "text_size": text_size(request),
        "nav_items": navigation(request.path),
        "search_url": url_or_none("search:results"),
        # WeChat share cards only with the 公众号's credentials (apps.core.wechat); a setting, no query.
        "wechat_share": bool(settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET),
    }
