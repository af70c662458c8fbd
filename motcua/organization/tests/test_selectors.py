import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.organization.models import Agency
from motcua.organization.selectors import (
    agencies_for_level,
    agencies_where,
    agency_choices,
    agency_ids,
    agency_ids_by_role,
    get_agency,
    has_role,
    province_agency,
    roles_of,
    staff_holding,
)
from motcua.organization.services import grant_role, revoke_role
from motcua.organization.tests.factories import DepartmentFactory, MembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_get_agency_finds_by_code_and_returns_none_for_unknown(ha_giang):
    assert get_agency("000.00.00.H22").name == "Ủy ban nhân dân tỉnh Hà Giang"
    assert get_agency("000.00.00.H99") is None


def test_agency_ids_map_known_codes_in_one_query(ha_giang, django_assert_num_queries):
    province = get_agency("000.00.00.H22")
    with django_assert_num_queries(1):
        found = agency_ids(["000.00.00.H22", "000.00.00.H99"])
    assert found == {"000.00.00.H22": province.pk}


def test_agencies_for_level_lists_active_agencies_by_code(ha_giang):
    districts = agencies_for_level(AgencyLevel.DISTRICT)

    assert districts.count() == 11
    assert districts.first().code == "000.00.51.H22"


def test_inactive_agency_is_left_out_of_levels_and_choices(ha_giang):
    Agency.objects.filter(code="000.00.52.H22").update(is_active=False)

    assert agencies_for_level(AgencyLevel.DISTRICT).count() == 10
    assert "000.00.52.H22" not in dict(agency_choices())


def test_province_agency_follows_the_configured_province(ha_giang, tuyen_quang, settings):
    settings.MOTCUA_PROVINCE_CODE = "02"
    assert province_agency().code == "000.00.00.H22"

    settings.MOTCUA_PROVINCE_CODE = "08"
    assert province_agency().code == "000.00.00.H60"


def test_province_agency_is_none_before_any_load(settings):
    assert province_agency() is None


def test_agency_choices_pairs_code_and_name_for_a_level(ha_giang):
    choices = agency_choices(AgencyLevel.PROVINCE)

    assert choices[0] == ("000.00.00.H22", "Ủy ban nhân dân tỉnh Hà Giang")
    assert ("000.01.01.H22", "Trung tâm Phục vụ hành chính công tỉnh Hà Giang") in choices
    assert len(choices) == 1 + 19 + 1
    assert len(agency_choices()) == 225


def test_roles_of_lists_roles_anywhere_or_at_one_agency():
    user = StaffUserFactory()
    desk_agency, other_agency = DepartmentFactory(), DepartmentFactory()
    grant_role(user, desk_agency, StaffRole.CLERK)
    grant_role(user, other_agency, StaffRole.LEADER)

    assert roles_of(user) == {"clerk", "leader"}
    assert roles_of(user, desk_agency) == {"clerk"}


def test_has_role_is_scoped_to_the_agency_when_given():
    membership = MembershipFactory(role=StaffRole.SPECIALIST)

    assert has_role(membership.user, StaffRole.SPECIALIST)
    assert has_role(membership.user, StaffRole.SPECIALIST, membership.agency)
    assert not has_role(membership.user, StaffRole.SPECIALIST, DepartmentFactory())
    assert not has_role(membership.user, StaffRole.LEADER)


def test_agencies_where_lists_only_agencies_with_that_active_role():
    user = StaffUserFactory()
    first, second, revoked = DepartmentFactory(), DepartmentFactory(), DepartmentFactory()
    MembershipFactory(user=user, agency=first, role=StaffRole.CLERK)
    MembershipFactory(user=user, agency=second, role=StaffRole.CLERK)
    MembershipFactory(user=user, agency=revoked, role=StaffRole.CLERK, is_active=False)
    MembershipFactory(user=user, agency=revoked, role=StaffRole.MONITOR)

    assert list(agencies_where(user, StaffRole.CLERK)) == sorted([first, second], key=lambda agency: agency.code)


def test_revoked_role_and_inactive_agency_grant_nothing():
    revoked = MembershipFactory(is_active=False)
    closed = MembershipFactory(agency=DepartmentFactory(is_active=False))

    assert roles_of(revoked.user) == set()
    assert not has_role(closed.user, closed.role)
    assert not agencies_where(closed.user, closed.role).exists()


def test_disabled_account_and_anonymous_visitor_hold_no_role():
    membership = MembershipFactory(user=StaffUserFactory(is_active=False))

    assert roles_of(membership.user) == set()
    assert roles_of(AnonymousUser()) == set()
    assert not has_role(AnonymousUser(), StaffRole.CLERK)
    assert not agencies_where(AnonymousUser(), StaffRole.CLERK).exists()


def test_agency_ids_by_role_lists_active_roles_only_in_one_query(django_assert_num_queries):
    user, first, second = StaffUserFactory(), DepartmentFactory(), DepartmentFactory()
    grant_role(user, first, StaffRole.CLERK)
    grant_role(user, second, StaffRole.CLERK)
    grant_role(user, second, StaffRole.LEADER)
    revoke_role(user, second, StaffRole.LEADER)

    with django_assert_num_queries(1):
        by_role = agency_ids_by_role(user)

    assert by_role == {StaffRole.CLERK: {first.pk, second.pk}}


def test_staff_holding_lists_active_holders_of_the_role_at_the_agency_by_name():
    department = DepartmentFactory()
    second = MembershipFactory(agency=department, role=StaffRole.SPECIALIST, user__full_name="Vàng Thị Dung")
    first = MembershipFactory(agency=department, role=StaffRole.SPECIALIST, user__full_name="Lò Văn Páo")
    MembershipFactory(agency=department, role=StaffRole.CLERK)
    MembershipFactory(role=StaffRole.SPECIALIST)
    MembershipFactory(agency=department, role=StaffRole.SPECIALIST, is_active=False)
    MembershipFactory(agency=department, role=StaffRole.SPECIALIST, user__is_active=False)

    assert staff_holding(StaffRole.SPECIALIST, department) == [first.user, second.user]
    assert staff_holding(StaffRole.SPECIALIST, None) == []
