"""Redis going away mid-run costs speed, never a page: a private redis-server is started, used, stopped.

Needs Debian's `redis-server` (.ci/run installs it); skipped with the reason when it is missing.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from apps.core.models import Registration, SiteSettings
from tests.factories import PASSWORD, occurrence_create, user_create
from tests.news.factories import article_create

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, without persistence, that can be stopped and started again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("Debian's redis-server is not installed (.ci/run installs it)")
    server = PrivateRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def redis_cache(settings, redis_server, monkeypatch):
    monkeypatch.setattr("apps.core.cache.RETRY_SECONDS", 0)  # ask Redis again at once, so recovery shows
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.cache.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield redis_server
    from apps.core.cache import _outages

    _outages.clear()


def visit_everything(client, article, occurrence, resident) -> list[tuple[str, int]]:
    client.logout()
    answers = []
    for path in ["/", reverse("news:list"), article.get_absolute_url(), reverse("account_login")]:
        answers.append((path, client.get(path).status_code))
    login = client.post(reverse("account_login"), {"login": "13912345678", "password": PASSWORD})
    answers.append(("login", login.status_code))
    register = client.post(reverse("core:occurrence_register", args=[occurrence.pk]))
    answers.append(("register", register.status_code))
    answers.append(("me", client.get("/me/").status_code))
    return answers


def test_pages_log_in_and_registration_keep_working_while_redis_is_down(client, redis_cache, caplog):
    resident = user_create(phone="+8613912345678")
    article, occurrence = article_create(), occurrence_create()
    SiteSettings.load()
    up = visit_everything(client, article, occurrence, resident)
    assert [status for _, status in up] == [200, 200, 200, 200, 302, 302, 200]

    redis_cache.stop()
    Registration.objects.all().delete()
    caplog.set_level(logging.WARNING, logger="apps.core.cache")
    down = visit_everything(client, article, occurrence, resident)
    assert down == up, "every page answers as it did with Redis up"
    assert Registration.objects.filter(user=resident).exists()
    outage_logs = [r for r in caplog.records if r.name == "apps.core.cache"]
    assert len(outage_logs) == 1, "the outage is logged once a minute per process, not once a call"


def test_a_value_changed_during_the_outage_is_not_served_stale_afterwards(redis_cache):
    settings_row = SiteSettings.load()
    assert cache.get(SiteSettings.CACHE_KEY) is not None
    redis_cache.stop()
    settings_row.phone = "0731-88888888"
    settings_row.save()  # the cache's delete is dropped: Redis is away
    assert SiteSettings.load().phone == "0731-88888888"
    redis_cache.start()  # back, with the old row still in it (as if it had only been unreachable)
    cache.set("unrelated", 1)  # first call after recovery
    assert SiteSettings.load().phone == "0731-88888888"


def test_login_throttle_still_counts_per_process_while_redis_is_down(client, redis_cache):
    user_create(phone="+8613912345678")
    redis_cache.stop()
    for _ in range(5):
        wrong = client.post(reverse("account_login"), {"login": "13912345678", "password": "wrong-password"})
        assert wrong.status_code == 200
    locked = client.post(reverse("account_login"), {"login": "13912345678", "password": PASSWORD})
    assert "登录失败次数过多" in locked.text, "the per-account limit still holds without Redis"
    user_create(phone="+8613912345679")
    allowed = client.post(reverse("account_login"), {"login": "13912345679", "password": PASSWORD})
    assert allowed.status_code == 302, "another account behind the same address logs in"
