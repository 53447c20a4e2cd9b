"""Whole-page cache for anonymous visitors, and gzip for their pages.

A hit costs one cache round trip (`get_many` of the site's generation and the entry) and runs none of the
session, CSRF, auth or view machinery: the middleware sits just after WhiteNoise and before sessions.

Who is served from the cache: GET/HEAD without a session or messages cookie (no session cookie means
nobody is logged in, so nothing personal can be on the page). The key is scheme, host, path, the raw
query string, the valid 长辈模式 and 字号 values (junk cookie values fall back to the defaults, as the
pages do) and whether the client takes gzip.

What is stored: a 200, non-streaming response that sets no cookie (a CSRF token in the page sets the
csrftoken cookie, so forms are never stored), never used the CSP nonce (it must not be shared between
two visitors), is not `private`/`no-store`/`no-cache`, and whose query string is short, made of known
parameter names, and was served as asked (a clamped `?page=999999` is not stored: see `pagecache_skip`).

Invalidation: every entry carries the site's *generation*, a random token replaced whenever any model
of the project's apps (`apps.*`) is saved or deleted: once the transaction commits (at the write when there
is none). The generation is read before a page is rendered, so a page rendered from data read before the
commit is stored under the old generation and never served after the commit's replacement; a rolled-back
write replaces nothing. Code that writes without signals (`QuerySet.update`, `bulk_create`) calls
`pagecache_invalidate()`. Entries also expire after `PAGE_CACHE_SECONDS`, which is how a scheduled article
appears at its time.

Fragments (`generation_cached`, and the `{% fragment %}` tag in core_tags): a part of a page that every
visitor sees alike (the home page's sections, the class menu's list), or what a page read to build it (a
session with its course and seats, a list's total, one person's registration for the booking box), is stored
under the same generation, so the same writes make it stale, and for at most `FRAGMENT_CACHE_SECONDS`. They
serve logged-in people and uncached pages too, so `PAGE_CACHE_SECONDS=0` does not turn them off;
`FRAGMENT_CACHE_SECONDS=0` does.
"""

import hashlib
import logging
import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware

from .context_processors import ELDER_COOKIE, text_size

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
QUERY_MAX_LENGTH = 200
QUERY_MAX_PARAMS = 6
# Responses varying on anything else are not stored (the key covers these three).
VARY_KNOWN = {"cookie", "accept-encoding", "accept-language"}
SKIP_ATTRIBUTE = "_pagecache_skip"
FRAGMENT_PREFIX = "pagecache:fragment:"


def pagecache_invalidate() -> None:
    """Make every stored page stale: the next request of each page renders it afresh."""
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:  # a cache outage must not break a write; entries still expire by TTL
        logger.exception("page cache: could not replace the generation")


def pagecache_skip(request) -> None:
    """Tell the page cache not to store this response (e.g. it answers a query it did not literally ask)."""
    setattr(request, SKIP_ATTRIBUTE, True)


def generation_start() -> str | None:
    """The first page since the cache was emptied: start a generation (or take the one just started)."""
    try:
        fresh = secrets.token_hex(8)
        return fresh if cache.add(GENERATION_KEY, fresh, timeout=None) else cache.get(GENERATION_KEY)
    except Exception:
        logger.exception("page cache: could not start a generation")
        return None


