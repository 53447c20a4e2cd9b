"""/metrics: off unless configured, never public, counts requests, queries, the page cache, tasks and SMS."""

import pytest
from django.test import Client

from apps.core.messaging import sms_send
from apps.core.models import SiteSettings
from tests.core.test_health import pending_task

pytestmark = pytest.mark.django_db
TOKEN = "metrics-test-token"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def monitored(settings):
    settings.MONITORING = {"TOKEN": TOKEN, "ALLOWED_IPS": {"10.1.2.3"}}
    settings.MIDDLEWARE = ["apps.core.monitoring.metrics.MetricsMiddleware", *settings.MIDDLEWARE]


def scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    return response.text


def value(text: str, sample: str) -> float:
    for line in text.splitlines():
        if line.startswith(sample + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_are_off_unless_configured(client):
    assert client.get("/metrics").status_code == 404


def test_metrics_refuse_a_request_without_the_token_or_with_a_wrong_one(client, monitored):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": TOKEN}):
        response = client.get("/metrics", **headers)
        assert response.status_code == 401
        assert "hongling_" not in response.text
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200  # the allow-listed address
    # Never stored by the page cache for the next anonymous visitor:
    assert "no-store" in client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")["Cache-Control"]
    assert client.get("/metrics").status_code == 401


def test_requests_queries_and_page_cache_results_are_counted_by_view(client, monitored):
    SiteSettings.load()  # as on a running site: the settings already in the cache
    before = scrape(client)
    client.get("/robots.txt")
    client.get("/news/")
    client.get("/news/")  # the second is served from the page cache
    after = scrape(client)
    robots = 'hongling_http_requests_total{method="GET",status="200",view="core:robots"}'
    assert value(after, robots) == value(before, robots) + 1
    assert (
        value(after, 'hongling_page_cache_requests_total{result="hit"}')
        >= value(before, 'hongling_page_cache_requests_total{result="hit"}') + 1
    )
    assert value(after, 'hongling_db_queries_total{view="news:list"}') > 0
    assert 'hongling_http_request_duration_seconds_bucket{le="0.005",view="core:robots"}' in after


def test_the_task_queue_and_sms_outcomes_are_exposed(client, monitored, database_tasks):
    pending_task(120)
    text = scrape(client)
    assert value(text, 'hongling_tasks{status="ready"}') == 1
    assert value(text, "hongling_tasks_oldest_pending_seconds") >= 120
    assert "hongling_registrations_last_hour 0.0" in text and "hongling_reports_last_hour 0.0" in text


def test_sms_outcomes_are_counted(client, monitored):
    sample = 'hongling_sms_total{outcome="sent",template="verification_code"}'
    before = value(scrape(client), sample)
    sms_send.call(phone="+8613912340001", template="verification_code", params={"code": "1"}, text="t")
    assert value(scrape(client), sample) == before + 1
