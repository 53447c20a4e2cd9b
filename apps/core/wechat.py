"""Share cards inside WeChat: its JS-SDK, configured with a signature computed here from a cached jsapi_ticket.

WeChat ignores OpenGraph; a page shared from its browser shows a title, a description and a picture only
when the page calls the JS-SDK (`wx.updateAppMessageShareData`) after `wx.config` with a signature of its URL.
Only with the 公众号's credentials (WECHAT_APP_ID / WECHAT_APP_SECRET): pages then load
`static/js/wechat-share.js`, which, inside WeChat only, asks `core:wechat_share_config` for the signature and
loads the SDK from res.wx.qq.com (allowed in the CSP only then). Without credentials nothing is loaded.

WeChat's access token and jsapi_ticket live 7200 s and are limited in how often they may be fetched, so the
ticket is kept in the shared cache and fetched again 10 minutes before it expires.
"""

import hashlib
import secrets
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

TICKET_KEY = "wechat:jsapi_ticket"
REFRESH_BEFORE = 600  # seconds before WeChat's expiry


class WechatError(Exception):
    pass


def share_configured() -> bool:
    return bool(settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET)


def _call(path: str, **params) -> dict:
    answer = requests.get(f"{settings.WECHAT_API_URL}{path}", params=params, timeout=5).json()
    if answer.get("errcode"):  # WeChat answers errors with HTTP 200 and an errcode
        raise WechatError(f"{path}: {answer.get('errcode')} {answer.get('errmsg')}")
    return answer


def jsapi_ticket(*, now: float | None = None) -> str:
    """The current jsapi_ticket, from the cache until 10 minutes before it expires, then fetched again."""
    now = time.time() if now is None else now
    cached = cache.get(TICKET_KEY)
    if cached and now < cached["refresh_at"]:
        return cached["ticket"]
    token = _call(
        "/cgi-bin/token",
        grant_type="client_credential",
        appid=settings.WECHAT_APP_ID,
        secret=settings.WECHAT_APP_SECRET,
    )["access_token"]
    answer = _call("/cgi-bin/ticket/getticket", access_token=token, type="jsapi")
    lifetime = int(answer.get("expires_in", 7200))
    refresh_at = now + max(lifetime - REFRESH_BEFORE, 60)
    cache.set(TICKET_KEY, {"ticket": answer["ticket"], "refresh_at": refresh_at}, timeout=lifetime)
    return answer["ticket"]


def share_signature(url: str, *, ticket: str, timestamp: int, nonce: str) -> str:
    """WeChat's JS-SDK signature: sha1 of the four fields in this order (url without its #fragment)."""
    plain = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url.split('#')[0]}"
    return hashlib.sha1(plain.encode()).hexdigest()  # noqa: S324 - the algorithm WeChat specifies


@never_cache
@require_safe
def wechat_share_config(request):
    """{appId, timestamp, nonceStr, signature} for `?url=` — a page of this site only."""
    if not share_configured():
        raise Http404("未开通微信分享。")
    url = request.GET.get("url", "")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != request.get_host() or len(url) > 1000:
        return JsonResponse({"error": "只能为本站的页面生成分享设置。"}, status=400)
    try:
        ticket = jsapi_ticket()
    except (WechatError, requests.RequestException, ValueError, KeyError):
        return JsonResponse({"error": "微信暂时无法连接，请稍后再试。"}, status=503)
    timestamp, nonce = int(time.time()), secrets.token_urlsafe(12)
    signature = share_signature(url, ticket=ticket, timestamp=timestamp, nonce=nonce)
    return JsonResponse(
        {"appId": settings.WECHAT_APP_ID, "timestamp": timestamp, "nonceStr": nonce, "signature": signature}
    )
