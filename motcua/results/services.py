"""Writes of the results app: signing documents (PAdES) and the demo PKI of the embedded default."""

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError

from motcua.core.pdf import StampError, add_verification_stamp
from motcua.core.text import nfc
from motcua.results import pki
from motcua.results.constants import STORAGE_DIRECTORY, TOKEN_BYTES, DocumentKind
from motcua.results.errors import SigningError
from motcua.results.models import SignedDocument
from motcua.results.signatures import (
    KeyUnavailable,
    SigningKey,
    has_signatures,
    load_signing_key,
    sha256_hex,
    sign_prepared,
)

__all__ = ["DemoPkiReport", "DocumentMeta", "SigningError", "ensure_demo_pki", "sign_pdf", "verification_url"]


@dataclass(frozen=True)
class DocumentMeta:
    """What is being signed, as the verification page will show it."""

    name: str
    kind: str = DocumentKind.RESULT
    dossier_code: str = ""
    procedure_code: str = ""
    procedure_name: str = ""
    issued_number: str = ""


def verification_url(token: str) -> str:
    """The absolute address printed in the document's QR code."""
    return f"{settings.MOTCUA_PUBLIC_URL}{reverse('results:verify', args=[token])}"


def _signing_key(agency_code: str) -> SigningKey:
    override = settings.MOTCUA_SIGNING_KEYS_BY_AGENCY.get(agency_code)
    if override:
        path, password = Path(override["pkcs12"]), override.get("password", "")
    else:
        path, password = Path(settings.MOTCUA_SIGNING_PKCS12), settings.MOTCUA_SIGNING_PKCS12_PASSWORD
    try:
        return load_signing_key(path, password)
    except KeyUnavailable as error:
        raise SigningError(
            _("Chưa có khóa ký số dùng được cho cơ quan %(agency)s (%(detail)s).")
            % {"agency": agency_code, "detail": error},
            code="key_unavailable",
        ) from error


def _stamp_lines(key: SigningKey, token: str) -> list[str]:
    # Printed on the document itself, which is a Vietnamese legal text whatever the interface language: no gettext.
    return [
        f"Văn bản điện tử đã được ký số bởi: {key.common_name}",
        f"Kiểm tra tính xác thực tại: {settings.MOTCUA_PUBLIC_URL}/xac-thuc/",
        f"Mã xác thực: {token}",
    ]


def _unsaved_record(meta: DocumentMeta, *, token: str, agency_code: str, reason: str, location: str, key: SigningKey):
    document = SignedDocument(
        token=token,
        kind=meta.kind,
        name=nfc(meta.name),
        issued_number=nfc(meta.issued_number),
        dossier_code=nfc(meta.dossier_code),
        procedure_code=nfc(meta.procedure_code),
        procedure_name=nfc(meta.procedure_name),
        agency_code=nfc(agency_code),
        signer_name=nfc(key.common_name),
        signer_subject=nfc(key.subject),
        certificate_fingerprint=key.fingerprint,
        reason=nfc(reason),
        location=nfc(location),
    )
    try:
        document.full_clean(exclude=["signed_at", "sha256", "size", "file"])
    except ValidationError as error:
        fields = ", ".join(sorted(error.message_dict))
        raise SigningError(
            _("Thông tin văn bản cần ký chưa hợp lệ (%(fields)s).") % {"fields": fields}, code="invalid_meta"
        ) from error
    return document


def _open_unsigned(pdf_bytes: bytes) -> IncrementalPdfFileWriter:
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
        encrypted = writer.prev.encrypted
        signed = has_signatures(writer)
    # A result uploaded by a specialist can be any file that starts like a PDF; what the parser trips over in it is
    # a problem of the file, reported as such.
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as error:
        raise SigningError(_("Không đọc được tệp PDF cần ký."), code="unreadable_pdf") from error
    if encrypted:
        raise SigningError(_("Không ký được tệp PDF đã mã hóa."), code="encrypted")
    if signed:
        raise SigningError(
            _("Tệp PDF đã có chữ ký số; thêm mã xác thực sẽ làm hỏng chữ ký đó."), code="already_signed"
        )
    return writer


def sign_pdf(
    pdf_bytes: bytes, *, agency_code: str, reason: str, location: str, document_meta: DocumentMeta
) -> SignedDocument:
    """Stamps the verification QR code on page 1, signs (PAdES B-B) with the agency's key and stores the result.

    Raises SigningError (Vietnamese message, a `code`) when the key is missing, the PDF cannot be read or already
    carries a signature (stamping would break it), or the metadata is invalid; nothing is stored then.
    """
    key = _signing_key(agency_code)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    document = _unsaved_record(
        document_meta, token=token, agency_code=agency_code, reason=reason, location=location, key=key
    )
    writer = _open_unsigned(pdf_bytes)
    try:
        add_verification_stamp(writer, url=verification_url(token), lines=_stamp_lines(key, token))
        signed_at = timezone.now()
        signed = sign_prepared(writer, key, reason=document.reason, location=document.location)
    except (PdfError, StampError, ValueError) as error:
        # pyHanko reports a certificate unfit for signing and an unusable page alike as ValueError subclasses.
        raise SigningError(_("Không ký được tệp PDF: %(detail)s") % {"detail": error}, code="signing_failed") from error
    document.signed_at = signed_at
    document.sha256 = sha256_hex(signed)
    document.size = len(signed)
    stored_name = default_storage.save(
        f"{STORAGE_DIRECTORY}/{signed_at:%Y/%m}/{token}.pdf", ContentFile(signed)
    )
    document.file.name = stored_name
    try:
        document.save()
    except Exception:
        # The row is the only way to reach the file: without it, the file must not stay behind.
        default_storage.delete(stored_name)
        raise
    return document


@dataclass(frozen=True)
class DemoPkiReport:
    paths: pki.DemoPkiPaths
    created_root: bool
    created_agency: bool
    agency_common_name: str


def ensure_demo_pki(
    *,
    agency_name: str,
    organization: str,
    locality: str = "",
    directory: Path | None = None,
    password: str | None = None,
) -> DemoPkiReport:
    """Creates the demo root CA and the agency's PKCS#12 in `directory` unless they are there (idempotent)."""
    paths = pki.DemoPkiPaths.in_directory(Path(directory or settings.MOTCUA_PKI_DIR))
    password = settings.MOTCUA_SIGNING_PKCS12_PASSWORD if password is None else password
    created_root = False
    if paths.root_certificate.exists() and paths.root_key.exists():
        root = pki.load_root(paths, password)
    else:
        root = pki.create_root()
        pki.write_file(paths.root_key, pki.key_pem(root.key, password))
        pki.write_file(paths.root_certificate, pki.certificate_pem(root.certificate), mode=0o644)
        created_root = True
    created_agency = False
    if created_root or not paths.agency_pkcs12.exists():
        agency = pki.issue_signing_certificate(
            root, common_name=nfc(agency_name), organization=nfc(organization), locality=nfc(locality)
        )
        pki.write_file(
            paths.agency_pkcs12, pki.pkcs12_bytes(agency, [root.certificate], password, friendly_name=nfc(agency_name))
        )
        created_agency = True
    common_name = load_signing_key(paths.agency_pkcs12, password).common_name
    return DemoPkiReport(paths, created_root, created_agency, common_name)
