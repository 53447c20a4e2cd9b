from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from apps.core import pagecache
from tests.factories import PASSWORD, staff_create, user_create


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _page_cache_invalidated_at_the_write(request, monkeypatch):
    """A test's transaction never commits, so the page cache's commit-time invalidation would never come: make
    it at the write. Tests marked `commit_order` keep the real order (tests/core/test_pagecache_commit.py)."""
    if "commit_order" not in request.keywords:
        monkeypatch.setattr(pagecache, "at_commit", lambda callback, using: callback())


# The seeded database as JSON, made once per test process for each DEBUG value (seeding draws and encodes
# every demo picture: far slower than loading the rows it leaves).
_SEED_DUMPS: dict[bool, Path] = {}


def _seed_dump(*, debug: bool, folder: Path) -> Path:
    if debug not in _SEED_DUMPS:
        dump = folder / f"seeded-{'demo' if debug else 'production'}.json"
        with override_settings(DEBUG=debug), transaction.atomic():
            call_command("seed", verbosity=0)
            with dump.open("w", encoding="utf-8") as out:
                call_command("dumpdata", exclude=["contenttypes", "auth.permission", "sessions"], stdout=out)
            transaction.set_rollback(True)
        _SEED_DUMPS[debug] = dump
    return _SEED_DUMPS[debug]


@contextmanager
def _seeded(django_db_blocker, folder: Path, *, debug: bool):
    """The seeded rows, loaded in a transaction that is rolled back at the end."""
    with django_db_blocker.unblock():
        dump = _seed_dump(debug=debug, folder=folder)
        with transaction.atomic():
            call_command("loaddata", str(dump), verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def seeded_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo portal as `make run` builds it (`manage.py seed` with demo users), for the tests of one module.

    Seeded once per test process and loaded into each module that asks, in a transaction rolled back after the
    module; each test's own `db` transaction is a savepoint inside it, so what one test changes is gone before
    the next. A test that needs the seeded site asks for this instead of calling `seed` itself.
    """
    with _seeded(django_db_blocker, tmp_path_factory.getbasetemp(), debug=True):
        yield


@pytest.fixture(scope="module")
def seeded_site_in_production(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py seed` with DEBUG off (no demo accounts), once per test module, like `seeded_site`."""
    with _seeded(django_db_blocker, tmp_path_factory.getbasetemp(), debug=False):
        yield


@pytest.fixture
def resident(db):
    return user_create(phone="+8613912345678", display_name="测试居民")


@pytest.fixture
def staff(db):
    return staff_create(email="staff@example.com")


@pytest.fixture
def superuser(db):
    return user_create(email="root@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_user(db):
    """pytest-django's admin_user (and so admin_client), with the TOTP every staff account must have."""
    return user_create(email="admin@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def sms_outbox():
    from apps.core.messaging import MemorySmsSender

    MemorySmsSender.outbox.clear()
    return MemorySmsSender.outbox


@pytest.fixture
def time_machine_after(monkeypatch):
    """Move `time.time()` (what allauth's code expiry reads) forward by some seconds."""
    import time

    def advance(seconds: int):
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + seconds)

    return advance


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads into its own empty folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or db['NAME']}"
