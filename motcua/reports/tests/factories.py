"""Factories for statistics tests: agencies at each level with a procedure and one all-roles staff account."""

from datetime import datetime

from django.utils import timezone

from motcua.catalog.constants import LEVEL_FIELDS
from motcua.catalog.models import Offering, Procedure
from motcua.dossiers.tests.factories import online_procedure, staff
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.organization.tests.factories import DepartmentFactory
from motcua.reports.services import Cast

ALL_DESK_ROLES = (StaffRole.CLERK, StaffRole.LEADER, StaffRole.SPECIALIST, StaffRole.POSTAL)


def make_cast(level: str = AgencyLevel.PROVINCE, *, days: int = 5) -> Cast:
    """An agency at `level` offering a level-3 procedure (5 working days) there, and its all-roles staff."""
    agency = DepartmentFactory(level=level)
    procedure = online_procedure(agency=agency, days=days)
    Procedure.objects.filter(pk=procedure.pk).update(**{"at_province": False, LEVEL_FIELDS[level]: True})
    Offering.objects.filter(procedure=procedure).update(level=level)
    return Cast(agency=agency, procedure=procedure, staff=staff(agency, *ALL_DESK_ROLES))


def make_casts() -> list[Cast]:
    """Two agencies at province level, one at district level, one at commune level."""
    levels = (AgencyLevel.PROVINCE, AgencyLevel.PROVINCE, AgencyLevel.DISTRICT, AgencyLevel.COMMUNE)
    return [make_cast(level) for level in levels]


def local(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))
