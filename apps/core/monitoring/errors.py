"""Error reports through sentry-sdk when `SENTRY_DSN` is set (Sentry, self-hosted Sentry or GlitchTip).

Nothing personal leaves the server: no default PII (no user, IP or cookies), no request bodies, no local
variables; `event_scrub` then drops cookies, request bodies, query strings and every header but a few,
keeps only the user's id, redacts values under keys that name personal data (phone, email, name, title,
text, address…), and masks phones, ID and card numbers and e-mail addresses in every remaining string
(messages, exception values, breadcrumbs, URLs). Each event carries the request ID the resident saw.
"""

import os

SENSITIVE_KEYS = {
    "phone", "email", "mail", "name", "real_name", "display_name", "title", "text", "body", "description",
    "content", "message_text", "public_message", "address", "password", "secret", "token", "code", "cookie",
    "cookies", "sessionid", "csrftoken", "authorization", "data",
}  # fmt: skip
KEPT_HEADERS = {"host", "user-agent", "content-type", "content-length", "accept", "accept-language", "x-request-id"}
FILTERED = "[Filtered]"
# The SDK's own bookkeeping (its name, the runtime's, module versions, tags we set): not redacted by key.
PROTECTED = (
    "event_id",
    "timestamp",
    "platform",
    "level",
    "tags",
    "release",
    "environment",
    "sdk",
    "contexts",
    "modules",
)


def _scrub(value, key: str = ""):
    if key.lower() in SENSITIVE_KEYS and value not in (None, "", [], {}):
        return FILTERED
    if isinstance(value, str):
        from .logs import personal_data_scrub  # not at import: settings.py imports this module

        return personal_data_scrub(value)
    if isinstance(value, dict):
        return {k: _scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def event_scrub(event: dict, hint=None) -> dict:
    request = event.get("request")
    if isinstance(request, dict):
        for part in ("cookies", "data", "query_string", "env"):
            request.pop(part, None)
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    if isinstance(event.get("user"), dict):
        event["user"] = {"id": event["user"]["id"]} if "id" in event["user"] else {}
    # The message, exceptions, breadcrumbs and the rest: keys that name personal data redacted, strings masked.
    protected = {k: event.pop(k) for k in PROTECTED if k in event}
    event = _scrub(event)
    event.update(protected)
    return event


def breadcrumb_scrub(crumb: dict, hint=None) -> dict:
    return _scrub(crumb)


def sentry_init(environ=os.environ) -> bool:
    """Start error reporting if SENTRY_DSN is set; return whether it is on."""
    dsn = environ.get("SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environ.get("SENTRY_ENVIRONMENT", "production"),
        release=environ.get("SENTRY_RELEASE") or None,
        # No user identity, no request bodies, no SQL parameters, no local variables (event_scrub is the backstop).
        data_collection={
            "user_info": False,
            "http_bodies": [],
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=event_scrub,
        before_send_transaction=event_scrub,
        before_breadcrumb=breadcrumb_scrub,
    )
    return True
