"""/healthz/ready (readiness) and /metrics (Prometheus), for load balancers, compose and monitoring."""

import logging

from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .access import monitoring_allowed, monitoring_configured
from .health import readiness

logger = logging.getLogger(__name__)


@transaction.non_atomic_requests
@never_cache
@require_safe
def ready(request):
    """200 when every dependency answers, else 503 with the failed components' names (details for operators)."""
    results = readiness()
    failed = [check.name for check in results if not check.ok]
    body = {"status": "fail" if failed else "ok", "failed": failed, "checks": [check.name for check in results]}
    if monitoring_allowed(request):
        body["details"] = {check.name: check.detail for check in results if check.detail}
    response = JsonResponse(body, status=503 if failed else 200)
    if failed:
        # A warning per failing probe, instead of django.request's ERROR (which would also be an error report
        # every 30 seconds for as long as the outage lasts).
        logger.warning("Not ready: %s", ", ".join(f"{c.name} ({c.detail})" for c in results if not c.ok))
        response._has_been_logged = True
    return response


@transaction.non_atomic_requests
@never_cache
@require_safe
def metrics(request):
    """Prometheus' text format; 404 unless MONITORING_TOKEN or MONITORING_ALLOWED_IPS is set, 401 without them."""
    if not monitoring_configured():
        raise Http404
    if not monitoring_allowed(request):
        response = HttpResponse(
            "401 需要监控令牌（Authorization: Bearer …）\n", status=401, content_type="text/plain; charset=utf-8"
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    from .metrics import metrics_exposition

    body, content_type = metrics_exposition()
    return HttpResponse(body, content_type=content_type)
