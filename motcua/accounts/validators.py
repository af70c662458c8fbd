"""Vietnamese identifiers: CCCD (personal identification number), tax code (mã số thuế) and mobile phone number.

Each `parse_*` / `normalise_*` function takes what a person typed (spaces, dots, a hyphen, +84 …) and returns the
canonical stored form, or raises ValidationError with a Vietnamese message and a stable error code.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import CCCD_PROVINCE_CODES, MOBILE_PREFIXES, TAX_CODE_WEIGHTS, Gender
from motcua.core.text import nfc

_CCCD = re.compile(r"[0-9]{12}")
_TAX_CODE = re.compile(r"(?P<base>[0-9]{10})(?:-?(?P<branch>[0-9]{3}))?")
_MOBILE = re.compile("0[" + "".join(prefix[1] for prefix in MOBILE_PREFIXES) + "][0-9]{8}")
_STAFF_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,149}")
# People group the digits of a CCCD or tax code with spaces or dots when they copy them from a card.
_DIGIT_GROUPING = re.compile(r"[\s.]")
# Digits are ASCII only: `\d` would also accept Arabic-Indic and other Unicode digits.
_PHONE_PUNCTUATION = re.compile(r"[\s.\-()]")

CCCD_FORMAT_MESSAGE = _("Số CCCD phải gồm đúng 12 chữ số.")
CCCD_PROVINCE_MESSAGE = _(
    "Ba chữ số đầu của số CCCD (%(code)s) không phải là mã tỉnh, thành phố nơi đăng ký khai sinh."
)
CCCD_FUTURE_MESSAGE = _("Số CCCD không hợp lệ: năm sinh ghi trong số (%(year)s) chưa tới.")
CCCD_BIRTH_YEAR_MESSAGE = _(
    "Số CCCD không khớp với năm sinh %(year)s: với người sinh năm %(year)s, chữ số thứ tư phải là "
    "%(male_digit)s (nam) hoặc %(female_digit)s (nữ) và chữ số thứ năm, thứ sáu phải là %(year_digits)s."
)
CCCD_GENDER_MESSAGE = _("Số CCCD ghi giới tính %(cccd_gender)s, không khớp với giới tính đã khai.")
TAX_CODE_FORMAT_MESSAGE = _(
    "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số đối với chi nhánh, đơn vị phụ thuộc "
    "(ví dụ 0100109106 hoặc 0100109106-001)."
)
TAX_CODE_CHECK_DIGIT_MESSAGE = _(
    "Mã số thuế không đúng: chữ số kiểm tra (chữ số thứ mười) không khớp. Vui lòng xem lại."
)
TAX_CODE_BRANCH_MESSAGE = _("Ba chữ số cuối của mã số thuế chi nhánh, đơn vị phụ thuộc phải từ 001 đến 999.")
PHONE_MESSAGE = _(
    "Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể ghi +84 thay cho số 0 đầu)."
)
STAFF_USERNAME_MESSAGE = _(
    "Tên đăng nhập gồm 3 đến 150 ký tự: chữ cái không dấu, chữ số và các dấu . _ -, bắt đầu bằng một chữ cái."
)


# --- CCCD ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cccd:
    """A CCCD number and what its first six digits say (Nghị định 137/2015, Thông tư 07/2016/TT-BCA)."""

    number: str
    province_code: str
    gender: Gender
    birth_year: int

    @property
    def province_name(self) -> str:
        return CCCD_PROVINCE_CODES[self.province_code]


def century_gender_digit(birth_year: int, gender: Gender) -> str:
    """The fourth digit: 0/1 for men/women born 1900–1999, 2/3 for 2000–2099, 4/5 for 2100–2199 …"""
    return str((birth_year // 100 - 19) * 2 + (1 if gender == Gender.FEMALE else 0))


def parse_cccd(value: str, *, birth_date: date | None = None, gender: Gender | str | None = None) -> Cccd:
    """Check a CCCD number, and its agreement with the birth date and gender when they are given."""
    number = _DIGIT_GROUPING.sub("", value or "")
    if not _CCCD.fullmatch(number):
        raise ValidationError(CCCD_FORMAT_MESSAGE, code="cccd_format")
    province_code = number[:3]
    if province_code not in CCCD_PROVINCE_CODES:
        raise ValidationError(CCCD_PROVINCE_MESSAGE, code="cccd_province", params={"code": province_code})
    century_gender = int(number[3])
    birth_year = 1900 + 100 * (century_gender // 2) + int(number[4:6])
    decoded_gender = Gender.FEMALE if century_gender % 2 else Gender.MALE
    if birth_year > timezone.localdate().year:
        raise ValidationError(CCCD_FUTURE_MESSAGE, code="cccd_future", params={"year": birth_year})
    if birth_date is not None and birth_date.year != birth_year:
        raise ValidationError(
            CCCD_BIRTH_YEAR_MESSAGE,
            code="cccd_birth_year",
            params={
                "year": birth_date.year,
                "male_digit": century_gender_digit(birth_date.year, Gender.MALE),
                "female_digit": century_gender_digit(birth_date.year, Gender.FEMALE),
                "year_digits": f"{birth_date.year % 100:02d}",
            },
        )
    if gender and gender != decoded_gender:
        raise ValidationError(
            CCCD_GENDER_MESSAGE, code="cccd_gender", params={"cccd_gender": decoded_gender.label.lower()}
        )
    return Cccd(number=number, province_code=province_code, gender=decoded_gender, birth_year=birth_year)


# --- Tax code -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxCode:
    """A 10-digit enterprise tax code, or 13 digits (the parent's 10 + a branch number) for a dependent unit."""

    base: str
    branch: str = ""

    @property
    def number(self) -> str:
        """The written form of Thông tư 105/2020/TT-BTC: 0100109106 or 0100109106-001."""
        return f"{self.base}-{self.branch}" if self.branch else self.base


def tax_code_check_digit(first_nine_digits: str) -> int | None:
    """The tenth digit for these nine, or None when the weighted sum leaves no valid digit (such codes are never issued)."""
    weighted_sum = sum(weight * int(digit) for weight, digit in zip(TAX_CODE_WEIGHTS, first_nine_digits, strict=True))
    check_digit = 10 - weighted_sum % 11
    return None if check_digit == 10 else check_digit


def parse_tax_code(value: str) -> TaxCode:
    match = _TAX_CODE.fullmatch(re.sub(r"\s", "", value or ""))
    if not match:
        raise ValidationError(TAX_CODE_FORMAT_MESSAGE, code="tax_code_format")
    base, branch = match["base"], match["branch"] or ""
    if tax_code_check_digit(base[:9]) != int(base[9]):
        raise ValidationError(TAX_CODE_CHECK_DIGIT_MESSAGE, code="tax_code_check_digit")
    if branch == "000":
        raise ValidationError(TAX_CODE_BRANCH_MESSAGE, code="tax_code_branch")
    return TaxCode(base=base, branch=branch)


# --- Phone --------------------------------------------------------------------------------------------------------


def normalise_phone(value: str) -> str:
    """A mobile number in its 10-digit domestic form: +84 912 345 678 → 0912345678."""
    compact = _PHONE_PUNCTUATION.sub("", value or "")
    for international_prefix in ("+84", "0084", "84"):
        if compact.startswith(international_prefix) and len(compact) == len(international_prefix) + 9:
            compact = "0" + compact[len(international_prefix) :]
            break
    if not _MOBILE.fullmatch(compact):
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return compact


# --- Login identifiers --------------------------------------------------------------------------------------------


def normalise_staff_username(value: str) -> str:
    username = nfc(value).casefold()
    if not _STAFF_USERNAME.fullmatch(username):
        raise ValidationError(STAFF_USERNAME_MESSAGE, code="staff_username")
    return username


def normalise_identifier(value: str) -> str:
    """The stored login identifier for what a person typed: a CCCD, a tax code (either written form) or a username.

    It does not validate: an identifier that matches no account simply finds nothing.
    """
    text = nfc(value)
    digits = _DIGIT_GROUPING.sub("", text)
    if _CCCD.fullmatch(digits):
        return digits
    tax_code = _TAX_CODE.fullmatch(digits)
    if tax_code:
        return TaxCode(base=tax_code["base"], branch=tax_code["branch"] or "").number
    return text.casefold()
