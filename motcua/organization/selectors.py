"""Reads of the organization app. Other apps use these instead of querying the models."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from motcua.organization.constants import AgencyKind
from motcua.organization.models import Agency, Membership


def get_agency(code: str) -> Agency | None:
    return Agency.objects.select_related("admin_unit", "parent").filter(code=code).first()


def agency_ids(codes) -> dict[str, int]:
    """{code: id} of the agencies with these codes, in one query (unknown codes are left out)."""
    return dict(Agency.objects.filter(code__in=codes).values_list("code", "pk"))


def agencies_for_level(level: str) -> QuerySet[Agency]:
    """Active agencies serving at `level` (`tinh`, `huyen`, `xa`), by code."""
    return Agency.objects.filter(level=level, is_active=True).order_by("code")


def province_agency() -> Agency | None:
    """The UBND tỉnh of this deployment: the level-1 agency in the province of MOTCUA_PROVINCE_CODE."""
    return (
        Agency.objects.select_related("admin_unit")
        .filter(
            parent__isnull=True,
            kind=AgencyKind.PEOPLES_COMMITTEE,
            is_active=True,
            admin_unit__code=settings.MOTCUA_PROVINCE_CODE,
        )
        .order_by("code")
        .first()
    )


def agency_choices(level: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of the active agencies, for filter drop-downs; optionally only those at `level`."""
    agencies = Agency.objects.filter(is_active=True)
    if level:
        agencies = agencies.filter(level=level)
    return list(agencies.order_by("code").values_list("code", "name"))


def roles_of(user, agency: Agency | None = None) -> set[str]:
    """The roles `user` holds (at `agency`, or anywhere when no agency is given)."""
    memberships = _active_memberships(user)
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    return set(memberships.values_list("role", flat=True))


def has_role(user, role: str, agency: Agency | None = None) -> bool:
    memberships = _active_memberships(user).filter(role=role)
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    return memberships.exists()


def agencies_where(user, role: str) -> QuerySet[Agency]:
    """The active agencies at which `user` holds `role`, by code."""
    if not _is_authenticated(user):
        return Agency.objects.none()
    return Agency.objects.filter(
        is_active=True, memberships__user=user, memberships__role=role, memberships__is_active=True
    ).order_by("code")


def agency_ids_by_role(user) -> dict[str, set[int]]:
    """Every role `user` holds with the ids of the active agencies where they hold it, in one query: for pages
    that ask "which agencies, for which role" many times over."""
    by_role: dict[str, set[int]] = {}
    for role, agency_id in _active_memberships(user).values_list("role", "agency_id"):
        by_role.setdefault(role, set()).add(agency_id)
    return by_role


def staff_holding(role: str, agency: Agency | None) -> list:
    """The active accounts holding an active `role` membership at `agency`, by name."""
    if agency is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__role=role,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _active_memberships(user) -> QuerySet[Membership]:
    if not _is_authenticated(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, agency__is_active=True)


def _is_authenticated(user) -> bool:
    # Anonymous visitors and inactive accounts hold no role, whatever rows remain.
    return bool(user is not None and user.is_authenticated and user.is_active)
