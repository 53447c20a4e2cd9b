"""Hostile input is a 4xx, never a 5xx: the issue's crashing URLs one by one, then every URL pattern of the
URLconf walked with a fixed corpus of hostile values in each path converter, each query parameter and each
form field its view reads (found by asking the view once and recording what it read)."""

import re
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from apps.hubs.models import Report
from tests.factories import user_create

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "\x00",
    "bad_utf8": b"\xff\xfe".decode("latin-1"),  # sent as the raw bytes %FF%FE
    "ten_kb": "a" * 10_240,
    "huge_int": "9" * 40,
    "negative": "-1",
    "dot_dot": "../../../etc/passwd",
    "sql": "' OR '1'='1' --",
    "template": "{{ 7|add:7 }}{% debug %}",
    "empty": "",
    "url_name": "0",
}
# Read by Django's admin changelists through request.GET.items(), which the recorder below does not see.
ADMIN_PARAMS = ["q", "o", "p", "e", "all", "_changelist_filters", "_popup", "_to_field"]
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def encode(value: str) -> str:
    if value == HOSTILE["bad_utf8"]:
        return "%FF%FE"
    return quote(value, safe="")


def url_patterns(patterns=None, prefix=""):
    """Every route of the URLconf as its text, e.g. 'news/<int:pk>/' (regex routes without groups, too)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + route)
        elif "(?P<" not in route and "\\" not in route:
            yield prefix + route


def with_hostile(route: str, value: str) -> str:
    return "/" + CONVERTER.sub(encode(value), route)


@contextmanager
def reads_recorded():
    """The names a view reads from request.GET / request.POST while inside."""
    read: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")}

    def recorder(name):
        def method(self, key, *args, **kwargs):
            read.add(key)
            return originals[name](self, key, *args, **kwargs)

        return method

    for name in originals:
        setattr(QueryDict, name, recorder(name))
    try:
        yield read
    finally:
        for name, method in originals.items():
            setattr(QueryDict, name, method)


SENT = []


def server_errors(client, method: str, url: str, data=None) -> list[str]:
    SENT.append(url)
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    return [f"{method.upper()} {url[:120]} → {response.status_code}"] if response.status_code >= 500 else []


@pytest.fixture
def clients():
    anonymous = Client(raise_request_exception=False)
    resident = Client(raise_request_exception=False)
    resident.force_login(user_create(display_name="测试居民"))
    superuser = Client(raise_request_exception=False)
    superuser.force_login(user_create(email="root@example.com", is_staff=True, is_superuser=True))
    return {"anonymous": anonymous, "resident": resident, "superuser": superuser}


def test_the_crashes_found_by_fuzzing_are_4xx(client):
    crashing = [
        "/mode/elder/?next=0",
        "/news/?tag=%00",
        "/pioneers/?hub=%00",
        "/reports/%00/",
        "/me/calendar/%00.ics",
        "/culture/drift/%00/",
        "/media/" + "a" * 3000,
    ]
    answers = {url: Client(raise_request_exception=False).get(url).status_code for url in crashing}
    assert answers.pop("/mode/elder/?next=0") == 302
    assert all(400 <= status < 500 for status in answers.values()), answers


@pytest.mark.parametrize(
    ("target", "expected"),
    [("0", "/"), ("news:list", "/"), ("//evil.example/", "/"), ("https://evil.example/", "/"), ("/news/", "/news/")],
)
def test_next_accepts_only_same_site_paths(client, target, expected):
    response = client.get("/mode/elder/", {"next": target})
    assert response.status_code == 302 and response["Location"] == expected


def test_a_nul_byte_in_a_form_field_is_refused_and_nothing_is_saved(client):
    client.force_login(user_create())
    response = client.post(reverse("hubs:report_create"), {"title": "路灯\x00不亮", "body": "晚上很黑"})
    assert response.status_code == 400 and "请求无法识别" in response.text
    assert not Report.objects.exists()


def test_undecodable_bytes_in_the_query_are_refused(client):
    assert client.get("/news/?q=%FF%FE").status_code == 400
    assert client.get("/news/?q=%E7%A4%BE%E5%8C%BA").status_code == 200  # 社区, good UTF-8


def test_a_cookie_with_a_nul_byte_is_ignored(client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get(reverse("news:list")).status_code == 200


def test_every_url_pattern_with_hostile_values_answers_without_a_5xx(clients, public_urls):
    routes = sorted(set(url_patterns()))
    admin_prefix = "/" + reverse("admin:index").strip("/") + "/"
    errors: list[str] = []
    # 1. Each path converter with each hostile value, as a visitor, a resident and (the admin) a superuser.
    for route in routes:
        is_admin = ("/" + route).startswith(admin_prefix)
        who = ["superuser"] if is_admin else ["anonymous", "resident"]
        values = HOSTILE.values() if CONVERTER.search(route) else ["1"]
        for value in values:
            for name in who:
                errors += server_errors(clients[name], "get", with_hostile(route, value))
    # 2. Each query parameter and form field the view reads, one at a time, on real pages.
    pages = [url for url in public_urls if "?" not in url] + [
        "/" + route for route in routes if not CONVERTER.search(route) and not route.startswith(admin_prefix[1:])
    ]
    pages += [reverse(f"admin:{app}_{model}_changelist") for app, model in (("news", "article"), ("hubs", "report"))]
    for page in sorted(set(pages)):
        client = clients["superuser" if page.startswith(admin_prefix) else "resident"]
        with reads_recorded() as get_read:
            client.get(page)
        with reads_recorded() as post_read:
            client.post(page, {})
        get_names = get_read | {"next", "page"} | (set(ADMIN_PARAMS) if page.startswith(admin_prefix) else set())
        for name in sorted(get_names):
            for value in HOSTILE.values():
                errors += server_errors(client, "get", f"{page}?{quote(name)}={encode(value)}")
        for name in sorted(post_read - {"csrfmiddlewaretoken"}):
            for value in HOSTILE.values():
                if value != HOSTILE["bad_utf8"]:
                    errors += server_errors(client, "post", page, {name: value})
    print(f"fuzz: {len(SENT)} requests, {len(errors)} server errors")
    assert not errors, f"{len(errors)} server errors in {len(SENT)} requests:\n" + "\n".join(errors[:50])
