"""What the portal accepts from a request before any view or query sees it.

`BadInputMiddleware` is the one place that refuses a NUL byte or text that is not UTF-8 in the path, the
query string and form fields, with the 400 page (templates/400.html): PostgreSQL refuses NUL in text (a
`DataError`, so a 500, wherever such a value reached a query), and undecodable bytes would be read as U+FFFD
and looked up as something nobody typed. Cookies carrying them are dropped instead (the visitor cannot edit
a cookie; without it they are simply not logged in). It sits before the page cache, so nothing hostile is
even looked up there.

A path segment that is a number too big for a database id (over 2⁶³ − 1) is a 404 here: Django's own
lookups see the overflow for an id column, but not through a one-to-one key such as `classes.Session`'s link
to `core.Occurrence` (SQLite raises OverflowError, PostgreSQL an out-of-range error).

`same_site_path()` reads a `next=` target: only a path on this site, never a URL name or another host.
"""

from django.core.exceptions import BadRequest
from django.http import Http404
from django.urls import reverse

# What undecodable bytes become once Django decodes a query string or a form (errors="replace").
REPLACEMENT = "\ufffd"
ID_MAX = 2**63 - 1


def text_is_bad(value: str) -> bool:
    return "\x00" in value or REPLACEMENT in value


def raw_path_is_bad(request) -> bool:
    # PATH_INFO is the raw bytes as latin-1 (PEP 3333); Django re-escapes invalid UTF-8 as %XX, so look here.
    raw = request.META.get("PATH_INFO", "")
    try:
        raw.encode("latin-1").decode("utf-8")
    except UnicodeEncodeError:
        return "\x00" in raw
    except UnicodeDecodeError:
        return True
    return "\x00" in raw


def path_has_impossible_id(path: str) -> bool:
    return any(part.isdigit() and len(part) >= 19 and int(part) > ID_MAX for part in path.split("/"))


def form_is_bad(data) -> bool:
    return any(text_is_bad(name) or any(text_is_bad(value) for value in values) for name, values in data.lists())


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        query_may_be_bad = "%" in query or "\x00" in query or not query.isascii()  # else nothing to decode
        if raw_path_is_bad(request) or (query_may_be_bad and form_is_bad(request.GET)):
            raise BadRequest("NUL byte or undecodable text in the path or query string")
        if path_has_impossible_id(request.path_info):
            raise Http404("no id is that large")
        if request.method == "POST" and form_is_bad(request.POST):
            raise BadRequest("NUL byte or undecodable text in a form field")
        for name, value in list(request.COOKIES.items()):
            if text_is_bad(name) or text_is_bad(value):
                del request.COOKIES[name]
        return self.get_response(request)


def same_site_path(target: str | None, *, default: str | None = None) -> str:
    """`target` if it is a path on this site ('/news/?page=2'), else `default` (the home page)."""
    target = target or ""
    is_path = target.startswith("/") and not target.startswith(("//", "/\\"))
    if is_path and not any(ch in target for ch in "\x00\r\n\\") and not text_is_bad(target):
        return target
    return default or reverse("core:home")
