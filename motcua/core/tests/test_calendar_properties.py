"""Properties of the deadline arithmetic over any receipt time from 2019 to 2027 (Tết, swaps and years included)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core import services
from motcua.core.calendar import (
    add_working_time,
    deadline_for_receipt,
    extend_for_pause,
    is_working_day,
    next_working_day,
    start_of_counting,
    working_days_between,
    working_time_elapsed,
)
from motcua.core.constants import CalendarOverrideKind, TimeUnit
from motcua.core.models import CalendarOverride

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
OPENING, CLOSING = time(7, 30), time(17)

# Minute precision, as a clerk records a receipt; seconds are covered by the rounding example test.
moments = st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(HANOI)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
working_days = st.integers(min_value=1, max_value=60)
half_working_days = st.integers(min_value=1, max_value=120).map(lambda halves: Decimal(halves) / 2)
hours = st.integers(min_value=1, max_value=200)
calendar_days = st.integers(min_value=1, max_value=90)


def in_office_hours(moment: datetime) -> bool:
    local = moment.astimezone(HANOI).time()
    return OPENING <= local <= CLOSING and not (time(11, 30) < local < time(13, 30))


@given(received=moments, value=working_days)
def test_working_day_deadline_falls_in_office_hours_of_a_working_day(received, value):
    due = deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY)
    assert is_working_day(due.astimezone(HANOI).date())
    assert in_office_hours(due)
    assert due > received


@given(received=moments, value=half_working_days)
def test_working_day_deadline_counts_back_to_its_limit(received, value):
    due = deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY)
    assert working_time_elapsed(start_of_counting(received), due, unit=TimeUnit.WORKING_DAY) == value


@given(received=moments, value=working_days)
def test_one_more_working_day_gives_a_later_deadline(received, value):
    due = deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY)
    assert deadline_for_receipt(received, value=value + 1, unit=TimeUnit.WORKING_DAY) > due


@given(first=moments, second=moments, value=working_days)
def test_a_later_receipt_never_gets_an_earlier_deadline(first, second, value):
    earlier, later = sorted((first, second))
    assert deadline_for_receipt(earlier, value=value, unit=TimeUnit.WORKING_DAY) <= deadline_for_receipt(
        later, value=value, unit=TimeUnit.WORKING_DAY
    )


@given(received=moments, value=hours)
def test_hour_deadline_falls_in_office_hours_and_counts_back(received, value):
    due = deadline_for_receipt(received, value=value, unit=TimeUnit.HOUR)
    assert is_working_day(due.astimezone(HANOI).date())
    assert in_office_hours(due)
    assert working_time_elapsed(received, due, unit=TimeUnit.HOUR) == value


@given(received=moments, value=calendar_days)
def test_calendar_day_deadline_is_a_working_day_at_least_the_limit_away(received, value):
    due = deadline_for_receipt(received, value=value, unit=TimeUnit.DAY)
    assert is_working_day(due.astimezone(HANOI).date())
    assert in_office_hours(due)
    assert working_time_elapsed(start_of_counting(received), due, unit=TimeUnit.DAY) >= value


@given(received=moments, value=st.integers(min_value=1, max_value=24))
def test_month_deadline_is_a_working_day_at_least_the_limit_away(received, value):
    due = deadline_for_receipt(received, value=value, unit=TimeUnit.MONTH)
    assert is_working_day(due.astimezone(HANOI).date())
    assert working_time_elapsed(start_of_counting(received), due, unit=TimeUnit.MONTH) >= value


@given(day=days)
def test_next_working_day_is_one_working_day_later(day):
    following = next_working_day(day)
    assert following > day
    assert is_working_day(following)
    assert working_days_between(day, following) == 1


@given(first=days, second=days, third=days)
def test_working_days_between_adds_up(first, second, third):
    assert working_days_between(first, third) == working_days_between(first, second) + working_days_between(
        second, third
    )


@given(
    start=moments,
    value=working_days,
    pause_start=st.integers(min_value=0, max_value=30 * 24 * 60),
    pause_length=st.integers(min_value=0, max_value=30 * 24 * 60),
    unit=st.sampled_from([TimeUnit.WORKING_DAY, TimeUnit.HOUR]),
)
def test_a_pause_leaves_the_remaining_working_time_unchanged(start, value, pause_start, pause_length, unit):
    due = add_working_time(start, value=value, unit=unit)
    paused_from = start + timedelta(minutes=pause_start)
    paused_to = paused_from + timedelta(minutes=pause_length)
    extended = extend_for_pause(due, paused_from=paused_from, paused_to=paused_to, unit=unit)
    assert working_time_elapsed(paused_to, extended, unit=unit) == working_time_elapsed(paused_from, due, unit=unit)


@settings(max_examples=25)
@given(received=moments, value=working_days, offset=st.integers(min_value=0, max_value=120))
def test_an_extra_day_off_never_brings_a_deadline_forward(received, value, offset):
    day = received.date() + timedelta(days=offset)
    if not is_working_day(day):
        return
    before = deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY)
    override = services.calendar_override_save(
        override=CalendarOverride(date=day, kind=CalendarOverrideKind.DAY_OFF, reason="Nghỉ thêm")
    )
    try:
        assert deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY) >= before
    finally:
        services.calendar_override_delete(override=override)


@settings(max_examples=25)
@given(received=moments, value=working_days, offset=st.integers(min_value=0, max_value=120))
def test_an_extra_working_day_never_pushes_a_deadline_back(received, value, offset):
    day = received.date() + timedelta(days=offset)
    if is_working_day(day):
        return
    before = deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY)
    override = services.calendar_override_save(
        override=CalendarOverride(date=day, kind=CalendarOverrideKind.WORKING_DAY, reason="Làm bù")
    )
    try:
        assert deadline_for_receipt(received, value=value, unit=TimeUnit.WORKING_DAY) <= before
    finally:
        services.calendar_override_delete(override=override)
