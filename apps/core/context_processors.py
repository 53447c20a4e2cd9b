from django.urls import NoReverseMatch, reverse

from .models import SiteSettings

ELDER_COOKIE = "elder_mode"

# The header's navigation: (label, URL name). Pillars that are not installed yet are left out.
NAVIGATION = [
    ("课堂", "classes:menu"),
    ("之家", "hubs:directory"),
    ("先锋", "pioneers:gallery"),
    ("文化", "culture:index"),
    ("资讯", "news:list"),
    ("日历", "core:calendar"),
]


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def navigation(path: str) -> list[dict]:
    items = []
    for label, name in NAVIGATION:
        if url := _url(name):
            items.append({"label": label, "url": url, "active": path.startswith(url)})
    return items


def site(request):
    return {
        "portal": SiteSettings.load(),
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "nav_items": navigation(request.path),
        "search_url": _url("search:results"),
    }
