# The same steps as the Makefile: a venv from requirements.txt, migrations at start, gunicorn.
# Bookworm, because its PostgreSQL client is 15, the server's major version (scripts/backup refuses a mismatch).
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/app/.venv/bin:$PATH"
WORKDIR /app

RUN useradd --create-home --uid 1000 hongling
# pg_dump and pg_restore for scripts/backup and scripts/restore.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt ./
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt

COPY --chown=hongling:hongling . .
# collectstatic needs settings that import; these values exist only for this build step.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build .venv/bin/python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/backups && chown -R hongling:hongling /app/var /app/staticfiles

USER hongling
EXPOSE 8000
# The access log is the portal's own (apps.core.monitoring.logs: request ID, no query strings, no probes), so
# gunicorn writes none. PROMETHEUS_MULTIPROC_DIR, emptied at each start, adds up the workers' counters for /metrics.
CMD ["sh", "-c", "python manage.py migrate --noinput && rm -rf /tmp/metrics && mkdir -p /tmp/metrics && PROMETHEUS_MULTIPROC_DIR=/tmp/metrics exec gunicorn hongling.wsgi:application --bind 0.0.0.0:8000 --workers 3"]
