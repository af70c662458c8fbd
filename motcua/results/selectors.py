"""Reads of the results app: signed documents and their verification."""

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from motcua.catalog.constants import ServiceLevel
from motcua.dossiers.constants import FINAL_STATUSES, DossierStatus
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole
from motcua.results.constants import (
    DEFAULT_RESULT_BODY,
    DEFAULT_RESULT_TITLE,
    DOWNLOADABLE_STATUSES,
    PARAGRAPH_SEPARATOR,
    RESULT_UPLOAD_STATUSES,
    TOKEN_PATTERN,
    VERIFICATION_CACHE_SECONDS,
    DeliveryMethod,
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
    "document_verification",
    "dossier_result",
    "e_results_issued",
    "get_signed_document",
    "is_applicant_side",
    "live_postal_order",
    "open_postal_orders",
    "postal_order_for",
    "result_panel",
    "result_wording",
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


def is_applicant_side(user, dossier) -> bool:
    """The dossier's owner or whoever submitted it for them."""
    return bool(user and user.is_authenticated and user.pk in (dossier.applicant_id, dossier.submitter_id))


def _holds(user, role: str, agency) -> bool:
    return bool(user and user.is_authenticated) and organization.has_role(user, role, agency)


@dataclass(frozen=True)
class ResultPanel:
    """What the dossier pages show about the e-result and its return, and which of its forms `user` gets."""

    result: DossierResult | None
    upload: ResultUpload | None
    delivery: Delivery | None
    postal_orders: list[PostalOrder]
    downloadable: bool
    can_choose: bool
    can_upload: bool
    can_return_at_counter: bool
    can_dispatch: bool
    can_track: bool
    full_online: bool


def result_panel(dossier, user) -> ResultPanel:
    result = dossier_result(dossier)
    delivery = delivery_of(dossier)
    orders = list(PostalOrder.objects.filter(dossier=dossier).prefetch_related("events").order_by("-id"))
    postal_live = any(order.status != PostalStatus.FAILED for order in orders)
    resolved = dossier.status == DossierStatus.RESOLVED
    roles = organization.agency_ids_by_role(user)  # one query for the three role checks below

    def holds(role: str, agency_id: int | None) -> bool:
        return agency_id in roles.get(role, ())

    clerk = holds(StaffRole.CLERK, dossier.receiving_agency_id)
    applicant = is_applicant_side(user, dossier)
    return ResultPanel(
        result=result,
        upload=ResultUpload.objects.filter(dossier=dossier).first(),
        delivery=delivery,
        postal_orders=orders,
        downloadable=applicant and result is not None and dossier.status in DOWNLOADABLE_STATUSES,
        can_choose=applicant and dossier.status not in FINAL_STATUSES and not postal_live,
        can_upload=result is None
        and dossier.status in RESULT_UPLOAD_STATUSES
        and (
            dossier.assignee_id == getattr(user, "pk", None) or holds(StaffRole.SPECIALIST, dossier.handling_agency_id)
        ),
        can_return_at_counter=resolved and clerk and not postal_live,
        can_dispatch=resolved
        and clerk
        and not postal_live
        and delivery is not None
        and delivery.method == DeliveryMethod.POSTAL,
        can_track=clerk or holds(StaffRole.POSTAL, dossier.receiving_agency_id),
        full_online=dossier.procedure.service_level == ServiceLevel.FULL,
    )


def postal_order_for(user, order_id: int) -> PostalOrder | None:
    """A postal order the user may update: postal staff or clerks of the dossier's receiving agency."""
    order = PostalOrder.objects.select_related("dossier__receiving_agency").filter(pk=order_id).first()
    if order is None:
        return None
    agency = order.dossier.receiving_agency
    return order if _holds(user, StaffRole.POSTAL, agency) or _holds(user, StaffRole.CLERK, agency) else None


def open_postal_orders(user) -> QuerySet[PostalOrder]:
    """Orders under way at the agencies where `user` is postal staff or a clerk, oldest first."""
    if not (user and user.is_authenticated):
        return PostalOrder.objects.none()
    agency_ids = {
        pk
        for role in (StaffRole.POSTAL, StaffRole.CLERK)
        for pk in organization.agencies_where(user, role).values_list("pk", flat=True)
    }
    return (
        PostalOrder.objects.filter(dossier__receiving_agency__in=sorted(agency_ids))
        .exclude(status__in=[PostalStatus.DELIVERED, PostalStatus.FAILED])
        .select_related("dossier")
        .order_by("created_at", "id")
    )


def e_results_issued(
    since: datetime, until: datetime, *, level: str | None = None, agency_codes: Collection[str] | None = None
) -> int:
    """Signed e-results issued (one per dossier) in [since, until), by the time they were signed. `level` and
    `agency_codes` are the dossier's receiving agency's, as in every statistic."""
    issued = DossierResult.objects.filter(document__signed_at__gte=since, document__signed_at__lt=until)
    if level:
        issued = issued.filter(dossier__receiving_agency__level=level)
    if agency_codes is not None:
        issued = issued.filter(dossier__receiving_agency__code__in=agency_codes)
    return issued.count()
