"""Metrics in Prometheus' format, served at /metrics to MONITORING_TOKEN / MONITORING_ALLOWED_IPS only.

Counted per process by `MetricsMiddleware` (switched on in settings only when monitoring is configured):
requests by view, method and status; latency by view; database queries by view; page-cache hits and misses;
SMS by template and outcome (apps.core.messaging). With several gunicorn workers set
`PROMETHEUS_MULTIPROC_DIR` to an empty folder so every worker's counts add up (the Dockerfile does).
Read from the database at scrape time: tasks by status, the oldest pending task's wait, and what apps
register with `metric_recent_register()` (registrations and reports in the last hour).
"""

import logging
import os
import time
from datetime import timedelta

from django.db import connection
from django.db.models import Count
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

REGISTRY = CollectorRegistry()
REQUESTS = Counter("hongling_http_requests", "HTTP requests answered", ["view", "method", "status"], registry=REGISTRY)
LATENCY = Histogram(
    "hongling_http_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
QUERIES = Counter("hongling_db_queries", "SQL queries run while answering requests", ["view"], registry=REGISTRY)
PAGE_CACHE = Counter("hongling_page_cache_requests", "Page cache lookups by result", ["result"], registry=REGISTRY)
SMS = Counter("hongling_sms", "SMS handed to the provider, by outcome", ["template", "outcome"], registry=REGISTRY)

# name → (help, function returning the count of rows created since the given time)
RECENT: dict[str, tuple[str, callable]] = {}


def metric_recent_register(name: str, *, help_text: str, count_since) -> None:
    """Expose `hongling_<name>_last_hour`: `count_since(since)` rows created in the last hour, read at scrape."""
    RECENT[name] = (help_text, count_since)


class DatabaseCollector:
    """Gauges read from the database when Prometheus scrapes: the task queue and recent activity."""

    def collect(self):
        from .health import database_tasks, oldest_task_wait_seconds

        try:
            if database_tasks():
                from django_tasks_db.models import DBTaskResult

                tasks = GaugeMetricFamily("hongling_tasks", "Background tasks by status", labels=["status"])
                counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
                for status in ("READY", "RUNNING", "FAILED", "SUCCESSFUL"):
                    tasks.add_metric([status.lower()], counts.get(status, 0))
                yield tasks
                waited = oldest_task_wait_seconds() or 0
                yield GaugeMetricFamily(
                    "hongling_tasks_oldest_pending_seconds", "How long the oldest due task has waited", value=waited
                )
            since = timezone.now() - timedelta(hours=1)
            for name, (help_text, count_since) in sorted(RECENT.items()):
                yield GaugeMetricFamily(f"hongling_{name}_last_hour", help_text, value=count_since(since))
        except Exception:
            logger.warning("metrics: the database gauges could not be read", exc_info=True)


def metrics_exposition() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    output = generate_latest(registry)
    scrape = CollectorRegistry()
    scrape.register(DatabaseCollector())
    return output + generate_latest(scrape), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """First in MIDDLEWARE: times every request and counts its queries and the page cache's answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else ("page cache" if response.get("X-Cache") == "HIT" else "unresolved")
        LATENCY.labels(view).observe(time.perf_counter() - started)
        REQUESTS.labels(
            view, request.method if request.method in KNOWN_METHODS else "other", response.status_code
        ).inc()
        if queries:
            QUERIES.labels(view).inc(queries)
        if response.get("X-Cache") in ("HIT", "MISS"):
            PAGE_CACHE.labels(response["X-Cache"].lower()).inc()
        return response


KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
