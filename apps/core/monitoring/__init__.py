"""Operations: readiness checks (health.py), metrics for Prometheus (metrics.py), structured logs without
personal data and the request ID (logs.py), error reports to Sentry or GlitchTip (errors.py).
Access for machines (readiness details, metrics) is one token or an address allow-list (access.py)."""
