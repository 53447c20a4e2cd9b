import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

# Playwright's sync API runs an event loop in this thread; Django must still allow its ORM here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page that records console errors and CSP violations."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.base = live_server.url
    yield page
    context.close()


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__csp || []")


@pytest.fixture
def report_history_flushable(transactional_db):
    """A browser test that makes reports leaves report history behind, which is append-only (a trigger). On
    PostgreSQL the flush after the test truncates (no DELETE trigger fires); SQLite's flush deletes row by row,
    so the history is removed here with the trigger lifted for that one statement, then put back."""
    yield
    from importlib import import_module

    from django.db import connection

    if connection.vendor != "sqlite":
        return
    trigger = import_module("apps.hubs.migrations.0002_reportevent_append_only")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS hubs_reportevent_no_delete")
        cursor.execute("DELETE FROM hubs_reportevent")
        cursor.execute(trigger.SQLITE[0])


def roles_restore() -> None:
    """Put back the groups (roles) the migrations made: a browser test's database is flushed after each test,
    and a seed with demo users puts them into those groups by name."""
    from importlib import import_module

    from django.apps import apps

    for module, function in (
        ("apps.news.migrations.0002_roles", "groups_create"),
        ("apps.core.migrations.0009_auditor_group", "group_create"),
        ("apps.hubs.migrations.0007_staff_roles", "roles_set"),
        ("apps.classes.migrations.0005_classes_settings", "roles_grant"),
    ):
        getattr(import_module(module), function)(apps, None)
