from django import template
from django.core.files.storage import default_storage
from django.template.defaultfilters import stringfilter
from django.utils.html import format_html, format_html_join

from .. import privacy
from ..models import Image
from ..richtext import render_richtext

register = template.Library()


@register.simple_tag
def picture(image: Image | None, sizes: str = "100vw", css_class: str = "", loading: str = "lazy"):
    """<img> with a WebP srcset from the image pipeline's renditions, intrinsic width/height and alt."""
    if image is None:
        return ""
    renditions = image.renditions or []
    attrs = {"alt": image.alt, "loading": loading, "decoding": "async", "class": css_class}
    if not renditions:
        return format_html(
            '<img src="{}" width="{}" height="{}"{}>', image.file.url, image.width, image.height, _attrs(attrs)
        )
    largest = renditions[-1]
    srcset = format_html_join(", ", "{} {}w", ((default_storage.url(r["name"]), r["width"]) for r in renditions))
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"{}>',
        default_storage.url(largest["name"]), srcset, sizes, largest["width"], largest["height"], _attrs(attrs),
    )  # fmt: skip


def _attrs(attrs: dict) -> str:
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v))


@register.filter
def richtext(value: str):
    return render_richtext(value)


@register.filter(is_safe=True)
@stringfilter
def personal_numbers_mask(value: str) -> str:
    """Text a resident wrote, as the public may see it: phone, ID-card and bank-card numbers masked."""
    return privacy.personal_numbers_mask(value)


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
