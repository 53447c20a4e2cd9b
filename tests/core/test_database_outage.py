"""A database that cannot be reached (stopped, restarting, a dropped connection) answers a plain Chinese 503
with Retry-After, rendered without the database, and the next request after it comes back is served."""

from unittest import mock

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.test import Client
from django.urls import reverse

from apps.core.models import SiteSettings
from tests.factories import user_create

pytestmark = pytest.mark.django_db

UNAVAILABLE = "服务暂时不可用，请稍后再试"


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def refused():
    """Every query fails to connect, as when PostgreSQL is stopped or restarting."""
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    return mock.patch.object(connection, "ensure_connection", side_effect=error)


@pytest.fixture
def database_down():
    with refused():
        yield


@pytest.fixture
def office_phone():
    row = SiteSettings.load()
    row.phone = "0731-84112233"
    row.save()
    SiteSettings.load()
    return row.phone


def test_database_down_answers_503_with_retry_after_and_the_office_phone(visitor, office_phone, database_down):
    response = visitor.get(reverse("news:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert UNAVAILABLE in response.text and office_phone in response.text


def test_the_phone_comes_from_the_environment_before_any_settings_were_loaded(visitor, settings, monkeypatch):
    monkeypatch.setattr(SiteSettings, "last_loaded", None)
    settings.SITE_PHONE = "0731-12345"
    with refused():
        response = visitor.get("/")
    assert response.status_code == 503 and "0731-12345" in response.text


def test_a_logged_in_resident_and_a_form_post_get_the_503_too(visitor, office_phone):
    resident = user_create()
    visitor.force_login(resident)
    with refused():
        assert visitor.get("/me/").status_code == 503
        assert visitor.post(reverse("hubs:report_create"), {"title": "路灯不亮"}).status_code == 503
    assert visitor.get("/me/").status_code == 200, "served again once the database is back"


def test_a_bug_is_still_a_500_not_a_503(visitor):
    with mock.patch("apps.core.views.render", side_effect=RuntimeError("a bug")):
        response = visitor.get("/")
    assert response.status_code == 500 and "服务暂时出错" in response.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend needs PostgreSQL")
def test_a_connection_dropped_by_the_server_is_a_503_then_the_next_request_reconnects(visitor):
    import psycopg

    SiteSettings.load()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:  # our own test database's connection, no other
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert visitor.get(reverse("news:list")).status_code == 503
    close_old_connections()  # what the server does between two requests (the test client skips it)
    assert visitor.get(reverse("news:list")).status_code == 200
