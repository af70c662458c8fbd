from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.codes import format_code, parse_code

# QCVN 102:2016 agency codes: V1V2V3.Z1Z2.Y1Y2.MX1X2.
agency_codes = st.builds(
    lambda v, z, y, m, x: f"{v:03d}.{z:02d}.{y:02d}.{m}{x:02d}",
    st.integers(0, 999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXY"),
    st.integers(0, 99),
)
# Two-digit years read back within 2000–2068 (datetime's %y pivot), the lifetime of this system.
reception_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2068, 12, 31))


@given(agency_codes, reception_days, st.integers(1, 9999))
def test_code_round_trips_through_format_and_parse(agency_code, day, number):
    code = format_code(agency_code, day, number)
    parsed = parse_code(code)
    assert (parsed.agency_code, parsed.day, parsed.number) == (agency_code, day, number)
    assert str(parsed) == code


def test_code_has_the_circular_format():
    assert format_code("000.00.00.H22", date(2021, 6, 16), 1) == "000.00.00.H22-210616-0001"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "000.00.00.H22-210616",
        "000.00.00.H22-210616-00001",
        "000.00.00.H22-211301-0001",  # month 13
        "000.00.00.H22-210230-0001",  # 30 February
        "000.00.00.H22-210616-0000",  # numbering starts at 0001
        "000.00.00.H22/210616-0001",
        "<script>-210616-0001",
    ],
)
def test_parse_rejects_what_is_not_a_dossier_code(text):
    assert parse_code(text) is None


def test_parse_accepts_lower_case_and_surrounding_spaces():
    assert str(parse_code("  000.00.00.h22-210616-0042 ")) == "000.00.00.H22-210616-0042"


@given(st.text(max_size=40))
def test_parse_never_fails_on_arbitrary_text(text):
    parsed = parse_code(text)
    assert parsed is None or parse_code(str(parsed)) == parsed


@pytest.mark.parametrize("number", [0, 10000])
def test_format_refuses_numbers_outside_four_digits(number):
    with pytest.raises(ValueError):
        format_code("000.00.00.H22", date(2021, 6, 16), number)
