"""Account writes: registration of citizens and businesses, staff creation, single sign-on sync, demo accounts.

The registration and staff functions validate everything first and raise one ValidationError keyed by their own
argument names (so a form can show each message beside its field), then write in one transaction: bad input
changes nothing.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import AccountKind, Gender
from motcua.accounts.models import User
from motcua.accounts.validators import (
    normalise_phone,
    normalise_staff_username,
    parse_cccd,
    parse_tax_code,
)
from motcua.core.text import nfc
from motcua.organization import services as organization_services
from motcua.organization.constants import StaffRole

REQUIRED_MESSAGE = _("Vui lòng nhập thông tin này.")
BIRTH_DATE_MESSAGE = _("Ngày sinh phải từ năm 1900 đến hôm nay.")
DUPLICATE_CCCD_MESSAGE = _(
    "Số CCCD này đã được dùng để đăng ký tài khoản. Nếu đó là bạn, hãy đăng nhập hoặc liên hệ Bộ phận Một cửa."
)
DUPLICATE_TAX_CODE_MESSAGE = _(
    "Mã số thuế này đã được dùng để đăng ký tài khoản. Nếu đó là doanh nghiệp của bạn, hãy đăng nhập."
)
DUPLICATE_USERNAME_MESSAGE = _("Tên đăng nhập này đã có người dùng. Vui lòng chọn tên khác.")
NO_ROLE_MESSAGE = _("Cán bộ phải được giao ít nhất một vai trò.")
UNKNOWN_ROLE_MESSAGE = _("Vai trò “%(role)s” không có trong danh mục vai trò.")
validate_email = EmailValidator(message=_("Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.com)."))


class _FieldErrors:
    """Collects the messages of several checks so that a form shows all of them at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    @contextmanager
    def check(self, field: str) -> Iterator[None]:
        try:
            yield
        except ValidationError as error:
            self.by_field.setdefault(field, []).extend(error.error_list)

    def add(self, field: str, message, **params) -> None:
        self.by_field.setdefault(field, []).append(ValidationError(message, params=params or None))

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _required_text(value: str) -> str:
    text = nfc(value)
    if not text:
        raise ValidationError(REQUIRED_MESSAGE, code="required")
    return text


def _normalised_email(value: str) -> str:
    """E-mail is optional (not every citizen has one); when given it must be a valid address."""
    email = BaseUserManager.normalize_email(nfc(value))
    if email:
        validate_email(email)
    return email


def _check_birth_date(birth_date: date | None) -> None:
    if birth_date is None:
        raise ValidationError(REQUIRED_MESSAGE, code="required")
    if not date(1900, 1, 1) <= birth_date <= timezone.localdate():
        raise ValidationError(BIRTH_DATE_MESSAGE, code="birth_date_range")


def _check_password(password: str, user: User, errors: _FieldErrors) -> None:
    """Checked together with the other fields so that a person sees every problem at once; `user` carries the
    other fields (as typed, where they are themselves invalid) for the rule against passwords resembling them."""
    with errors.check("password"):
        validate_password(password, user)


