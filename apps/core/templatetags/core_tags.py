from functools import lru_cache

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from ..models import Image
from ..richtext import render_richtext

register = template.Library()


@register.simple_tag
def picture(image: Image | None, sizes: str = "100vw", css_class: str = "", loading: str = "lazy"):
    """<img> with a WebP srcset from the image pipeline's renditions, intrinsic width/height and alt."""
    if image is None:
        return ""
    attrs = {"alt": image.alt, "loading": loading, "decoding": "async", "class": css_class}
    renditions = tuple((r["name"], r["width"], r["height"]) for r in image.renditions or [])
    if not renditions:
        return format_html(
            '<img src="{}" width="{}" height="{}"{}>', image.file.url, image.width, image.height, _attrs(attrs)
        )
    src, srcset = _sources(renditions)
    _, width, height = renditions[-1]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"{}>',
        src, srcset, sizes, width, height, _attrs(attrs),
    )  # fmt: skip


@lru_cache(maxsize=4096)
def _sources(renditions: tuple) -> tuple[str, SafeString]:
    """src and srcset of a set of renditions: built once per process, as a home page shows the same
    pictures to everyone (five storage URLs and an escaped join each)."""
    srcset = format_html_join(", ", "{} {}w", ((default_storage.url(name), width) for name, width, _ in renditions))
    return default_storage.url(renditions[-1][0]), srcset


def _attrs(attrs: dict) -> str:
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v))


@register.filter
def richtext(value: str):
    return render_richtext(value)


@register.inclusion_tag("core/includes/booking_box.html", takes_context=True)
def booking_box(context, occurrence):
    """The 报名 / 候补 / 取消报名 box for an occurrence, as the current person sees it."""
    from ..booking.selectors import booking_state

    request = context["request"]
    return {"state": booking_state(occurrence, request.user), "request": request, "user": request.user,
            "csrf_token": context.get("csrf_token")}  # fmt: skip


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
