"""Reads of the results app: signed documents and their verification."""

import re
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from motcua.results.constants import (
    DEFAULT_RESULT_BODY,
    DEFAULT_RESULT_TITLE,
    DOWNLOADABLE_STATUSES,
    PARAGRAPH_SEPARATOR,
    TOKEN_PATTERN,
    VERIFICATION_CACHE_SECONDS,
    PostalStatus,
    VerificationStatus,
)
from motcua.results.models import Delivery, DossierResult, PostalOrder, ResultTemplate, ResultUpload, SignedDocument
from motcua.results.signatures import (
    VerificationResult,
    load_trust_roots,
    trust_roots_fingerprint,
    validate_pdf,
)

__all__ = [
    "UploadComparison",
    "VerificationResult",
    "compare_upload",
    "delivery_of",
    "dossier_result",
    "live_postal_order",
    "result_panel",
    "result_wording",
    "document_verification",
    "get_signed_document",
    "signed_documents_for_dossier",
    "verify_signed_pdf",
]

_TOKEN = re.compile(TOKEN_PATTERN)


def get_signed_document(token: str) -> SignedDocument | None:
    if not _TOKEN.match(token or ""):
        return None
    return SignedDocument.objects.filter(token=token).first()


def signed_documents_for_dossier(dossier_code: str) -> QuerySet[SignedDocument]:
    return SignedDocument.objects.filter(dossier_code=dossier_code).order_by("signed_at")


def _trust_roots():
    return load_trust_roots(settings.MOTCUA_TRUST_ROOTS)


def verify_signed_pdf(pdf_bytes: bytes) -> VerificationResult:
    """Validates the signatures of any PDF against the configured trust roots (MOTCUA_TRUST_ROOTS)."""
    return validate_pdf(pdf_bytes, _trust_roots())


def read_stored_bytes(document: SignedDocument) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def document_verification(document: SignedDocument) -> VerificationResult:
    """The stored file validated again, cached per token and per trust list (a validation costs tens of ms).

    A stored file whose hash no longer matches the record is reported invalid whatever its signature says.
    """
    roots = _trust_roots()
    key = f"results:verification:{document.token}:{document.sha256}:{trust_roots_fingerprint(roots)}"
    result = cache.get(key)
    if result is None:
        try:
            stored = read_stored_bytes(document)
        except OSError:
            stored = b""
        result = validate_pdf(stored, roots)
        if result.sha256 != document.sha256:
            result = replace(result, status=VerificationStatus.INVALID)
        cache.set(key, result, VERIFICATION_CACHE_SECONDS)
    return result


@dataclass(frozen=True)
class UploadComparison:
    verification: VerificationResult
    same_document: bool


def compare_upload(document: SignedDocument, pdf_bytes: bytes) -> UploadComparison:
    """Whether an uploaded file is, byte for byte, the document signed under this token, and whether its own
    signatures are valid (a different file may still carry a valid signature, e.g. another document)."""
    verification = verify_signed_pdf(pdf_bytes)
    return UploadComparison(verification=verification, same_document=verification.sha256 == document.sha256)


def result_wording(procedure_code: str) -> tuple[str, list[str]]:
    """The title and paragraphs (placeholders unfilled) of the procedure's result template, or the default's."""
    template = ResultTemplate.objects.filter(procedure_code=procedure_code).first() if procedure_code else None
    title, body = (template.title, template.body) if template else (DEFAULT_RESULT_TITLE, DEFAULT_RESULT_BODY)
    paragraphs = [part.strip() for part in body.replace("\r\n", "\n").split(PARAGRAPH_SEPARATOR)]
    return title, [part for part in paragraphs if part]


def dossier_result(dossier) -> DossierResult | None:
    return DossierResult.objects.select_related("document").filter(dossier=dossier).first()


def delivery_of(dossier) -> Delivery | None:
    return Delivery.objects.filter(dossier=dossier).first()


def live_postal_order(dossier) -> PostalOrder | None:
    """The dossier's postal order that has not failed (at most one, by a database constraint)."""
    return PostalOrder.objects.filter(dossier=dossier).exclude(status=PostalStatus.FAILED).first()


@dataclass(frozen=True)
class ResultPanel:
    """What the dossier pages show about the e-result and its return."""

    result: DossierResult | None
    upload: ResultUpload | None
    delivery: Delivery | None
    postal_orders: list[PostalOrder]
    downloadable: bool


def result_panel(dossier) -> ResultPanel:
    result = dossier_result(dossier)
    return ResultPanel(
        result=result,
        upload=ResultUpload.objects.filter(dossier=dossier).first(),
        delivery=delivery_of(dossier),
        postal_orders=list(PostalOrder.objects.filter(dossier=dossier).prefetch_related("events").order_by("-id")),
        downloadable=result is not None and dossier.status in DOWNLOADABLE_STATUSES,
    )
