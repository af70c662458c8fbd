"""Reads of the citizen's document store."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from motcua.accounts.constants import AccountKind
from motcua.documents.constants import StoredSource
from motcua.documents.models import DocumentReuse, StoredDocument
from motcua.dossiers import services as dossier_services

__all__ = ["ComponentCounts", "can_digitise", "component_counts", "get_stored_document_for", "stored_documents_of"]


def stored_documents_of(owner) -> QuerySet[StoredDocument]:
    if owner is None or not owner.is_authenticated:
        return StoredDocument.objects.none()
    return StoredDocument.objects.filter(owner=owner).order_by("-created_at", "-pk")


def get_stored_document_for(owner, pk) -> StoredDocument:
    """The owner's document; Http404 for anyone else's or an unknown one alike."""
    document = stored_documents_of(owner).select_related("digitised_by", "signed_document").filter(pk=pk).first()
    if document is None:
        raise Http404(_("Không tìm thấy giấy tờ trong kho dữ liệu."))
    return document


@dataclass(frozen=True)
class ComponentCounts:
    digitised: int
    reused: int


def component_counts(*, since: datetime | None = None, until: datetime | None = None) -> ComponentCounts:
    """Statistics (Decree 107): components digitised by clerks and components filled from the store, in
    [since, until)."""
    digitised = StoredDocument.objects.filter(source=StoredSource.DIGITISED)
    reused = DocumentReuse.objects.all()
    if since is not None:
        digitised, reused = digitised.filter(created_at__gte=since), reused.filter(reused_at__gte=since)
    if until is not None:
        digitised, reused = digitised.filter(created_at__lt=until), reused.filter(reused_at__lt=until)
    return ComponentCounts(digitised=digitised.count(), reused=reused.count())


def can_digitise(user, dossier) -> bool:
    """Whether `user` is desk staff who may scan paper originals into this dossier and its applicant's store."""
    if not dossier.applicant_id or getattr(user, "kind", None) != AccountKind.STAFF:
        return False
    try:
        dossier_services.check_attach_document(user, dossier)
    except dossier_services.DossierError:
        return False
    return True
