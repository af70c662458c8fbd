from datetime import date

from motcua.core.models import CalendarOverride


def calendar_override_kinds() -> dict[date, str]:
    """Every deployment override as {date: kind}: the whole table is a few rows a year."""
    return dict(CalendarOverride.objects.values_list("date", "kind"))
