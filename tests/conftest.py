import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, staff_create, user_create


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


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
