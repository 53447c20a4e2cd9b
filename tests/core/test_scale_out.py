"""Past one machine: two gunicorn nodes share PostgreSQL and Redis.

People register from both nodes at once for a session with few seats (exactly that many are confirmed),
and what changes through one node, or through a service anywhere, is what the other node's page cache shows
on the next request. Production settings (DEBUG off), real forms, real HTTP on 127.0.0.1.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.utils.crypto import get_random_string

from apps.core.models import Registration, SiteSettings
from tests.classes.factories import session_create
from tests.factories import user_create
from tests.news.factories import article_create

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
PEOPLE, SEATS = 40, 5
HOST = "127.0.0.1"  # what a load balancer passes to every node (the page cache's key includes the host)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("contention"),  # under pytest-xdist: one worker, never beside each other
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two web nodes need a shared PostgreSQL; run with DATABASE_URL=postgres://…",
    ),
]


def _redis_or_skip() -> RedisCache:
    redis = RedisCache(REDIS_URL, {})
    try:
        redis.get("pagecache:generation")
    except Exception as error:
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({error.__class__.__name__}); set REDIS_URL")
    return redis


def _free_port() -> int:
    for port in range(8100, 8200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8100-8199")


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def nodes():
    """Two gunicorn nodes with production settings on the test database and the shared Redis."""
    _redis_or_skip()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.core.scale_out_settings",
        "SECRET_KEY": settings.SECRET_KEY,  # the login sessions this test writes are signed with it
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DEBUG", None)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes, bases = [], []
    try:  # a node that does not come up must not outlive the test (it would hold the test database and the port)
        for _ in range(2):
            port = _free_port()
            command = [gunicorn, "hongling.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--threads", "8"]
            command += ["-t", "60", "--graceful-timeout", "1"]
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL))
            bases.append(f"http://127.0.0.1:{port}")
            _wait_up(bases[-1])
        yield bases
    finally:
        for process in processes:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_up(base: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if _get(base, "/healthz").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _open(request):
    try:
        return urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as answer:  # 3xx without redirect, 4xx
        return answer


def _get(base: str, path: str):
    response = _open(urllib.request.Request(base + path, headers={"Host": HOST}))  # noqa: S310 - loopback only
    response.text = response.read().decode()
    return response


def _logged_in_cookie(user) -> tuple[str, str]:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key, get_random_string(32)


def test_scale_out_two_nodes_never_overbook_and_share_one_page_cache(nodes, settings):
    node_a, node_b = nodes
    redis = _redis_or_skip()
    redis.set("pagecache:generation", get_random_string(16), timeout=None)  # forget earlier runs' pages
    redis.delete(SiteSettings.CACHE_KEY)
    SiteSettings.load()  # the settings a running site has in its cache
    session = session_create(capacity=SEATS, members_only=False)
    page = f"/classes/sessions/{session.pk}/"
    assert _get(node_b, page).headers["X-Cache"] == "MISS"
    cached = _get(node_b, page)
    assert cached.headers["X-Cache"] == "HIT" and f"余 {SEATS} 席" in cached.text
    assert _get(node_a, page).headers["X-Cache"] == "HIT"  # one cache for every node

    people = [_logged_in_cookie(user_create()) for _ in range(PEOPLE)]
    statuses, barrier = [], threading.Barrier(PEOPLE)

    def register(i: int, session_key: str, csrf: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - loopback only
            f"{(node_a, node_b)[i % 2]}/occurrences/{session.pk}/register/",
            data=f"csrfmiddlewaretoken={csrf}".encode(),
            headers={"Cookie": f"sessionid={session_key}; csrftoken={csrf}", "Host": HOST},
            method="POST",
        )
        barrier.wait()
        statuses.append(_open(request).status)

    threads = [threading.Thread(target=register, args=(i, *person)) for i, person in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [302] * PEOPLE
    rows = Registration.objects.filter(occurrence=session)
    assert rows.count() == PEOPLE
    assert rows.filter(status=Registration.Status.CONFIRMED).count() == SEATS
    assert rows.filter(status=Registration.Status.WAITLISTED).count() == PEOPLE - SEATS
    after = _get(node_b, page)  # the bookings went through both nodes; node B's cached page is stale no more
    assert after.headers["X-Cache"] == "MISS" and "已满" in after.text

    # A write anywhere (here a service in this process, configured like a node) reaches every node's cache.
    article = article_create(title="两台服务器的旧标题")
    assert "旧标题" in _get(node_a, article.get_absolute_url()).text
    assert _get(node_b, article.get_absolute_url()).headers["X-Cache"] == "HIT"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    article.title = "两台服务器的新标题"
    article.save()
    assert "新标题" in _get(node_b, article.get_absolute_url()).text
    assert "新标题" in _get(node_a, article.get_absolute_url()).text
