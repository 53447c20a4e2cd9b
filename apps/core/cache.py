"""The shared cache as an optimisation, never a dependency: Redis that fails open.

Every cache user (site settings, home sections, fragments, the page cache, allauth's rate limits) goes
through `django.core.cache.cache`; with `REDIS_URL` set that is `FailOpenRedisCache`, so each of them
survives an outage without a line of its own:

- a read that fails is a miss, a write that fails is dropped, and the page renders from the database;
- after a failure the cache is not asked again for `RETRY_SECONDS` (a hung Redis costs one timeout per
  process every few seconds, not one per call), and the outage is logged at most once a minute per process;
- a write or delete dropped during the outage is remembered and its key deleted once Redis answers again,
  so a value changed meanwhile (site settings, the page cache's generation) is not served stale afterwards;
- allauth's rate-limit histories (`allauth:rl:…`, and their locks) are counted in this process's memory
  while Redis is away: logins keep working and the limits still hold, per process, instead of refusing
  every login (no lock can be taken) or none.

One redis-py client per connection pool (`RedisCache` below):
Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache operation, and redis-py
8 fills a case-insensitive table of ~300 response callbacks in each constructor: ≈0.3 ms of CPU per cache
call, more than the round trip to Redis itself. A page served from the page cache, a fragment hit and the
site settings each pay it. A `redis.Redis` is safe to share between threads (it takes a connection from the
pool per command), so keeping one per pool changes nothing else.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisError, OSError)
RETRY_SECONDS = 5
LOG_EVERY_SECONDS = 60
# Keys counted in this process while Redis is away: allauth's rate-limit histories and their locks.
LOCAL_KEY_PREFIXES = ("allauth:rl:",)
# Keys remembered for deletion at recovery; beyond this many the whole cache is cleared instead.
STALE_KEYS_MAX = 10_000


class Outage:
    """One Redis location's state in this process (shared by the threads, whose cache objects differ)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.logged_at = float("-inf")
        self.stale: set[str] = set()
        self.stale_overflow = False

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, location: str, exc: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_SECONDS
            if now - self.logged_at < LOG_EVERY_SECONDS:
                return
            self.logged_at = now
        logger.warning("cache %s unreachable, serving without it: %s: %s", location, type(exc).__name__, exc)

    def remember(self, keys) -> None:
        with self.lock:
            self.stale.update(keys)
            if len(self.stale) > STALE_KEYS_MAX:
                self.stale.clear()
                self.stale_overflow = True

    def take_stale(self) -> tuple[set[str], bool]:
        with self.lock:
            stale, overflow = self.stale, self.stale_overflow
            self.stale, self.stale_overflow = set(), False
        return stale, overflow


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def _is_local(key) -> bool:
    return isinstance(key, str) and key.startswith(LOCAL_KEY_PREFIXES)


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        # One try per call: redis-py's own retries with back-off would multiply every timeout while the
        # cache is away; failing open (and asking again after RETRY_SECONDS) is the retry policy here.
        options = {"retry": Retry(NoBackoff(), 0), **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        name = server if isinstance(server, str) else ",".join(server)
        with _outages_lock:
            self.outage = _outages.setdefault(name, Outage())
        self.location = name.rsplit("@", 1)[-1]  # no password in the log
        self.local = LocMemCache(f"fail-open:{name}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    def _attempt(self, method: str, *args, fallback=None, key=None, written=()):
        """Redis's `method(*args)`; during an outage this process's memory for rate-limit keys, else
        `fallback`, remembering the `written` keys for deletion once Redis is back."""
        if not self.outage.is_down():
            try:
                self._forget_stale()
                return getattr(RedisCache, method)(self, *args)
            except OUTAGE_ERRORS as exc:
                self.outage.failed(self.location, exc)
        if _is_local(key):
            return getattr(self.local, method)(*args)
        if written:
            self.outage.remember(self.make_key(name) for name in written)
        return fallback

    def _forget_stale(self) -> None:
        if not self.outage.stale and not self.outage.stale_overflow:
            return
        stale, overflow = self.outage.take_stale()
        try:
            if overflow:
                RedisCache.clear(self)
            elif stale:
                self._cache.delete_many(list(stale))
        except OUTAGE_ERRORS:
            self.outage.remember(stale)  # still down: keep them for the next try
            raise
        logger.info(
            "cache %s is back: %s", self.location, "cleared" if overflow else f"{len(stale)} stale keys deleted"
        )

    def get(self, key, default=None, version=None):
        return self._attempt("get", key, default, version, fallback=default, key=key)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", keys, version, fallback={})

    def has_key(self, key, version=None):
        return self._attempt("has_key", key, version, fallback=False, key=key)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set", key, value, timeout, version, key=key, written=[key])

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("add", key, value, timeout, version, fallback=False, key=key, written=[key])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", key, timeout, version, fallback=False, key=key)

    def delete(self, key, version=None):
        return self._attempt("delete", key, version, fallback=False, key=key, written=[key])

    def incr(self, key, delta=1, version=None):
        result = self._attempt("incr", key, delta, version, key=key, written=[key])
        if result is None:
            raise ValueError(f"Key '{key}' not found")  # what a miss does to incr
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", data, timeout, version, fallback=list(data), written=list(data))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._attempt("delete_many", keys, version, written=keys)

    def clear(self):
        self.local.clear()
        return self._attempt("clear", fallback=False)
