import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from motcua.organization.codes import AgencyCode
from motcua.organization.constants import AGENCY_CODE_PATTERN, AgencyKind, AgencyLevel, Scheme, StaffRole, UnitLevel
from motcua.organization.deployments import DeploymentError
from motcua.organization.models import AdministrativeUnit, Agency, Desk, Membership
from motcua.organization.services import grant_role, load_admin_units, load_deployment, revoke_role
from motcua.organization.tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    ProvinceAgencyFactory,
    ProvinceFactory,
    StaffUserFactory,
)
from motcua.organization.unit_sources import read_units_package

pytestmark = pytest.mark.django_db


def snapshot():
    """Every loaded row with every field, to compare two loads."""
    return (
        list(AdministrativeUnit.objects.order_by("pk").values()),
        list(Agency.objects.order_by("pk").values()),
        list(Desk.objects.order_by("pk").values()),
    )


# --- Hà Giang 2021 (three tiers) -------------------------------------------------------------


def test_ha_giang_loads_one_province_eleven_districts_193_communes(ha_giang):
    units = AdministrativeUnit.objects.filter(scheme=Scheme.THREE_TIER)

    assert (units.filter(level=UnitLevel.PROVINCE).count(), units.filter(level=UnitLevel.DISTRICT).count()) == (1, 11)
    assert units.filter(level=UnitLevel.COMMUNE).count() == 193
    assert (ha_giang.units.created, ha_giang.agencies.created) == (205, 1 + 20 + 11 + 193)


def test_ubnd_tinh_ha_giang_is_000_00_00_h22(ha_giang):
    province = Agency.objects.get(code="000.00.00.H22")

    assert (province.name, province.kind, province.level) == (
        "Ủy ban nhân dân tỉnh Hà Giang",
        AgencyKind.PEOPLES_COMMITTEE,
        AgencyLevel.PROVINCE,
    )
    assert province.parent is None
    assert province.admin_unit.code == "02"


def test_every_code_is_unique_and_in_the_qcvn102_shape(ha_giang, tuyen_quang):
    codes = list(Agency.objects.values_list("code", flat=True))

    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(AGENCY_CODE_PATTERN, code) for code in codes)


def test_every_commune_ubnd_hangs_under_its_district_ubnd(ha_giang):
    communes = Agency.objects.filter(level=AgencyLevel.COMMUNE).select_related("admin_unit", "parent__admin_unit")

    assert communes.count() == 193
    for commune in communes:
        assert commune.parent.kind == AgencyKind.PEOPLES_COMMITTEE
        assert commune.parent.admin_unit == commune.admin_unit.parent
        assert AgencyCode.parse(commune.code).level2 == AgencyCode.parse(commune.parent.code).level2


def test_district_ubnds_take_level2_numbers_51_to_61_in_gso_order(ha_giang):
    districts = Agency.objects.filter(level=AgencyLevel.DISTRICT).select_related("admin_unit").order_by("code")

    assert [(d.code, d.admin_unit.code) for d in districts][:2] == [("000.00.51.H22", "024"), ("000.00.52.H22", "026")]
    assert districts.last().code == "000.00.61.H22"
    assert districts.last().name == "Ủy ban nhân dân huyện Quang Bình"


def test_departments_and_service_centre_are_provincial_bodies(ha_giang):
    departments = Agency.objects.filter(kind=AgencyKind.DEPARTMENT)
    centre = Agency.objects.get(kind=AgencyKind.SERVICE_CENTRE)

    assert departments.count() == 19
    assert set(departments.values_list("level", "parent__code")) == {("tinh", "000.00.00.H22")}
    assert Agency.objects.get(code="000.00.02.H22").name == "Sở Nội vụ tỉnh Hà Giang"
    assert (centre.code, centre.parent.code, centre.level) == ("000.01.01.H22", "000.00.01.H22", "tinh")


def test_each_ubnd_and_the_service_centre_has_one_named_desk(ha_giang):
    with_desk = Agency.objects.filter(kind__in=[AgencyKind.PEOPLES_COMMITTEE, AgencyKind.SERVICE_CENTRE])

    assert Desk.objects.count() == with_desk.count() == 1 + 11 + 193 + 1
    assert not Desk.objects.exclude(agency__in=with_desk).exists()
    assert Desk.objects.get(agency__code="000.00.00.H22").name == "Bộ phận Tiếp nhận và Trả kết quả tỉnh Hà Giang"
    quang_trung = Desk.objects.get(agency__admin_unit__code="00688")
    assert quang_trung.name == "Bộ phận Tiếp nhận và Trả kết quả phường Quang Trung"
    assert Desk.objects.get(agency__kind=AgencyKind.SERVICE_CENTRE).name == (
        "Bộ phận Tiếp nhận và Trả kết quả Trung tâm Phục vụ hành chính công tỉnh Hà Giang"
    )


