import re

import pytest
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def csp_of(response) -> str:
    return response.headers["Content-Security-Policy"]


def test_home_shows_brand_and_the_four_pillars(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="zh-CN"' in html
    for name in ("红岭+", "红岭课堂", "红岭之家", "红岭先锋", "红岭文化"):
        assert name in html


def test_home_query_count_is_small_and_constant(client, django_assert_max_num_queries, settings):
    from django.db import connection

    settings.PAGE_CACHE_SECONDS = 0  # count the view's own queries, not the page cache's
    settings.FRAGMENT_CACHE_SECONDS = 0  # nor a cached fragment's
    from django.test.utils import CaptureQueriesContext

    from tests.factories import occurrence_create

    client.get("/")  # warm the site-settings cache as a running server would have it
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for hours in range(1, 40):
        occurrence_create(starts_in_hours=hours * 3)
    with django_assert_max_num_queries(len(few)):
        client.get("/")
    assert len(few) <= 6  # site settings are cached; one or two per pillar's home section


@pytest.mark.parametrize("path", ["/", "/privacy/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"])
def test_every_html_page_has_a_strict_csp_without_unsafe_inline_scripts(client, path):
    response = client.get(path)
    policy = csp_of(response)
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    # Our scripts are files from 'self'; a nonce appears only on a page that used one (never a cached page).
    assert script_src.startswith("'self'")
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_admin_pages_have_the_csp_too(client, superuser):
    client.force_login(superuser)
    for path in (reverse("admin:index"), reverse("admin:core_image_add"), reverse("admin:accounts_user_changelist")):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "'nonce-" in csp_of(response)


def test_admin_is_for_staff_only(client, resident):
    client.force_login(resident)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_security_headers(client):
    response = client.get("/")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_404_is_in_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.text


def test_500_page_is_in_chinese(client):
    from django.template.loader import render_to_string

    assert "服务暂时出错" in render_to_string("500.html")


def test_robots_txt_keeps_crawlers_out_of_admin_and_personal_pages(client, settings):
    text = client.get("/robots.txt").text
    assert f"Disallow: /{settings.ADMIN_URL}" in text
    assert "Disallow: /me/" in text


def test_elder_mode_is_a_plain_link_that_sets_a_persistent_cookie(client):
    html = client.get("/").text
    assert "长辈模式" in html and 'class=""' in html

    response = client.get(reverse("core:elder_mode") + "?next=/privacy/")
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    cookie = response.cookies["elder_mode"]
    assert cookie.value == "1" and int(cookie["max-age"]) >= 365 * 24 * 3600

    html = client.get("/privacy/").text
    assert '<html lang="zh-CN" class="elder">' in html
    assert "标准模式" in html

    client.get(reverse("core:standard_mode"))
    assert '<html lang="zh-CN" class="">' in client.get("/").text


def test_elder_mode_does_not_redirect_off_site(client):
    response = client.get(reverse("core:elder_mode") + "?next=https://evil.example/")
    assert response["Location"] == "/"


def test_brand_css_carries_the_site_colours(client):
    from apps.core.models import SiteSettings

    site = SiteSettings.load()
    site.primary_colour = "#8B0000"
    site.save()
    css = client.get(reverse("core:brand_css")).text
    assert "--brand:#8B0000" in css
    assert site.version in client.get("/").text


def test_icp_number_is_linked_to_miit_in_the_footer(client):
    from apps.core.models import SiteSettings

    site = SiteSettings.load()
    site.icp_number = "湘ICP备12345678号-1"
    site.save()
    html = client.get("/").text
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">湘ICP备12345678号-1</a>' in html


def test_site_colours_must_keep_white_text_readable():
    from django.core.exceptions import ValidationError

    from apps.core.models import SiteSettings

    site = SiteSettings.load()
    site.primary_colour = "#FFDD00"
    with pytest.raises(ValidationError) as error:
        site.full_clean()
    assert error.value.error_dict["primary_colour"][0].code == "contrast"
    assert "对比度" in str(error.value)


def test_admin_allows_inline_styles_for_the_editor_but_never_inline_scripts(client, superuser):
    client.force_login(superuser)
    admin_policy = csp_of(client.get(reverse("admin:index")))
    assert "style-src 'self' 'unsafe-inline'" in admin_policy
    assert "unsafe-inline" not in re.search(r"script-src ([^;]+)", admin_policy).group(1)
    assert "unsafe-inline" not in csp_of(client.get("/"))
