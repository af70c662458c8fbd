from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.periods import local_day_bounds


def test_a_local_day_starts_at_midnight_in_viet_nam():
    start, end = local_day_bounds(date(2021, 4, 1), date(2021, 4, 1))
    assert start == datetime(2021, 3, 31, 17, 0, tzinfo=UTC)
    assert end == datetime(2021, 4, 1, 17, 0, tzinfo=UTC)


@given(st.dates(date(2000, 1, 1), date(2099, 12, 30)), st.integers(0, 400))
def test_the_bounds_cover_whole_days_end_to_end(first, length):
    last = date.fromordinal(min(first.toordinal() + length, date(2099, 12, 31).toordinal()))
    start, end = local_day_bounds(first, last)
    assert (end - start).days == (last - first).days + 1
    assert start.hour == 0 and start.minute == 0 and end.hour == 0
