"""Working-time calendar and deadline arithmetic for the one-stop desk.

Working days are Monday to Friday, minus the Vietnamese public holidays of the pinned `holidays` package (Tết,
Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9, their observed days and the Government's day swaps it records), plus the
deployment's own CalendarOverride rows. Office hours and the receipt cut-off come from settings.
The rules, and why they were chosen, are in docs/decisions/0003-deadline-rules.md.

Every instant inside the calendar is a *position*: a working day and the office time (microseconds) already
elapsed on it. Working days are counted as a day index plus the fraction of the office day, hours as office
microseconds, calendar days and months on the calendar with the same fraction of the day. A position can be
shown as its earliest instant (11:30 rather than 13:30, the previous closing rather than the next opening), which
is how due dates are shown, or its latest, which is how the start of counting is shown.

Each year is computed once (a few milliseconds) and cached; after that a deadline costs microseconds and no
query. Override changes reset the cache in this process at once and in other processes within
MOTCUA_CALENDAR_REFRESH_SECONDS, the only moments the overrides table is read.
"""

import bisect
import math
import re
import time
import zoneinfo
from array import array
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache
from numbers import Rational
from typing import NamedTuple

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.translation import gettext as _

from motcua.core.constants import CalendarOverrideKind, TimeUnit

HOLIDAY_COUNTRY = "VN"
MICROSECONDS_PER_MINUTE = 60_000_000
MICROSECONDS_PER_HOUR = 60 * MICROSECONDS_PER_MINUTE
RESULT_QUANTUM = Decimal("0.000001")
# A limit longer than this (in its own unit) is a data error, which would only make the calendar build a century
# of holiday tables.
MAX_LIMIT_YEARS = 100
MAX_LIMIT = {
    TimeUnit.WORKING_DAY: MAX_LIMIT_YEARS * 366,
    TimeUnit.DAY: MAX_LIMIT_YEARS * 366,
    TimeUnit.HOUR: MAX_LIMIT_YEARS * 366 * 24,
    TimeUnit.MONTH: MAX_LIMIT_YEARS * 12,
}
UNITS = {unit.value: unit for unit in TimeUnit}
WHOLE_NUMBER_UNITS = frozenset({TimeUnit.DAY, TimeUnit.MONTH})
CALENDAR_SETTINGS = frozenset(
    {"MOTCUA_OFFICE_HOURS", "MOTCUA_RECEIPT_CUTOFF", "MOTCUA_CALENDAR_REFRESH_SECONDS", "TIME_ZONE"}
)
CLOCK = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})$")
SEASON_START = re.compile(r"^(?P<month>\d{2})-(?P<day>\d{2})$")


# --- Office hours --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _OfficeDay:
    """The office sessions of a day, as (opening, closing) in microseconds after midnight, and their total."""

    sessions: tuple[tuple[int, int], ...]
    length: int

    def offset_at(self, clock: int) -> int:
        """Office time elapsed on this day at `clock` (microseconds after midnight)."""
        return sum(min(max(clock - opening, 0), closing - opening) for opening, closing in self.sessions)


@dataclass(frozen=True, slots=True)
class _Config:
    seasons: tuple[tuple[tuple[int, int], _OfficeDay], ...]  # ((month, day) the season starts, its hours)
    receipt_cutoff: int
    refresh_seconds: float
    zone: zoneinfo.ZoneInfo

    def office_day(self, day: date) -> _OfficeDay:
        # A day before the first season's start belongs to the last season of the previous year.
        current = self.seasons[-1][1]
        for (month, first_day), office_day in self.seasons:
            if (day.month, day.day) < (month, first_day):
                break
            current = office_day
        return current


def _clock(text: str, setting: str) -> int:
    match = CLOCK.match(text.strip())
    minutes = int(match["hour"]) * 60 + int(match["minute"]) if match else -1
    if not 0 <= minutes <= 24 * 60 or (match and int(match["minute"]) > 59):
        raise ImproperlyConfigured(f"{setting}: {text!r} is not a time of day HH:MM")
    return minutes * MICROSECONDS_PER_MINUTE


