"""A database guard for the append-only history: rows of hubs_reportevent can be inserted, never deleted,
and updated only by Django's SET_NULL when the acting user's account is deleted (actor_id -> NULL)."""

from django.db import migrations

MESSAGE = "hubs_reportevent is append-only"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION hubs_reportevent_append_only() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
         AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '{MESSAGE}';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER hubs_reportevent_append_only BEFORE UPDATE OR DELETE ON hubs_reportevent
    FOR EACH ROW EXECUTE FUNCTION hubs_reportevent_append_only();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS hubs_reportevent_append_only ON hubs_reportevent;",
    "DROP FUNCTION IF EXISTS hubs_reportevent_append_only();",
]
_UNCHANGED = " AND ".join(
    f"NEW.{c} = OLD.{c}"
    for c in ("id", "report_id", "kind", "created_at", "actor_label", "from_status", "to_status", "public_message", "internal_remark")
)
SQLITE = [
    f"""
    CREATE TRIGGER hubs_reportevent_no_delete BEFORE DELETE ON hubs_reportevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER hubs_reportevent_no_update BEFORE UPDATE ON hubs_reportevent
    WHEN NOT (NEW.actor_id IS NULL AND {_UNCHANGED})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS hubs_reportevent_no_delete;",
    "DROP TRIGGER IF EXISTS hubs_reportevent_no_update;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("hubs", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
