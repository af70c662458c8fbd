"""Append-only tables enforced by PostgreSQL itself (event logs, payment logs), not only by the ORM.

Used from migrations: `operations = [append_only_table("dossiers_dossierevent")]`.
"""

from django.db import migrations


def _sql(table: str) -> tuple[str, str]:
    function = f"{table}_append_only"
    create = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {function}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {function} ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return create, drop


def _on_postgresql(sql: str):
    # SQLite has no cheap equivalent that would still let the test database be flushed between tests.
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


def append_only_table(table: str) -> migrations.RunPython:
    create, drop = _sql(table)
    return migrations.RunPython(_on_postgresql(create), _on_postgresql(drop))