def generation_cached[T](name: str, vary: tuple, render: Callable[[], T]) -> T:
    """The fragment (or value) `name` for these `vary` values: from the cache if stored under the current
    generation, else `render()`, stored (nothing is stored when it raises). One cache round trip on a hit; a
    cache outage only costs the rendering. Values are pickled: model instances come back as copies."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return render()
    raw = "|".join([name, *(str(v) for v in vary)])
    key = FRAGMENT_PREFIX + hashlib.sha256(raw.encode("utf-8", "backslashreplace")).hexdigest()
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception:
        logger.exception("page cache: fragment lookup failed, rendering it")
        return render()
    generation, entry = found.get(GENERATION_KEY), found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    html = render()
    if generation is None:
        generation = generation_start()
    if generation is not None:
        try:
            cache.set(key, (generation, html), timeout=settings.FRAGMENT_CACHE_SECONDS)
        except Exception:
            logger.exception("page cache: could not store a fragment")
    return html


# Writes that no public page shows: the audit trail (a row per login, export…) and a login's last_login.
NEVER_PUBLIC_MODELS = frozenset({"core.AuditEvent"})
NEVER_PUBLIC_FIELDS = frozenset({"last_login"})


def at_commit(callback: Callable[[], None], using: str) -> None:
    """`callback` once the transaction on `using` commits (never if it rolls back). A name of its own so that
    tests, whose transaction never commits, can run it at the write (tests/conftest.py)."""
    transaction.on_commit(callback, using=using)


def model_changed(sender, using="default", update_fields=None, **kwargs) -> None:
    """post_save / post_delete / m2m_changed of a project model: invalidate when it commits (now without a
    transaction). One cache write per transaction's change, outside any row lock the transaction holds."""
    if not sender.__module__.startswith("apps."):  # the project's apps; not Django's, allauth's or migrations'
        return
    if sender._meta.label in NEVER_PUBLIC_MODELS or (update_fields and set(update_fields) <= NEVER_PUBLIC_FIELDS):
        return
    if transaction.get_connection(using).in_atomic_block:
        at_commit(pagecache_invalidate, using)
    else:
        pagecache_invalidate()


def _query_acceptable(query: str) -> bool:
    if not query:
        return True
    if len(query) > QUERY_MAX_LENGTH or query.count("&") >= QUERY_MAX_PARAMS:
        return False
    names = [part.partition("=")[0] for part in query.split("&")]
    allowed = settings.PAGE_CACHE_QUERY_PARAMS
    return len(set(names)) == len(names) and all(name in allowed for name in names)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.private_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:
            logger.exception("page cache: lookup failed, rendering the page")
            return self.get_response(request)
        generation, entry = found.get(GENERATION_KEY), found.get(key)
        if generation is None:
            generation = self.generation_start()
        elif entry is not None and entry[0] == generation:
            return self.hit(request, entry)
        response = self.get_response(request)
        if self.storable(request, response):
            self.store(key, generation, response)
        return response

    def key(self, request) -> str | None:
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return None
        if any(request.COOKIES.get(name) for name in self.private_cookies) or "HTTP_AUTHORIZATION" in request.META:
            return None
        query = request.META.get("QUERY_STRING", "")
        if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)) or not _query_acceptable(query):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        gzip = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        elder = request.COOKIES.get(ELDER_COOKIE) == "1"
        raw = f"{request.scheme}|{host}|{request.path}|{query}|{elder}|{text_size(request)}|{gzip}"
        return "pagecache:page:" + hashlib.sha256(raw.encode("utf-8", "backslashreplace")).hexdigest()

    def hit(self, request, entry) -> HttpResponse:
        _, status, headers, body = entry
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Cache"] = "HIT"
        return response

    def storable(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, SKIP_ATTRIBUTE, False) or getattr(request, "_csp_nonce", None):
            return False  # a LazyNonce is truthy only once a template (or code) has used it
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= VARY_KNOWN

    def generation_start(self) -> str | None:
        return generation_start()

    def store(self, key: str, generation, response) -> None:
        if generation is None:
            return
        try:
            entry = (generation, response.status_code, list(response.items()), response.content)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("page cache: could not store the page")
            return
        response.headers["X-Cache"] = "MISS"


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip for responses to visitors without a session (what the page cache stores, already compressed).

    BREACH needs a secret and attacker-chosen text in one compressed response. Pages for a logged-in
    session (MFA set-up, recovery codes, the private calendar link, /me/) are left uncompressed; pages
    without a session hold no secret but the CSRF token, which Django masks afresh in every response, and
    Django's gzip adds random-length padding (Heal the Breach) to every compressed body.
    """

    def process_response(self, request, response):
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return response
        return super().process_response(request, response)
