"""A database guard for the audit trail (PostgreSQL): rows of core_auditevent can be inserted, never
updated — except Django's SET_NULL when an account or a content type is deleted — and deleted only by
`audit_prune`, which sets `hongling.audit_prune` for its own transaction. SQLite (development) has no
session settings to tell the prune apart, so there only the model and the admin guard the rows."""

from django.db import migrations

MESSAGE = "core_auditevent is append-only (rows leave only through manage.py audit_prune)"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF current_setting('hongling.audit_prune', true) = 'on' THEN
          RETURN OLD;
        END IF;
      ELSIF (NEW.user_id IS NULL OR NEW.user_id = OLD.user_id)
        AND (NEW.content_type_id IS NULL OR NEW.content_type_id = OLD.content_type_id)
        AND (to_jsonb(NEW) - 'user_id' - 'content_type_id') = (to_jsonb(OLD) - 'user_id' - 'content_type_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '{MESSAGE}';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only();",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0007_auditevent")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
