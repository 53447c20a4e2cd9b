from contextlib import suppress

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .context_processors import ELDER_COOKIE, TEXT_SIZE_COOKIE, TEXT_SIZE_MAX, TEXT_SIZE_MIN, text_size
from .home import home_sections
from .models import SiteSettings
from .pillars import PILLARS

ONE_YEAR = 365 * 24 * 60 * 60


@require_GET
def home(request):
    return render(request, "core/home.html", {"pillars": PILLARS, "home_sections": home_sections(request)})


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@require_GET
def display_mode(request, mode: str):
    """长辈模式 / 标准模式 and 字号 A− / A+: links that set a cookie, so they work without JavaScript and persist."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("core:home")
    response = redirect(target)
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


@require_GET
@cache_control(public=True, max_age=ONE_YEAR)
def brand_css(request):
    """The brand colours from site settings as CSS variables (a stylesheet, since inline styles are not allowed)."""
    site = SiteSettings.load()
    css = f":root{{--brand:{site.primary_colour};--accent:{site.accent_colour}}}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", f"Disallow: /{settings.ADMIN_URL}", "Disallow: /accounts/", "Disallow: /me/"]
    with suppress(NoReverseMatch):
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)


@transaction.non_atomic_requests
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