def _office_day(text: str) -> _OfficeDay:
    sessions = []
    for session in text.split(","):
        opening, _separator, closing = session.partition("-")
        sessions.append((_clock(opening, "MOTCUA_OFFICE_HOURS"), _clock(closing, "MOTCUA_OFFICE_HOURS")))
    bounds = [moment for session in sessions for moment in session]
    if any(later <= earlier for earlier, later in zip(bounds, bounds[1:])):
        raise ImproperlyConfigured(f"MOTCUA_OFFICE_HOURS: sessions {text!r} must be increasing and must not overlap")
    return _OfficeDay(tuple(sessions), sum(closing - opening for opening, closing in sessions))


def _seasons(text: str) -> tuple[tuple[tuple[int, int], _OfficeDay], ...]:
    """Parse "07:30-11:30,13:30-17:00" or, for seasonal hours, "01-01=07:30-11:30,13:30-17:00;04-15=07:00-…"."""
    seasons = {}
    for season in filter(None, (part.strip() for part in text.split(";"))):
        start, _separator, hours = season.rpartition("=")
        match = SEASON_START.match(start.strip() or "01-01")
        try:
            first_day = date(2000, int(match["month"]), int(match["day"])) if match else None
        except ValueError:
            first_day = None
        if first_day is None:
            raise ImproperlyConfigured(f"MOTCUA_OFFICE_HOURS: {start!r} is not a season start MM-DD")
        seasons[(first_day.month, first_day.day)] = _office_day(hours)
    if not seasons:
        raise ImproperlyConfigured("MOTCUA_OFFICE_HOURS is empty")
    return tuple(sorted(seasons.items()))


def _load_config() -> _Config:
    refresh_seconds = float(settings.MOTCUA_CALENDAR_REFRESH_SECONDS)
    if refresh_seconds < 0:
        raise ImproperlyConfigured("MOTCUA_CALENDAR_REFRESH_SECONDS must not be negative")
    return _Config(
        seasons=_seasons(settings.MOTCUA_OFFICE_HOURS),
        receipt_cutoff=_clock(settings.MOTCUA_RECEIPT_CUTOFF, "MOTCUA_RECEIPT_CUTOFF"),
        refresh_seconds=refresh_seconds,
        zone=zoneinfo.ZoneInfo(settings.TIME_ZONE),
    )


# --- Days ----------------------------------------------------------------------------------------------------


@cache
def _statutory_working_flags(year: int) -> bytes:
    national = holidays.country_holidays(HOLIDAY_COUNTRY, years=year)
    first = date(year, 1, 1)
    length = (date(year + 1, 1, 1) - first).days
    return bytes(national.is_working_day(first + timedelta(days=i)) for i in range(length))


def is_statutory_working_day(day: date) -> bool:
    """Working day by national rules alone (weekends, holidays, the Government's swaps), before deployment
    overrides."""
    return bool(_statutory_working_flags(day.year)[day.timetuple().tm_yday - 1])


@dataclass(frozen=True, slots=True)
class _Year:
    year: int
    first_day: date
    working: bytes
    office_days: tuple[_OfficeDay, ...]
    # Per day of the year (index i = day i, plus one entry for the year's end): totals over the days before it.
    working_days_before: array
    office_time_before: array
    working_dates: tuple[date, ...]
    # office_time_before of each working date, for a binary search by office time.
    working_date_starts: array

    @property
    def working_day_count(self) -> int:
        return len(self.working_dates)

    @property
    def office_time(self) -> int:
        return self.office_time_before[-1]

    def index(self, day: date) -> int:
        return (day - self.first_day).days


