"""Who may read the monitoring endpoints' details: a caller with `MONITORING_TOKEN` (as `Authorization:
Bearer <token>`) or from an address in `MONITORING_ALLOWED_IPS`. Nobody when neither is set."""

import hmac

from django.conf import settings


def monitoring_allowed(request) -> bool:
    token = settings.MONITORING["TOKEN"]
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    # REMOTE_ADDR only: a forwarded address could be forged by anyone in front of the proxy.
    return request.META.get("REMOTE_ADDR", "") in settings.MONITORING["ALLOWED_IPS"]


def monitoring_configured() -> bool:
    return bool(settings.MONITORING["TOKEN"] or settings.MONITORING["ALLOWED_IPS"])
