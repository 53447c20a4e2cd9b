"""The page cache for anonymous visitors: what is served from it, what is never stored, and the cheap hit."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import include, path

from tests.core.pagecache_helpers import page_entries, site_settings_row  # noqa: F401 - autouse fixture

pytestmark = pytest.mark.django_db


def _nonce_page(request):
    return HttpResponse(Template("<script nonce='{{ csp_nonce }}'>1</script>").render(RequestContext(request)))


def _csrf_page(request):
    return HttpResponse(Template("<form method='post'>{% csrf_token %}</form>").render(RequestContext(request)))


def _cookie_page(request):
    response = HttpResponse("<p>hello</p>")
    response.set_cookie("seen", "1")
    return response


def assert_cache_stores_other_pages(client):
    """The control of a 'never stored' test: the same set-up does store an ordinary page."""
    client.get("/privacy/")
    assert client.get("/privacy/")["X-Cache"] == "HIT"


urlpatterns = [
    path("test/nonce/", _nonce_page),
    path("test/csrf/", _csrf_page),
    path("test/cookie/", _cookie_page),
    path("", include("hongling.urls")),
]


def test_page_cache_second_anonymous_visit_is_served_from_the_cache(client):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in second


def test_page_cache_hit_runs_no_database_query(client, django_assert_num_queries):
    client.get("/news/")
    with django_assert_num_queries(0):
        assert client.get("/news/")["X-Cache"] == "HIT"


def test_page_cache_two_anonymous_visitors_of_a_cached_page_never_share_a_nonce(client):
    client.get("/")
    second, third = client.get("/"), client.get("/")
    assert second["X-Cache"] == third["X-Cache"] == "HIT"
    for response in (second, third):
        assert "'nonce-" not in response["Content-Security-Policy"]
        assert b"nonce=" not in response.content


@pytest.mark.urls("tests.core.test_pagecache")
def test_page_cache_never_stores_a_page_that_used_the_nonce(client):
    one, two = client.get("/test/nonce/"), client.get("/test/nonce/")
    assert "X-Cache" not in two
    nonces = [re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1) for r in (one, two)]
    assert nonces[0] != nonces[1]
    assert nonces[0].encode() in one.content and nonces[1].encode() in two.content
    assert_cache_stores_other_pages(client)


@pytest.mark.urls("tests.core.test_pagecache")
def test_page_cache_never_stores_a_response_that_sets_a_cookie(client):
    client.get("/test/cookie/")
    assert "X-Cache" not in client.get("/test/cookie/")
    assert page_entries() == 0
    assert_cache_stores_other_pages(client)


@pytest.mark.urls("tests.core.test_pagecache")
def test_page_cache_never_stores_a_page_with_a_csrf_token(client):
    client.get("/test/csrf/")
    second = client.get("/test/csrf/")
    assert "X-Cache" not in second
    assert b"csrfmiddlewaretoken" in second.content
    assert_cache_stores_other_pages(client)


def test_page_cache_report_form_is_cached_only_as_the_anonymous_explanation_without_a_token(client, resident):
    client.get("/reports/new/")
    anonymous = client.get("/reports/new/")
    assert anonymous["X-Cache"] == "HIT"
    assert b"csrfmiddlewaretoken" not in anonymous.content
    client.force_login(resident)
    with_form = client.get("/reports/new/")
    assert "X-Cache" not in with_form
    assert b"csrfmiddlewaretoken" in with_form.content


def test_page_cache_login_page_is_not_cached(client):
    client.get("/accounts/login/")
    assert "X-Cache" not in client.get("/accounts/login/")
    assert_cache_stores_other_pages(client)


def test_page_cache_logged_in_user_is_never_served_a_cached_page(client, resident):
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    client.force_login(resident)
    response = client.get("/")
    assert "X-Cache" not in response
    assert "我的" in response.text


def test_page_cache_never_stores_what_a_logged_in_user_saw(client, resident):
    client.force_login(resident)
    assert "我的" in client.get("/privacy/").text
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/privacy/")
    assert anonymous["X-Cache"] == "MISS"
    assert "我的" not in anonymous.text


def test_page_cache_display_cookies_are_separate_entries(client):
    plain = client.get("/")
    client.cookies["elder_mode"] = "1"
    elder = client.get("/")
    client.cookies["text_size"] = "2"
    larger = client.get("/")
    assert [r["X-Cache"] for r in (plain, elder, larger)] == ["MISS", "MISS", "MISS"]
    assert '<html lang="zh-CN" class="elder text-size-2">' in client.get("/").text
    del client.cookies["elder_mode"], client.cookies["text_size"]
    again = client.get("/")
    assert again["X-Cache"] == "HIT" and 'class="elder' not in again.text
    assert page_entries() == 3


def test_page_cache_junk_display_cookie_values_share_the_default_entry(client):
    client.get("/")
    for elder, size in [("yes", "abc"), ("0", "1.5"), ("1' or 1", "0")]:
        client.cookies["elder_mode"], client.cookies["text_size"] = elder, size
        assert client.get("/")["X-Cache"] == "HIT"
    assert page_entries() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/?" + "&".join(f"p{i}=1" for i in range(5000)),
        "/search/?q=" + "红" * 10_000,
        "/news/?page=999999",
        "/news/?page=-1",
        "/news/?page=abc",
        "/news/?utm_source=wechat",
        "/news/?page=1&page=2",
    ],
)
def test_page_cache_junk_query_is_answered_but_never_stored(client, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code < 500
        assert "X-Cache" not in response
    assert page_entries() == 0
    assert_cache_stores_other_pages(client)


def test_page_cache_a_real_page_number_is_stored(client):
    client.get("/news/?page=1")
    assert client.get("/news/?page=1")["X-Cache"] == "HIT"


def test_page_cache_not_found_and_health_check_are_not_stored(client):
    client.get("/no-such-page/")
    client.get("/healthz")
    assert "X-Cache" not in client.get("/healthz")
    assert page_entries() == 0
    assert_cache_stores_other_pages(client)


def test_page_cache_head_of_a_cached_page_has_headers_and_no_body(client):
    full = client.get("/")
    head = client.head("/")
    assert head.status_code == 200 and head["X-Cache"] == "HIT"
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))


def test_page_cache_stores_gzip_and_plain_separately_with_vary(client):
    zipped = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    zipped_hit = client.get("/", headers={"accept-encoding": "gzip"})
    plain = client.get("/")
    assert zipped["Content-Encoding"] == zipped_hit["Content-Encoding"] == "gzip"
    assert zipped_hit["X-Cache"] == "HIT" and plain["X-Cache"] == "MISS"
    assert "Accept-Encoding" in zipped_hit["Vary"]
    assert "Content-Encoding" not in plain
    assert gzip.decompress(zipped_hit.content) == plain.content
    assert len(zipped_hit.content) < len(plain.content) / 2


def test_page_cache_logged_in_pages_are_not_compressed(client, resident):
    client.force_login(resident)
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in response


def test_page_cache_off_when_the_setting_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Cache" not in client.get("/")


def test_page_cache_lost_generation_is_never_a_stale_hit(client):
    client.get("/")
    cache.delete("pagecache:generation")
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"


def test_page_cache_serves_every_public_page_from_the_cache_on_the_second_visit(client, public_urls):
    for url in public_urls:
        client.get(url)
        expected = None if url == "/healthz" else "HIT"
        assert client.get(url).get("X-Cache") == expected, url
