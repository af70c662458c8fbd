from datetime import UTC, date, datetime
from unittest import mock

from django.db import connection

from motcua.core import bulk
from motcua.core.constants import CalendarOverrideKind
from motcua.core.models import CalendarOverride

NAMES = ("date", "kind", "reason", "decision_number", "created_at", "updated_at")
MOMENT = datetime(2021, 6, 16, 1, 30, tzinfo=UTC)


def rows(first_day: int) -> list[tuple]:
    return [
        (date(2021, 6, day), CalendarOverrideKind.DAY_OFF, f"Lý do {day % 10}", "", MOMENT, MOMENT)
        for day in range(first_day, first_day + 3)
    ]


def stored(days: range) -> list[tuple]:
    chosen = CalendarOverride.objects.filter(date__day__in=days).order_by("date")
    return [(row.date.day, row.kind, row.reason, row.decision_number) for row in chosen]


def test_insert_rows_stores_what_bulk_create_stores_on_either_database(db):
    bulk.insert_rows(CalendarOverride, NAMES, rows(1))
    with mock.patch.object(connection, "vendor", "sqlite"):
        bulk.insert_rows(CalendarOverride, NAMES, rows(11))
    through_insert, through_bulk_create = stored(range(1, 4)), stored(range(11, 14))
    assert [row[1:] for row in through_insert] == [row[1:] for row in through_bulk_create]
    assert [row[0] for row in through_insert] == [1, 2, 3]


def test_insert_rows_of_nothing_writes_nothing(db):
    bulk.insert_rows(CalendarOverride, NAMES, iter(()))
    assert not CalendarOverride.objects.exists()
