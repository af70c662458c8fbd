import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import assume, given
from hypothesis import strategies as st

from motcua.accounts.constants import CCCD_PROVINCE_CODES, TAX_CODE_WEIGHTS, Gender
from motcua.accounts.tests.factories import make_cccd, make_tax_code
from motcua.accounts.validators import (
    normalise_identifier,
    normalise_phone,
    normalise_staff_username,
    parse_cccd,
    parse_tax_code,
    tax_code_check_digit,
)

provinces = st.sampled_from(sorted(CCCD_PROVINCE_CODES))
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=timezone.localdate())
genders = st.sampled_from(list(Gender))
serials = st.integers(min_value=0, max_value=999_999)
nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(
    lambda d: tax_code_check_digit(d) is not None
)
branches = st.integers(min_value=1, max_value=999).map(lambda n: f"{n:03d}")


def error_code(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.code


# --- CCCD ---------------------------------------------------------------------------------------------------------


def test_province_list_is_the_official_63_codes_with_their_gaps():
    assert len(CCCD_PROVINCE_CODES) == 63
    assert CCCD_PROVINCE_CODES["001"] == "Hà Nội"
    assert CCCD_PROVINCE_CODES["002"] == "Hà Giang"
    assert CCCD_PROVINCE_CODES["004"] == "Cao Bằng"
    assert CCCD_PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert CCCD_PROVINCE_CODES["096"] == "Cà Mau"
    assert not {"000", "003", "005", "007", "009", "013", "016", "018", "021", "023", "028", "029", "097"} & set(
        CCCD_PROVINCE_CODES
    )


@given(province=provinces, birth_date=birth_dates, gender=genders, serial=serials)
def test_generated_cccd_passes_and_decodes_its_first_six_digits(province, birth_date, gender, serial):
    number = make_cccd(province_code=province, birth_year=birth_date.year, gender=gender, serial=serial)

    cccd = parse_cccd(number, birth_date=birth_date, gender=gender)

    assert (cccd.number, cccd.province_code, cccd.gender, cccd.birth_year) == (
        number,
        province,
        gender,
        birth_date.year,
    )


def test_cccd_typed_in_groups_is_stored_as_twelve_digits():
    assert parse_cccd(" 002 190.012 345 ").number == "002190012345"
    assert parse_cccd("002190012345").province_name == "Hà Giang"


@given(prefix=st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}"), serial=serials)
def test_cccd_whose_first_three_digits_are_no_province_code_is_refused(prefix, serial):
    assume(prefix not in CCCD_PROVINCE_CODES)
    number = f"{prefix}190{serial:06d}"

    with pytest.raises(ValidationError) as caught:
        parse_cccd(number)

    assert caught.value.code == "cccd_province"
    assert caught.value.messages == [
        f"Ba chữ số đầu của số CCCD ({prefix}) không phải là mã tỉnh, thành phố nơi đăng ký khai sinh."
    ]


@given(province=provinces, birth_date=birth_dates, gender=genders, serial=serials, wrong_digit=st.integers(0, 9))
def test_century_digit_of_another_century_than_the_birth_year_is_refused(
    province, birth_date, gender, serial, wrong_digit
):
    number = make_cccd(province_code=province, birth_year=birth_date.year, gender=gender, serial=serial)
    assume(wrong_digit // 2 != int(number[3]) // 2)
    corrupted = number[:3] + str(wrong_digit) + number[4:]

    assert error_code(lambda: parse_cccd(corrupted, birth_date=birth_date)) in {"cccd_birth_year", "cccd_future"}


@given(province=provinces, birth_date=birth_dates, gender=genders, serial=serials, other_year=st.integers(0, 99))
def test_year_digits_other_than_the_birth_year_are_refused(province, birth_date, gender, serial, other_year):
    assume(other_year != birth_date.year % 100)
    number = make_cccd(province_code=province, birth_year=birth_date.year, gender=gender, serial=serial)
    corrupted = number[:4] + f"{other_year:02d}" + number[6:]

    assert error_code(lambda: parse_cccd(corrupted, birth_date=birth_date)) in {"cccd_birth_year", "cccd_future"}


def test_birth_year_mismatch_names_the_digits_the_birth_year_requires():
    with pytest.raises(ValidationError) as caught:
        parse_cccd("002190012345", birth_date=date(2001, 3, 8))

    expected = (
        "Số CCCD không khớp với năm sinh 2001: với người sinh năm 2001, chữ số thứ tư phải là 2 (nam) hoặc 3 (nữ) "
        "và chữ số thứ năm, thứ sáu phải là 01."
    )
    assert caught.value.messages == [expected]


@given(province=provinces, birth_date=birth_dates, gender=genders, serial=serials)
def test_declared_gender_must_agree_with_the_century_gender_digit(province, birth_date, gender, serial):
    number = make_cccd(province_code=province, birth_year=birth_date.year, gender=gender, serial=serial)
    other_gender = Gender.MALE if gender == Gender.FEMALE else Gender.FEMALE

    assert error_code(lambda: parse_cccd(number, birth_date=birth_date, gender=other_gender)) == "cccd_gender"


def test_cccd_encoding_a_birth_year_still_to_come_is_refused():
    next_year = timezone.localdate().year + 1
    number = make_cccd(birth_year=next_year, gender=Gender.MALE)

    assert error_code(lambda: parse_cccd(number)) == "cccd_future"


@given(st.text(max_size=20))
def test_anything_but_twelve_digits_is_refused_with_the_format_message(text):
    assume(not re.fullmatch(r"[0-9]{12}", re.sub(r"[\s.]", "", text)))

    with pytest.raises(ValidationError) as caught:
        parse_cccd(text)

    assert caught.value.messages == ["Số CCCD phải gồm đúng 12 chữ số."]


def test_unicode_digits_are_not_cccd_digits():
    assert error_code(lambda: parse_cccd("٠٠٢١٩٠٠١٢٣٤٥")) == "cccd_format"


# --- Tax code -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("published", ["0100109106", "0101248141", "0300588569"])
def test_published_enterprise_tax_codes_pass(published):
    assert parse_tax_code(published).number == published


@given(first_nine=nine_digits)
def test_generated_tax_code_passes(first_nine):
    tax_code = make_tax_code(first_nine)

    assert parse_tax_code(tax_code).number == tax_code


@given(first_nine=nine_digits, wrong_check_digit=st.integers(0, 9))
def test_any_other_check_digit_fails(first_nine, wrong_check_digit):
    assume(wrong_check_digit != tax_code_check_digit(first_nine))

    assert error_code(lambda: parse_tax_code(f"{first_nine}{wrong_check_digit}")) == "tax_code_check_digit"


@given(first_nine=nine_digits, position=st.integers(0, 9), new_digit=st.integers(0, 9))
def test_any_single_digit_corruption_of_the_first_ten_digits_fails(first_nine, position, new_digit):
    tax_code = make_tax_code(first_nine)
    assume(int(tax_code[position]) != new_digit)
    corrupted = tax_code[:position] + str(new_digit) + tax_code[position + 1 :]

    assert error_code(lambda: parse_tax_code(corrupted)) == "tax_code_check_digit"


@given(first_eight=st.text(alphabet="0123456789", min_size=8, max_size=8), tenth=st.integers(0, 9))
def test_nine_digits_without_a_possible_check_digit_never_make_a_tax_code(first_eight, tenth):
    # Choose the ninth digit (weight 3; 3 × 4 ≡ 1 mod 11) that makes the weighted sum a multiple of 11.
    partial_sum = sum(weight * int(digit) for weight, digit in zip(TAX_CODE_WEIGHTS, first_eight))
    ninth = (-partial_sum * 4) % 11
    assume(ninth < 10)
    first_nine = f"{first_eight}{ninth}"
    assert tax_code_check_digit(first_nine) is None

    assert error_code(lambda: parse_tax_code(f"{first_nine}{tenth}")) == "tax_code_check_digit"


@given(first_nine=nine_digits, branch=branches)
def test_branch_tax_code_written_with_or_without_hyphen_is_the_same_code(first_nine, branch):
    base = make_tax_code(first_nine)

    assert (
        parse_tax_code(f"{base}-{branch}") == parse_tax_code(f"{base}{branch}") == parse_tax_code(f"{base} - {branch}")
    )
    assert parse_tax_code(f"{base}{branch}").number == f"{base}-{branch}"


def test_branch_number_000_is_refused():
    assert error_code(lambda: parse_tax_code("0100109106-000")) == "tax_code_branch"


@pytest.mark.parametrize(
    "malformed", ["", "010010910", "01001091061", "0100109106-01", "0100109106-0001", "01OO109106"]
)
def test_malformed_tax_code_gets_the_format_message(malformed):
    assert error_code(lambda: parse_tax_code(malformed)) == "tax_code_format"


# --- Phone --------------------------------------------------------------------------------------------------------

mobile_numbers = st.tuples(st.sampled_from("35789"), st.text(alphabet="0123456789", min_size=8, max_size=8)).map(
    lambda parts: f"0{parts[0]}{parts[1]}"
)


@given(number=mobile_numbers, written=st.sampled_from(["{0}", "+84{9}", "+84 {9}", "84{9}", "0084{9}", "{0}"]))
def test_mobile_number_in_any_written_form_is_stored_domestic(number, written):
    typed = written.replace("{0}", number).replace("{9}", number[1:])
    spaced = f"{typed[:-6]} {typed[-6:-3]}.{typed[-3:]}"

    assert normalise_phone(typed) == number
    assert normalise_phone(spaced) == number


@pytest.mark.parametrize(
    "not_mobile", ["0212345678", "0412345678", "0612345678", "091234567", "09123456789", "+8412345678", ""]
)
def test_number_that_is_no_vietnamese_mobile_is_refused(not_mobile):
    assert error_code(lambda: normalise_phone(not_mobile)) == "phone"


# --- Login identifiers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" 002 190 012 345 ", "002190012345"),
        ("0100109106", "0100109106"),
        ("0100109106001", "0100109106-001"),
        ("0100109106 - 001", "0100109106-001"),
        ("Tinh.MotCua", "tinh.motcua"),
    ],
)
def test_identifier_is_normalised_to_the_stored_username(typed, stored):
    assert normalise_identifier(typed) == stored


@pytest.mark.parametrize("username", ["ab", "1canbo", "cán.bộ", "can bo", "x" * 151])
def test_staff_username_outside_the_allowed_shape_is_refused(username):
    assert error_code(lambda: normalise_staff_username(username)) == "staff_username"
