"""Log-in with WeChat (微信) through django-allauth's `weixin` provider, switched on by credentials only.

Which WeChat application serves a request depends on where the resident is:
- inside WeChat's own browser (its user agent says MicroMessenger): the 公众号's web authorisation
  (`/connect/oauth2/authorize`, scope snsapi_userinfo), when WECHAT_APP_ID / WECHAT_APP_SECRET are set;
- anywhere else: the open platform's QR log-in (`/connect/qrconnect`, scope snsapi_login), when
  WECHAT_OPEN_APP_ID / WECHAT_OPEN_APP_SECRET are set.
Without the matching pair, nothing shows and the log-in URLs answer 404.

The apps are built from settings on each request (no SocialApp rows to keep in step), and WeChat's hosts are
settings too (WECHAT_API_URL, WECHAT_OPEN_URL), so the tests run the whole round trip against a local fake.
When WeChat gives a `unionid` (both applications bound to one open-platform account), it is the account's
id, so a resident who logs in on the phone and on the desktop is one person.

A newcomer is not signed up automatically: the sign-up form asks for a mobile number (verified by SMS
before anything else) and the consent (个人信息保护法). Seats are per person, so registering for anything
needs that verified phone (`phone_verified_rule`, a rule of the booking engine).
"""

from allauth.core import context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.weixin.client import WeixinOAuth2Client
from allauth.socialaccount.providers.weixin.provider import WeixinProvider
from allauth.socialaccount.providers.weixin.views import WeixinOAuth2Adapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404

PROVIDER = "weixin"


def in_wechat(request) -> bool:
    return "MicroMessenger" in request.META.get("HTTP_USER_AGENT", "")


def wechat_app(request) -> SocialApp | None:
    """The WeChat application for this request's browser, or None when that one is not configured."""
    if request is None:
        return None
    if in_wechat(request):
        if not (settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET):
            return None
        client_id, secret = settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET
        app_settings = {
            "scope": ["snsapi_userinfo"],
            "authorize_url": f"{settings.WECHAT_OPEN_URL}/connect/oauth2/authorize",
            "fragment": "#wechat_redirect",  # WeChat's browser wants it on the 公众号 authorisation URL
        }
    else:
        if not (settings.WECHAT_OPEN_APP_ID and settings.WECHAT_OPEN_APP_SECRET):
            return None
        client_id, secret = settings.WECHAT_OPEN_APP_ID, settings.WECHAT_OPEN_APP_SECRET
        app_settings = {"scope": ["snsapi_login"], "authorize_url": f"{settings.WECHAT_OPEN_URL}/connect/qrconnect"}
    return SocialApp(provider=PROVIDER, name="微信", client_id=client_id, secret=secret, settings=app_settings)


def wechat_available(request) -> bool:
    return wechat_app(request) is not None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        if provider not in (None, PROVIDER):
            return []
        app = wechat_app(request or context.request)
        if app is None or (client_id and app.client_id != client_id):
            return []
        return [app]

    def get_provider(self, request, provider, client_id=None):
        if provider == PROVIDER:
            app = self.get_app(request or context.request, provider=provider, client_id=client_id)
            return WechatProvider(request, app=app)
        return super().get_provider(request, provider, client_id=client_id)

    def is_auto_signup_allowed(self, request, sociallogin):
        return False  # the phone and the consent are asked first (WechatSignupForm)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.display_name = (data.get("name") or "")[:40]
        return user


class WechatOAuth2Client(WeixinOAuth2Client):
    fragment = ""  # per client: see WechatOAuth2Adapter.get_client

    def get_redirect_url(self, authorization_url, scope, extra_params):
        return super().get_redirect_url(authorization_url, scope, extra_params) + self.fragment


class WechatOAuth2Adapter(WeixinOAuth2Adapter):
    """allauth's weixin adapter with WeChat's hosts from settings and WeChat's error answers handled."""

    client_class = WechatOAuth2Client
    access_token_method = "GET"  # noqa: S105 - an HTTP method; as WeChat documents it (allauth: POST)
    # A refusal comes back with `state` only, no `code` and no `error`: allauth compares the missing `error`
    # with this value, so None makes it "cancelled" (the 已取消微信登录 page) rather than an unknown error.
    login_cancelled_error = None

    @property
    def access_token_url(self):
        return f"{settings.WECHAT_API_URL}/sns/oauth2/access_token"

    @property
    def profile_url(self):
        return f"{settings.WECHAT_API_URL}/sns/userinfo"

    @property
    def authorize_url(self):
        return self.get_provider().app.settings["authorize_url"]

    def get_client(self, request, app):
        client = super().get_client(request, app)
        client.fragment = app.settings.get("fragment", "")
        return client

    def complete_login(self, request, app, token, **kwargs):
        from allauth.socialaccount.adapter import get_adapter

        openid = kwargs.get("response", {}).get("openid")
        with get_adapter().get_requests_session() as session:
            answer = session.get(self.profile_url, params={"access_token": token.token, "openid": openid})
            answer.raise_for_status()
            data = answer.json()
        if data.get("errcode") or not data.get("openid"):  # WeChat answers errors with HTTP 200
            raise OAuth2Error(f"WeChat userinfo refused: {data.get('errcode')}")
        login = self.get_provider().sociallogin_from_response(request, data)
        if data.get("unionid"):
            login.account.uid = data["unionid"]
        return login


class WechatProvider(WeixinProvider):
    oauth2_adapter_class = WechatOAuth2Adapter


def _only_when_configured(view):
    def wrapped(request, *args, **kwargs):
        if wechat_app(request) is None:
            raise Http404("未开通微信登录。")
        return view(request, *args, **kwargs)

    return wrapped


oauth2_login = _only_when_configured(OAuth2LoginView.adapter_view(WechatOAuth2Adapter))
oauth2_callback = _only_when_configured(OAuth2CallbackView.adapter_view(WechatOAuth2Adapter))


def wechat_account(user) -> SocialAccount | None:
    return SocialAccount.objects.filter(user=user, provider=PROVIDER).first()


def phone_verified_rule(user, occurrence) -> None:
    """A rule of the booking engine: an account that came through WeChat registers only with a verified phone."""
    if user.phone_verified:
        return
    if SocialAccount.objects.filter(user=user, provider=PROVIDER).exists():
        raise ValidationError(
            "报名前请先验证手机号：每人一个名额，我们用手机号确认是您本人。请到“我的”页面验证手机号。",
            code="phone_unverified",
        )
