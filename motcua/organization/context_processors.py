from motcua.organization import selectors
from motcua.organization.constants import StaffRole

_REPORT_ROLES = {StaffRole.LEADER, StaffRole.MONITOR}


def staff_navigation(request):
    """Which back-office sections the header links to; anonymous visitors and citizens cost no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(user, "kind", None) != "staff":
        return {"CAN_SEE_REPORTS": False}
    return {"CAN_SEE_REPORTS": bool(selectors.roles_of(user) & _REPORT_ROLES)}
