from datetime import date

import factory

from motcua.accounts.constants import AccountKind, Gender
from motcua.accounts.models import User
from motcua.accounts.validators import century_gender_digit, tax_code_check_digit

PASSWORD = "Hoa-ban-tr@ng-2021"


def make_cccd(
    *, province_code: str = "002", birth_year: int = 1990, gender: Gender = Gender.FEMALE, serial: int = 1
) -> str:
    """A well-formed CCCD: province of birth registration, century/gender digit, year, six-digit serial."""
    return f"{province_code}{century_gender_digit(birth_year, gender)}{birth_year % 100:02d}{serial:06d}"


def make_tax_code(first_nine: str) -> str:
    """Ten digits with the official check digit; `first_nine` must be a prefix that has one."""
    check_digit = tax_code_check_digit(first_nine)
    assert check_digit is not None, f"{first_nine} has no valid check digit"
    return f"{first_nine}{check_digit}"


def _sequential_tax_code(n: int) -> str:
    # Some nine-digit prefixes have no valid check digit; step over them.
    serial = n * 2
    while tax_code_check_digit(f"51{serial:07d}") is None:
        serial += 1
    return make_tax_code(f"51{serial:07d}")


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    kind = AccountKind.CITIZEN
    birth_date = date(1990, 5, 12)
    gender = Gender.FEMALE
    cccd = factory.Sequence(lambda n: make_cccd(birth_year=1990, gender=Gender.FEMALE, serial=n + 1))
    username = factory.SelfAttribute("cccd")
    full_name = factory.Sequence(lambda n: f"Lò Thị Mai {n}")
    phone = "0912345678"
    email = factory.Sequence(lambda n: f"congdan{n}@example.com")
    password = factory.django.Password(PASSWORD)


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    kind = AccountKind.BUSINESS
    tax_code = factory.Sequence(_sequential_tax_code)
    username = factory.SelfAttribute("tax_code")
    full_name = factory.Sequence(lambda n: f"Công ty TNHH Chè Shan Tuyết {n}")
    representative = "Nguyễn Văn Minh"
    phone = "0987654321"
    email = factory.Sequence(lambda n: f"doanhnghiep{n}@example.com")
    password = factory.django.Password(PASSWORD)


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    kind = AccountKind.STAFF
    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Hoàng Văn Thắng {n}")
    email = factory.Sequence(lambda n: f"canbo{n}@example.com")
    password = factory.django.Password(PASSWORD)
