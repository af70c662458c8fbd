import pytest
from django.contrib.auth import SESSION_KEY

from motcua.accounts.models import User
from motcua.accounts.tests.factories import PASSWORD, BusinessFactory, CitizenFactory, StaffFactory
from motcua.organization import services as organization_services
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/tai-khoan/dang-nhap/"
PROFILE_URL = "/tai-khoan/"
CITIZEN_FORM = {
    "cccd": "002190012345",
    "full_name": "Nguyễn Thị Hoa",
    "birth_date": "1990-05-12",
    "phone": "0912345678",
    "email": "hoa@example.com",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
}


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def log_in(client, identifier: str, password: str = PASSWORD):
    return client.post(LOGIN_URL, {"username": identifier, "password": password})


# --- Registration -------------------------------------------------------------------------------------------------


def test_registration_page_asks_for_cccd_in_vietnamese(client):
    page = client.get("/tai-khoan/dang-ky/").content.decode()

    assert "Số CCCD / số định danh cá nhân" in page
    assert 'autocomplete="new-password"' in page


def test_citizen_registers_and_is_logged_in(client):
    response = client.post("/tai-khoan/dang-ky/", CITIZEN_FORM)

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    user = User.objects.get(cccd="002190012345")
    assert int(logged_in_user_id(client)) == user.pk


def test_registration_date_typed_the_vietnamese_way_is_understood(client):
    client.post("/tai-khoan/dang-ky/", {**CITIZEN_FORM, "birth_date": "12/05/1990"})

    assert User.objects.filter(cccd="002190012345").exists()


def test_invalid_cccd_is_explained_in_vietnamese_and_nothing_is_created(client):
    response = client.post("/tai-khoan/dang-ky/", {**CITIZEN_FORM, "cccd": "003190012345"})

    assert response.status_code == 200
    assert (
        "Ba chữ số đầu của số CCCD (003) không phải là mã tỉnh, thành phố nơi đăng ký khai sinh."
        in response.content.decode()
    )
    assert not User.objects.exists()
    assert logged_in_user_id(client) is None


def test_mistyped_password_confirmation_is_reported(client):
    response = client.post("/tai-khoan/dang-ky/", {**CITIZEN_FORM, "password_confirm": "khac-di-2021"})

    assert "Hai lần nhập mật khẩu không giống nhau." in response.content.decode()
    assert not User.objects.exists()


def test_registering_an_existing_cccd_shows_the_duplicate_message(client):
    CitizenFactory(cccd="002190012345", username="002190012345")

    response = client.post("/tai-khoan/dang-ky/", CITIZEN_FORM)

    assert "Số CCCD này đã được dùng để đăng ký tài khoản." in response.content.decode()
    assert User.objects.count() == 1


def test_business_registers_with_its_tax_code(client):
    response = client.post(
        "/tai-khoan/dang-ky-doanh-nghiep/",
        {
            "tax_code": "0100109106",
            "name": "Công ty Chè Hà Giang",
            "representative": "Nguyễn Văn Minh",
            "phone": "0987654321",
            "email": "",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(tax_code="0100109106").full_name == "Công ty Chè Hà Giang"


def test_registration_returns_only_to_a_local_next_page(client):
    response = client.post("/tai-khoan/dang-ky/?next=https://evil.example/", CITIZEN_FORM)

    assert response["Location"] == PROFILE_URL


# --- Login and logout ---------------------------------------------------------------------------------------------


def test_citizen_logs_in_with_cccd_typed_in_groups(client):
    citizen = CitizenFactory()
    grouped = f"{citizen.cccd[:3]} {citizen.cccd[3:6]} {citizen.cccd[6:]}"

    response = log_in(client, grouped)

    assert response.status_code == 302
    assert int(logged_in_user_id(client)) == citizen.pk


def test_business_logs_in_with_its_tax_code_in_either_written_form(client):
    branch = BusinessFactory(tax_code="0100109106-001", username="0100109106-001")

    log_in(client, "0100109106001")

    assert int(logged_in_user_id(client)) == branch.pk


def test_staff_logs_in_with_a_username_in_any_letter_case(client):
    staff = StaffFactory(username="tinh.motcua")

    log_in(client, "Tinh.MotCua")

    assert int(logged_in_user_id(client)) == staff.pk


def test_wrong_password_is_refused_with_a_vietnamese_message(client):
    citizen = CitizenFactory()

    response = log_in(client, citizen.cccd, "sai-mat-khau")

    assert response.status_code == 200
    assert "Số CCCD, mã số thuế, tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert logged_in_user_id(client) is None


def test_sixth_attempt_is_refused_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    citizen = CitizenFactory()
    first_four = [log_in(client, citizen.cccd, "sai-mat-khau").status_code for _ in range(4)]
    fifth = log_in(client, citizen.cccd, "sai-mat-khau")

    sixth = log_in(client, citizen.cccd, PASSWORD)

    assert first_four == [200, 200, 200, 200]
    assert (fifth.status_code, sixth.status_code) == (429, 429)
    page = sixth.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Vui lòng thử lại sau 15 phút." in page
    assert logged_in_user_id(client) is None


def test_lockout_counts_failures_however_the_identifier_is_written(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    citizen = CitizenFactory()
    spellings = [
        citizen.cccd,
        f" {citizen.cccd} ",
        f"{citizen.cccd[:6]} {citizen.cccd[6:]}",
        f"{citizen.cccd[:3]}.{citizen.cccd[3:]}",
    ]
    for attempt in range(5):
        log_in(client, spellings[attempt % len(spellings)], "sai-mat-khau")

    assert log_in(client, citizen.cccd, PASSWORD).status_code == 429


def test_lockout_of_one_account_leaves_other_accounts_alone(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    locked, other = CitizenFactory(), CitizenFactory()
    for _ in range(5):
        log_in(client, locked.cccd, "sai-mat-khau")

    log_in(client, other.cccd)

    assert int(logged_in_user_id(client)) == other.pk


def test_logout_asks_for_confirmation_on_a_plain_visit_and_logs_out_on_post(client):
    client.force_login(CitizenFactory())

    confirmation = client.get("/tai-khoan/dang-xuat/")
    assert confirmation.status_code == 200
    assert logged_in_user_id(client) is not None

    client.post("/tai-khoan/dang-xuat/")
    assert logged_in_user_id(client) is None


def test_logged_in_visitor_is_sent_on_from_the_login_page(client):
    client.force_login(CitizenFactory())

    assert client.get(LOGIN_URL).status_code == 302


# --- Profile ------------------------------------------------------------------------------------------------------


def test_profile_requires_login(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PROFILE_URL}"


def test_profile_shows_the_citizen_who_they_are(client):
    citizen = CitizenFactory(full_name="Lò Thị Mai")
    client.force_login(citizen)

    page = client.get(PROFILE_URL).content.decode()

    assert "Lò Thị Mai" in page
    assert citizen.cccd in page
    assert "12/05/1990" in page


def test_profile_lists_the_staff_members_roles_by_agency(client):
    staff = StaffFactory()
    agency = DepartmentFactory(name="Sở Tư pháp tỉnh Hà Giang")
    organization_services.grant_role(staff, agency, StaffRole.SPECIALIST)
    client.force_login(staff)

    page = client.get(PROFILE_URL).content.decode()

    assert "Sở Tư pháp tỉnh Hà Giang" in page
    assert "Chuyên viên xử lý" in page
