from motcua.documents.models.stored_document import DocumentReuse, StoredDocument

__all__ = ["DocumentReuse", "StoredDocument"]