def test_second_load_changes_nothing(ha_giang):
    before = snapshot()

    report = load_deployment("ha-giang-2021")

    assert not report.changed
    assert (report.units.unchanged, report.agencies.unchanged, report.desks.unchanged) == (205, 225, 206)
    assert snapshot() == before


def test_reload_repairs_an_edited_name_and_counts_it_as_updated(ha_giang):
    Agency.objects.filter(code="000.00.03.H22").update(name="Sở Tư pháp (sửa tay)")

    report = load_deployment("ha-giang-2021")

    assert (report.agencies.updated, report.agencies.created) == (1, 0)
    assert Agency.objects.get(code="000.00.03.H22").name == "Sở Tư pháp tỉnh Hà Giang"


def test_load_uses_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        load_deployment("ha-giang-2021")


# --- Tuyên Quang from 01/07/2025 (two tiers) ---------------------------------------------------


def test_tuyen_quang_has_no_district_level(tuyen_quang):
    assert not AdministrativeUnit.objects.filter(scheme=Scheme.TWO_TIER, level=UnitLevel.DISTRICT).exists()
    assert not Agency.objects.filter(code__endswith=".H60", level=AgencyLevel.DISTRICT).exists()


def test_tuyen_quang_communes_are_those_of_the_package(tuyen_quang):
    expected = {r.code for r in read_units_package("08", Scheme.TWO_TIER) if r.level == UnitLevel.COMMUNE}
    communes = Agency.objects.filter(code__endswith=".H60", level=AgencyLevel.COMMUNE)

    assert len(expected) == 124
    assert set(communes.values_list("admin_unit__code", flat=True)) == expected


def test_tuyen_quang_commune_ubnds_hang_directly_under_the_province(tuyen_quang):
    communes = Agency.objects.filter(code__endswith=".H60", level=AgencyLevel.COMMUNE)

    assert set(communes.values_list("parent__code", flat=True)) == {"000.00.00.H60"}
    assert set(communes.values_list("admin_unit__parent__code", flat=True)) == {"08"}


def test_tuyen_quang_communes_fill_area_blocks_of_99(tuyen_quang):
    communes = Agency.objects.filter(code__endswith=".H60", level=AgencyLevel.COMMUNE)
    codes = [AgencyCode.parse(code) for code in communes.values_list("code", flat=True)]

    assert {code.level2 for code in codes} == {51, 52}
    assert sum(1 for code in codes if code.level2 == 51) == 99
    assert max(code.level3 for code in codes if code.level2 == 52) == 25


def test_tuyen_quang_report_warns_its_level1_code_is_unconfirmed(tuyen_quang):
    assert not tuyen_quang.level1_code_confirmed
    assert any("H60" in line and "chưa được xác nhận" in line for line in tuyen_quang.lines())


def test_tuyen_quang_second_load_changes_nothing(tuyen_quang):
    before = snapshot()

    assert not load_deployment("tuyen-quang-2025").changed
    assert snapshot() == before


def test_both_structures_live_side_by_side(ha_giang, tuyen_quang):
    # Commune code 00694 is Phường Nguyễn Trãi before 2025 and Phường Hà Giang 1 after: one row per scheme.
    names = dict(AdministrativeUnit.objects.filter(code="00694").values_list("scheme", "name"))

    assert names == {Scheme.THREE_TIER: "Phường Nguyễn Trãi", Scheme.TWO_TIER: "Phường Hà Giang 1"}


# --- Refusals ------------------------------------------------------------------------------------


def test_unknown_province_writes_nothing():
    with pytest.raises(DeploymentError, match="99"):
        load_deployment(
            {
                "name": "Không có",
                "scheme": "3cap",
                "province_code": "99",
                "level1_code": "H99",
                "departments": [{"number": 1, "name": "Sở A"}],
            }
        )

    assert not AdministrativeUnit.objects.exists()
    assert not Agency.objects.exists()


def test_two_tier_deployment_refuses_a_three_tier_units_file():
    with pytest.raises(DeploymentError, match="cấp huyện"):
        load_deployment(
            {
                "name": "Sai cấu trúc",
                "scheme": "2cap",
                "province_code": "02",
                "level1_code": "H22",
                "units_file": "admin_units/ha_giang_2023.csv",
                "departments": [{"number": 1, "name": "Sở A"}],
            }
        )


