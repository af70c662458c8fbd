import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.organization.codes import AgencyCode, InvalidAgencyCode, is_agency_code
from motcua.organization.constants import AGENCY_CODE_PATTERN

level1_codes = st.from_regex(r"[A-Y][0-9]{2}", fullmatch=True)
agency_codes = st.builds(AgencyCode, level1_codes, st.integers(0, 99), st.integers(0, 99), st.integers(0, 999))


@given(agency_codes)
def test_code_survives_formatting_and_parsing(code):
    text = str(code)

    assert re.fullmatch(AGENCY_CODE_PATTERN, text)
    assert AgencyCode.parse(text) == code


@given(st.text(max_size=20))
def test_parse_accepts_exactly_the_qcvn102_shape(text):
    if re.fullmatch(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Y][0-9]{2}", text):
        assert str(AgencyCode.parse(text)) == text
    else:
        with pytest.raises(InvalidAgencyCode):
            AgencyCode.parse(text)


@pytest.mark.parametrize(
    "text", ["000.00.00.H22\n", "000.00.00.Z22", "000.00.00.h22", "00.00.00.H22", "000.00.00.H2", "٠٠٠.00.00.H22", ""]
)
def test_near_misses_are_not_agency_codes(text):
    assert not is_agency_code(text)


def test_province_body_is_all_zero_below_level_one():
    assert str(AgencyCode("H22")) == "000.00.00.H22"


def test_children_fill_groups_from_right_to_left():
    province = AgencyCode("H22")

    district = province.child(51)
    commune = district.child(7)

    assert (str(district), str(commune), str(commune.child(120))) == ("000.00.51.H22", "000.07.51.H22", "120.07.51.H22")


def test_level_four_has_no_children():
    with pytest.raises(InvalidAgencyCode):
        AgencyCode("H22", 1, 1, 1).child(1)


@pytest.mark.parametrize("arguments", [("H2",), ("H22", 100), ("H22", 0, -1), ("H22", 0, 0, 1000)])
def test_out_of_range_groups_are_refused(arguments):
    with pytest.raises(InvalidAgencyCode):
        AgencyCode(*arguments)
