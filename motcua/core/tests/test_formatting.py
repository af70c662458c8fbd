"""Vietnamese number, percent and date formats (motcua/core/formatting.py)."""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.formatting import format_date, format_datetime, format_number, format_percent, percent_value

# How a Vietnamese reader reads a number: dots group thousands by three, the comma starts the decimals.
VIETNAMESE_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})*)(?:,\d+)?$")


def read_vietnamese_number(text: str) -> Decimal:
    assert VIETNAMESE_NUMBER.match(text), f"{text!r} is not written the Vietnamese way"
    return Decimal(text.replace(".", "").replace(",", "."))


def test_thousands_are_grouped_with_dots():
    assert format_number(1671) == "1.671"
    assert format_number(1_234_567) == "1.234.567"
    assert format_number(-1671) == "-1.671"
    assert format_number(999) == "999"


def test_decimals_follow_a_comma():
    assert format_number(Decimal("1671.5"), 2) == "1.671,50"
    assert format_number(Decimal("0.25"), 1) == "0,2"


def test_percent_uses_a_decimal_comma_and_prints_whole_percentages_bare():
    assert format_percent(8969, 10000) == "89,69%"
    assert format_percent(110, 10000) == "1,10%"  # as the Directive writes it: "cấp huyện 1,10%"
    assert format_percent(1, 2) == "50%"
    assert format_percent(1, 3) == "33,33%"
    assert format_percent(513, 10000) == "5,13%"


def test_percent_value_is_rounded_half_up_to_two_decimals_and_none_without_a_denominator():
    assert percent_value(4658, 10000) == Decimal("46.58")
    assert percent_value(1, 8) == Decimal("12.50")  # 12.5 exactly
    assert percent_value(1, 3) == Decimal("33.33")
    assert percent_value(2, 3) == Decimal("66.67")
    assert percent_value(1, 400) == Decimal("0.25")
    assert percent_value(1, 800) == Decimal("0.13")  # 0.125: half up, not to even
    assert percent_value(5, 0) is None


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_percent_value_is_within_half_a_hundredth_of_the_ratio(numerator, denominator):
    value = percent_value(numerator, denominator)
    assert abs(value - Decimal(numerator) * 100 / denominator) <= Decimal("0.005")


def test_percent_of_nothing_is_zero():
    assert format_percent(5, 0) == "0%"


def test_dates_are_day_month_year():
    assert format_date(date(2021, 6, 16)) == "16/06/2021"
    assert format_date(None) == ""


def test_aware_datetimes_are_shown_in_vietnamese_time():
    # 17:30 UTC on 15/6 is already 00:30 on 16/6 in Hà Giang.
    moment = datetime(2021, 6, 15, 17, 30, tzinfo=ZoneInfo("UTC"))
    assert format_date(moment) == "16/06/2021"
    assert format_datetime(moment) == "00:30 16/06/2021"
    assert format_datetime(None) == ""


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_read_back_from_their_vietnamese_form(value):
    assert read_vietnamese_number(format_number(value)) == value


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=4),
)
def test_decimals_read_back_from_their_vietnamese_form(value, decimals):
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    assert read_vietnamese_number(format_number(rounded, decimals)) == rounded


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_percent_reads_back_to_the_ratio_to_two_decimals(numerator, denominator):
    text = format_percent(numerator, denominator)
    assert text.endswith("%")
    expected = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    assert read_vietnamese_number(text[:-1]) == expected


@pytest.mark.parametrize("text", ["1,671.50", "1.67", "1671.5"])
def test_the_reader_rejects_english_or_ambiguous_forms(text):
    # Guards the guard: the round-trip tests would pass vacuously if the reader accepted anything.
    with pytest.raises(AssertionError):
        read_vietnamese_number(text)
