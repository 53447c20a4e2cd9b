"""PostgreSQL only: a generated `simple` tsvector of the segmented terms, with a GIN index.

The column is not a model field (SQLite has no tsvector); apps.core.search.query reads it with raw SQL on
PostgreSQL and falls back to matching the same terms on other databases. The database needs a UTF-8
locale (C.UTF-8 or zh_CN.UTF-8) so that the `simple` parser keeps CJK words.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE core_searchentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    # Kept inline and uncompressed where possible (the text columns are compressed first), so matching
    # and ranking never decompress it.
    "ALTER TABLE core_searchentry ALTER COLUMN search_vector SET STORAGE MAIN",
    # No pending list: entries are searchable through the index as soon as they are written, and a
    # bulk load does not leave a long list that every search must scan.
    "CREATE INDEX core_searchentry_vector_gin ON core_searchentry USING gin (search_vector) WITH (fastupdate = off)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS core_searchentry_vector_gin",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0004_searchentry")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
