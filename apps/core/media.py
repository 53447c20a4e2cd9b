"""Serving uploaded media from Django, for when no proxy or object storage answers `/media/` itself.

Every stored file has a random name and is never rewritten (a new upload gets a new name), so a browser
may keep it for a year without asking again: `Cache-Control: public, max-age=31536000, immutable`.
Files are read through the storage API, so the same URL keeps working when media move to object storage.
Anything that cannot be the name of one of our files (too long, `..`, NUL, a folder) is a plain 404.
"""

import mimetypes
import posixpath
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# Our names are like `images/2026/11/<32 hex>.jpg`; nothing we store comes near this.
MAX_NAME_LENGTH = 255


def media_url_prefixes() -> list[str]:
    """Where our stored files are found: `MEDIA_URL` (this site's /media/) and, when media live in
    object storage, the storage's own public address (e.g. `https://media.example.cn/`)."""
    probe = "probe.jpg"
    stored = default_storage.url(probe)
    prefixes = [settings.MEDIA_URL]
    if stored.endswith(probe) and stored[: -len(probe)] not in prefixes:
        prefixes.append(stored[: -len(probe)])
    return prefixes


def media_name_for_url(url: str, prefixes: list[str] | None = None) -> str | None:
    """The storage name that `url` points at if it is one of our media URLs, else None."""
    for prefix in prefixes or media_url_prefixes():
        if prefix.startswith("/"):  # this site's own path: no scheme, no host
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or parts.query or not parts.path.startswith(prefix):
                continue
            rest = parts.path[len(prefix) :]
        elif url.startswith(prefix) and "?" not in url and "#" not in url:
            rest = url[len(prefix) :]
        else:
            continue
        try:
            return media_name(unquote(rest))
        except Http404:
            return None
    return None


def media_name(path: str) -> str:
    """The storage name asked for by a `/media/<path>` URL, or Http404 if it cannot be one of ours."""
    if not path or len(path) > MAX_NAME_LENGTH or "\x00" in path or "\\" in path:
        raise Http404
    parts = path.split("/")
    if any(part in {"", ".", ".."} for part in parts):
        raise Http404
    return posixpath.join(*parts)


@transaction.non_atomic_requests  # no database work: do not open a transaction for every picture
@require_safe
def media_file(request, path: str):
    """One stored file, with validators (ETag, Last-Modified) and a year of caching."""
    name = media_name(path)
    try:
        if not default_storage.exists(name):
            raise Http404
        size = default_storage.size(name)
        modified = int(default_storage.get_modified_time(name).timestamp())
        etag = f'"{size:x}-{modified:x}"'
        response = get_conditional_response(request, etag=etag, last_modified=modified)
        if response is None:
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
            response["Content-Length"] = str(size)
    except (OSError, ValueError, SuspiciousFileOperation):  # a folder, a name the OS refuses
        raise Http404 from None
    if response.status_code in {200, 304}:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = settings.MEDIA_CACHE_CONTROL
    return response


def storage_walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in a Django storage (the filesystem today, S3-compatible storage later), sorted."""
    # No exists() check: object storage has no folders (exists() is False for a prefix) and lists a
    # missing one as empty; the disk raises for a missing folder.
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing stored there yet
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from storage_walk(storage, f"{folder}/{sub}" if folder else sub)