def _build_year(year: int, config: _Config, overrides: dict[date, str]) -> _Year:
    first = date(year, 1, 1)
    working = bytearray(_statutory_working_flags(year))
    for day, kind in overrides.items():
        if day.year == year:
            working[(day - first).days] = kind == CalendarOverrideKind.WORKING_DAY
    days = [first + timedelta(days=i) for i in range(len(working))]
    office_days = tuple(config.office_day(day) for day in days)
    working_days_before, office_time_before = array("q", [0]), array("q", [0])
    working_dates, working_date_starts = [], array("q")
    for day, is_working, office_day in zip(days, working, office_days):
        if is_working:
            working_dates.append(day)
            working_date_starts.append(office_time_before[-1])
        working_days_before.append(working_days_before[-1] + is_working)
        office_time_before.append(office_time_before[-1] + (office_day.length if is_working else 0))
    return _Year(
        year=year,
        first_day=first,
        working=bytes(working),
        office_days=office_days,
        working_days_before=working_days_before,
        office_time_before=office_time_before,
        working_dates=tuple(working_dates),
        working_date_starts=working_date_starts,
    )


class _Calendar:
    def __init__(self, config: _Config, overrides: dict[date, str]):
        self.config = config
        self.overrides = overrides
        self.checked_at = time.monotonic()
        self.years: dict[int, _Year] = {}

    def year(self, year: int) -> _Year:
        built = self.years.get(year)
        if built is None:
            # Two threads may build the same year at once; both results are equal, so no lock is needed.
            built = self.years[year] = _build_year(year, self.config, self.overrides)
        return built

    def is_working(self, day: date) -> bool:
        year = self.year(day.year)
        return bool(year.working[year.index(day)])

    def office_day(self, day: date) -> _OfficeDay:
        year = self.year(day.year)
        return year.office_days[year.index(day)]

    def next_working(self, day: date) -> date:
        year = self.year(day.year)
        following = year.working_days_before[year.index(day) + 1]
        while following >= year.working_day_count:
            year, following = self.year(year.year + 1), 0
        return year.working_dates[following]

    def shift_working(self, day: date, count: int) -> date:
        """The working day `count` working days after the working day `day` (before it when negative)."""
        year = self.year(day.year)
        target = year.working_days_before[year.index(day)] + count
        while target >= year.working_day_count:
            target -= year.working_day_count
            year = self.year(year.year + 1)
        while target < 0:
            year = self.year(year.year - 1)
            target += year.working_day_count
        return year.working_dates[target]

    def working_days_span(self, start: date, end: date) -> int:
        """Working days in (start, end], negative when end is before start."""
        start_year, end_year = self.year(start.year), self.year(end.year)
        span = (
            end_year.working_days_before[end_year.index(end) + 1]
            - start_year.working_days_before[start_year.index(start) + 1]
        )
        span += sum(self.year(year).working_day_count for year in range(start.year, end.year))
        span -= sum(self.year(year).working_day_count for year in range(end.year, start.year))
        return span


_calendar: _Calendar | None = None


def _load_overrides() -> dict[date, str]:
    # Imported here, not at the top: the selectors import the models, whose validation imports this module.
    from motcua.core import selectors

    return selectors.calendar_override_kinds()


def _current() -> _Calendar:
    global _calendar
    calendar = _calendar
    if calendar is None:
        calendar = _calendar = _Calendar(_load_config(), _load_overrides())
    elif time.monotonic() - calendar.checked_at > calendar.config.refresh_seconds:
        overrides = _load_overrides()
        if overrides == calendar.overrides:
            calendar.checked_at = time.monotonic()
        else:
            calendar = _calendar = _Calendar(calendar.config, overrides)
    return calendar


def invalidate_cache() -> None:
    """Forget cached years and overrides; the next computation reloads them (services call this on change)."""
    global _calendar
    _calendar = None


def _settings_changed(*, setting: str, **kwargs) -> None:
    if setting in CALENDAR_SETTINGS:
        invalidate_cache()


setting_changed.connect(_settings_changed, dispatch_uid="motcua.core.calendar")


