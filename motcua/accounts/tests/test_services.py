from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from motcua.accounts import services
from motcua.accounts.constants import AccountKind, Gender
from motcua.accounts.models import User
from motcua.accounts.tests.factories import PASSWORD, CitizenFactory, StaffFactory, make_cccd
from motcua.organization import selectors as organization_selectors
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

CITIZEN = {
    "cccd": "002 190 012345",
    "full_name": "Nguyễn Thị Hoa",
    "birth_date": date(1990, 5, 12),
    "phone": "+84 912 345 678",
    "email": "hoa@example.com",
    "password": PASSWORD,
}
BUSINESS = {
    "tax_code": "0100109106001",
    "name": "Chi nhánh Công ty Chè Hà Giang",
    "representative": "Nguyễn Văn Minh",
    "phone": "0987654321",
    "email": "che@example.com",
    "password": PASSWORD,
}


def field_errors(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# --- register_citizen ---------------------------------------------------------------------------------------------


def test_citizen_registers_with_cccd_as_login_and_an_argon2_hashed_password(project_password_hashing):
    user = services.register_citizen(**CITIZEN)

    assert (user.kind, user.username, user.cccd) == (AccountKind.CITIZEN, "002190012345", "002190012345")
    assert (user.phone, user.gender, user.birth_date) == ("0912345678", Gender.FEMALE, date(1990, 5, 12))
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


def test_citizen_name_is_stored_in_nfc():
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Hoa"

    user = services.register_citizen(**{**CITIZEN, "full_name": decomposed})

    assert user.full_name == "Nguyễn Thị Hoa"


def test_invalid_cccd_gets_the_province_message_and_creates_nothing():
    errors = field_errors(lambda: services.register_citizen(**{**CITIZEN, "cccd": "003190012345"}))

    assert errors == {
        "cccd": ["Ba chữ số đầu của số CCCD (003) không phải là mã tỉnh, thành phố nơi đăng ký khai sinh."]
    }
    assert not User.objects.exists()


def test_cccd_disagreeing_with_the_birth_year_is_refused_and_creates_nothing():
    expected = (
        "Số CCCD không khớp với năm sinh 1991: với người sinh năm 1991, chữ số thứ tư phải là 0 (nam) hoặc "
        "1 (nữ) và chữ số thứ năm, thứ sáu phải là 91."
    )

    errors = field_errors(lambda: services.register_citizen(**{**CITIZEN, "birth_date": date(1991, 5, 12)}))

    assert errors == {"cccd": [expected]}
    assert not User.objects.exists()


def test_declared_gender_disagreeing_with_the_cccd_is_refused():
    errors = field_errors(lambda: services.register_citizen(**CITIZEN, gender=Gender.MALE))

    assert errors == {"cccd": ["Số CCCD ghi giới tính nữ, không khớp với giới tính đã khai."]}


def test_second_registration_of_the_same_cccd_is_refused_and_changes_nothing():
    first = services.register_citizen(**CITIZEN)

    errors = field_errors(
        lambda: services.register_citizen(
            **{**CITIZEN, "cccd": "002190012345", "full_name": "Kẻ Mạo Danh", "password": "Khac-han-2021!"}
        )
    )

    assert errors == {"cccd": [str(services.DUPLICATE_CCCD_MESSAGE)]}
    assert list(User.objects.values_list("pk", "full_name")) == [(first.pk, "Nguyễn Thị Hoa")]


def test_every_invalid_field_is_reported_at_once():
    errors = field_errors(
        lambda: services.register_citizen(
            cccd="12345",
            full_name="  ",
            birth_date=date(1990, 5, 12),
            phone="0212345678",
            email="khong-phai-email",
            password="12345678",
        )
    )

    assert set(errors) == {"cccd", "full_name", "phone", "email", "password"}
    assert errors["full_name"] == ["Vui lòng nhập thông tin này."]
    assert errors["email"] == ["Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.com)."]


def test_birth_date_in_the_future_is_refused_on_its_own_field():
    errors = field_errors(lambda: services.register_citizen(**{**CITIZEN, "birth_date": date(2999, 1, 1)}))

    assert errors == {"birth_date": ["Ngày sinh phải từ năm 1900 đến hôm nay."]}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Hg-2021", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("12345678", "Mật khẩu này hoàn toàn là số."),
        ("password", "Mật khẩu này quá phổ biến."),
    ],
)
def test_weak_password_is_refused_with_a_vietnamese_reason(password, message):
    errors = field_errors(lambda: services.register_citizen(**{**CITIZEN, "password": password}))

    assert message in errors["password"]
    assert not User.objects.exists()


