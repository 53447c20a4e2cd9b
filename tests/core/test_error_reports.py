"""Error reports: with SENTRY_DSN set, a failing request reaches the (fake, local) Sentry/GlitchTip with its
request ID and without personal data: no phone, e-mail or ID number, no cookies, no form body, no name."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
import sentry_sdk
from django.test import Client

from apps.core.monitoring.errors import event_scrub, sentry_init
from tests.core.urls_failing import EMAIL, ID_CARD, PHONE

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_sentry(settings):
    """A local endpoint that takes envelopes like Sentry or GlitchTip; the SDK pointed at it for one test."""
    envelopes = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding", "")
            body = (
                brotli.decompress(body) if encoding == "br" else gzip.decompress(body) if encoding == "gzip" else body
            )
            envelopes.append(body.decode())
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    assert sentry_init({"SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1", "SENTRY_RELEASE": "t"})
    settings.SENTRY_ENABLED = True
    yield envelopes
    sentry_sdk.flush(timeout=5)
    sentry_sdk.init()  # no DSN: reporting off again for the other tests
    server.shutdown()
    server.server_close()


def events(envelopes) -> list[dict]:
    found = []
    for envelope in envelopes:
        lines = envelope.splitlines()
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found


@pytest.mark.urls("tests.core.urls_failing")
def test_a_failing_request_is_reported_with_its_request_id_and_nothing_personal(fake_sentry):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "s3cr3t-session-value"
    client.cookies["csrftoken"] = "csrf-value-xyz"
    response = client.post(
        f"/__fail__/?phone={PHONE}",
        {"real_name": "王桂兰", "description": "楼道灯坏了，电话 13812345678", "email": EMAIL},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)
    (event,) = events(fake_sentry)
    sent = json.dumps(event, ensure_ascii=False)
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert (
        event["exception"]["values"][-1]["value"]
        == "lookup failed for 139****5678 / w****@example.com / 4301**********1234"
    )
    for secret in (
        PHONE,
        "13812345678",
        EMAIL,
        ID_CARD,
        "王桂兰",
        "楼道灯坏了",
        "s3cr3t-session-value",
        "csrf-value-xyz",
        "203.0.113.9",
    ):
        assert secret not in sent, secret
    assert "cookies" not in event["request"] and "data" not in event["request"]
    assert event["transaction"] == "/__fail__/"  # (the URL and method come from the WSGI layer, not the test client)


def test_an_error_logged_by_our_code_is_reported_masked(fake_sentry):
    import logging

    logging.getLogger("apps.core.messaging").error("SMS to %s failed", PHONE)
    sentry_sdk.flush(timeout=5)
    (event,) = events(fake_sentry)
    assert PHONE not in json.dumps(event) and "139****5678" in json.dumps(event)


def test_the_scrubber_redacts_personal_keys_and_keeps_the_sdk_bookkeeping():
    event = {
        "event_id": "e1",
        "sdk": {"name": "sentry.python.django"},
        "user": {"id": 7, "email": EMAIL, "ip_address": "203.0.113.9", "username": "王桂兰"},
        "extra": {"phone": PHONE, "title": "我家门口的路灯", "count": 3},
        "breadcrumbs": {"values": [{"message": f"SELECT … WHERE phone = '{PHONE}'", "data": {"params": [PHONE]}}]},
    }
    scrubbed = json.dumps(event_scrub(event), ensure_ascii=False)
    assert PHONE not in scrubbed and EMAIL not in scrubbed and "王桂兰" not in scrubbed and "路灯" not in scrubbed
    assert '"sdk": {"name": "sentry.python.django"}' in scrubbed and '"user": {"id": 7}' in scrubbed
    assert '"count": 3' in scrubbed


def test_error_reports_are_off_without_a_dsn():
    assert sentry_init({}) is False
