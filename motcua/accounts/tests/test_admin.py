import pytest

from motcua.accounts.models import User
from motcua.accounts.tests.factories import CitizenFactory, StaffFactory
from motcua.organization import services as organization_services
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


def change_form_data(user: User, **changes) -> dict:
    data = {
        "kind": user.kind,
        "username": user.username,
        "full_name": user.full_name,
        "cccd": user.cccd or "",
        "birth_date": user.birth_date.isoformat() if user.birth_date else "",
        "gender": user.gender,
        "tax_code": user.tax_code or "",
        "representative": user.representative,
        "phone": user.phone,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    return {**data, **changes}


def test_admin_finds_a_citizen_by_cccd(admin_client):
    citizen = CitizenFactory(full_name="Giàng Thị Sy")
    CitizenFactory(full_name="Người Khác")

    page = admin_client.get("/quan-tri/accounts/user/", {"q": citizen.cccd}).content.decode()

    assert "Giàng Thị Sy" in page
    assert "Người Khác" not in page


def test_admin_change_page_shows_the_staff_roles(admin_client):
    staff = StaffFactory()
    organization_services.grant_role(staff, DepartmentFactory(name="Sở Nội vụ tỉnh Hà Giang"), StaffRole.MONITOR)

    page = admin_client.get(f"/quan-tri/accounts/user/{staff.pk}/change/").content.decode()

    assert "Theo dõi, giám sát — Sở Nội vụ tỉnh Hà Giang" in page
    assert f"?user__id__exact={staff.pk}" in page


def test_admin_refuses_a_cccd_that_disagrees_with_the_birth_date(admin_client):
    citizen = CitizenFactory()

    response = admin_client.post(
        f"/quan-tri/accounts/user/{citizen.pk}/change/", change_form_data(citizen, birth_date="1991-05-12")
    )

    assert response.status_code == 200
    assert "Số CCCD không khớp với năm sinh 1991" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.birth_date.year == 1990


def test_admin_stores_a_phone_number_in_its_domestic_form(admin_client):
    citizen = CitizenFactory()

    response = admin_client.post(
        f"/quan-tri/accounts/user/{citizen.pk}/change/", change_form_data(citizen, phone="+84 987 654 321")
    )

    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.phone == "0987654321"


def test_admin_explains_in_vietnamese_that_a_citizen_needs_a_cccd(admin_client):
    staff = StaffFactory()

    response = admin_client.post(f"/quan-tri/accounts/user/{staff.pk}/change/", change_form_data(staff, kind="citizen"))

    assert "Tài khoản công dân phải có số CCCD, dùng làm tên đăng nhập." in response.content.decode()
    staff.refresh_from_db()
    assert staff.kind == "staff"
