"""Writing many rows at once (history generation, counter rebuilds): PostgreSQL COPY where the database is
PostgreSQL, bulk_create elsewhere (the embedded SQLite).

    insert_rows(model, names, rows)     rows: sequences of values in the order of `names` (attribute names)
    copy_rows(model, fields, rows)      PostgreSQL only: COPY of `fields` (model fields) from `rows`

COPY sends the values bulk_create would send — JSON as jsonb, aware times as timestamptz, None as NULL — without
bulk_create's per-value preparation and statement building, which dominated the time of million-row writes.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models
from psycopg.types.json import Jsonb

SQLITE_BATCH = 5000


def copy_rows(model, fields: Sequence[models.Field], rows: Iterable[Sequence]) -> None:
    json_columns = [index for index, field in enumerate(fields) if isinstance(field, models.JSONField)]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            if json_columns:
                row = list(row)
                for index in json_columns:
                    row[index] = Jsonb(row[index])
            copy.write_row(row)


def insert_rows(model, names: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert `rows`, the automatic id (when not among `names`) left to the database. Values are stored as given,
    except that bulk_create (SQLite) stamps auto_now fields with the real time, as it always does."""
    if connection.vendor == "postgresql":
        by_name = {field.attname: field for field in model._meta.concrete_fields}
        copy_rows(model, [by_name[name] for name in names], rows)
        return
    model.objects.bulk_create((model(**dict(zip(names, row, strict=True))) for row in rows), batch_size=SQLITE_BATCH)
