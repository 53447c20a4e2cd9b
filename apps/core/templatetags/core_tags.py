from django import template
from django.template.defaultfilters import stringfilter

from .. import privacy
from ..context_processors import reverse_pk
from ..models import Image
from ..pictures import picture_html
from ..richtext import render_richtext

register = template.Library()


@register.simple_tag
def picture(image: Image | None, sizes: str = "100vw", css_class: str = "", loading: str = "lazy"):
    """<img> with a WebP srcset from the image pipeline's renditions, intrinsic width/height and alt."""
    return picture_html(image, sizes=sizes, css_class=css_class, loading=loading)


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


@register.filter
def url_pk(pk, name: str) -> str:
    """`{{ obj.pk|url_pk:"app:name" }}`: `{% url "app:name" obj.pk %}` without a reverse() per row."""
    return reverse_pk(name, pk)


@register.filter
@stringfilter
def masked_phone(value: str) -> str:
    """+8613912345678 → 139****5678, e.g. on the page that says where a code was sent."""
    from ..messaging import mask_phone

    return mask_phone(str(value))


@register.filter
@stringfilter
def masked_email(value: str) -> str:
    from ..messaging import mask_email

    return mask_email(value)
