"""On PostgreSQL the payment log refuses UPDATE and DELETE in the database itself, not only through the ORM."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION payments_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'payments_paymentevent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payments_event_append_only
    BEFORE UPDATE OR DELETE ON payments_paymentevent
    FOR EACH ROW EXECUTE FUNCTION payments_event_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS payments_event_append_only ON payments_paymentevent;
DROP FUNCTION IF EXISTS payments_event_append_only();
"""


def _on_postgresql(sql):
    # SQLite has no cheap equivalent that would still let the test database be flushed between tests.
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
