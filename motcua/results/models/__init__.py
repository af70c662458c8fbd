from .delivery import Delivery, PostalEvent, PostalOrder
from .dossier_result import DossierResult, IssueCounter, ResultUpload
from .postal_notification import PostalNotification
from .result_template import ResultTemplate
from .signed_document import SignedDocument

__all__ = [
    "Delivery",
    "DossierResult",
    "IssueCounter",
    "PostalEvent",
    "PostalNotification",
    "PostalOrder",
    "ResultTemplate",
    "ResultUpload",
    "SignedDocument",
]
