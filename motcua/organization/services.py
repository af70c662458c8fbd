"""Writes of the organization app: administrative units, agencies and desks from a deployment, staff roles."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from motcua.accounts.constants import AccountKind
from motcua.organization.codes import AgencyCode
from motcua.organization.constants import (
    AREA_NUMBERS,
    COMMUNES_PER_AREA,
    DESK_NAME_PREFIX,
    PEOPLES_COMMITTEE_NAME,
    PEOPLES_COMMITTEE_SHORT_NAME,
    AgencyKind,
    AgencyLevel,
    Scheme,
    StaffRole,
    UnitLevel,
)
from motcua.organization.deployments import Deployment, DeploymentError, read_deployment
from motcua.organization.models import AdministrativeUnit, Agency, Desk, Membership
from motcua.organization.unit_sources import UnitRecord, UnitSourceError, read_units_csv, read_units_package

_DESK_KINDS = (AgencyKind.PEOPLES_COMMITTEE, AgencyKind.SERVICE_CENTRE)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def add(self, other: "Counts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass
class LoadReport:
    deployment: str
    scheme: str
    level1_code: str
    level1_code_confirmed: bool = True
    units: Counts = field(default_factory=Counts)
    agencies: Counts = field(default_factory=Counts)
    desks: Counts = field(default_factory=Counts)

    @property
    def changed(self) -> bool:
        return any(counts.created or counts.updated for counts in (self.units, self.agencies, self.desks))

    def lines(self) -> list[str]:
        lines = [
            _("Triển khai: %(name)s — %(scheme)s — mã cấp 1 %(code)s")
            % {"name": self.deployment, "scheme": Scheme(self.scheme).label, "code": self.level1_code}
        ]
        for label, counts in (
            (_("Đơn vị hành chính"), self.units),
            (_("Cơ quan"), self.agencies),
            (_("Bộ phận một cửa"), self.desks),
        ):
            lines.append(
                _("%(label)s: %(total)s (tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s)")
                % {
                    "label": label,
                    "total": counts.total,
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
            )
        if not self.level1_code_confirmed:
            lines.append(
                _("Lưu ý: mã cấp 1 %(code)s chưa được xác nhận từ danh mục chính thức.") % {"code": self.level1_code}
            )
        return lines


@dataclass(frozen=True)
class _AgencySpec:
    code: AgencyCode
    name: str
    short_name: str
    kind: str
    level: str
    unit: UnitRecord
    parent: AgencyCode | None


# --- Administrative units --------------------------------------------------------------------


def load_admin_units(*, province_code: str, scheme: str, units_file: str | PathLike | None = None) -> Counts:
    """Province, districts (three-tier only) and communes with their GSO codes; idempotent.

    Without `units_file` the `vietnamadminunits` package is the source; with it, a GSO export in CSV.
    Raises DeploymentError when the source lacks the province.
    """
    with transaction.atomic():
        counts, _units = _sync_units(_unit_records(province_code, Scheme(scheme), units_file), Scheme(scheme))
    return counts


def _unit_records(province_code: str, scheme: Scheme, units_file: str | PathLike | None) -> list[UnitRecord]:
    try:
        if units_file is None:
            return read_units_package(province_code, scheme)
        records = read_units_csv(Path(units_file), province_code)
    except UnitSourceError as error:
        raise DeploymentError(str(error)) from error
    if scheme == Scheme.TWO_TIER and any(record.level == UnitLevel.DISTRICT for record in records):
        raise DeploymentError(
            _("Tệp %(path)s có cấp huyện, không dùng được cho cấu trúc hai cấp.") % {"path": units_file}
        )
    return records


def _sync_units(records: list[UnitRecord], scheme: Scheme) -> tuple[Counts, dict[tuple[str, str], AdministrativeUnit]]:
    """Writes level by level so each level can point at its parent's primary key."""
    existing = {(unit.level, unit.code): unit for unit in AdministrativeUnit.objects.filter(scheme=scheme)}
    saved: dict[tuple[str, str], AdministrativeUnit] = {}
    counts = Counts()
    parent_level = {UnitLevel.DISTRICT: UnitLevel.PROVINCE, UnitLevel.COMMUNE: UnitLevel.DISTRICT}
    if scheme == Scheme.TWO_TIER:
        parent_level[UnitLevel.COMMUNE] = UnitLevel.PROVINCE
    for level in (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE):
        wanted = {
            (level, record.code): {
                "scheme": scheme,
                "code": record.code,
                "name": record.name,
                "unit_type": record.unit_type,
                "level": level,
                "parent_id": saved[(parent_level[level], record.parent_code)].pk if record.parent_code else None,
                "source": record.source,
            }
            for record in records
            if record.level == level
        }
        level_counts, level_saved = _sync(AdministrativeUnit, wanted, existing)
        counts.add(level_counts)
        saved.update(level_saved)
    return counts, saved


