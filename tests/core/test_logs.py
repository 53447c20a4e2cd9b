"""Logs carry a request ID and no personal data, whichever logger writes them, as text or JSON lines."""

import io
import json
import logging

import pytest
from django.test import Client

from apps.core.monitoring.logs import JsonFormatter, PersonalDataFilter, personal_data_scrub
from tests.core.urls_failing import EMAIL, ID_CARD, PHONE

pytestmark = pytest.mark.django_db
PERSONAL = [PHONE, "139 1234 5678", "+86 139-1234-5678", "0731-84567890", EMAIL, ID_CARD, "6222021234567890123"]


@pytest.fixture
def console():
    """What the settings' console handler writes (its filter and formatter as configured)."""
    (handler,) = [h for h in logging.getLogger().handlers if any(isinstance(f, PersonalDataFilter) for f in h.filters)]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield handler, stream
    handler.setStream(previous)


def project_loggers() -> list[str]:
    """Every logger our code or Django writes to, as created once the project has loaded."""
    names = {n for n in logging.root.manager.loggerDict if n.startswith(("apps", "hongling", "django", "allauth"))}
    return sorted(names | {"apps.core.messaging", "django.request", "django.security.csrf", "hongling.requests"})


def test_personal_numbers_and_addresses_are_masked_by_the_scrubber():
    text = personal_data_scrub("tel " + " / ".join(PERSONAL))
    assert all(value not in text for value in PERSONAL)
    assert "139****5678" in text and "w****@example.com" in text and "4301**********1234" in text


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_every_logger_writes_personal_data_masked(console, fmt):
    handler, stream = console
    previous = handler.formatter
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    try:
        for name in project_loggers():
            logger = logging.getLogger(name)
            logger.warning("resident %s wrote from %s", PHONE, EMAIL, extra={})
            try:
                raise ValueError(" ".join(PERSONAL))
            except ValueError:
                logger.exception("failed for %s", ID_CARD)
    finally:
        handler.setFormatter(previous)
    output = stream.getvalue()
    assert output.count("139****5678") >= 2 * len(project_loggers())
    for value in PERSONAL:
        assert value not in output, value
    if fmt == "json":
        entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        assert len(entries) == 2 * len(project_loggers())
        assert {"time", "level", "logger", "message", "request_id"} <= entries[0].keys()


def test_every_response_carries_a_request_id_and_a_sane_one_from_the_proxy_is_kept(client):
    first, second = client.get("/robots.txt"), client.get("/robots.txt")
    assert len(first["X-Request-ID"]) == 12 and first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")["X-Request-ID"] == "lb-7f3a9c2e-0001"
    hostile = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>13912345678</script>")["X-Request-ID"]
    assert "script" not in hostile


@pytest.mark.urls("tests.core.urls_failing")
def test_the_500_page_shows_the_request_id_found_in_the_masked_log_line(console):
    _, stream = console
    response = Client(raise_request_exception=False).get("/__fail__/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert "请把这个编号告诉工作人员" in response.text and request_id in response.text
    assert PHONE not in response.text
    output = stream.getvalue()
    (error_line,) = [line for line in output.splitlines() if "Internal Server Error: /__fail__/" in line]
    assert f"[{request_id}]" in error_line
    assert "lookup failed for 139****5678 / w****@example.com / 4301**********1234" in output
    assert PHONE not in output and EMAIL not in output and ID_CARD not in output


def test_the_access_log_writes_the_path_not_the_query_string(client, console):
    _, stream = console
    client.get("/search/", {"q": PHONE})
    line = next(line for line in stream.getvalue().splitlines() if "hongling.requests" in line)
    assert "GET /search/ 200" in line and PHONE not in line and "q=" not in line
