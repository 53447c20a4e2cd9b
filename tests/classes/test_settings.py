"""红岭课堂's settings are its own (classes.ClassesSettings), not core's: one row, its own admin, and the
migration that moved the yearly study target out of the site settings kept the value."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from apps.classes.models import ClassesSettings
from apps.core.models import SiteSettings

pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = [("core", "0014_failed_message_proxy"), ("classes", "0004_course_formats_from_the_article")]


def test_core_site_settings_hold_no_classes_setting():
    assert "study_hours_target" not in {field.name for field in SiteSettings._meta.get_fields()}


@pytest.mark.parametrize("model", [ClassesSettings, SiteSettings])
def test_reading_settings_that_nobody_saved_gives_the_defaults_and_writes_nothing(model):
    """A page that reads the settings first must not write (a write makes every cached page stale)."""
    model.objects.all().delete()
    assert model.load().pk is None
    assert not model.objects.exists()
    assert ClassesSettings.load().study_hours_target == 32


def test_the_migration_carries_the_target_across():
    """Migrate back to before the move, set the old column, migrate forward: the value is in the new table.
    (PostgreSQL changes schemas inside the test's transaction, which rolls everything back.)"""
    if connection.vendor != "postgresql":
        pytest.skip("schema changes inside the test's transaction need PostgreSQL")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    old.get_model("core", "SiteSettings").objects.update_or_create(pk=1, defaults={"study_hours_target": 40})
    assert "classes_classessettings" not in connection.introspection.table_names()
    with connection.cursor() as cursor:  # check the row's foreign keys now, so the next ALTER TABLE may run
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ClassesSettings.objects.get(pk=1).study_hours_target == 40


def test_the_admin_opens_the_one_row_and_saves_it(admin_client):
    ClassesSettings.objects.all().delete()
    response = admin_client.get(reverse("admin:classes_classessettings_changelist"))  # makes the row
    assert response.status_code == 302 and response.url == reverse("admin:classes_classessettings_change", args=[1])
    assert admin_client.get(reverse("admin:classes_classessettings_add")).status_code == 403
    response = admin_client.post(reverse("admin:classes_classessettings_change", args=[1]), {"study_hours_target": 48})
    assert response.status_code == 302
    assert ClassesSettings.load().study_hours_target == 48  # the cached row was dropped on save
