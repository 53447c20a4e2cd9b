from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import stringfilter
from django.urls import NoReverseMatch
from django.utils.html import format_html

from .. import pillars, privacy
from ..context_processors import reverse_pk, url_or_none
from ..geo import map_links
from ..models import Image
from ..pictures import picture_html
from ..richtext import render_richtext

register = template.Library()


@register.simple_tag
def picture(image: Image | None, sizes: str = "100vw", css_class: str = "", loading: str = "lazy"):
    """<img> with a WebP srcset from the image pipeline's renditions, intrinsic width/height and alt."""
    return picture_html(image, sizes=sizes, css_class=css_class, loading=loading)


@register.simple_tag(takes_context=True)
def pillar_page_sections(context, pillar: str) -> list[dict]:
    """The blocks other apps add to a pillar's page (apps.core.pillars), e.g. its latest news:
    `{% pillar_page_sections "hubs" as sections %}{% for section in sections %}{% include section.template
    with data=section.data %}{% endfor %}`."""
    return pillars.pillar_page_sections(context["request"], pillar=pillar)


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


@register.simple_tag
def url_fixed(name: str) -> str:
    """`{% url_fixed "app:name" %}`: `{% url "app:name" %}` for a URL without arguments, reversed once per
    process (the header, footer and booking box link the same few on every page)."""
    url = url_or_none(name)
    if url is None:
        raise NoReverseMatch(f"{name!r} is not a URL without arguments")
    return url


@register.filter
def url_pk(pk, name: str) -> str:
    """`{{ obj.pk|url_pk:"app:name" }}`: `{% url "app:name" obj.pk %}` without a reverse() per row."""
    return reverse_pk(name, pk)


@register.filter(expects_localtime=True)
def when(value, fmt: str = "Y年n月j日"):
    """A date or time as `<time datetime="…">formatted</time>`: machine-readable, and kept whole by the stylesheet
    (`time { word-break: keep-all }`: it may break at its spaces, never inside "10月30日")."""
    if value in (None, ""):
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_filter(value, fmt))


@register.inclusion_tag("core/includes/directions.html")
def directions(point, name: str = "", address: str = "", label: str = "导航到这里"):
    """“导航到这里”: opens the phone's map app at a hub, a red site or an occurrence's venue (core.geo)."""
    links = map_links(name=name, address=address, latitude=point.latitude, longitude=point.longitude)
    return {"primary": links[0], "others": links[1:], "exact": point.has_coordinates, "label": label}


@register.inclusion_tag("admin/workbench/workbench.html", takes_context=True)
def workbench(context):
    """The admin index's 工作台 (apps.core.workbench)."""
    from apps.core.workbench import workbench_sections

    return {"sections": workbench_sections(context["request"])}


@register.filter
@stringfilter
def masked_phone(value: str) -> str:
    """+8613912345678 → 139****5678, e.g. on the page that says where a code was sent."""
    from ..phones import mask_phone

    return mask_phone(str(value))


@register.filter
@stringfilter
def masked_email(value: str) -> str:
    from ..messaging import mask_email

    return mask_email(value)
