"""WeChat share cards: JS-SDK signature from a cached jsapi_ticket (against the local fake of WeChat), loaded
only when configured, with the SDK's host in the CSP only then; the share block on phones."""

import hashlib
import time

import pytest
from django.urls import reverse

from apps.core import wechat
from tests.accounts.wechat_fake import FakeWechat
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db
CONFIG = "/wechat/share-config"


@pytest.fixture
def fake(settings):
    with FakeWechat() as server:
        settings.WECHAT_API_URL = server.url
        settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET = "wx-mp-test", "mp-secret"
        yield server


def test_signature_is_wechats_sha1_of_the_page_url(client, fake):
    page = "http://testserver/news/1/?from=timeline"
    answer = client.get(CONFIG, {"url": page + "#comments"}).json()
    plain = f"jsapi_ticket=ticket-1&noncestr={answer['nonceStr']}&timestamp={answer['timestamp']}&url={page}"
    assert answer["signature"] == hashlib.sha1(plain.encode()).hexdigest()  # noqa: S324 - WeChat's algorithm
    assert answer["appId"] == "wx-mp-test" and abs(answer["timestamp"] - time.time()) < 60


def test_ticket_is_cached_and_refreshed_before_it_expires(client, fake):
    for _ in range(3):
        client.get(CONFIG, {"url": "http://testserver/"})
    assert fake.hits.count("/cgi-bin/ticket/getticket") == 1
    now = time.time()
    assert wechat.jsapi_ticket(now=now + 7200 - 601) == "ticket-1"
    assert wechat.jsapi_ticket(now=now + 7200 - 590) == "ticket-2"  # 10 minutes before WeChat's expiry


def test_only_this_sites_pages_are_signed(client, fake):
    for url in ["https://evil.example/", "javascript:alert(1)", "", "http://testserver.evil.example/"]:
        assert client.get(CONFIG, {"url": url}).status_code == 400
    assert "/cgi-bin/token" not in fake.hits


def test_wechat_refusing_is_a_503_not_a_500(client, fake, settings):
    settings.WECHAT_APP_SECRET = "wrong"
    response = client.get(CONFIG, {"url": "http://testserver/"})
    assert response.status_code == 503 and "微信暂时无法连接" in response.json()["error"]


def test_pages_load_the_share_script_only_when_configured(client, settings, fake):
    settings.PAGE_CACHE_SECONDS = 0  # the setting changes between two requests, which a running site never sees
    assert "wechat-share.js" in client.get(reverse("core:home")).text
    settings.WECHAT_APP_ID = settings.WECHAT_APP_SECRET = ""
    html = client.get(reverse("core:home")).text
    assert "wechat-share.js" not in html and "res.wx.qq.com" not in html
    assert client.get(CONFIG, {"url": "http://testserver/"}).status_code == 404


def test_csp_allows_wechats_hosts_only_when_configured():
    show = "from django.conf import settings as s; print(s.SECURE_CSP['script-src'], s.SECURE_CSP['form-action'])"
    without = run_django({"DEBUG": "1"}, "shell", "-c", show)
    configured = run_django({"DEBUG": "1", "WECHAT_APP_ID": "wx1", "WECHAT_APP_SECRET": "s"}, "shell", "-c", show)
    assert without.returncode == 0 and "NONCE" in without.stdout and "res.wx.qq.com" not in without.stdout
    assert "https://res.wx.qq.com" in configured.stdout and "https://open.weixin.qq.com" in configured.stdout
    assert "open.weixin.qq.com" not in without.stdout
    assert "unsafe-inline" not in configured.stdout


def test_article_share_block_offers_copy_and_share_sheet_with_the_qr_for_desktop(client):
    from tests.news.factories import article_create

    article = article_create()
    html = client.get(article.get_absolute_url()).text
    assert "data-copy=" in html and "data-share=" in html and "<svg" in html