# --- Deployment --------------------------------------------------------------------------------


def load_deployment(source: str | PathLike | Mapping) -> LoadReport:
    """Loads a deployment (file path, bare name in deployments/, or dict): units, agencies, desks. Idempotent.

    Raises DeploymentError (a ValueError with a Vietnamese message) for a bad file; nothing is written then.
    """
    deployment = read_deployment(source)
    records = _unit_records(deployment.province_code, deployment.scheme, deployment.units_file)
    specs = _agency_specs(deployment, records)
    report = LoadReport(
        deployment=deployment.name,
        scheme=deployment.scheme,
        level1_code=deployment.level1_code,
        level1_code_confirmed=deployment.level1_code_confirmed,
    )
    with transaction.atomic():
        report.units, units = _sync_units(records, deployment.scheme)
        report.agencies, agencies = _sync_agencies(specs, units)
        report.desks = _sync_desks(agencies.values())
    return report


def _agency_specs(deployment: Deployment, records: list[UnitRecord]) -> list[_AgencySpec]:
    """Every agency of the deployment with its code, parents before children (docs/decisions/0002)."""
    province = next(record for record in records if record.level == UnitLevel.PROVINCE)
    root = AgencyCode(deployment.level1_code)
    specs = [_peoples_committee(root, province, AgencyLevel.PROVINCE, parent=None)]
    for department in sorted(deployment.departments, key=lambda spec: spec.under is not None):
        parent = root if department.under is None else root.child(department.under)
        specs.append(
            _AgencySpec(
                code=parent.child(department.number),
                name=department.name,
                short_name=department.short_name,
                kind=department.kind,
                level=AgencyLevel.PROVINCE,
                unit=province,
                parent=parent,
            )
        )
    for area_code, district, communes in _areas(root, records):
        commune_parent = root
        if district is not None:
            specs.append(_peoples_committee(area_code, district, AgencyLevel.DISTRICT, parent=root))
            commune_parent = area_code
        specs.extend(
            _peoples_committee(area_code.child(number), commune, AgencyLevel.COMMUNE, parent=commune_parent)
            for number, commune in enumerate(communes, start=1)
        )
    return sorted(specs, key=lambda spec: _depth(spec.code))


def _areas(root: AgencyCode, records: list[UnitRecord]):
    """Level-2 numbers from 51 up that group the communes: a district each, or blocks of 99 communes.

    A two-tier province has no district, and its communes (124 in the new Tuyên Quang) do not fit in the 99
    level-2 numbers, so they are coded as level 3 under level-2 numbers that carry no agency of their own.
    """
    districts = [record for record in records if record.level == UnitLevel.DISTRICT]
    communes = [record for record in records if record.level == UnitLevel.COMMUNE]
    if districts:
        groups = [(district, [c for c in communes if c.parent_code == district.code]) for district in districts]
    else:
        starts = range(0, len(communes), COMMUNES_PER_AREA)
        groups = [(None, communes[start : start + COMMUNES_PER_AREA]) for start in starts]
    if len(groups) > len(AREA_NUMBERS):
        raise DeploymentError(
            _("Tỉnh có %(count)s địa bàn cấp 2, vượt quá %(limit)s số mã dành cho địa bàn.")
            % {"count": len(groups), "limit": len(AREA_NUMBERS)}
        )
    for number, (district, members) in zip(AREA_NUMBERS, groups):
        if len(members) > COMMUNES_PER_AREA:
            raise DeploymentError(
                _("%(name)s có %(count)s đơn vị cấp xã, vượt quá %(limit)s số mã cấp 3.")
                % {"name": district.name, "count": len(members), "limit": COMMUNES_PER_AREA}
            )
        yield root.child(number), district, members


def _peoples_committee(code: AgencyCode, unit: UnitRecord, level: str, *, parent: AgencyCode | None) -> _AgencySpec:
    locative = unit.name[:1].lower() + unit.name[1:]
    return _AgencySpec(
        code=code,
        name=f"{PEOPLES_COMMITTEE_NAME} {locative}",
        short_name=f"{PEOPLES_COMMITTEE_SHORT_NAME} {locative}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=level,
        unit=unit,
        parent=parent,
    )


def _depth(code: AgencyCode) -> int:
    return sum(1 for number in (code.level2, code.level3, code.level4) if number)


