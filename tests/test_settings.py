import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Variables the test settings set for themselves; a child process must start from production defaults.
CONTROLLED = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "TASKS_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_django(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    env |= {"DJANGO_SETTINGS_MODULE": "hongling.settings"} | env_overrides
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_django({"ALLOWED_HOSTS": "example.cn"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_django({"SECRET_KEY": "x" * 50}, "check")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_development_runs_without_any_secret():
    result = run_django({"DEBUG": "1"}, "check")
    assert result.returncode == 0, result.stderr


def test_deploy_checklist_is_clean_with_production_settings():
    result = run_django(
        {"SECRET_KEY": "k" * 30 + "-production-like-secret-" + "z" * 30, "ALLOWED_HOSTS": "hongling.example.cn"},
        "check", "--deploy", "--fail-level", "WARNING",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
