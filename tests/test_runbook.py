"""The runbook (docs/operations.md) and the README name only commands, scripts, checks, templates and metrics
that exist, so an operator following them at night finds each one."""

import re
from pathlib import Path

from django.core.management import get_commands

from apps.core.monitoring.health import CHECKS
from apps.core.sms.catalogue import sms_templates_table

ROOT = Path(__file__).resolve().parent.parent
RUNBOOK = (ROOT / "docs" / "operations.md").read_text()
README = (ROOT / "README.md").read_text()


def test_every_management_command_in_the_runbook_exists():
    named = set(re.findall(r"manage\.py (\w+)", RUNBOOK))
    assert {"health", "mfa_reset", "sms_test", "send_reminders", "audit_prune", "createsuperuser"} <= named
    assert named <= set(get_commands())


def test_every_script_in_the_runbook_exists_and_runs():
    named = set(re.findall(r"scripts/(\w+)", RUNBOOK))
    assert {"backup", "restore", "ready"} <= named
    for name in named:
        assert (ROOT / "scripts" / name).stat().st_mode & 0o111, name


def test_every_readiness_check_is_explained():
    for name in CHECKS:
        assert f"| `{name}` |" in RUNBOOK, name


def test_the_readme_lists_every_sms_template_to_file():
    for key, _, label, text in sms_templates_table():
        assert f"| `{key}` |" in README and label in README and text in README, key


def test_the_alerts_use_metrics_that_exist():
    from apps.core.monitoring import metrics

    exposed = {"hongling_tasks_oldest_pending_seconds", "hongling_tasks", "hongling_reports_last_hour"}
    exposed |= {f"{m._name}_total" for m in (metrics.REQUESTS, metrics.SMS)}
    exposed |= {f"{metrics.LATENCY._name}_bucket"}
    used = set(re.findall(r"\b(hongling_\w+)", RUNBOOK)) - {"hongling_restored"}  # a database name
    assert used and used <= exposed, used - exposed
