"""Deadline rules on real dates (docs/decisions/0003-deadline-rules.md)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from motcua.core import calendar, services
from motcua.core.calendar import (
    add_working_time,
    deadline_for_receipt,
    extend_for_pause,
    is_late,
    is_working_day,
    next_working_day,
    remaining,
    restart_deadline,
    start_of_counting,
    working_days_between,
    working_time_elapsed,
)
from motcua.core.constants import CalendarOverrideKind, TimeUnit
from motcua.core.models import CalendarOverride
from motcua.core.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, month: int, year: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


# --- Which days are working days -----------------------------------------------------------------------------


@pytest.mark.parametrize("day", range(10, 17))
def test_tet_tan_suu_2021_is_off_from_10_to_16_february(day):
    assert not is_working_day(date(2021, 2, day))


def test_working_days_resume_around_tet_2021():
    assert is_working_day(date(2021, 2, 9))
    assert is_working_day(date(2021, 2, 17))


@pytest.mark.parametrize(
    "day",
    [
        date(2021, 1, 1),  # Tết Dương lịch
        date(2021, 4, 21),  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
        date(2021, 4, 30),
        date(2021, 5, 3),  # 1/5 fell on a Saturday: the Monday is off instead
        date(2021, 9, 2),
        date(2021, 9, 3),  # the extra National Day holiday since 2021
        date(2025, 5, 2),  # Government swap: off on Friday 2/5/2025 …
    ],
)
def test_public_holidays_and_observed_days_are_off(day):
    assert not is_working_day(day)


def test_government_swap_makes_a_saturday_a_working_day():
    # … worked on Saturday 26/4/2025 instead, as the pinned holidays package records.
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 4, 19))


def test_weekends_are_off_and_weekdays_work():
    assert is_working_day(date(2021, 6, 16))
    assert not is_working_day(date(2021, 6, 19))
    assert not is_working_day(date(2021, 6, 20))


def test_next_working_day_skips_the_weekend_and_tet():
    assert next_working_day(date(2021, 6, 18)) == date(2021, 6, 21)
    assert next_working_day(date(2021, 2, 9)) == date(2021, 2, 17)


def test_next_working_day_crosses_the_new_year():
    assert next_working_day(date(2021, 12, 31)) == date(2022, 1, 4)


def test_working_days_between_counts_after_the_first_day_up_to_the_last():
    assert working_days_between(date(2021, 6, 16), date(2021, 6, 23)) == 5
    assert working_days_between(date(2021, 6, 23), date(2021, 6, 16)) == -5
    assert working_days_between(date(2021, 6, 16), date(2021, 6, 16)) == 0
    assert working_days_between(date(2021, 2, 5), date(2021, 2, 19)) == 5


def test_working_days_between_spans_several_years():
    assert working_days_between(date(2020, 12, 31), date(2022, 1, 4)) == working_days_between(
        date(2020, 12, 31), date(2021, 12, 31)
    ) + 1


# --- When counting starts ------------------------------------------------------------------------------------


def test_receipt_on_saturday_counts_from_monday_opening():
    assert start_of_counting(at(19, 6, 2021, 10)) == at(21, 6, 2021, 7, 30)


def test_receipt_after_the_cutoff_counts_from_the_next_working_day():
    assert start_of_counting(at(16, 6, 2021, 16, 45)) == at(17, 6, 2021, 7, 30)


def test_receipt_at_the_cutoff_still_counts_that_day():
    assert start_of_counting(at(16, 6, 2021, 15)) == at(16, 6, 2021, 15)


def test_receipt_before_opening_or_at_lunch_counts_from_the_next_session():
    assert start_of_counting(at(16, 6, 2021, 6)) == at(16, 6, 2021, 7, 30)
    assert start_of_counting(at(16, 6, 2021, 12)) == at(16, 6, 2021, 13, 30)


def test_receipt_before_tet_in_the_evening_counts_after_tet():
    assert start_of_counting(at(9, 2, 2021, 17, 30)) == at(17, 2, 2021, 7, 30)


def test_hour_limits_ignore_the_cutoff_but_not_office_hours():
    assert start_of_counting(at(16, 6, 2021, 16, 45), unit=TimeUnit.HOUR) == at(16, 6, 2021, 16, 45)
    assert start_of_counting(at(16, 6, 2021, 18), unit=TimeUnit.HOUR) == at(17, 6, 2021, 7, 30)


def test_start_of_counting_accepts_any_timezone():
    # 07:00 UTC is 14:00 in Hà Giang.
    assert start_of_counting(datetime(2021, 6, 16, 7, tzinfo=ZoneInfo("UTC"))) == at(16, 6, 2021, 14)


# --- Working-day deadlines -----------------------------------------------------------------------------------


def test_received_16_june_2021_at_14h_with_5_working_days_is_due_23_june_at_14h():
    assert deadline_for_receipt(at(16, 6, 2021, 14), value=5, unit=TimeUnit.WORKING_DAY) == at(23, 6, 2021, 14)


def test_received_friday_before_tet_2021_is_due_after_tet():
    # Mon 8, Tue 9, (10–16 Tết), Wed 17, Thu 18, Fri 19.
    assert deadline_for_receipt(at(5, 2, 2021, 9), value=5, unit=TimeUnit.WORKING_DAY) == at(19, 2, 2021, 9)


def test_received_after_the_cutoff_is_due_at_the_closing_of_the_last_day():
    assert deadline_for_receipt(at(5, 2, 2021, 16, 45), value=5, unit=TimeUnit.WORKING_DAY) == at(19, 2, 2021, 17)


def test_receipt_on_saturday_gives_the_deadline_of_a_receipt_on_monday_morning():
    saturday = deadline_for_receipt(at(19, 6, 2021, 9), value=5, unit=TimeUnit.WORKING_DAY)
    monday = deadline_for_receipt(at(21, 6, 2021, 7, 30), value=5, unit=TimeUnit.WORKING_DAY)
    assert saturday == monday == at(25, 6, 2021, 17)


def test_deadline_skips_30_april_and_the_observed_1_may_2021():
    # Fri 30/4 and Mon 3/5 are off: Tue 4, Wed 5, Thu 6.
    assert deadline_for_receipt(at(29, 4, 2021, 10), value=3, unit=TimeUnit.WORKING_DAY) == at(6, 5, 2021, 10)


def test_deadline_skips_national_day_2021():
    # Thu 2/9 and Fri 3/9 are off: Mon 6, Tue 7.
    assert deadline_for_receipt(at(1, 9, 2021, 10), value=2, unit=TimeUnit.WORKING_DAY) == at(7, 9, 2021, 10)


def test_half_working_days_take_half_the_office_day():
    # From Wednesday's opening: Wednesday, then half of Thursday's 7.5 office hours (3 h 45 min).
    assert add_working_time(at(16, 6, 2021, 7, 30), value=Decimal("1.5"), unit=TimeUnit.WORKING_DAY) == at(
        17, 6, 2021, 11, 15
    )


def test_due_time_is_rounded_up_to_the_minute():
    received = datetime(2021, 6, 16, 14, 3, 27, tzinfo=HANOI)
    assert deadline_for_receipt(received, value=5, unit=TimeUnit.WORKING_DAY) == at(23, 6, 2021, 14, 4)


def test_zero_limit_is_due_when_counting_starts():
    assert deadline_for_receipt(at(19, 6, 2021, 9), value=0, unit=TimeUnit.WORKING_DAY) == at(21, 6, 2021, 7, 30)
    assert add_working_time(at(16, 6, 2021, 10), value=0, unit=TimeUnit.HOUR) == at(16, 6, 2021, 10)


def test_add_working_time_applies_no_receipt_cutoff():
    assert add_working_time(at(16, 6, 2021, 16, 45), value=1, unit=TimeUnit.WORKING_DAY) == at(17, 6, 2021, 16, 45)


def test_deadline_crosses_the_new_year_and_tet_2022():
    # 31/12/2021 (Fri), then 3/1/2022 is the observed New Year: Tue 4/1/2022 is the first working day.
    assert deadline_for_receipt(at(31, 12, 2021, 9), value=1, unit=TimeUnit.WORKING_DAY) == at(4, 1, 2022, 9)


# --- Hours, calendar days, months ----------------------------------------------------------------------------


def test_hours_count_only_office_hours():
    # 16:00–17:00 on Wednesday, then 07:30–10:30 on Thursday.
    assert deadline_for_receipt(at(16, 6, 2021, 16), value=4, unit=TimeUnit.HOUR) == at(17, 6, 2021, 10, 30)


def test_hours_skip_the_lunch_break():
    assert add_working_time(at(16, 6, 2021, 10), value=2, unit=TimeUnit.HOUR) == at(16, 6, 2021, 14)


def test_hours_ending_at_noon_end_before_lunch():
    assert add_working_time(at(16, 6, 2021, 10, 30), value=1, unit=TimeUnit.HOUR) == at(16, 6, 2021, 11, 30)


def test_calendar_days_keep_the_time_of_day():
    assert deadline_for_receipt(at(16, 6, 2021, 14), value=15, unit=TimeUnit.DAY) == at(1, 7, 2021, 14)


def test_calendar_days_ending_on_a_day_off_end_at_the_close_of_the_next_working_day():
    # 16/6 + 3 days is Saturday 19/6: Civil Code Art. 148 moves the end to Monday's closing.
    assert deadline_for_receipt(at(16, 6, 2021, 14), value=3, unit=TimeUnit.DAY) == at(21, 6, 2021, 17)


def test_calendar_days_counted_from_an_opening_end_at_the_closing_before():
    assert deadline_for_receipt(at(19, 6, 2021, 9), value=10, unit=TimeUnit.DAY) == at(30, 6, 2021, 17)


def test_months_end_on_the_corresponding_day():
    assert deadline_for_receipt(at(16, 6, 2021, 14), value=1, unit=TimeUnit.MONTH) == at(16, 7, 2021, 14)


def test_months_without_the_corresponding_day_end_on_the_last_day_of_the_month():
    assert deadline_for_receipt(at(31, 3, 2021, 10), value=2, unit=TimeUnit.MONTH) == at(31, 5, 2021, 10)


def test_months_ending_on_a_sunday_end_at_the_close_of_monday():
    # 29/1/2021 + 1 month is 28/2/2021, a Sunday.
    assert deadline_for_receipt(at(29, 1, 2021, 10), value=1, unit=TimeUnit.MONTH) == at(1, 3, 2021, 17)


# --- Elapsed, remaining, late ----------------------------------------------------------------------------------


def test_elapsed_working_time_in_each_unit():
    start, end = at(16, 6, 2021, 14), at(23, 6, 2021, 14)
    assert working_time_elapsed(start, end, unit=TimeUnit.WORKING_DAY) == 5
    assert working_time_elapsed(start, end, unit=TimeUnit.HOUR) == Decimal("37.5")
    assert working_time_elapsed(start, end, unit=TimeUnit.DAY) == 7
    assert working_time_elapsed(end, start, unit=TimeUnit.WORKING_DAY) == -5


def test_elapsed_months_count_whole_months_and_the_share_of_the_next():
    assert working_time_elapsed(at(16, 6, 2021, 14), at(16, 8, 2021, 14), unit=TimeUnit.MONTH) == 2
    assert working_time_elapsed(at(1, 6, 2021, 14), at(16, 6, 2021, 14), unit=TimeUnit.MONTH) == Decimal("0.5")
    assert working_time_elapsed(at(16, 8, 2021, 14), at(16, 6, 2021, 14), unit=TimeUnit.MONTH) == -2


def test_remaining_before_the_due_date():
    left = remaining(at(21, 6, 2021, 14), at(23, 6, 2021, 14))
    assert left.working_days == 2
    assert left.working_hours == 15
    assert not left.is_overdue


def test_remaining_after_the_due_date_is_negative_and_overdue():
    left = remaining(at(24, 6, 2021, 14), at(23, 6, 2021, 14))
    assert left.working_days == -1
    assert left.is_overdue


def test_overdue_at_the_weekend_though_no_working_time_is_left():
    left = remaining(at(26, 6, 2021, 9), at(25, 6, 2021, 17))
    assert left.working_days == 0
    assert left.is_overdue


def test_is_late_only_after_the_due_instant():
    due = at(23, 6, 2021, 14)
    assert not is_late(at(23, 6, 2021, 14), due)
    assert is_late(at(23, 6, 2021, 14, 1), due)


# --- Pauses ----------------------------------------------------------------------------------------------------


def test_supplement_after_appraisal_restarts_the_whole_limit():
    # Art. 19.4: the complete dossier comes back on Tuesday 22/6 at 16:45, after the cut-off.
    assert restart_deadline(at(22, 6, 2021, 16, 45), value=5, unit=TimeUnit.WORKING_DAY) == at(29, 6, 2021, 17)


def test_pause_pushes_the_due_date_by_the_working_time_stopped():
    # Stopped Friday 10:00 to Tuesday 10:00: two working days (Friday–Monday), the weekend is free.
    extended = extend_for_pause(
        at(23, 6, 2021, 14), paused_from=at(18, 6, 2021, 10), paused_to=at(22, 6, 2021, 10), unit=TimeUnit.WORKING_DAY
    )
    assert extended == at(25, 6, 2021, 14)


def test_pause_over_tet_costs_no_working_days():
    due = at(22, 2, 2021, 10)
    extended = extend_for_pause(
        due, paused_from=at(9, 2, 2021, 17), paused_to=at(17, 2, 2021, 7, 30), unit=TimeUnit.WORKING_DAY
    )
    assert extended == due


def test_pause_of_an_hour_limit_is_counted_in_office_hours():
    extended = extend_for_pause(
        at(17, 6, 2021, 10), paused_from=at(16, 6, 2021, 16), paused_to=at(17, 6, 2021, 8), unit=TimeUnit.HOUR
    )
    # 1.5 office hours stopped: 10:00 + 1:30 = 11:30.
    assert extended == at(17, 6, 2021, 11, 30)


def test_pause_of_a_calendar_limit_is_counted_in_calendar_days():
    extended = extend_for_pause(
        at(1, 7, 2021, 14), paused_from=at(21, 6, 2021, 14), paused_to=at(24, 6, 2021, 14), unit=TimeUnit.DAY
    )
    # 1/7 + 3 days = Sunday 4/7: the limit ends at Monday's closing.
    assert extended == at(5, 7, 2021, 17)


def test_pause_of_a_monthly_limit_is_counted_in_calendar_days():
    extended = extend_for_pause(
        at(16, 7, 2021, 14), paused_from=at(21, 6, 2021, 14), paused_to=at(22, 6, 2021, 14), unit=TimeUnit.MONTH
    )
    assert extended == at(19, 7, 2021, 17)


def test_pause_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="tạm dừng"):
        extend_for_pause(
            at(23, 6, 2021, 14), paused_from=at(22, 6, 2021, 10), paused_to=at(21, 6, 2021, 10), unit=TimeUnit.HOUR
        )


# --- Deployment overrides ----------------------------------------------------------------------------------------


def test_extra_day_off_shifts_the_deadline():
    CalendarOverrideFactory(date=date(2021, 6, 17), kind=CalendarOverrideKind.DAY_OFF)
    assert not is_working_day(date(2021, 6, 17))
    assert deadline_for_receipt(at(16, 6, 2021, 14), value=5, unit=TimeUnit.WORKING_DAY) == at(24, 6, 2021, 14)


def test_extra_working_saturday_counts():
    CalendarOverrideFactory(date=date(2021, 6, 19), kind=CalendarOverrideKind.WORKING_DAY)
    assert is_working_day(date(2021, 6, 19))
    assert deadline_for_receipt(at(16, 6, 2021, 14), value=5, unit=TimeUnit.WORKING_DAY) == at(22, 6, 2021, 14)


def test_deleting_an_override_restores_the_calendar():
    override = CalendarOverrideFactory(date=date(2021, 6, 17), kind=CalendarOverrideKind.DAY_OFF)
    assert not is_working_day(date(2021, 6, 17))
    services.calendar_override_delete(override=override)
    assert is_working_day(date(2021, 6, 17))


def test_overrides_written_elsewhere_are_seen_after_the_refresh_interval(settings):
    assert is_working_day(date(2021, 6, 17))
    # Another process writes the row: this one learns of it only by re-reading the table.
    CalendarOverride.objects.create(date=date(2021, 6, 17), kind=CalendarOverrideKind.DAY_OFF, reason="Nghỉ thêm")
    assert is_working_day(date(2021, 6, 17))
    calendar._current().checked_at -= settings.MOTCUA_CALENDAR_REFRESH_SECONDS + 1
    assert not is_working_day(date(2021, 6, 17))


def test_warm_calendar_computes_deadlines_without_queries(django_assert_num_queries):
    deadline_for_receipt(at(16, 6, 2021, 14), value=5, unit=TimeUnit.WORKING_DAY)
    with django_assert_num_queries(0):
        for unit in TimeUnit.values:
            deadline_for_receipt(at(16, 6, 2021, 14), value=5, unit=unit)
            working_time_elapsed(at(16, 6, 2021, 14), at(23, 6, 2022, 14), unit=unit)


# --- Office hours settings -------------------------------------------------------------------------------------


def test_seasonal_office_hours_follow_the_date(settings):
    settings.MOTCUA_OFFICE_HOURS = "04-15=07:00-11:30,14:00-17:30;10-15=07:30-11:30,13:30-17:00"
    assert start_of_counting(at(16, 6, 2021, 6, 30)) == at(16, 6, 2021, 7)
    assert start_of_counting(at(16, 12, 2021, 6, 30)) == at(16, 12, 2021, 7, 30)
    assert add_working_time(at(16, 6, 2021, 11), value=1, unit=TimeUnit.HOUR) == at(16, 6, 2021, 14, 30)


def test_season_listed_first_wraps_from_the_previous_year(settings):
    settings.MOTCUA_OFFICE_HOURS = "04-15=07:00-11:30,14:00-17:30;10-15=08:00-11:30,13:30-17:00"
    assert start_of_counting(at(5, 1, 2021, 6)) == at(5, 1, 2021, 8)


def test_receipt_cutoff_is_a_setting(settings):
    settings.MOTCUA_RECEIPT_CUTOFF = "17:00"
    assert start_of_counting(at(16, 6, 2021, 16, 45)) == at(16, 6, 2021, 16, 45)


def test_calendar_days_after_closing_count_from_the_next_working_day_even_with_a_late_cutoff(settings):
    settings.MOTCUA_RECEIPT_CUTOFF = "18:00"
    friday_evening = deadline_for_receipt(at(18, 6, 2021, 17, 30), value=3, unit=TimeUnit.DAY)
    saturday = deadline_for_receipt(at(19, 6, 2021, 9), value=3, unit=TimeUnit.DAY)
    assert friday_evening == saturday == at(23, 6, 2021, 17)


@pytest.mark.parametrize(
    "office_hours",
    ["", "07:30-11:30,11:00-17:00", "7h30-11h30", "17:00-07:30", "13-01=07:30-17:00", "07:30-25:00"],
)
def test_broken_office_hours_are_reported_at_first_use(settings, office_hours):
    settings.MOTCUA_OFFICE_HOURS = office_hours
    with pytest.raises(ImproperlyConfigured, match="MOTCUA_OFFICE_HOURS"):
        is_working_day(date(2021, 6, 16))


# --- Bad input ---------------------------------------------------------------------------------------------------


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="múi giờ"):
        start_of_counting(datetime(2021, 6, 16, 14))
    with pytest.raises(ValueError, match="múi giờ"):
        is_late(datetime(2021, 6, 16, 14), at(16, 6, 2021, 14))


@pytest.mark.parametrize(
    ("value", "unit", "error", "message"),
    [
        (-1, TimeUnit.WORKING_DAY, ValueError, "âm"),
        (Decimal("1.5"), TimeUnit.DAY, ValueError, "số nguyên"),
        (Decimal("0.5"), TimeUnit.MONTH, ValueError, "số nguyên"),
        (Decimal("NaN"), TimeUnit.HOUR, ValueError, "hữu hạn"),
        (10**9, TimeUnit.WORKING_DAY, ValueError, "quá dài"),
        (1.5, TimeUnit.WORKING_DAY, TypeError, "Decimal"),
        (5, "tuan", ValueError, "Đơn vị"),
    ],
)
def test_bad_limits_are_refused_with_a_vietnamese_message(value, unit, error, message):
    with pytest.raises(error, match=message):
        deadline_for_receipt(at(16, 6, 2021, 14), value=value, unit=unit)

