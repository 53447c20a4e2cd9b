"""Readiness (/healthz/ready, manage.py health): each dependency's failure turns it 503, named, not explained
to anonymous callers; a stale task queue (the worker is down) counts as a failure."""

import shutil
from collections import namedtuple
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db
TOKEN = "monitoring-test-token"


@task
def nothing() -> None:
    pass


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def token(settings):
    settings.MONITORING = {"TOKEN": TOKEN, "ALLOWED_IPS": set()}
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def pending_task(age_seconds: int) -> None:
    nothing.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=age_seconds))


def test_ready_when_every_dependency_answers(client, database_tasks):
    pending_task(10)  # a fresh task is normal: the worker has not had its turn yet
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": ["database", "cache", "storage", "tasks", "disk"],
    }
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_a_stale_task_queue_is_not_ready_and_says_only_the_name_to_anonymous_callers(client, database_tasks, token):
    pending_task(301)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "failed": ["tasks"],
        "checks": ["database", "cache", "storage", "tasks", "disk"],
    }
    detailed = client.get("/healthz/ready", **token).json()
    assert detailed["details"]["tasks"].startswith("the oldest pending task has waited 30")


def test_a_task_due_later_is_not_stale(client, database_tasks):
    nothing.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))
    assert client.get("/healthz/ready").status_code == 200


def test_an_unreachable_database_is_not_ready(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert "database" in response.json()["failed"]
    assert "connection refused" not in response.text


def test_an_unreachable_cache_is_not_ready(client, monkeypatch, token):
    def broken(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz/ready", **token)
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert "Connection refused" in response.json()["details"]["cache"]


def test_media_storage_that_cannot_be_written_is_not_ready(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/healthz/ready")
    assert response.status_code == 503 and response.json()["failed"] == ["storage"]


def test_a_full_disk_is_not_ready(client, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(100, 97, 3))
    response = client.get("/healthz/ready")
    assert response.status_code == 503 and response.json()["failed"] == ["disk"]


def test_probes_are_not_written_to_the_access_log(client, caplog):
    caplog.set_level("INFO", logger="hongling.requests")
    client.get("/healthz/ready")
    client.get("/healthz")
    client.get("/robots.txt")
    assert [r.getMessage().split()[1] for r in caplog.records if r.name == "hongling.requests"] == ["/robots.txt"]


def test_the_health_command_exits_1_and_names_what_failed(database_tasks, capsys):
    call_command("health")
    assert "tasks     ok" in capsys.readouterr().out
    pending_task(3600)
    with pytest.raises(CommandError, match="not ready: tasks") as failed:
        call_command("health", "--only", "tasks,database")
    assert failed.value.returncode == 1
    assert "the oldest pending task has waited 3600 s" in capsys.readouterr().out


def test_the_health_command_refuses_an_unknown_check():
    with pytest.raises(CommandError, match="unknown check"):
        call_command("health", "--only", "redis")


@pytest.mark.django_db(transaction=True)
def test_the_compose_probe_script_exits_0_when_ready_and_1_when_not(live_server, database_tasks):
    import subprocess
    import sys

    def probe():
        env = {"PATH": "/usr/bin:/bin", "ALLOWED_HOSTS": "localhost,.example.cn"}
        command = [sys.executable, "scripts/ready", "--url", live_server.url]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    ready = probe()
    assert ready.returncode == 0 and ready.stdout.startswith('200 {"status": "ok"'), ready.stdout
    pending_task(600)
    stale = probe()
    assert stale.returncode == 1 and stale.stdout.startswith("503 ") and '"failed": ["tasks"]' in stale.stdout


def test_a_failing_probe_is_a_warning_with_the_reason_not_an_error(client, database_tasks, caplog):
    pending_task(400)
    client.get("/healthz/ready")
    assert [(r.name, r.levelname) for r in caplog.records if r.levelno >= 30] == [
        ("apps.core.monitoring.views", "WARNING")
    ]
    assert "tasks (the oldest pending task has waited 4" in caplog.records[-1].getMessage()