def test_password_resembling_the_cccd_is_refused():
    errors = field_errors(lambda: services.register_citizen(**{**CITIZEN, "password": "002190012345"}))

    assert any(message.startswith("Mật khẩu quá giống với") for message in errors["password"])


def test_email_is_optional_for_citizens():
    assert services.register_citizen(**{**CITIZEN, "email": ""}).email == ""


# --- register_business --------------------------------------------------------------------------------------------


def test_business_registers_with_its_tax_code_in_the_hyphenated_written_form():
    user = services.register_business(**BUSINESS)

    assert (user.kind, user.username, user.tax_code) == (AccountKind.BUSINESS, "0100109106-001", "0100109106-001")
    assert (user.full_name, user.representative) == ("Chi nhánh Công ty Chè Hà Giang", "Nguyễn Văn Minh")


def test_same_tax_code_written_the_other_way_is_a_duplicate():
    services.register_business(**BUSINESS)

    errors = field_errors(lambda: services.register_business(**{**BUSINESS, "tax_code": "0100109106-001"}))

    assert errors == {"tax_code": [str(services.DUPLICATE_TAX_CODE_MESSAGE)]}
    assert User.objects.count() == 1


def test_tax_code_with_a_wrong_check_digit_is_refused_and_creates_nothing():
    errors = field_errors(lambda: services.register_business(**{**BUSINESS, "tax_code": "0100109107"}))

    assert errors == {
        "tax_code": ["Mã số thuế không đúng: chữ số kiểm tra (chữ số thứ mười) không khớp. Vui lòng xem lại."]
    }
    assert not User.objects.exists()


def test_business_needs_its_legal_representative():
    errors = field_errors(lambda: services.register_business(**{**BUSINESS, "representative": ""}))

    assert errors == {"representative": ["Vui lòng nhập thông tin này."]}


# --- create_staff -------------------------------------------------------------------------------------------------


def test_staff_account_holds_its_roles_at_the_agency():
    agency = DepartmentFactory()

    user = services.create_staff(
        username="Tinh.MotCua",
        full_name="Hoàng Văn Thắng",
        email="thang@example.com",
        password=PASSWORD,
        agency=agency,
        roles=[StaffRole.CLERK, StaffRole.LEADER, StaffRole.CLERK],
    )

    assert (user.kind, user.username) == (AccountKind.STAFF, "tinh.motcua")
    assert organization_selectors.roles_of(user, agency) == {StaffRole.CLERK, StaffRole.LEADER}


def test_staff_with_an_unknown_role_is_not_created():
    errors = field_errors(
        lambda: services.create_staff(
            username="canbo.moi",
            full_name="Cán bộ",
            email="",
            password=PASSWORD,
            agency=DepartmentFactory(),
            roles=["thu_kho"],
        )
    )

    assert errors == {"roles": ["Vai trò “thu_kho” không có trong danh mục vai trò."]}
    assert not User.objects.exists()


def test_staff_username_already_taken_is_refused():
    StaffFactory(username="xa.lanhdao")

    errors = field_errors(
        lambda: services.create_staff(
            username="XA.LanhDao",
            full_name="Cán bộ",
            email="",
            password=PASSWORD,
            agency=DepartmentFactory(),
            roles=[StaffRole.LEADER],
        )
    )

    assert errors == {"username": [str(services.DUPLICATE_USERNAME_MESSAGE)]}


