"""Work kept off a resident's request: the segmenter loads at start-up, row locks end with their transaction."""

import importlib
import threading

import pytest
from django.db import OperationalError, connection, connections
from django.urls import reverse

from apps.core.booking import views as booking_views
from apps.core.models import Occurrence, Registration
from apps.core.search import segment
from tests.factories import occurrence_create, user_create


def test_web_process_loads_the_segmenter_before_the_first_search(monkeypatch):
    import hongling.wsgi

    monkeypatch.setattr(segment, "_tokenizer", None)  # as in a fresh worker
    importlib.reload(hongling.wsgi)  # what gunicorn (and runserver) import when a worker starts
    assert segment._tokenizer is not None and segment._tokenizer.initialized


def _lock_from_another_connection(pk: int) -> str:
    """Try to lock the occurrence row at once from a second connection: 'free' or the database's refusal."""
    outcome = []

    def attempt():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("SELECT id FROM core_occurrence WHERE id = %s FOR UPDATE NOWAIT", [pk])
                cursor.execute("ROLLBACK")
            outcome.append("free")
        except OperationalError as error:
            outcome.append(f"locked: {error}")
        finally:
            connections.close_all()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(timeout=30)
    return outcome[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("contention")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL=postgres://…)")
def test_registration_row_lock_is_released_before_the_response_is_built(client, monkeypatch):
    occurrence = occurrence_create(capacity=5)
    seen = []
    real_redirect = booking_views.redirect

    def redirect_after_checking_the_lock(*args, **kwargs):
        seen.append(_lock_from_another_connection(occurrence.pk))
        return real_redirect(*args, **kwargs)

    monkeypatch.setattr(booking_views, "redirect", redirect_after_checking_the_lock)
    client.force_login(user_create())
    response = client.post(reverse("core:occurrence_register", args=[occurrence.pk]), follow=True)

    assert "报名成功" in response.text
    assert Registration.objects.filter(occurrence=occurrence).count() == 1
    assert seen == ["free"]  # another resident's booking need not wait for this page to be built
    assert Occurrence.objects.filter(pk=occurrence.pk).exists()
