"""WeChat log-in, the whole OAuth round trip against a local fake of WeChat (tests/accounts/wechat_fake.py)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.booking.services import registration_create
from tests.factories import occurrence_create, user_create

from .wechat_fake import FakeWechat

pytestmark = pytest.mark.django_db
User = get_user_model()
WECHAT_UA = "Mozilla/5.0 (iPhone) AppleWebKit MicroMessenger/8.0.50"


@pytest.fixture
def wechat(settings):
    with FakeWechat() as fake:
        settings.WECHAT_API_URL = settings.WECHAT_OPEN_URL = fake.url
        settings.WECHAT_OPEN_APP_ID, settings.WECHAT_OPEN_APP_SECRET = "wx-open-test", "open-secret"
        settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET = "wx-mp-test", "mp-secret"
        yield fake


def start(client, *, process: str = "", **headers) -> str:
    """Press 微信登录: returns WeChat's authorisation URL our site redirects to."""
    url = reverse("weixin_login") + (f"?process={process}" if process else "")
    response = client.post(url, **headers)
    assert response.status_code == 302, response
    return response["Location"]


def authorise(authorize_url: str) -> str:
    """The person at WeChat's page: WeChat redirects back to our callback; returns that path with its query."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    return f"{back.path}?{back.query}"


def round_trip(client, **headers):
    return client.get(authorise(start(client, **headers)), **headers)


def test_newcomer_signs_up_with_a_verified_phone(client, wechat, sms_outbox, django_capture_on_commit_callbacks):
    authorize_url = start(client)
    assert authorize_url.startswith(f"{wechat.url}/connect/qrconnect?")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["appid"] == ["wx-open-test"] and query["scope"] == ["snsapi_login"]
    response = client.get(authorise(authorize_url))
    assert response.status_code == 302 and response["Location"] == reverse("socialaccount_signup")
    page = client.get(response["Location"]).text
    assert "用微信注册" in page and "岭上居民" in page and 'name="phone"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("socialaccount_signup"), {"phone": "13912340001", "consent": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("account_verify_phone")
    user = User.objects.get(phone="+8613912340001")
    assert not user.phone_verified and user.privacy_consented_at and user.display_name == "岭上居民"
    code = re.search(r"\d{6}", sms_outbox[-1][1]).group()
    response = client.post(reverse("account_verify_phone"), {"code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert SocialAccount.objects.get(user=user).uid == "openid-1"
    assert client.get(reverse("accounts:me")).status_code == 200

    # Next time the same WeChat logs straight in.
    client.logout()
    response = round_trip(client)
    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 200
    assert User.objects.count() == 1


def test_inside_wechat_the_official_account_authorises(client, wechat):
    url = start(client, HTTP_USER_AGENT=WECHAT_UA)
    assert url.startswith(f"{wechat.url}/connect/oauth2/authorize?") and url.endswith("#wechat_redirect")
    query = parse_qs(urlsplit(url).query)
    assert query["appid"] == ["wx-mp-test"] and query["scope"] == ["snsapi_userinfo"]


def test_unionid_is_the_account_when_wechat_gives_one(client, wechat):
    wechat.unionid = "union-1"
    response = round_trip(client)
    assert response["Location"] == reverse("socialaccount_signup")
    client.post(reverse("socialaccount_signup"), {"phone": "13912340002", "consent": "on"})
    assert SocialAccount.objects.get().uid == "union-1"


def test_denied_authorisation_creates_nothing(client, wechat):
    wechat.deny = True
    response = round_trip(client)
    assert response.status_code == 302 and response["Location"] == reverse("socialaccount_login_cancelled")
    assert "已取消微信登录" in client.get(response["Location"]).text
    assert not User.objects.exists() and "_auth_user_id" not in client.session


def test_forged_state_is_refused(client, wechat):
    callback = authorise(start(client))
    forged = re.sub(r"state=[^&]+", "state=forged-by-someone", callback)
    response = client.get(forged)
    assert response.status_code == 401 and "微信登录没有成功" in response.text
    assert not User.objects.exists() and not SocialAccount.objects.exists()
    assert "/sns/oauth2/access_token" not in wechat.hits  # refused before the code was spent


def test_a_callback_from_another_browser_session_is_refused(client, wechat):
    from django.test import Client

    callback = authorise(start(client))
    response = Client().get(callback)  # the attacker's browser has no such state
    assert response.status_code == 401 and "微信登录没有成功" in response.text
    assert not SocialAccount.objects.exists()


def test_reused_code_is_refused(client, wechat):
    user = user_create(phone="+8613912340003")
    SocialAccount.objects.create(user=user, provider="weixin", uid="openid-1")
    first = authorise(start(client))
    assert client.get(first).status_code == 302  # logged in
    client.logout()
    # A second attempt carrying the code already spent (e.g. a replayed or leaked callback URL).
    second = authorise(start(client))
    spent_code = parse_qs(urlsplit(first).query)["code"][0]
    replay = re.sub(r"code=[^&]+", f"code={spent_code}", second)
    response = client.get(replay)
    assert response.status_code == 401 and "微信登录没有成功" in response.text
    assert "_auth_user_id" not in client.session


def test_unknown_openid_cannot_sign_up_without_a_phone(client, wechat):
    round_trip(client)
    response = client.post(reverse("socialaccount_signup"), {"phone": "", "consent": "on"})
    assert response.status_code == 200 and "请填写手机号" in response.text
    response = client.post(reverse("socialaccount_signup"), {"phone": "12345", "consent": "on"})
    assert response.status_code == 200
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_wechat_account_without_a_verified_phone_cannot_register(wechat):
    user = user_create(phone="+8613912340004", verified=False)
    SocialAccount.objects.create(user=user, provider="weixin", uid="openid-9")
    with pytest.raises(ValidationError) as refused:
        registration_create(occurrence=occurrence_create(), user=user)
    assert refused.value.code == "phone_unverified"
    user.phone_verified = True
    user.save()
    assert registration_create(occurrence=occurrence_create(), user=user).status == "confirmed"


def test_phone_account_links_wechat_from_me(client, wechat):
    user = user_create(phone="+8613912340005")
    client.force_login(user)
    me = client.get(reverse("accounts:me")).text
    assert "绑定微信" in me
    response = client.get(authorise(start(client, process="connect")))
    assert response.status_code == 302
    assert SocialAccount.objects.get(uid="openid-1").user == user
    assert "已绑定微信" in client.get(reverse("accounts:me")).text
    # The same WeChat cannot then be linked to another account.
    other = user_create(phone="+8613912340006")
    client.force_login(other)
    client.get(authorise(start(client, process="connect")), follow=True)
    assert SocialAccount.objects.get(uid="openid-1").user == user


def test_invisible_and_closed_without_credentials(client, settings):
    settings.WECHAT_APP_ID = settings.WECHAT_APP_SECRET = ""
    settings.WECHAT_OPEN_APP_ID = settings.WECHAT_OPEN_APP_SECRET = ""
    assert "微信" not in client.get(reverse("account_login")).text
    assert client.post(reverse("weixin_login")).status_code == 404
    assert client.get(reverse("weixin_callback") + "?code=x&state=y").status_code == 404
    client.force_login(user_create())
    assert "微信" not in client.get(reverse("accounts:me")).text


def test_desktop_only_credentials_hide_the_button_inside_wechat(client, settings, wechat):
    settings.WECHAT_APP_ID = settings.WECHAT_APP_SECRET = ""
    assert "微信扫码登录" in client.get(reverse("account_login")).text
    assert "微信" not in client.get(reverse("account_login"), HTTP_USER_AGENT=WECHAT_UA).text
    assert client.post(reverse("weixin_login"), HTTP_USER_AGENT=WECHAT_UA).status_code == 404
