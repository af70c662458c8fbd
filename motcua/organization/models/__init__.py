from .agency import Agency, Desk, Membership
from .units import AdministrativeUnit

__all__ = ["AdministrativeUnit", "Agency", "Desk", "Membership"]
