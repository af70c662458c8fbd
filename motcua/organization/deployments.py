"""Deployment files: a province described as data (units source, scheme, level-1 agency code, departments).

The same loader serves a three-tier province (before 01/07/2025) and a two-tier one (after); see
``deployments/*.json`` and docs/decisions/0002-agency-codes.md.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.text import nfc
from motcua.organization.constants import DEPARTMENT_NUMBERS, LEVEL1_CODE_PATTERN, AgencyKind, Scheme

DEPLOYMENTS_DIR = settings.BASE_DIR / "deployments"
_PROVINCE_CODE = re.compile(r"[0-9]{2}")
_LEVEL1_CODE = re.compile(LEVEL1_CODE_PATTERN)
_MAX_SUB_NUMBER = 99
# Unknown keys are refused so that a misspelt one ("unit_file") is not silently ignored.
_DEPLOYMENT_KEYS = {
    "name",
    "scheme",
    "province_code",
    "level1_code",
    "level1_code_confirmed",
    "units_file",
    "departments",
    "notes",
}
_DEPARTMENT_KEYS = {"number", "under", "kind", "name", "short_name"}
# A department entry cannot be a People's Committee: those come from the administrative units.
_DEPARTMENT_KINDS = [kind for kind in AgencyKind.values if kind != AgencyKind.PEOPLES_COMMITTEE]


class DeploymentError(ValueError):
    pass


@dataclass(frozen=True)
class DepartmentSpec:
    """A provincial body. `under` is the number of the department it belongs to (then it is one level lower)."""

    number: int
    name: str
    short_name: str
    kind: str
    under: int | None = None


@dataclass(frozen=True)
class Deployment:
    name: str
    scheme: Scheme
    province_code: str
    level1_code: str
    departments: tuple[DepartmentSpec, ...]
    units_file: Path | None = None
    # False when the level-1 code is our inference rather than read from the official list (QĐ 20/2020 Phụ lục I).
    level1_code_confirmed: bool = True


def read_deployment(source: str | PathLike | Mapping) -> Deployment:
    """A deployment from a dict, a JSON file path, or the bare name of a file in ``deployments/``."""
    data = source if isinstance(source, Mapping) else _read_json(_resolve(source))
    _refuse_unknown_keys(data, _DEPLOYMENT_KEYS)
    scheme = _required_text(data, "scheme")
    if scheme not in Scheme.values:
        raise DeploymentError(
            _("Cấu trúc «%(value)s» không hợp lệ; dùng một trong: %(choices)s.")
            % {"value": scheme, "choices": ", ".join(Scheme.values)}
        )
    province_code = _required_text(data, "province_code")
    if not _PROVINCE_CODE.fullmatch(province_code):
        raise DeploymentError(_("Mã tỉnh «%(code)s» phải gồm 2 chữ số.") % {"code": province_code})
    level1_code = _required_text(data, "level1_code")
    if not _LEVEL1_CODE.fullmatch(level1_code):
        raise DeploymentError(_("Mã cấp 1 «%(code)s» không đúng dạng MX1X2 (ví dụ H22).") % {"code": level1_code})
    units_file = data.get("units_file")
    if units_file is not None and not isinstance(units_file, str):
        raise DeploymentError(_("Trường units_file phải là đường dẫn (chuỗi)."))
    if not isinstance(data.get("level1_code_confirmed", True), bool):
        raise DeploymentError(_("Trường level1_code_confirmed phải là true hoặc false."))
    return Deployment(
        name=_required_text(data, "name"),
        scheme=Scheme(scheme),
        province_code=province_code,
        level1_code=level1_code,
        departments=_departments(data.get("departments")),
        units_file=Path(settings.MOTCUA_SHARED_DATA) / units_file if units_file else None,
        level1_code_confirmed=data.get("level1_code_confirmed", True),
    )


def _resolve(source: str | PathLike) -> Path:
    """As given; else relative to the project root; else a file of deployments/ (".json" may be left out)."""
    path = Path(source)
    candidates = [path]
    if not path.is_absolute():
        candidates += [settings.BASE_DIR / path, DEPLOYMENTS_DIR / (path if path.suffix else path.with_suffix(".json"))]
    found = next((candidate for candidate in candidates if candidate.is_file()), None)
    if found is None:
        raise DeploymentError(_("Không tìm thấy tệp triển khai %(path)s.") % {"path": source})
    return found


def _read_json(path: Path) -> Mapping:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DeploymentError(
            _("Không đọc được tệp triển khai %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if not isinstance(data, Mapping):
        raise DeploymentError(_("Tệp triển khai %(path)s phải là một đối tượng JSON.") % {"path": path})
    return data


def _refuse_unknown_keys(data: Mapping, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DeploymentError(
            _("Tệp triển khai có trường không hợp lệ: %(keys)s. Các trường được dùng: %(allowed)s.")
            % {"keys": ", ".join(map(str, unknown)), "allowed": ", ".join(sorted(allowed))}
        )


def _required_text(data: Mapping, field: str) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not nfc(value):
        raise DeploymentError(_("Tệp triển khai thiếu trường %(field)s.") % {"field": field})
    return nfc(value)


def _departments(entries) -> tuple[DepartmentSpec, ...]:
    if not isinstance(entries, list) or not entries:
        raise DeploymentError(_("Tệp triển khai phải có danh sách departments."))
    specs = tuple(_department(entry) for entry in entries)
    top_numbers = {spec.number for spec in specs if spec.under is None}
    seen: set[tuple[int | None, int]] = set()
    for spec in specs:
        if spec.under is None and spec.number not in DEPARTMENT_NUMBERS:
            raise DeploymentError(
                _("Số thứ tự của «%(name)s» phải từ %(first)s đến %(last)s.")
                % {"name": spec.name, "first": DEPARTMENT_NUMBERS.start, "last": DEPARTMENT_NUMBERS.stop - 1}
            )
        if spec.under is not None and spec.number > _MAX_SUB_NUMBER:
            raise DeploymentError(
                _("Số thứ tự của «%(name)s» phải từ 1 đến %(last)s.") % {"name": spec.name, "last": _MAX_SUB_NUMBER}
            )
        if spec.under is not None and spec.under not in top_numbers:
            raise DeploymentError(
                _("«%(name)s» thuộc cơ quan số %(under)s, nhưng không có cơ quan nào mang số đó.")
                % {"name": spec.name, "under": spec.under}
            )
        if (spec.under, spec.number) in seen:
            raise DeploymentError(_("Số thứ tự của «%(name)s» bị trùng.") % {"name": spec.name})
        seen.add((spec.under, spec.number))
    return specs


def _department(entry) -> DepartmentSpec:
    if not isinstance(entry, Mapping):
        raise DeploymentError(_("Mỗi cơ quan trong departments phải là một đối tượng JSON."))
    _refuse_unknown_keys(entry, _DEPARTMENT_KEYS)
    name = _required_text(entry, "name")
    number, under = entry.get("number"), entry.get("under")
    if not _is_positive_int(number) or not (under is None or _is_positive_int(under)):
        raise DeploymentError(_("«%(name)s» cần số thứ tự (number, under) là số nguyên dương.") % {"name": name})
    kind = entry.get("kind", AgencyKind.DEPARTMENT)
    if kind not in _DEPARTMENT_KINDS:
        raise DeploymentError(
            _("Loại cơ quan «%(kind)s» của «%(name)s» không hợp lệ; dùng một trong: %(choices)s.")
            % {"kind": kind, "name": name, "choices": ", ".join(_DEPARTMENT_KINDS)}
        )
    short_name = entry.get("short_name", "")
    if not isinstance(short_name, str):
        raise DeploymentError(_("Tên ngắn của «%(name)s» phải là chuỗi.") % {"name": name})
    return DepartmentSpec(number=number, name=name, short_name=nfc(short_name), kind=kind, under=under)


def _is_positive_int(value) -> bool:
    # JSON true/false are ints to Python; a department number is never a boolean.
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1
