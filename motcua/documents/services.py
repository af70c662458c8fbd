"""Writes of the citizen's document store (Kho dữ liệu, Decree 45/2020).

    store_accepted_dossier(dossier) -> list[StoredDocument]      every attached component, once per file
    store_results_of_dossier(dossier) -> list[StoredDocument]    the dossier's signed e-results, once per file
    store_result(owner, signed_document) -> StoredDocument       one signed e-result (motcua.results)
    digitise_at_reception(clerk, dossier, *, position, upload, name="", issuer="", issued_on=None, valid_until=None)
        the clerk scans a paper original (PDF, JPEG, PNG); the receiving agency signs the digitised copy, which fills
        the component slot and the applicant's store (digitised_by = clerk, signed_document = its SignedDocument)
    reuse_in_dossier(actor, dossier, position, stored_document) -> DossierDocument
        the owner fills a component from the store instead of uploading (source "reused")

A file is kept once per citizen (unique sha256 per owner), so the receivers may run again for the same event.
StoreError (`.code`, Vietnamese `.message`) means nothing was written.
"""

import hashlib
import logging
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.formatting import format_date
from motcua.core.text import nfc
from motcua.documents.constants import (
    DIGITISATION_SIGNING_REASON,
    DIGITISED_CAPTION,
    IMAGE_MAGICS,
    NAME_MAX,
    PDF_MAGIC,
    STORAGE_DIRECTORY,
    StoredSource,
)
from motcua.documents.errors import StoreError
from motcua.documents.models import DocumentReuse, StoredDocument
from motcua.documents.scans import UnreadableScan, scan_to_pdf
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DocumentSource
from motcua.organization import selectors as organization
from motcua.results import selectors as result_selectors
from motcua.results import services as result_services
from motcua.results.constants import DocumentKind

__all__ = [
    "StoreError",
    "digitise_at_reception",
    "reuse_in_dossier",
    "store_accepted_dossier",
    "store_result",
    "store_results_of_dossier",
]

logger = logging.getLogger(__name__)

# The SigningError code of `results.services.sign_pdf` for a PDF whose signature a stamp would break.
_ALREADY_SIGNED = "already_signed"
_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def _read(field_file) -> bytes:
    with field_file.open("rb") as stored:
        return stored.read()


def _keep(
    owner,
    content: bytes,
    *,
    name: str,
    original_name: str,
    content_type: str,
    source: str,
    dossier_code: str = "",
    digitised_by=None,
    issuer: str = "",
    issued_on: date | None = None,
    valid_until: date | None = None,
    original_sha256: str = "",
    signed_document=None,
    arrived_signed: bool = False,
) -> StoredDocument:
    """The owner's copy of `content`: the one already kept, or a new one."""
    sha256 = hashlib.sha256(content).hexdigest()
    existing = StoredDocument.objects.filter(owner=owner, sha256=sha256).first()
    if existing is not None:
        return existing
    document = StoredDocument(
        owner=owner,
        name=nfc(name).strip()[:NAME_MAX],
        issuer=nfc(issuer).strip()[:NAME_MAX],
        issued_on=issued_on,
        valid_until=valid_until,
        source=source,
        source_dossier_code=dossier_code,
        digitised_by=digitised_by,
        original_name=nfc(original_name)[:255],
        content_type=content_type,
        size=len(content),
        sha256=sha256,
        original_sha256=original_sha256,
        signed_document=signed_document,
        arrived_signed=arrived_signed,
    )
    extension = _EXTENSIONS.get(content_type, "bin")
    document.file.save(f"{STORAGE_DIRECTORY}/{owner.pk}/{sha256}.{extension}", ContentFile(content), save=False)
    try:
        # A savepoint: a concurrent run of the same receiver may have kept the file first.
        with transaction.atomic():
            document.save()
    except IntegrityError:
        document.file.delete(save=False)
        return StoredDocument.objects.get(owner=owner, sha256=sha256)
    return document


