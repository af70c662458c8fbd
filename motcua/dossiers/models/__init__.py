from .document import DossierDocument
from .dossier import Dossier
from .event import AppendOnlyError, DossierEvent
from .notification import DossierNotification
from .sequence import DossierCodeSequence
from .workflow import WorkflowStep, WorkflowTemplate

__all__ = [
    "AppendOnlyError",
    "Dossier",
    "DossierCodeSequence",
    "DossierDocument",
    "DossierEvent",
    "DossierNotification",
    "WorkflowStep",
    "WorkflowTemplate",
]
