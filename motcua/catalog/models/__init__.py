from .offering import Offering
from .procedure import Channel, Procedure, RequiredDocument

__all__ = ["Channel", "Offering", "Procedure", "RequiredDocument"]