def store_accepted_dossier(dossier) -> list[StoredDocument]:
    """Called when a dossier is accepted: its components join the applicant's store. Walk-ins without an account
    have no store."""
    owner = dossier.applicant
    if owner is None:
        return []
    kept = []
    for component in dossier_selectors.documents_of(dossier):
        if not component.has_file:
            continue
        try:
            content = _read(component.file)
        except OSError:
            # A file lost from storage must not stop the others, nor the dossier's notifications after this hook.
            logger.exception("Dossier %s component %s not readable for the store", dossier.pk, component.position)
            continue
        digitised = component.source == DocumentSource.DIGITISED and component.uploaded_by_id is not None
        kept.append(
            _keep(
                owner,
                content,
                name=component.name,
                original_name=component.original_name,
                content_type=component.content_type,
                source=StoredSource.DIGITISED if digitised else StoredSource.ACCEPTED_COMPONENT,
                dossier_code=dossier.code or "",
                digitised_by=component.uploaded_by if digitised else None,
            )
        )
    return kept


def store_result(owner, signed_document) -> StoredDocument:
    """Keep a signed e-result (a `motcua.results` SignedDocument) in `owner`'s store; issued by the signing agency
    on the day it was signed."""
    agency = organization.get_agency(signed_document.agency_code)
    return _keep(
        owner,
        result_selectors.read_stored_bytes(signed_document),
        name=signed_document.name,
        original_name=f"{signed_document.issued_number or signed_document.token}.pdf".replace("/", "-"),
        content_type="application/pdf",
        source=StoredSource.E_RESULT,
        dossier_code=signed_document.dossier_code,
        issuer=agency.name if agency else signed_document.agency_code,
        issued_on=timezone.localdate(signed_document.signed_at),
    )


def store_results_of_dossier(dossier) -> list[StoredDocument]:
    if dossier.applicant is None or not dossier.code:
        return []
    kept = []
    for signed in result_selectors.signed_documents_for_dossier(dossier.code):
        try:
            kept.append(store_result(dossier.applicant, signed))
        except OSError:
            logger.exception("Signed document %s not readable for the store", signed.token)
    return kept


def _scanned_type(content: bytes) -> str:
    if content.startswith(PDF_MAGIC):
        return "application/pdf"
    for magic, content_type in IMAGE_MAGICS.items():
        if content.startswith(magic):
            return content_type
    raise StoreError(_("Chỉ nhận tệp PDF, JPEG hoặc PNG; nội dung tệp này không thuộc các loại đó."), code="file_type")


def _component_at(dossier, position: int):
    component = next((item for item in dossier_selectors.documents_of(dossier) if item.position == position), None)
    if component is None:
        raise StoreError(_("Không có thành phần hồ sơ này."), code="unknown_document")
    return component


def _signed_copy(clerk, dossier, *, scan: bytes, scan_type: str, title: str):
    """The PDF kept for a scan, and its SignedDocument (None for a PDF that arrived signed and stays as it is)."""
    agency = dossier.receiving_agency
    if scan_type == "application/pdf":
        pdf_bytes = scan
    else:
        caption = DIGITISED_CAPTION.format(name=title, date=format_date(timezone.localdate()), clerk=str(clerk))
        try:
            pdf_bytes = scan_to_pdf(scan, caption=caption, title=title)
        except UnreadableScan as error:
            raise StoreError(
                _("Không đọc được ảnh quét; vui lòng quét lại bản chính."), code="unreadable_scan"
            ) from error
    procedure = dossier.procedure
    try:
        signed = result_services.sign_pdf(
            pdf_bytes,
            agency_code=agency.code,
            reason=DIGITISATION_SIGNING_REASON,
            location=agency.name,
            document_meta=result_services.DocumentMeta(
                name=title,
                kind=DocumentKind.DIGITISED_COPY,
                dossier_code=dossier.code or "",
                procedure_code=procedure.code or "",
                procedure_name=procedure.name,
            ),
        )
    except result_services.SigningError as error:
        if error.code == _ALREADY_SIGNED:
            return pdf_bytes, None
        raise StoreError(
            _("Chưa ký số được bản sao điện tử nên chưa lưu bản số hóa: %(reason)s") % {"reason": error.message},
            code="signing_failed",
        ) from error
    return result_selectors.read_stored_bytes(signed), signed


