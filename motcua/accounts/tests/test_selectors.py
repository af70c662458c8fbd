import pytest

from motcua.accounts import selectors
from motcua.accounts.tests.factories import BusinessFactory, CitizenFactory, StaffFactory
from motcua.organization import services as organization_services
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_user_is_found_by_cccd_however_it_is_grouped():
    citizen = CitizenFactory()

    assert selectors.get_user_by_identifier(f" {citizen.cccd[:3]}.{citizen.cccd[3:]} ") == citizen


def test_branch_is_found_by_its_tax_code_without_the_hyphen():
    branch = BusinessFactory(tax_code="0100109106-002", username="0100109106-002")
    BusinessFactory(tax_code="0100109106", username="0100109106")

    assert selectors.get_user_by_identifier("0100109106002") == branch


def test_staff_is_found_by_username_in_any_letter_case():
    staff = StaffFactory(username="huyen.chuyenvien")

    assert selectors.get_user_by_identifier("Huyen.ChuyenVien") == staff


def test_unknown_identifier_finds_nobody():
    CitizenFactory()

    assert selectors.get_user_by_identifier("002190999999") is None


def test_roles_are_listed_by_agency_in_the_order_of_the_role_list_without_revoked_ones():
    staff = StaffFactory()
    centre, district = DepartmentFactory(name="Trung tâm PVHCC"), DepartmentFactory(name="UBND huyện Bắc Mê")
    organization_services.grant_role(staff, district, StaffRole.LEADER)
    organization_services.grant_role(staff, centre, StaffRole.CLERK)
    organization_services.grant_role(staff, centre, StaffRole.MONITOR)
    organization_services.revoke_role(staff, centre, StaffRole.MONITOR)

    roles = selectors.get_roles(staff)

    assert [(role.role_label, role.agency_name) for role in roles] == [
        ("Cán bộ một cửa", "Trung tâm PVHCC"),
        ("Lãnh đạo", "UBND huyện Bắc Mê"),
    ]


def test_citizen_holds_no_staff_role():
    assert selectors.get_roles(CitizenFactory()) == []
