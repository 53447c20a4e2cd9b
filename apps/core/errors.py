"""Error pages that need nothing to render: the 500, the 503 when the database is away, and the 400.

Django calls `server_error` (handler500) inside the `except` block of whatever failed, views and middleware
alike, so it can tell a database that cannot be reached from a bug. Neither page touches the database: they
render with a plain context (no context processors, no site settings query); the office phone comes from
the last site settings this process loaded, else the `SITE_PHONE` setting.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template import loader

from .models import SiteSettings

# Connection refused, server restarting, connection dropped, a statement timeout: all pass by themselves.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


class HttpResponseServiceUnavailable(HttpResponseServerError):
    status_code = 503


def office_phone() -> str:
    last = SiteSettings.last_loaded
    return (last.phone if last is not None else "") or settings.SITE_PHONE


def server_error(request):
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        page = loader.get_template("503.html").render({"phone": office_phone()})
        response = HttpResponseServiceUnavailable(page)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    context = {"phone": office_phone(), "request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def bad_request(request, exception):
    return HttpResponseBadRequest(loader.get_template("400.html").render())
