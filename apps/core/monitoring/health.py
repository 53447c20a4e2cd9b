"""Readiness: is every dependency of a web node or worker usable right now?

`/healthz` stays the cheap liveness probe (the process answers, the database is reachable). `/healthz/ready`
and `manage.py health` run the checks below; any failure answers 503 (exit status 1) with the failed
components' names. What each failure means and what to do: docs/operations.md, “Readiness failures”.

- database: `SELECT 1` on the default connection;
- cache: a value written to the shared cache reads back (Redis, else the database cache);
- storage: the media storage answers (on disk: MEDIA_ROOT exists and is writable; object storage: a HEAD);
- tasks: no task has waited longer than `HEALTH["TASKS_STALE_SECONDS"]` (the worker is down or stuck) —
  only with the database task backend, where a worker is needed at all;
- disk: the disk holding MEDIA_ROOT and var/ has at least `HEALTH["DISK_MIN_FREE_PERCENT"]` free.
"""

import os
import shutil
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.db.models import F, Min
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""  # for operators only (token or allow-listed address): never shown to anonymous callers


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Check("database", True)


def check_cache() -> Check:
    probe = uuid.uuid4().hex
    cache.set("healthz:probe", probe, 30)
    if cache.get("healthz:probe") != probe:
        return Check("cache", False, "a value written to the cache did not read back")
    return Check("cache", True)


def check_storage() -> Check:
    if isinstance(default_storage, FileSystemStorage):
        root = default_storage.location
        try:
            os.makedirs(root, exist_ok=True)  # as the storage itself would on the first upload
        except OSError as error:
            return Check("storage", False, f"MEDIA_ROOT {root} cannot be created: {error.strerror}")
        if not os.path.isdir(root) or not os.access(root, os.W_OK):
            return Check("storage", False, f"MEDIA_ROOT {root} is not a writable folder")
        return Check("storage", True)
    default_storage.exists("healthz-probe")  # one HEAD request; raises when the service cannot be reached
    return Check("storage", True)


def oldest_task_wait_seconds() -> float | None:
    """How long the oldest task that is due has waited, in seconds (None: nothing waits)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    due = DBTaskResult.objects.ready().aggregate(
        oldest=Min(Coalesce(NullIf(F("run_after"), get_date_max()), F("enqueued_at")))
    )["oldest"]
    return None if due is None else max(0.0, (timezone.now() - due).total_seconds())


def database_tasks() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def check_tasks() -> Check:
    if not database_tasks():
        return Check("tasks", True, "tasks run in the process: no worker to watch")
    waited, limit = oldest_task_wait_seconds(), settings.HEALTH["TASKS_STALE_SECONDS"]
    if waited is not None and waited > limit:
        return Check("tasks", False, f"the oldest pending task has waited {waited:.0f} s (limit {limit} s)")
    return Check("tasks", True)


def check_disk() -> Check:
    paths = [settings.BASE_DIR / "var"]
    if isinstance(default_storage, FileSystemStorage):
        paths.append(default_storage.location)
    minimum = settings.HEALTH["DISK_MIN_FREE_PERCENT"]
    for path in paths:
        if not os.path.exists(path):
            continue
        usage = shutil.disk_usage(path)
        free = 100 * usage.free / usage.total
        if free < minimum:
            return Check("disk", False, f"{path}: {free:.1f} % free (minimum {minimum} %)")
    return Check("disk", True)


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "tasks": check_tasks,
    "disk": check_disk,
}


def readiness(names=None) -> list[Check]:
    """Run the checks (all, or those named); an exception is that component's failure."""
    results = []
    for name in names or CHECKS:
        try:
            results.append(CHECKS[name]())
        except Exception as error:
            results.append(Check(name, False, f"{type(error).__name__}: {error}"[:300]))
    return results
