"""Logs without personal data, as plain lines or JSON lines (`LOG_FORMAT=json`), each with its request ID.

- `personal_data_scrub(text)`: phones (mobile and landline), ID-card and bank-card numbers masked with
  apps.core.privacy, e-mail addresses as r****@example.com. `PersonalDataFilter` applies it to every record's
  message and traceback on our handlers, so no logger, ours or a library's, can write a full number or address.
  Names and residents' texts are never logged by our code (the request log writes the path, not the query
  string or the body).
- `RequestIdMiddleware` gives every request an ID (the proxy's `X-Request-ID` when it is a sane one), returns it
  as `X-Request-ID`, adds it to every log line of the request and to the error report, and the 500 page shows
  it to the resident (请把这个编号告诉工作人员), so staff can find the report and the log lines.
- `RequestLogMiddleware` is the access log (gunicorn's is off): method, path, status, milliseconds; health
  probes are not logged.
"""

import contextvars
import json
import logging
import re
import secrets
import time
from datetime import UTC, datetime

from django.conf import settings

from apps.core.messaging import mask_email
from apps.core.privacy import personal_numbers_mask

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_SANE_ID = re.compile(r"[A-Za-z0-9\-]{8,64}")
_plain = logging.Formatter()


def personal_data_scrub(text: str) -> str:
    if not text:
        return text
    return _EMAIL.sub(lambda m: mask_email(m.group()), personal_numbers_mask(text))


class PersonalDataFilter(logging.Filter):
    """On a handler: the record's message (arguments merged) and traceback, scrubbed; adds `request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        if not getattr(record, "_scrubbed", False):
            record.msg, record.args = personal_data_scrub(record.getMessage()), None
            if record.exc_info and not record.exc_text:
                record.exc_text = _plain.formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = personal_data_scrub(record.exc_text)
            record._scrubbed = True
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request_id, and the request log's fields."""

    FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry |= {name: getattr(record, name) for name in self.FIELDS if hasattr(record, name)}
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def request_id_new(proposed: str = "") -> str:
    return proposed if _SANE_ID.fullmatch(proposed or "") else secrets.token_hex(6).upper()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_new(request.headers.get("X-Request-ID", ""))
        token = request_id_var.set(request.request_id)
        try:
            if settings.SENTRY_ENABLED:
                import sentry_sdk

                sentry_sdk.set_tag("request_id", request.request_id)
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            request_id_var.reset(token)


request_logger = logging.getLogger("hongling.requests")


class RequestLogMiddleware:
    """The access log, one line a request (the path only: a query string may hold what a resident typed)."""

    QUIET_PATHS = ("/healthz",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if not request.path.startswith(self.QUIET_PATHS):
            duration_ms = round(1000 * (time.perf_counter() - started), 1)
            fields = {"method": request.method, "path": request.path, "status": response.status_code}
            request_logger.info(
                "%s %s %s %.1f ms", *fields.values(), duration_ms, extra=fields | {"duration_ms": duration_ms}
            )
        return response
