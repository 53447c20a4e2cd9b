"""The account pages read as natural Chinese: no translated or English words, no ASCII colons after labels, no
ASCII full stops after Chinese, and the phone masked where a code was sent."""

import html as htmllib
import re

import pytest
from django.urls import reverse

from tests.factories import user_create

pytestmark = pytest.mark.django_db

BAD_WORDS = [
    "代码", "请求码", "发送登录代码给我", "请求新代码", "Email", "输入一个有效的", "这个字段是必填项", "你的密码",
]  # fmt: skip
ENGLISH = re.compile(r"\b(?!name\b|example\b|com\b)[A-Za-z]{3,}\b")
HAN = r"[\u4e00-\u9fff）》」”]"


def _main_text(response) -> str:
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    main = re.sub(r'\splaceholder="([^"]*)"', r" >\1<", main)  # placeholders are read too
    return htmllib.unescape(re.sub(r"<[^>]+>", "\n", main))


def _problems(text: str) -> list[str]:
    found = [word for word in BAD_WORDS if word in text]
    found += [m.group() for m in re.finditer(rf"{HAN}\s*[:.,;!?](?!\d)", text)]  # ASCII punctuation after Chinese
    found += [m.group() for m in re.finditer(rf"{HAN}\s*\n?\s*:", text)]  # a colon after a label
    found += ENGLISH.findall(text)
    return found


ANONYMOUS_PAGES = ["account_login", "account_signup", "account_request_login_code", "account_reset_password"]
SIGNED_IN_PAGES = ["account_change_phone", "account_change_password", "account_logout"]


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_entrance_pages_read_as_natural_chinese(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert _problems(_main_text(response)) == []


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_account_pages_for_a_signed_in_resident_read_as_natural_chinese(client, name):
    client.force_login(user_create(phone="+8613912345678"))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert _problems(_main_text(response)) == []


def test_errors_are_natural_chinese(client):
    response = client.post(reverse("account_signup"), {"phone": "", "email": "not-an-address", "password1": ""})
    text = _main_text(response)
    assert "请填写正确的电子邮箱地址" in text and "请填写手机号" in text
    assert _problems(text) == []


def test_verify_page_masks_the_phone_and_says_验证码(client, sms_outbox, django_capture_on_commit_callbacks):
    data = {"phone": "139 1234 5678", "password1": "a-long-test-password-42", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), data, follow=True)
    text = _main_text(response)
    assert "139****5678" in text and "13912345678" not in text and "+86" not in text
    assert "验证码" in text
    assert _problems(text) == []
    wrong = client.post(reverse("account_verify_phone"), {"code": "000000"})
    assert _problems(_main_text(wrong)) == []


def test_login_code_page_masks_the_phone(client, sms_outbox, django_capture_on_commit_callbacks):
    user_create(phone="+8613912345679")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"phone": "13912345679"}, follow=True)
    text = _main_text(response)
    assert "139****5679" in text and "13912345679" not in text
    assert _problems(text) == []


def test_the_scan_would_see_the_old_words():
    """Control: the scan finds what allauth's translation said before."""
    assert _problems("手机号:\n请登录.\n发送登录代码给我\n输入一个有效的 Email 地址") != []
    assert _problems("手机号\n:") != []