def _sync_agencies(
    specs: list[_AgencySpec], units: dict[tuple[str, str], AdministrativeUnit]
) -> tuple[Counts, dict[str, Agency]]:
    codes = [str(spec.code) for spec in specs]
    if len(set(codes)) != len(codes):
        raise DeploymentError(_("Hai cơ quan được cấp cùng một mã định danh."))
    existing = {agency.code: agency for agency in Agency.objects.filter(code__in=codes)}
    saved: dict[str, Agency] = {}
    counts = Counts()
    for depth in sorted({_depth(spec.code) for spec in specs}):
        wanted = {
            str(spec.code): {
                "code": str(spec.code),
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "level": spec.level,
                "admin_unit_id": units[(spec.unit.level, spec.unit.code)].pk,
                "parent_id": saved[str(spec.parent)].pk if spec.parent else None,
            }
            for spec in specs
            if _depth(spec.code) == depth
        }
        depth_counts, depth_saved = _sync(Agency, wanted, existing)
        counts.add(depth_counts)
        saved.update(depth_saved)
    return counts, saved


def _sync_desks(agencies) -> Counts:
    wanted = {}
    for agency in agencies:
        if agency.kind in _DESK_KINDS:
            name = f"{DESK_NAME_PREFIX} {agency.name.removeprefix(PEOPLES_COMMITTEE_NAME + ' ')}"
            wanted[(agency.pk, name)] = {"agency_id": agency.pk, "name": name}
    existing = {
        (desk.agency_id, desk.name): desk
        for desk in Desk.objects.filter(agency_id__in=[agency_id for agency_id, _name in wanted])
    }
    counts, _saved = _sync(Desk, wanted, existing)
    return counts


def _sync(model: type[models.Model], wanted: dict, existing: dict) -> tuple[Counts, dict]:
    """Creates missing rows and updates differing ones in bulk; returns counts and the saved rows by key.

    `wanted` maps a natural key to field values (foreign keys as `*_id`, so comparing needs no extra query).
    """
    to_create, to_update, saved = [], [], {}
    counts = Counts()
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            row = model(**values)
            to_create.append(row)
            counts.created += 1
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
            counts.updated += 1
        else:
            counts.unchanged += 1
        saved[key] = row
    # bulk_create fills in primary keys on PostgreSQL and SQLite ≥ 3.35, which the next level relies on.
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, list(next(iter(wanted.values()))))
    return counts, saved


# --- Staff roles -------------------------------------------------------------------------------


def grant_role(user, agency: Agency, role: str) -> Membership:
    """Gives `user` the `role` at `agency` (again, if it was revoked). Only staff accounts hold roles."""
    if role not in StaffRole.values:
        raise ValidationError(_("Vai trò «%(role)s» không tồn tại.") % {"role": role}, code="invalid_role")
    if getattr(user, "kind", None) != AccountKind.STAFF:
        raise ValidationError(_("Chỉ tài khoản cán bộ, công chức mới được phân công vai trò."), code="not_staff")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
        if not created and not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        _sync_admin_access(user)
    return membership


def revoke_role(user, agency: Agency, role: str) -> bool:
    """Ends the role; the row stays (inactive) as a record. Returns whether a role was active."""
    with transaction.atomic():
        ended = bool(
            Membership.objects.filter(user=user, agency=agency, role=role, is_active=True).update(is_active=False)
        )
        _sync_admin_access(user)
    return ended


# The catalogue admin keeps the catalogue, service levels, workflows, fees and the calendar in the admin site, the
# monitor the targets and emulation weights; desk roles work in their inboxes and never need it. Models of apps not installed are simply skipped.
ADMIN_SITE_ROLES = {
    StaffRole.CATALOGUE_ADMIN: (
        "Quản trị danh mục TTHC",
        ["catalog.*", "core.calendaroverride", "dossiers.workflowtemplate", "dossiers.workflowstep", "payments.feeschedule"],
    ),
    # The monitor (Văn phòng UBND, Sở Nội vụ) keeps annual targets and the emulation weights.
    StaffRole.MONITOR: (
        "Theo dõi, đánh giá",
        ["evaluation.annualtarget", "evaluation.emulationweights", "evaluation.evaluationsnapshot"],
    ),
}


def _sync_admin_access(user) -> None:
    """Admin-site access follows active roles: a revoked catalogue admin loses it at once."""
    active_roles = set(Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True))
    wanted_groups = [
        _admin_group(name, models) for role, (name, models) in ADMIN_SITE_ROLES.items() if role in active_roles
    ]
    managed = Group.objects.filter(name__in=[name for name, _models in ADMIN_SITE_ROLES.values()])
    user.groups.remove(*managed.exclude(pk__in=[group.pk for group in wanted_groups]))
    user.groups.add(*wanted_groups)
    if not user.is_superuser and user.is_staff != bool(wanted_groups):
        user.is_staff = bool(wanted_groups)
        user.save(update_fields=["is_staff"])


def _admin_group(name: str, model_patterns: list[str]) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    permissions = Permission.objects.none()
    for pattern in model_patterns:
        app_label, model = pattern.split(".")
        filters = {"content_type__app_label": app_label}
        if model != "*":
            filters["content_type__model"] = model
        permissions |= Permission.objects.filter(**filters)
    group.permissions.set(permissions)
    return group