def _save_new_account(user: User, *, field: str, duplicate_message) -> User:
    """Insert the account; a concurrent registration of the same identifier becomes a field error, not a 500."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        if User.objects.filter(username=user.username).exists():
            raise ValidationError({field: ValidationError(duplicate_message, code="duplicate")}) from None
        raise
    return user


def _checked_contact(phone: str, email: str, errors: _FieldErrors) -> tuple[str, str]:
    with errors.check("phone"):
        phone = normalise_phone(phone)
    with errors.check("email"):
        email = _normalised_email(email)
    return phone, email


def _create_account(user: User, password: str, errors: _FieldErrors, *, field: str, duplicate_message) -> User:
    """The end of every account creation: the password rule, then every error at once, else the saved account."""
    _check_password(password, user, errors)
    errors.raise_if_any()
    user.set_password(password)
    return _save_new_account(user, field=field, duplicate_message=duplicate_message)


@transaction.atomic
def register_citizen(
    *,
    cccd: str,
    full_name: str,
    birth_date: date | None,
    phone: str,
    email: str,
    password: str,
    gender: Gender | str | None = None,
) -> User:
    errors = _FieldErrors()
    with errors.check("birth_date"):
        _check_birth_date(birth_date)
    with errors.check("cccd"):
        # An absent or absurd birth date is reported on its own field; the CCCD is then checked on its own.
        comparable_birth_date = None if "birth_date" in errors.by_field else birth_date
        parsed = parse_cccd(cccd, birth_date=comparable_birth_date, gender=gender)
        cccd, gender = parsed.number, parsed.gender
        if User.objects.filter(username=cccd).exists():
            errors.add("cccd", DUPLICATE_CCCD_MESSAGE)
    with errors.check("full_name"):
        full_name = _required_text(full_name)
    phone, email = _checked_contact(phone, email, errors)
    user = User(
        kind=AccountKind.CITIZEN,
        username=cccd,
        cccd=cccd,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender or "",
        phone=phone,
        email=email,
    )
    return _create_account(user, password, errors, field="cccd", duplicate_message=DUPLICATE_CCCD_MESSAGE)


@transaction.atomic
def register_business(*, tax_code: str, name: str, representative: str, phone: str, email: str, password: str) -> User:
    errors = _FieldErrors()
    with errors.check("tax_code"):
        tax_code = parse_tax_code(tax_code).number
        if User.objects.filter(username=tax_code).exists():
            errors.add("tax_code", DUPLICATE_TAX_CODE_MESSAGE)
    with errors.check("name"):
        name = _required_text(name)
    with errors.check("representative"):
        representative = _required_text(representative)
    phone, email = _checked_contact(phone, email, errors)
    user = User(
        kind=AccountKind.BUSINESS,
        username=tax_code,
        tax_code=tax_code,
        full_name=name,
        representative=representative,
        phone=phone,
        email=email,
    )
    return _create_account(user, password, errors, field="tax_code", duplicate_message=DUPLICATE_TAX_CODE_MESSAGE)


@transaction.atomic
def create_staff(*, username: str, full_name: str, email: str, password: str, agency, roles: Iterable[str]) -> User:
    """A staff account with its roles at one agency (organization.Agency); more agencies via organization services."""
    errors = _FieldErrors()
    with errors.check("username"):
        username = normalise_staff_username(username)
        if User.objects.filter(username=username).exists():
            errors.add("username", DUPLICATE_USERNAME_MESSAGE)
    with errors.check("full_name"):
        full_name = _required_text(full_name)
    with errors.check("email"):
        email = _normalised_email(email)
    roles = list(dict.fromkeys(roles))
    if not roles:
        errors.add("roles", NO_ROLE_MESSAGE)
    for role in roles:
        if role not in StaffRole.values:
            errors.add("roles", UNKNOWN_ROLE_MESSAGE, role=role)
    user = User(kind=AccountKind.STAFF, username=username, full_name=full_name, email=email)
    _create_account(user, password, errors, field="username", duplicate_message=DUPLICATE_USERNAME_MESSAGE)
    for role in roles:
        organization_services.grant_role(user=user, agency=agency, role=role)
    return user


def _or_empty(normalise, value: str) -> str:
    try:
        return normalise(value) if value else ""
    except ValidationError:
        return ""


@transaction.atomic
def sync_citizen_from_sso(
    *, cccd: str, full_name: str = "", email: str = "", phone: str = "", birth_date: date | None = None
) -> User:
    """Create or update the citizen account the national single sign-on vouches for, found by CCCD only.

    The provider is trusted for identity, not for data quality: a phone number or e-mail that fails our checks, or
    a birth date that disagrees with the CCCD, is left out rather than refusing the login.
    """
    parsed = parse_cccd(cccd)
    details = {
        "full_name": nfc(full_name),
        "email": _or_empty(_normalised_email, email),
        "phone": _or_empty(normalise_phone, phone),
        "birth_date": birth_date if birth_date and birth_date.year == parsed.birth_year else None,
    }
    details = {name: value for name, value in details.items() if value}

    user = User.objects.select_for_update().filter(cccd=parsed.number).first()
    if user is None:
        user = User(
            kind=AccountKind.CITIZEN, username=parsed.number, cccd=parsed.number, gender=parsed.gender, **details
        )
        user.set_unusable_password()
        try:
            return _save_new_account(user, field="cccd", duplicate_message=DUPLICATE_CCCD_MESSAGE)
        except ValidationError:
            # A concurrent login of the same citizen created the account a moment ago: update that one.
            user = User.objects.select_for_update().get(cccd=parsed.number)
    changed = [name for name, value in details.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, details[name])
    if changed:
        user.save(update_fields=changed)
    return user


# --- Demo deployment ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str  # what the account is for, in words: "Công dân", "Cán bộ một cửa" …
    agency_name: str  # empty for the citizen and the business


# One password for every demo account, printed on screen by load_demo. Demo data only: never a real deployment.
DEMO_PASSWORD = "HaGiang@2021"

# A female citizen whose birth was registered in Hà Giang (002) in 1990 (century/gender digit 1). The serial 012345
# is a deliberately obvious placeholder.
DEMO_CITIZEN = {
    "cccd": "002190012345",
    "full_name": "Nguyễn Thị Hoa",
    "birth_date": date(1990, 5, 12),
    "gender": Gender.FEMALE,
    "phone": "0912345678",
    "email": "congdan.dungthu@example.com",
}
# A well-formed tax code (valid check digit) whose serial digits are all zero, so that it reads as a placeholder.
DEMO_BUSINESS = {
    "tax_code": "5100000002",
    "name": "Công ty TNHH Dùng thử Hà Giang",
    "representative": "Nguyễn Văn Minh",
    "phone": "0987654321",
    "email": "doanhnghiep.dungthu@example.com",
}
# The agencies ensure_demo_accounts expects, by key: login-name prefix, level in words, roles staffed there.
# Catalogue administration and monitoring sit at the province only, as in the architecture's users table.
_DESK_ROLES = [StaffRole.CLERK, StaffRole.POSTAL, StaffRole.SPECIALIST, StaffRole.LEADER]
DEMO_STAFF = {
    "province_centre": ("tinh", _("cấp tỉnh"), list(StaffRole)),
    "district": ("huyen", _("cấp huyện"), _DESK_ROLES),
    "commune": ("xa", _("cấp xã"), _DESK_ROLES),
}
DEMO_ROLE_LOGIN_NAMES = {
    StaffRole.CLERK: "motcua",
    StaffRole.POSTAL: "buudien",
    StaffRole.SPECIALIST: "chuyenvien",
    StaffRole.LEADER: "lanhdao",
    StaffRole.CATALOGUE_ADMIN: "quantri",
    StaffRole.MONITOR: "giamsat",
}


def _restore_demo_password(user: User) -> None:
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


@transaction.atomic
def ensure_demo_accounts(agencies: dict) -> list[DemoAccount]:
    """Create the demo accounts, or bring existing ones back to their demo state; running it twice changes nothing.

    `agencies` maps "province_centre" (the Trung tâm Phục vụ hành chính công tỉnh), "district" (a district UBND)
    and "commune" (a commune UBND) to organization Agency rows. Staff log in as <level>.<role>, e.g. tinh.motcua,
    huyen.lanhdao, xa.buudien; the citizen with the demo CCCD, the business with the demo tax code.
    """
    missing = sorted(set(DEMO_STAFF) - set(agencies))
    if missing:
        raise ValueError(f"ensure_demo_accounts needs an agency for: {', '.join(missing)}")

    citizen = User.objects.filter(username=DEMO_CITIZEN["cccd"]).first()
    if citizen is None:
        citizen = register_citizen(**DEMO_CITIZEN, password=DEMO_PASSWORD)
    business = User.objects.filter(username=DEMO_BUSINESS["tax_code"]).first()
    if business is None:
        business = register_business(**DEMO_BUSINESS, password=DEMO_PASSWORD)
    accounts = [
        DemoAccount(citizen.username, DEMO_PASSWORD, str(AccountKind.CITIZEN.label), ""),
        DemoAccount(business.username, DEMO_PASSWORD, str(AccountKind.BUSINESS.label), ""),
    ]
    for user in (citizen, business):
        _restore_demo_password(user)

    for key, (prefix, level, roles) in DEMO_STAFF.items():
        agency = agencies[key]
        for role in roles:
            username = f"{prefix}.{DEMO_ROLE_LOGIN_NAMES[role]}"
            staff = User.objects.filter(username=username).first()
            if staff is None:
                staff = create_staff(
                    username=username,
                    full_name=f"{role.label} {level} (dùng thử)",
                    email=f"{username}@example.com",
                    password=DEMO_PASSWORD,
                    agency=agency,
                    roles=[role],
                )
            else:
                _restore_demo_password(staff)
                organization_services.grant_role(staff, agency, role)
            accounts.append(DemoAccount(username, DEMO_PASSWORD, str(role.label), agency.name))
    return accounts
