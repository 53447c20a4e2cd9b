"""Short absolute links for SMS and mail: `https://site/r/HL-2026-000011` redirects to the report's page.

An SMS segment holds 70 characters with the signature, so the link must be short and absolute (a relative
path cannot be opened from a phone's messages). Apps register what a code means in AppConfig.ready():

    shortlink_register(prefix="HL-", resolve=lambda code: report_url_or_none(code))

`resolve(code)` returns the page's path, or None when nothing (public) has that code: the view answers 404.
Core registers occurrences (`E<pk>`) itself.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

_resolvers: dict[str, Callable[[str], str | None]] = {}


def shortlink_register(*, prefix: str, resolve: Callable[[str], str | None]) -> None:
    _resolvers[prefix] = resolve


def absolute_url(path: str) -> str:
    """`path` on the site's public address (the `SITE_URL` setting)."""
    return f"{settings.SITE_URL}{path}"


def shortlink(code: str) -> str:
    """The absolute short link for `code`, e.g. https://hongling.example.cn/r/HL-2026-000011."""
    return absolute_url(reverse("core:shortlink", args=[code]))


def occurrence_shortlink(occurrence) -> str:
    return shortlink(f"E{occurrence.pk}")


def _occurrence_path(code: str) -> str | None:
    from .booking.kinds import occurrence_url
    from .booking.models import Occurrence

    pk = code.removeprefix("E")
    if not pk.isascii() or not pk.isdigit() or len(pk) > 12:
        return None
    occurrence = Occurrence.objects.filter(pk=int(pk)).only("pk", "kind").first()
    return occurrence_url(occurrence) if occurrence else None


shortlink_register(prefix="E", resolve=_occurrence_path)


@require_safe
def shortlink_redirect(request, code: str):
    for prefix, resolve in sorted(_resolvers.items(), key=lambda item: -len(item[0])):
        if code.startswith(prefix):
            path = resolve(code)
            if path:
                return redirect(path)
            break
    raise Http404("没有这个链接。")