@contextmanager
def _files_removed_on_failure():
    """Storage is outside the transaction: files written before a failure are deleted with the rollback."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def digitise_at_reception(
    clerk,
    dossier,
    *,
    position: int,
    upload,
    name: str = "",
    issuer: str = "",
    issued_on: date | None = None,
    valid_until: date | None = None,
):
    """The clerk scans a paper original and the receiving agency signs the digitised copy: a PDF as it is, a JPEG
    or PNG scan as a one-page A4 PDF captioned with what, when and by whom. The signed copy fills the component
    (the dossier service checks the clerk's desk and the file) and is kept in the applicant's store as digitised by
    this clerk, with the scan's own hash. A PDF that already carries a signature is kept unchanged, since the
    verification stamp would break that signature. The same scan digitised again reuses the copy signed before.
    """
    if issued_on and valid_until and valid_until < issued_on:
        raise StoreError(_("Ngày hết hiệu lực không được trước ngày cấp."), code="invalid_dates")
    try:
        dossier_services.check_attach_document(clerk, dossier)
    except dossier_services.DossierError as error:
        raise StoreError(error.message, code=error.code) from error
    owner = dossier.applicant
    if owner is None:
        raise StoreError(
            _("Hồ sơ không gắn với tài khoản công dân nên không lưu được vào kho dữ liệu."), code="no_owner"
        )
    component = _component_at(dossier, position)
    upload.seek(0)
    scan = upload.read()
    scan_type = _scanned_type(scan)
    scan_sha256 = hashlib.sha256(scan).hexdigest()
    title = nfc(name).strip() or component.name
    pdf_name = f"{Path(nfc(upload.name or '')).stem or 'ban-so-hoa'}.pdf"
    with _files_removed_on_failure() as written, transaction.atomic():
        kept_before = StoredDocument.objects.filter(owner=owner, original_sha256=scan_sha256).first()
        if kept_before is not None:
            signed_pdf, signed = _read(kept_before.file), None
        else:
            signed_pdf, signed = _signed_copy(clerk, dossier, scan=scan, scan_type=scan_type, title=title)
            if signed is not None:
                written.append(signed.file.name)
        try:
            attached = dossier_services.do_attach_document(
                clerk,
                dossier,
                position=position,
                upload=SimpleUploadedFile(pdf_name, signed_pdf, content_type="application/pdf"),
                source=DocumentSource.DIGITISED,
            )
        except dossier_services.DossierError as error:
            raise StoreError(error.message, code=error.code) from error
        written.append(attached.file.name)
        if kept_before is not None:
            return kept_before
        return _keep(
            owner,
            signed_pdf,
            name=title,
            original_name=attached.original_name,
            content_type="application/pdf",
            source=StoredSource.DIGITISED,
            dossier_code=dossier.code or "",
            digitised_by=clerk,
            issuer=issuer,
            issued_on=issued_on,
            valid_until=valid_until,
            original_sha256=scan_sha256,
            signed_document=signed,
            arrived_signed=signed is None,
        )


def reuse_in_dossier(actor, dossier, position: int, stored_document: StoredDocument):
    """Fill component `position` of `dossier` with a document from the actor's own store."""
    if stored_document.owner_id != getattr(actor, "pk", None):
        raise StoreError(_("Không tìm thấy giấy tờ này trong kho dữ liệu của bạn."), code="not_found")
    upload = SimpleUploadedFile(
        stored_document.original_name, _read(stored_document.file), content_type=stored_document.content_type
    )
    with transaction.atomic():
        try:
            component = dossier_services.do_attach_document(
                actor, dossier, position=position, upload=upload, source=DocumentSource.REUSED
            )
        except dossier_services.DossierError as error:
            raise StoreError(error.message, code=error.code) from error
        DocumentReuse.objects.create(
            stored_document=stored_document, dossier_id=component.dossier_id, position=position, reused_by=actor
        )
    return component
