from .signed_document import SignedDocument

__all__ = ["SignedDocument"]