def test_district_with_more_communes_than_level3_numbers_is_refused_and_nothing_written(tmp_path):
    units_file = tmp_path / "qua_nhieu_xa.csv"
    rows = ["province_code,province_name,district_code,district_name,district_type,ward_code,ward_name,ward_type,source"]
    rows += [f"97,Tỉnh Thử,970,Huyện Thử,huyen,{97000 + n},Xã Thử {n},xa,thử nghiệm" for n in range(100)]
    units_file.write_text("\n".join(rows), encoding="utf-8")
    deployment = {
        "name": "Tỉnh thử",
        "scheme": "3cap",
        "province_code": "97",
        "level1_code": "Y97",
        "units_file": str(units_file),
        "departments": [{"number": 1, "name": "Sở A"}],
    }

    with pytest.raises(DeploymentError, match="Huyện Thử có 100 đơn vị cấp xã"):
        load_deployment(deployment)
    assert not AdministrativeUnit.objects.exists()


def test_admin_units_alone_can_be_loaded_for_any_province_and_scheme():
    counts = load_admin_units(province_code="08", scheme=Scheme.THREE_TIER)

    assert counts.created == AdministrativeUnit.objects.filter(scheme=Scheme.THREE_TIER).count() == 1 + 7 + 137
    assert load_admin_units(province_code="08", scheme=Scheme.THREE_TIER).unchanged == counts.created


# --- Database invariants -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["000.00.1.H22", "000.00.01.h22", "H22.01", "000.00.01.H22 "])
def test_database_refuses_malformed_agency_codes(code):
    province = ProvinceAgencyFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        DepartmentFactory(parent=province, code=code)


def test_database_refuses_a_parentless_agency_below_level_one():
    province = ProvinceFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Agency.objects.create(code="000.00.05.H22", name="Sở mồ côi", kind="so", level="tinh", admin_unit=province)


def test_database_refuses_a_commune_code_of_the_wrong_length():
    province = ProvinceFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        AdministrativeUnit.objects.create(
            scheme=Scheme.THREE_TIER, code="688", name="Phường Quang Trung", level=UnitLevel.COMMUNE, parent=province
        )


# --- Staff roles ---------------------------------------------------------------------------------


def test_grant_role_creates_an_active_membership():
    user, agency = StaffUserFactory(), DepartmentFactory()

    membership = grant_role(user, agency, StaffRole.CLERK)

    assert (membership.user, membership.agency, membership.role, membership.is_active) == (user, agency, "clerk", True)


def test_granting_twice_keeps_one_row():
    user, agency = StaffUserFactory(), DepartmentFactory()

    grant_role(user, agency, StaffRole.LEADER)
    grant_role(user, agency, StaffRole.LEADER)

    assert Membership.objects.filter(user=user).count() == 1


def test_revoke_keeps_the_row_inactive_and_grant_reactivates_it():
    membership = MembershipFactory(role=StaffRole.SPECIALIST)

    assert revoke_role(membership.user, membership.agency, StaffRole.SPECIALIST) is True
    assert revoke_role(membership.user, membership.agency, StaffRole.SPECIALIST) is False
    membership.refresh_from_db()
    assert not membership.is_active

    grant_role(membership.user, membership.agency, StaffRole.SPECIALIST)
    membership.refresh_from_db()
    assert membership.is_active


def test_catalogue_admin_gets_the_admin_site_with_catalogue_permissions_only():
    user, agency = StaffUserFactory(), DepartmentFactory()

    grant_role(user, agency, StaffRole.CATALOGUE_ADMIN)
    user = type(user).objects.get(pk=user.pk)

    assert user.is_staff
    assert user.has_perm("catalog.change_procedure")
    assert not user.has_perm("organization.change_agency")


def test_revoking_the_catalogue_admin_role_closes_the_admin_site():
    user, agency = StaffUserFactory(), DepartmentFactory()
    grant_role(user, agency, StaffRole.CATALOGUE_ADMIN)

    revoke_role(user, agency, StaffRole.CATALOGUE_ADMIN)
    user = type(user).objects.get(pk=user.pk)

    assert not user.is_staff
    assert not user.has_perm("catalog.change_procedure")


def test_monitor_gets_the_admin_site_for_targets_and_weights():
    user = StaffUserFactory()

    grant_role(user, DepartmentFactory(), StaffRole.MONITOR)
    user = type(user).objects.get(pk=user.pk)

    assert user.is_staff
    assert user.has_perm("evaluation.add_annualtarget")
    assert not user.has_perm("catalog.change_procedure")


def test_desk_roles_do_not_open_the_admin_site():
    user = StaffUserFactory()

    grant_role(user, DepartmentFactory(), StaffRole.CLERK)

    assert not type(user).objects.get(pk=user.pk).is_staff


def test_unknown_role_is_refused():
    with pytest.raises(ValidationError, match="không tồn tại"):
        grant_role(StaffUserFactory(), DepartmentFactory(), "admin")


def test_citizen_account_cannot_hold_a_staff_role():
    citizen = StaffUserFactory(kind="citizen", cccd="002190000001", username="002190000001")

    with pytest.raises(ValidationError, match="cán bộ"):
        grant_role(citizen, DepartmentFactory(), StaffRole.CLERK)
    assert not Membership.objects.exists()