def test_staff_needs_at_least_one_role():
    errors = field_errors(
        lambda: services.create_staff(
            username="canbo.moi", full_name="Cán bộ", email="", password=PASSWORD, agency=DepartmentFactory(), roles=[]
        )
    )

    assert errors == {"roles": ["Cán bộ phải được giao ít nhất một vai trò."]}


# --- sync_citizen_from_sso ----------------------------------------------------------------------------------------


def test_sso_creates_a_citizen_without_a_usable_password():
    user = services.sync_citizen_from_sso(cccd="001089004567", full_name="Trần Văn Nam", phone="0912 000 222")

    assert (user.kind, user.username, user.gender, user.phone) == (
        AccountKind.CITIZEN,
        "001089004567",
        Gender.MALE,
        "0912000222",
    )
    assert not user.has_usable_password()


def test_sso_keeps_out_details_that_fail_our_checks():
    existing = CitizenFactory(cccd="001089004567", username="001089004567", phone="0912345678", birth_date=None)

    user = services.sync_citizen_from_sso(
        cccd="001089004567", phone="12345", email="khong hop le", birth_date=date(1990, 1, 1)
    )

    assert user.pk == existing.pk
    assert (user.phone, user.email, user.birth_date) == ("0912345678", existing.email, None)


def test_sso_refuses_an_identifier_that_is_no_cccd():
    with pytest.raises(ValidationError):
        services.sync_citizen_from_sso(cccd="a1b2c3")

    assert not User.objects.exists()


# --- ensure_demo_accounts -----------------------------------------------------------------------------------------


@pytest.fixture
def demo_agencies():
    return {key: DepartmentFactory(name=f"Cơ quan {key}") for key in ("province_centre", "district", "commune")}


def test_demo_accounts_can_log_in_and_staff_hold_their_roles(demo_agencies):
    accounts = services.ensure_demo_accounts(demo_agencies)

    request = RequestFactory().post("/tai-khoan/dang-nhap/")
    for account in accounts:
        assert authenticate(request, username=account.username, password=account.password), account.username
    by_username = {account.username: account for account in accounts}
    assert by_username["002190012345"].role == "Công dân"
    assert by_username["5100000002"].role == "Tổ chức, doanh nghiệp"
    assert len(accounts) == 2 + len(StaffRole) + 4 + 4
    leader = User.objects.get(username="huyen.lanhdao")
    assert organization_selectors.roles_of(leader, demo_agencies["district"]) == {StaffRole.LEADER}
    assert by_username["tinh.quantri"].agency_name == "Cơ quan province_centre"


def test_demo_citizen_cccd_is_valid_and_from_ha_giang(demo_agencies):
    services.ensure_demo_accounts(demo_agencies)

    citizen = User.objects.get(kind=AccountKind.CITIZEN)
    assert citizen.cccd.startswith("002")
    assert citizen.cccd == make_cccd(
        province_code="002", birth_year=citizen.birth_date.year, gender=citizen.gender, serial=12345
    )


def test_demo_accounts_twice_change_nothing_and_restore_a_changed_password(demo_agencies):
    first = services.ensure_demo_accounts(demo_agencies)
    snapshot = set(User.objects.values_list("pk", "username", "password"))
    changed = User.objects.get(username="tinh.motcua")
    changed.set_password("Mat-khau-da-doi-1")
    changed.save()

    second = services.ensure_demo_accounts(demo_agencies)

    assert first == second
    changed.refresh_from_db()
    assert changed.check_password(services.DEMO_PASSWORD)
    assert {(pk, username) for pk, username, _ in snapshot} == set(User.objects.values_list("pk", "username"))
    unchanged = {row for row in snapshot if row[1] != "tinh.motcua"}
    assert unchanged <= set(User.objects.values_list("pk", "username", "password"))


def test_demo_accounts_name_the_agencies_they_are_missing():
    with pytest.raises(ValueError, match="commune, district"):
        services.ensure_demo_accounts({"province_centre": DepartmentFactory()})
