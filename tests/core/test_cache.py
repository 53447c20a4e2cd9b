"""apps.core.cache.RedisCache: Django's Redis backend, one redis-py client per pool instead of one per call."""

import os
import secrets

import pytest

from apps.core.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-cache-{secrets.token_hex(4)}"})
    try:
        cache.get("probe")
    except Exception as error:  # any failure to reach Redis means: skip, with the reason
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({error.__class__.__name__}); set REDIS_URL")
    yield cache
    cache.delete_many(["page", "a", "b"])


def test_cache_redis_keeps_one_client_and_still_works(redis_cache):
    redis_cache.set("page", {"html": "<p>红岭</p>"}, 30)
    assert redis_cache.get("page") == {"html": "<p>红岭</p>"}
    redis_cache.set_many({"a": 1, "b": 2}, 30)
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert redis_cache.add("a", 3, 30) is False
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)  # one per pool
