"""PostgreSQL only: an index giving a kind's entries newest first, as apps.core.search.ranking reads them.

A search walks it until it has its thousand candidates, so a word found in most entries costs no more
than a rarer one. SQLite cannot index NULLS LAST; it searches small demo data by LIKE anyway.
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS core_searchentry_kind_newest "
    "ON core_searchentry (kind, date DESC NULLS LAST, id DESC)"
)
BACKWARD = "DROP INDEX IF EXISTS core_searchentry_kind_newest"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0009_auditor_group")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
