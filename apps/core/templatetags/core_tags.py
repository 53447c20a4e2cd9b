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
def booking_box(context, occurrence, state=None):
    """The 报名 / 候补 / 取消报名 box for an occurrence, as the current person sees it (`state`: the view's own
    `booking_state(occurrence, user)` when it needs it too, so it is read once)."""
    from ..booking.selectors import booking_state

    request = context["request"]
    state = state if state is not None and state.occurrence == occurrence else booking_state(occurrence, request.user)
    return {"state": state, "request": request, "user": request.user,
            "csrf_token": context.get("csrf_token")}  # fmt: skip


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def url_pk(pk, name: str) -> str:
    """`{{ obj.pk|url_pk:"app:name" }}`: `{% url "app:name" obj.pk %}` without a reverse() per row."""
    return reverse_pk(name, pk)
