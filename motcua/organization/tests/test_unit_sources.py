from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from motcua.organization.constants import Scheme, UnitLevel
from motcua.organization.unit_sources import UnitRecord, UnitSourceError, read_units_csv, read_units_package

HA_GIANG_CSV = Path(settings.MOTCUA_SHARED_DATA) / "admin_units" / "ha_giang_2023.csv"


def levels(records):
    return Counter(record.level for record in records)


def test_gso_export_gives_ha_giang_province_districts_and_communes():
    records = read_units_csv(HA_GIANG_CSV, "02")

    assert levels(records) == {UnitLevel.PROVINCE: 1, UnitLevel.DISTRICT: 11, UnitLevel.COMMUNE: 193}
    assert records[0] == UnitRecord("02", "Tỉnh Hà Giang", UnitLevel.PROVINCE, None, records[0].source)
    assert [r.code for r in records if r.level == UnitLevel.DISTRICT] == ["024", *(f"0{n}" for n in range(26, 36))]


def test_commune_types_match_the_2020_reorganisation():
    communes = [record for record in read_units_csv(HA_GIANG_CSV, "02") if record.level == UnitLevel.COMMUNE]

    # 175 xã, 5 phường, 13 thị trấn since 01/01/2020 (domain brief §8).
    assert Counter(record.unit_type for record in communes) == {"xã": 175, "phường": 5, "thị trấn": 13}


def test_package_agrees_with_gso_export_on_every_ha_giang_code_and_parent():
    def tree(records):
        return {(record.level, record.code, record.parent_code) for record in records}

    assert tree(read_units_package("02", Scheme.THREE_TIER)) == tree(read_units_csv(HA_GIANG_CSV, "02"))


def test_new_tuyen_quang_has_124_communes_and_no_district():
    records = read_units_package("08", Scheme.TWO_TIER)

    assert levels(records) == {UnitLevel.PROVINCE: 1, UnitLevel.COMMUNE: 124}
    assert Counter(r.unit_type for r in records if r.level == UnitLevel.COMMUNE) == {"xã": 117, "phường": 7}
    assert {r.parent_code for r in records if r.level == UnitLevel.COMMUNE} == {"08"}


def test_ha_giang_no_longer_exists_in_the_two_tier_structure():
    with pytest.raises(UnitSourceError, match="02"):
        read_units_package("02", Scheme.TWO_TIER)


def test_island_district_without_communes_is_still_a_unit():
    records = read_units_package("31", Scheme.THREE_TIER)

    bach_long_vi = next(r for r in records if r.code == "318")
    assert bach_long_vi.level == UnitLevel.DISTRICT
    assert not [r for r in records if r.parent_code == "318"]


def test_missing_csv_is_a_clear_error(tmp_path):
    with pytest.raises(UnitSourceError, match="Không tìm thấy"):
        read_units_csv(tmp_path / "absent.csv", "02")


def test_csv_without_the_province_is_a_clear_error():
    with pytest.raises(UnitSourceError, match="08"):
        read_units_csv(HA_GIANG_CSV, "08")
