from dataclasses import dataclass

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.accounts.validators import normalise_identifier
from motcua.organization import selectors as organization_selectors
from motcua.organization.constants import StaffRole


@dataclass(frozen=True)
class RoleAssignment:
    agency_name: str
    role: str
    role_label: str


def get_user_by_identifier(identifier: str) -> User | None:
    """The account a login identifier belongs to: a CCCD, a tax code (with or without the branch hyphen) or a
    staff username, however it was typed (spaces, dots, letter case); None when there is none."""
    return User.objects.filter(username=normalise_identifier(identifier)).first()


def users_with_cccd(cccd: str) -> QuerySet[User]:
    """The accounts holding a CCCD (at most one: the column is unique), as a queryset for the SSO library."""
    return User.objects.filter(cccd=cccd)


def get_roles(user: User) -> list[RoleAssignment]:
    """The active roles of a staff member, agency by agency, in the order the roles are listed in StaffRole."""
    held = organization_selectors.roles_of(user)
    return [
        RoleAssignment(agency_name=agency.name, role=role.value, role_label=str(role.label))
        for role in StaffRole
        if role.value in held
        for agency in organization_selectors.agencies_where(user, role.value)
    ]
