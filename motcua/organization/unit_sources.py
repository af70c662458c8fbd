"""Readers for the official administrative-unit lists (GSO codes), turned into one plain record shape.

Two sources, same output: a GSO export in CSV (``../data/admin_units/*.csv``) and the ``vietnamadminunits``
package, which holds the whole country in the three-tier (63 provinces) and two-tier (34 provinces) structures.
"""

import csv
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from django.utils.translation import gettext as _

from motcua.core.text import nfc
from motcua.organization.constants import UNIT_TYPE_PREFIXES, Scheme, UnitLevel

PACKAGE = "vietnamadminunits"
_PACKAGE_TABLES = {Scheme.THREE_TIER: "admin_units_legacy", Scheme.TWO_TIER: "admin_units"}


class UnitSourceError(ValueError):
    pass


@dataclass(frozen=True)
class UnitRecord:
    code: str
    name: str
    level: UnitLevel
    parent_code: str | None
    source: str

    @property
    def unit_type(self) -> str:
        lowered = self.name.lower()
        return next((prefix for prefix in UNIT_TYPE_PREFIXES if lowered.startswith(prefix + " ")), "")


def read_units_csv(path: Path, province_code: str) -> list[UnitRecord]:
    """A three-tier GSO export: one row per commune with its district and province (ha_giang_2023.csv)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if row["province_code"] == province_code]
    except FileNotFoundError as error:
        raise UnitSourceError(_("Không tìm thấy tệp danh mục đơn vị hành chính %(path)s.") % {"path": path}) from error
    except KeyError as error:
        raise UnitSourceError(_("Tệp %(path)s thiếu cột %(column)s.") % {"path": path, "column": error}) from error
    if not rows:
        raise UnitSourceError(
            _("Tệp %(path)s không có đơn vị nào của tỉnh mã %(code)s.") % {"path": path, "code": province_code}
        )
    return _three_tier_records(
        rows,
        province=("province_code", "province_name"),
        district=("district_code", "district_name"),
        commune=("ward_code", "ward_name"),
        source_of=lambda row: row["source"] or str(path),
    )


def read_units_package(province_code: str, scheme: Scheme) -> list[UnitRecord]:
    # Imported here: the package parses its address tables on import (~0.4 s), needed only when it is the source.
    from vietnamadminunits.database import get_data

    table = _PACKAGE_TABLES[Scheme(scheme)]
    source = f"{PACKAGE} {version(PACKAGE)}: {table}"
    fields = ["provinceCode", "province", "wardCode", "ward"]
    if scheme == Scheme.THREE_TIER:
        fields += ["districtCode", "district"]
    rows = [row for row in get_data(fields=fields, table=table) if row["provinceCode"] == province_code]
    if not rows:
        raise UnitSourceError(
            _("Danh mục %(scheme)s của %(package)s không có tỉnh mã %(code)s.")
            % {"scheme": Scheme(scheme).label, "package": PACKAGE, "code": province_code}
        )
    if scheme == Scheme.THREE_TIER:
        return _three_tier_records(
            rows,
            province=("provinceCode", "province"),
            district=("districtCode", "district"),
            commune=("wardCode", "ward"),
            source_of=lambda row: source,
        )
    first = rows[0]
    records = [UnitRecord(province_code, nfc(first["province"]), UnitLevel.PROVINCE, None, source)]
    records += sorted(
        {UnitRecord(row["wardCode"], nfc(row["ward"]), UnitLevel.COMMUNE, province_code, source) for row in rows},
        key=lambda record: record.code,
    )
    return records


def _three_tier_records(rows, *, province, district, commune, source_of) -> list[UnitRecord]:
    """Province, then districts, then communes, each sorted by code; a district may have no commune (islands)."""
    code_key, name_key = province
    first = rows[0]
    province_code = first[code_key]
    records = {
        (UnitLevel.PROVINCE, province_code): UnitRecord(
            province_code, nfc(first[name_key]), UnitLevel.PROVINCE, None, source_of(first)
        )
    }
    for row in rows:
        district_code, commune_code = row[district[0]], row[commune[0]]
        records.setdefault(
            (UnitLevel.DISTRICT, district_code),
            UnitRecord(district_code, nfc(row[district[1]]), UnitLevel.DISTRICT, province_code, source_of(row)),
        )
        if commune_code:
            records.setdefault(
                (UnitLevel.COMMUNE, commune_code),
                UnitRecord(commune_code, nfc(row[commune[1]]), UnitLevel.COMMUNE, district_code, source_of(row)),
            )
    level_order = {UnitLevel.PROVINCE: 0, UnitLevel.DISTRICT: 1, UnitLevel.COMMUNE: 2}
    return sorted(records.values(), key=lambda record: (level_order[record.level], record.code))
