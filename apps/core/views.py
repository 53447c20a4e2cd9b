from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .agenda import (
    LIST_PAGE_SIZE,
    MonthError,
    day_parse,
    first_of_each_day,
    month_bounds,
    month_grid,
    month_parse,
    occurrences_between,
)
from .booking.ics import calendar_response
from .booking.kinds import KINDS, calendar_hubs
from .context_processors import ELDER_COOKIE, TEXT_SIZE_COOKIE, TEXT_SIZE_MAX, TEXT_SIZE_MIN, text_size
from .home import home_sections
from .models import Occurrence, SiteSettings
from .pagination import page_query
from .pillars import pillars
from .request_guard import same_site_path

ONE_YEAR = 365 * 24 * 60 * 60


@require_safe
def home(request):
    # The sections are computed only when the home fragment is not in the cache, and once: the template walks
    # them twice (what is on and the news before the pillar cards, the rest after).
    sections = SimpleLazyObject(lambda: home_sections(request))
    return render(request, "core/home.html", {"pillars": pillars(), "home_sections": sections})


@require_safe
def privacy(request):
    return render(request, "core/privacy.html")


@require_safe
def display_mode(request, mode: str):
    """长辈模式 / 标准模式 and 字号 A− / A+: links that set a cookie, so they work without JavaScript and persist."""
    response = HttpResponseRedirect(same_site_path(request.GET.get("next")))
    if mode == "elder":
        response.set_cookie(
            ELDER_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=request.is_secure()
        )
    elif mode == "standard":
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    else:
        step = 1 if mode == "text-larger" else -1
        size = min(max(text_size(request) + step, TEXT_SIZE_MIN), TEXT_SIZE_MAX)
        response.set_cookie(
            TEXT_SIZE_COOKIE, str(size), max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=request.is_secure()
        )
    return response


@require_safe
@cache_control(public=True, max_age=ONE_YEAR)
def brand_css(request):
    """The brand colours from site settings as CSS variables (a stylesheet, since inline styles are not allowed)."""
    site = SiteSettings.load()
    css = f":root{{--brand:{site.primary_colour};--accent:{site.accent_colour}}}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", f"Disallow: /{settings.ADMIN_URL}", "Disallow: /accounts/", "Disallow: /me/"]
    with suppress(NoReverseMatch):
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


@transaction.non_atomic_requests
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def calendar_page(request):
    """Everything on, by month (grid) or as a list, filterable by pillar, hub and audience."""
    today = timezone.localdate()
    error = ""
    try:
        first = month_parse(request.GET.get("month"), today)
    except MonthError as problem:
        error, first = str(problem), today.replace(day=1)
    kind, audience, hub = request.GET.get("kind", ""), request.GET.get("audience", ""), request.GET.get("hub", "")
    hubs = calendar_hubs()
    if hub not in dict(hubs):
        hub = ""
    view = "list" if request.GET.get("view") == "list" else "month"
    start, end = month_bounds(first)
    occurrences = occurrences_between(start, end, kind=kind, audience=audience, hub=hub)
    context = {"first": first, "previous": (first - timedelta(days=1)).replace(day=1), "next": end, "today": today}
    if view == "month":  # read only when the calendar's fragment is not cached
        shown = SimpleLazyObject(lambda: first_of_each_day(occurrences))
        context |= {"weeks": SimpleLazyObject(lambda: month_grid(first, shown, today)), "occurrences": shown}
    else:
        day = day_parse(request.GET.get("day"), first)
        if day:
            occurrences = occurrences_between(day, day + timedelta(days=1), kind=kind, audience=audience, hub=hub)
        page = Paginator(occurrences, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {"day": day, "page": page, "occurrences": page.object_list, "page_query": page_query(request.GET)}
    context |= {
        "view": view,
        "error": error,
        "kinds": KINDS.values(),
        "kind": kind,
        "audiences": Occurrence.Audience.choices,
        "audience": audience,
        "hubs": hubs,
        "hub": hub,
    }
    return render(request, "core/calendar.html", context, status=400 if error else 200)


@require_safe
def calendar_ics(request):
    """The public iCalendar feed: upcoming public occurrences."""
    occurrences = Occurrence.objects.public().upcoming().order_by("starts_at")[:500]
    return calendar_response(
        occurrences, request, name=f"{SiteSettings.load().brand_name} 活动", filename="hongling.ics"
    )


@require_safe
def occurrence_ics(request, pk: int):
    occurrence = get_object_or_404(Occurrence.objects.public(), pk=pk)
    return calendar_response([occurrence], request, name=occurrence.title, filename=f"event-{pk}.ics")


@require_safe
def my_calendar_ics(request, token: str):
    """A member's private feed of what they registered for; the token in the URL is the only key."""
    user = get_object_or_404(get_user_model(), calendar_token=token, is_active=True)
    occurrences = Occurrence.objects.filter(
        registrations__user=user, registrations__status__in=["confirmed", "waitlisted"]
    ).order_by("starts_at")
    return calendar_response(occurrences, request, name="我的报名", filename="my-hongling.ics")