def is_working_day(day: date) -> bool:
    return _current().is_working(day)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return _current().next_working(day)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (the first day is not counted, as in Civil Code
    Art. 147); negative when `end` is before `start`."""
    return _current().working_days_span(start, end)


# --- Positions -----------------------------------------------------------------------------------------------


class _Position(NamedTuple):
    day: date  # always a working day
    offset: int  # office microseconds elapsed on that day, 0 ≤ offset ≤ the day's office length


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(_("Thời điểm %(moment)s thiếu múi giờ.") % {"moment": moment.isoformat()})
    return moment


def _local(moment: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    return _aware(moment).astimezone(zone)


def _position(calendar: _Calendar, moment: datetime, *, cutoff: bool) -> _Position:
    local = _local(moment, calendar.config.zone)
    day = local.date()
    if calendar.is_working(day):
        clock = (
            (local.hour * 60 + local.minute) * MICROSECONDS_PER_MINUTE + local.second * 1_000_000 + local.microsecond
        )
        office_day = calendar.office_day(day)
        offset = office_day.offset_at(clock)
        # With the cut-off, a receipt after closing also counts from the next working day: the same instant as
        # this day's closing for working time, but not for a limit in calendar days.
        if not cutoff or (clock <= calendar.config.receipt_cutoff and offset < office_day.length):
            return _Position(day, offset)
    return _Position(calendar.next_working(day), 0)


def _at(calendar: _Calendar, day: date, clock: int) -> datetime:
    # Wall-clock arithmetic is exact here: Vietnam has had no daylight saving time since 1975.
    return datetime(day.year, day.month, day.day, tzinfo=calendar.config.zone) + timedelta(microseconds=clock)


def _instant(calendar: _Calendar, position: _Position, *, latest: bool) -> datetime:
    day, offset = position
    for opening, closing in calendar.office_day(day).sessions:
        span = closing - opening
        if offset < span or (offset == span and not latest):
            return _at(calendar, day, opening + offset)
        offset -= span
    following = calendar.next_working(day)
    return _at(calendar, following, calendar.office_day(following).sessions[0][0])


def _due_instant(calendar: _Calendar, position: _Position) -> datetime:
    """The earliest instant of a due position, rounded up to the whole minute the slips print."""
    moment = _instant(calendar, position, latest=False)
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


def _fraction_of_day(calendar: _Calendar, position: _Position) -> Fraction:
    return Fraction(position.offset, calendar.office_day(position.day).length)


def _on_day(calendar: _Calendar, day: date, fraction: Fraction) -> _Position:
    return _Position(day, math.ceil(fraction * calendar.office_day(day).length))


def _split(total: Fraction) -> tuple[int, Fraction]:
    """Whole days and the fraction of the last one; a limit ending on a day boundary ends at the previous closing
    rather than at the next opening."""
    whole = math.floor(total)
    fraction = total - whole
    return (whole - 1, Fraction(1)) if fraction == 0 else (whole, fraction)


def _add_working_days(calendar: _Calendar, start: _Position, amount: Fraction) -> _Position:
    whole, fraction = _split(_fraction_of_day(calendar, start) + amount)
    return _on_day(calendar, calendar.shift_working(start.day, whole), fraction)


def _add_office_time(calendar: _Calendar, start: _Position, amount: int) -> _Position:
    year = calendar.year(start.day.year)
    target = year.office_time_before[year.index(start.day)] + start.offset + amount
    while target > year.office_time:
        target -= year.office_time
        year = calendar.year(year.year + 1)
    # bisect_left picks the day whose closing equals the target over the following day's opening.
    index = bisect.bisect_left(year.working_date_starts, target) - 1
    return _Position(year.working_dates[index], target - year.working_date_starts[index])


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    following_month = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return date(year, month + 1, min(day.day, (following_month - timedelta(days=1)).day))


def _add_calendar_time(calendar: _Calendar, start: _Position, *, days: Fraction, months: int) -> _Position:
    whole, fraction = _split(_fraction_of_day(calendar, start) + days)
    target = _add_months(start.day, months) + timedelta(days=whole)
    if not calendar.is_working(target):
        # Civil Code Art. 148: a limit whose last day is a day off ends at the end of the next working day.
        target, fraction = calendar.next_working(target), Fraction(1)
    return _on_day(calendar, target, fraction)


def _calendar_days_span(calendar: _Calendar, start: _Position, end: _Position) -> Fraction:
    return (end.day - start.day).days + _fraction_of_day(calendar, end) - _fraction_of_day(calendar, start)


def _months_span(calendar: _Calendar, start: _Position, end: _Position) -> Fraction:
    start_fraction, end_fraction = _fraction_of_day(calendar, start), _fraction_of_day(calendar, end)
    if (end.day, end_fraction) < (start.day, start_fraction):
        return -_months_span(calendar, end, start)
    months = (end.day.year - start.day.year) * 12 + end.day.month - start.day.month
    while months > 0 and (_add_months(start.day, months), start_fraction) > (end.day, end_fraction):
        months -= 1
    anchor, following = _add_months(start.day, months), _add_months(start.day, months + 1)
    return months + ((end.day - anchor).days + end_fraction - start_fraction) / (following - anchor).days


def _office_time_span(calendar: _Calendar, start: _Position, end: _Position) -> int:
    start_year, end_year = calendar.year(start.day.year), calendar.year(end.day.year)
    span = (
        end_year.office_time_before[end_year.index(end.day)]
        + end.offset
        - start_year.office_time_before[start_year.index(start.day)]
        - start.offset
    )
    span += sum(calendar.year(year).office_time for year in range(start.day.year, end.day.year))
    span -= sum(calendar.year(year).office_time for year in range(end.day.year, start.day.year))
    return span


def _span(calendar: _Calendar, start: _Position, end: _Position, unit: str) -> Fraction:
    if unit == TimeUnit.WORKING_DAY:
        return (
            calendar.working_days_span(start.day, end.day)
            + _fraction_of_day(calendar, end)
            - _fraction_of_day(calendar, start)
        )
    if unit == TimeUnit.HOUR:
        return Fraction(_office_time_span(calendar, start, end), MICROSECONDS_PER_HOUR)
    if unit == TimeUnit.DAY:
        return _calendar_days_span(calendar, start, end)
    return _months_span(calendar, start, end)


def _advance(calendar: _Calendar, start: _Position, amount: Fraction, unit: str) -> datetime:
    if amount == 0:
        return _instant(calendar, start, latest=True)
    if unit == TimeUnit.WORKING_DAY:
        due = _add_working_days(calendar, start, amount)
    elif unit == TimeUnit.HOUR:
        due = _add_office_time(calendar, start, math.ceil(amount * MICROSECONDS_PER_HOUR))
    elif unit == TimeUnit.DAY:
        due = _add_calendar_time(calendar, start, days=amount, months=0)
    else:
        due = _add_calendar_time(calendar, start, days=Fraction(0), months=int(amount))
    return _due_instant(calendar, due)


def _unit(unit: str) -> TimeUnit:
    checked = UNITS.get(unit)
    if checked is None:
        raise ValueError(_("Đơn vị thời hạn không hợp lệ: %(unit)s.") % {"unit": unit})
    return checked


def _amount(value: int | Decimal, unit: TimeUnit) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (Rational, Decimal)):
        raise TypeError(_("Thời hạn phải là số nguyên hoặc Decimal."))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(_("Thời hạn phải là một số hữu hạn."))
    amount = Fraction(value)
    if amount < 0:
        raise ValueError(_("Thời hạn không được âm."))
    if amount > MAX_LIMIT[unit]:
        raise ValueError(_("Thời hạn %(value)s %(unit)s quá dài.") % {"value": value, "unit": unit.label})
    if unit in WHOLE_NUMBER_UNITS and amount.denominator != 1:
        message = _("Thời hạn tính bằng %(unit)s phải là số nguyên.")
        raise ValueError(message % {"unit": str(unit.label).lower()})
    return amount


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(RESULT_QUANTUM)


# --- Public deadline API -------------------------------------------------------------------------------------


def start_of_counting(received_at: datetime, *, unit: str = TimeUnit.WORKING_DAY) -> datetime:
    """When the time limit of a dossier received at `received_at` starts to run.

    Day-based limits: a receipt after MOTCUA_RECEIPT_CUTOFF or on a day off counts from the next working day's
    opening. Hour limits start at once (Civil Code Art. 147.1), or at the next opening outside office hours.
    """
    calendar = _current()
    position = _position(calendar, received_at, cutoff=_unit(unit) != TimeUnit.HOUR)
    return _instant(calendar, position, latest=True)


def add_working_time(start: datetime, *, value: int | Decimal, unit: str) -> datetime:
    """The instant when `value` `unit`s of working time have run from `start`, with no receipt cut-off.

    For step allotments, "due soon" thresholds and other internal arithmetic; a dossier's appointment comes from
    deadline_for_receipt. Working days and calendar days keep the time of day (received at 14:00 with 5 working
    days: due at 14:00 on the fifth working day after); a limit ending on a day boundary ends at the closing of
    its last day. Results are rounded up to the minute.
    """
    calendar = _current()
    checked_unit = _unit(unit)
    return _advance(calendar, _position(calendar, start, cutoff=False), _amount(value, checked_unit), checked_unit)


def deadline_for_receipt(received_at: datetime, *, value: int | Decimal, unit: str) -> datetime:
    """The appointment (ngày hẹn trả) of a dossier received at `received_at` with a limit of `value` `unit`s."""
    calendar = _current()
    checked_unit = _unit(unit)
    start = _position(calendar, received_at, cutoff=checked_unit != TimeUnit.HOUR)
    return _advance(calendar, start, _amount(value, checked_unit), checked_unit)


def restart_deadline(resumed_at: datetime, *, value: int | Decimal, unit: str) -> datetime:
    """Decree 61 Art. 19.4: after a supplement requested at appraisal, the whole limit runs again from zero once
    the complete dossier is back, so `resumed_at` is treated as a new receipt (cut-off included)."""
    return deadline_for_receipt(resumed_at, value=value, unit=unit)


def extend_for_pause(due_at: datetime, *, paused_from: datetime, paused_to: datetime, unit: str) -> datetime:
    """Push `due_at` back by the time the clock was stopped, measured in the limit's own unit.

    For pauses that stop the clock without restarting it (e.g. waiting for the applicant's financial obligation);
    see the decision record for which pause follows which rule.
    """
    calendar = _current()
    checked_unit = _unit(unit)
    if _aware(paused_to) < _aware(paused_from):
        raise ValueError(_("Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu."))
    # A monthly limit is stretched by the calendar days of the pause: months have no fixed length to add.
    measure = TimeUnit.DAY if checked_unit in WHOLE_NUMBER_UNITS else checked_unit
    paused = _span(
        calendar,
        _position(calendar, paused_from, cutoff=False),
        _position(calendar, paused_to, cutoff=False),
        measure,
    )
    if paused == 0:
        return due_at
    return _advance(calendar, _position(calendar, due_at, cutoff=False), paused, measure)


def working_time_elapsed(start: datetime, end: datetime, *, unit: str) -> Decimal:
    """Working time from `start` to `end` in `unit` (negative when `end` is earlier), to six decimal places.

    Counts the same way as add_working_time, so add_working_time(start, value=n, unit=u) counts back to n.
    """
    calendar = _current()
    return _decimal(
        _span(
            calendar,
            _position(calendar, start, cutoff=False),
            _position(calendar, end, cutoff=False),
            _unit(unit),
        )
    )


@dataclass(frozen=True, slots=True)
class Remaining:
    """What is left before a due date: negative amounts once it has passed in working time."""

    working_days: Decimal
    working_hours: Decimal
    is_overdue: bool


def remaining(now: datetime, due_at: datetime) -> Remaining:
    """For near-due and overdue flags; a dossier is overdue from the first instant after `due_at`, even out of
    office hours, when no working time is left to count."""
    return Remaining(
        working_days=working_time_elapsed(now, due_at, unit=TimeUnit.WORKING_DAY),
        working_hours=working_time_elapsed(now, due_at, unit=TimeUnit.HOUR),
        is_overdue=is_late(now, due_at),
    )


def is_late(finished_at: datetime, due_at: datetime) -> bool:
    """Late means after the due instant itself; due dates are whole minutes, as printed on the slips."""
    return _aware(finished_at) > _aware(due_at)
