"""Writes of the results app: signing documents (PAdES) and the demo PKI of the embedded default."""

import functools
import io
import logging
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError

from motcua.catalog.constants import ServiceLevel
from motcua.core.pdf import DocumentSpec, PageSize, SignatureBlock, StampError, add_verification_stamp, render_document
from motcua.core.text import nfc
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import FINAL_STATUSES, DossierStatus, EventAction
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole
from motcua.results import pki, selectors, tasks
from motcua.results.constants import (
    DOWNLOADABLE_STATUSES,
    ID_NUMBER_PATTERN,
    ISSUED_NUMBER_SYMBOL,
    PDF_HEADER_WINDOW,
    PDF_MAGIC,
    POSTAL_TRANSITIONS,
    RESULT_SIGNER_TITLE,
    RESULT_SIGNING_REASON,
    RESULT_UPLOAD_DIRECTORY,
    RESULT_UPLOAD_STATUSES,
    STORAGE_DIRECTORY,
    TOKEN_BYTES,
    DeliveryMethod,
    DocumentKind,
    PostalStatus,
    ResultSource,
)
from motcua.results.errors import ResultError, SigningError
from motcua.results.models import (
    Delivery,
    DossierResult,
    IssueCounter,
    PostalEvent,
    PostalOrder,
    ResultUpload,
    SignedDocument,
)

logger = logging.getLogger(__name__)
from motcua.results.signatures import (
    KeyUnavailable,
    SigningKey,
    has_signatures,
    load_signing_key,
    sha256_hex,
    sign_prepared,
)

__all__ = [
    "DemoPkiReport",
    "DocumentMeta",
    "ResultError",
    "SigningError",
    "choose_delivery",
    "dispatch_by_post",
    "ensure_demo_pki",
    "issue_result",
    "issue_result_for_event",
    "record_online_download",
    "record_postal_event",
    "return_at_counter",
    "sign_pdf",
    "upload_result",
    "verification_url",
]


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


# --- E-result of a dossier -----------------------------------------------------------------------------------


def _refuse(message: str, code: str) -> ResultError:
    return ResultError(message, code=code)


def _forbidden() -> ResultError:
    return _refuse(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."), "forbidden")


def _readable_pdf(data: bytes) -> bytes:
    if len(data) > settings.MOTCUA_UPLOAD_MAX_BYTES:
        raise _refuse(
            _("Tệp vượt quá dung lượng cho phép (%(limit)s MB).")
            % {"limit": settings.MOTCUA_UPLOAD_MAX_BYTES // (1024 * 1024)},
            "too_large",
        )
    if PDF_MAGIC not in data[:PDF_HEADER_WINDOW]:
        raise _refuse(_("Tệp này không phải tệp PDF."), "not_pdf")
    try:
        _open_unsigned(data)
    except SigningError as error:
        raise _refuse(error.message, error.code) from error
    return data


def upload_result(actor, dossier, *, pdf_bytes: bytes) -> ResultUpload:
    """The specialist working on the dossier supplies the result as a PDF, signed as it is at approval.

    Replaces an earlier upload until the leader approves; a PDF that cannot be stamped and signed is refused now
    rather than at approval."""
    if dossier.status not in RESULT_UPLOAD_STATUSES or selectors.dossier_result(dossier) is not None:
        raise _refuse(_("Chỉ tải lên kết quả khi hồ sơ đang xử lý và chưa được phê duyệt."), "invalid_state")
    if not (
        dossier.assignee_id == actor.pk or organization.has_role(actor, StaffRole.SPECIALIST, dossier.handling_agency)
    ):
        raise _forbidden()
    data = _readable_pdf(pdf_bytes)
    now = timezone.now()
    stored_name = default_storage.save(f"{RESULT_UPLOAD_DIRECTORY}/{now:%Y/%m}/{dossier.pk}.pdf", ContentFile(data))
    try:
        with transaction.atomic():
            upload = ResultUpload.objects.select_for_update().filter(dossier=dossier).first()
            replaced = upload.file.name if upload else ""
            upload = upload or ResultUpload(dossier=dossier)
            upload.file.name, upload.size, upload.uploaded_by, upload.uploaded_at = stored_name, len(data), actor, now
            upload.save()
    except Exception:
        default_storage.delete(stored_name)
        raise
    if replaced:
        transaction.on_commit(lambda: default_storage.delete(replaced))
    return upload


def _template_values(dossier, *, issued_number: str, issued_on) -> dict[str, str]:
    return {
        "ho_ten": dossier.applicant_name,
        "ma_ho_so": dossier.code or "",
        "ten_thu_tuc": dossier.procedure.name,
        "ma_thu_tuc": dossier.procedure.code or "",
        "ngay": f"{issued_on:%d/%m/%Y}",
        "co_quan": dossier.handling_agency.name,
        "so": issued_number,
    }


def _rendered_result(dossier, *, title: str, paragraphs: list[str], issued_number: str, issued_on) -> bytes:
    agency = dossier.handling_agency
    return render_document(
        DocumentSpec(
            title=title,
            agency=agency.name,
            parent_agency=agency.parent.name if agency.parent_id else "",
            page_size=PageSize.A4,
            number=issued_number,
            issued_on=issued_on,
            body=paragraphs,
            signatures=[SignatureBlock(RESULT_SIGNER_TITLE, hint="")],
        )
    )


def _result_document(dossier, *, issued_number: str, issued_on) -> tuple[bytes, str, str]:
    """The PDF to sign, its name and its source: the specialist's upload, else the procedure's template filled in."""
    upload = ResultUpload.objects.filter(dossier=dossier).first()
    if upload is not None:
        with upload.file.open("rb") as stored:
            return stored.read(), str(DocumentKind.RESULT.label), ResultSource.UPLOADED
    title, body = selectors.result_wording(dossier.procedure.code or "")
    values = _template_values(dossier, issued_number=issued_number, issued_on=issued_on)
    title = title.format_map(values)
    paragraphs = [paragraph.format_map(values) for paragraph in body]
    pdf_bytes = _rendered_result(
        dossier, title=title, paragraphs=paragraphs, issued_number=issued_number, issued_on=issued_on
    )
    return pdf_bytes, title, ResultSource.GENERATED


def issue_result(dossier) -> DossierResult:
    """Renders (unless uploaded), signs with the handling agency's key and records the dossier's e-result.

    Idempotent: a dossier that has its result gets it back, never a second signature. Issuing at one agency is
    serialised by its yearly counter's row lock, which also makes the issued numbers gapless.
    Raises SigningError when the document cannot be signed; nothing is recorded then.
    """
    existing = selectors.dossier_result(dossier)
    if existing is not None:
        return existing
    agency = dossier.handling_agency
    issued_on = timezone.localdate()
    with transaction.atomic():
        IssueCounter.objects.get_or_create(agency_code=agency.code, year=issued_on.year)
        counter = IssueCounter.objects.select_for_update().get(agency_code=agency.code, year=issued_on.year)
        existing = selectors.dossier_result(dossier)
        if existing is not None:
            return existing
        sequence = counter.last + 1
        issued_number = f"{sequence}/{issued_on.year}/{ISSUED_NUMBER_SYMBOL}-{agency.code}"
        pdf_bytes, name, source = _result_document(dossier, issued_number=issued_number, issued_on=issued_on)
        document = sign_pdf(
            pdf_bytes,
            agency_code=agency.code,
            reason=RESULT_SIGNING_REASON,
            location=agency.name,
            document_meta=DocumentMeta(
                name=name,
                kind=DocumentKind.RESULT,
                dossier_code=dossier.code or "",
                procedure_code=dossier.procedure.code or "",
                procedure_name=dossier.procedure.name,
                issued_number=issued_number,
            ),
        )
        try:
            counter.last = sequence
            counter.save(update_fields=["last"])
            return DossierResult.objects.create(
                dossier=dossier,
                document=document,
                source=source,
                agency_code=agency.code,
                year=issued_on.year,
                sequence=sequence,
                issued_number=issued_number,
                issued_on=issued_on,
            )
        except Exception:
            # The signed file is stored before the rows commit; a rollback must not leave it behind.
            default_storage.delete(document.file.name)
            raise


def issue_result_for_event(event) -> DossierResult | None:
    """The `event_committed` receiver's work: the leader's approval issues the e-result (once)."""
    if event.action != EventAction.APPROVE:
        return None
    try:
        return issue_result(event.dossier)
    except SigningError:
        # The approval stands; the dossier page shows the result as not yet issued and the log says why.
        logger.exception("E-result of dossier %s not issued", event.dossier_id)
        return None


# --- Return of the result ------------------------------------------------------------------------------------


def _clean_address(address: str | None) -> str:
    text = nfc((address or "").replace("\x00", "")).strip()
    if not text:
        raise _refuse(_("Vui lòng nhập địa chỉ nhận kết quả qua bưu chính."), "address_required")
    if len(text) > Delivery._meta.get_field("address").max_length:
        raise _refuse(_("Địa chỉ quá dài (tối đa 500 ký tự)."), "too_long")
    return text


def choose_delivery(actor, dossier, method: str, address: str | None = None) -> Delivery:
    """The applicant chooses (or changes, until the result is returned or handed to the post) how to receive it."""
    if not selectors.is_applicant_side(actor, dossier):
        raise _forbidden()
    if dossier.status in FINAL_STATUSES:
        raise _refuse(_("Hồ sơ đã kết thúc nên không đổi được hình thức nhận kết quả."), "invalid_state")
    if method not in DeliveryMethod.values:
        raise _refuse(_("Vui lòng chọn một hình thức nhận kết quả."), "invalid_method")
    if method == DeliveryMethod.ONLINE and dossier.procedure.service_level != ServiceLevel.FULL:
        raise _refuse(
            _("Thủ tục này không cung cấp trực tuyến toàn trình nên không nhận kết quả trực tuyến được."),
            "not_full_online",
        )
    address = _clean_address(address) if method == DeliveryMethod.POSTAL else ""
    with transaction.atomic():
        if selectors.live_postal_order(dossier) is not None:
            raise _refuse(
                _("Kết quả đã được chuyển cho bưu điện nên không đổi được hình thức nhận."), "postal_under_way"
            )
        delivery, _created = Delivery.objects.select_for_update().get_or_create(
            dossier=dossier, defaults={"method": method, "address": address, "chosen_at": timezone.now()}
        )
        delivery.method, delivery.address, delivery.chosen_at = method, address, timezone.now()
        delivery.save()
    return delivery


def _check_desk(actor, dossier, *roles: str) -> None:
    if not any(organization.has_role(actor, role, dossier.receiving_agency) for role in roles):
        raise _forbidden()


def _clean_id_number(value: str) -> str:
    text = nfc(value or "").strip().upper().replace(" ", "")
    if not re.fullmatch(ID_NUMBER_PATTERN, text):
        raise _refuse(
            _("Vui lòng ghi số giấy tờ tùy thân người nhận đã xuất trình (6–20 chữ cái hoặc chữ số)."), "invalid_id"
        )
    return text


def return_at_counter(actor, dossier, *, recipient_name: str, id_number: str, note: str = "") -> Delivery:
    """The desk hands the result over in person, recording who received it and the identity document shown."""
    id_number = _clean_id_number(id_number)
    with transaction.atomic():
        if selectors.live_postal_order(dossier) is not None:
            raise _refuse(_("Kết quả đang được chuyển phát qua bưu điện."), "postal_under_way")
        try:
            returned = dossier_services.do_return_result(actor, dossier, recipient_name=recipient_name, note=note)
        except dossier_services.DossierError as error:
            raise _refuse(error.message, error.code) from error
        delivery, _created = Delivery.objects.select_for_update().get_or_create(
            dossier=dossier, defaults={"method": DeliveryMethod.COUNTER, "chosen_at": returned.returned_at}
        )
        delivery.method, delivery.address = DeliveryMethod.COUNTER, ""
        delivery.recipient_name = returned.result_recipient
        delivery.recipient_id_number = id_number
        delivery.handed_over_by = actor
        delivery.handed_over_at = returned.returned_at
        delivery.save()
    return delivery


def dispatch_by_post(actor, dossier, *, tracking_code: str = "") -> PostalOrder:
    """The desk hands a resolved result to the post, to the address the applicant chose."""
    _check_desk(actor, dossier, StaffRole.CLERK)
    if dossier.status != DossierStatus.RESOLVED:
        raise _refuse(_("Chỉ gửi bưu điện khi hồ sơ đã có kết quả và chưa trả."), "invalid_state")
    tracking_code = nfc(tracking_code or "").strip()
    if len(tracking_code) > PostalOrder._meta.get_field("tracking_code").max_length:
        raise _refuse(_("Mã bưu gửi quá dài (tối đa 40 ký tự)."), "too_long")
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(dossier=dossier).first()
        if delivery is None or delivery.method != DeliveryMethod.POSTAL:
            raise _refuse(_("Người nộp không chọn nhận kết quả qua bưu chính."), "not_postal")
        if selectors.live_postal_order(dossier) is not None:
            raise _refuse(_("Kết quả đã được chuyển cho bưu điện."), "postal_under_way")
        now = timezone.now()
        order = PostalOrder.objects.create(
            dossier=dossier, address=delivery.address, tracking_code=tracking_code, created_at=now, updated_at=now
        )
        event = PostalEvent.objects.create(order=order, status=PostalStatus.REQUESTED, at=now, actor=actor)
        _notify_after_commit(event)
    return order


def _notify_after_commit(event: PostalEvent) -> None:
    # After commit, so a rolled-back step mails nobody; robust, so a broker outage never undoes the step.
    transaction.on_commit(functools.partial(tasks.notify_postal_event.delay, event.pk), robust=True)


def record_postal_event(actor, order: PostalOrder, status: str, *, note: str = "") -> PostalOrder:
    """Postal staff (or the desk) move the order along its tracking states; delivered returns the dossier.

    Each step, the request in `dispatch_by_post` included, is e-mailed to the applicant once it has committed;
    delivery through the dossier's own "result returned" mail."""
    dossier = order.dossier
    _check_desk(actor, dossier, StaffRole.POSTAL, StaffRole.CLERK)
    note = nfc((note or "").replace("\x00", "")).strip()
    if len(note) > PostalEvent._meta.get_field("note").max_length:
        raise _refuse(_("Ghi chú quá dài (tối đa 500 ký tự)."), "too_long")
    with transaction.atomic():
        order = PostalOrder.objects.select_for_update().get(pk=order.pk)
        if status not in POSTAL_TRANSITIONS.get(order.status, frozenset()):
            raise _refuse(
                _("Đơn chuyển phát đang ở trạng thái “%(status)s” nên không chuyển được sang “%(new)s”.")
                % {
                    "status": PostalStatus(order.status).label,
                    "new": PostalStatus(status).label if status in PostalStatus.values else status,
                },
                "invalid_transition",
            )
        now = timezone.now()
        if status == PostalStatus.DELIVERED:
            try:
                dossier_services.do_return_result(
                    actor,
                    dossier,
                    recipient_name=dossier.applicant_name,
                    note=_("Đã phát qua bưu chính (mã bưu gửi: %(code)s).") % {"code": order.tracking_code or "—"},
                )
            except dossier_services.DossierError as error:
                raise _refuse(error.message, error.code) from error
        order.status, order.updated_at = status, now
        order.save(update_fields=["status", "updated_at"])
        event = PostalEvent.objects.create(order=order, status=status, at=now, actor=actor, note=note)
        # Delivery returns the dossier, and that return is e-mailed with the tracking code: one mail, not two.
        if status != PostalStatus.DELIVERED:
            _notify_after_commit(event)
    return order


def record_online_download(actor, dossier) -> Delivery:
    """The applicant downloads the e-result of a resolved level-4 dossier; the first download is remembered."""
    if not selectors.is_applicant_side(actor, dossier):
        raise _forbidden()
    if dossier.status not in DOWNLOADABLE_STATUSES or selectors.dossier_result(dossier) is None:
        raise _refuse(_("Kết quả điện tử của hồ sơ chưa sẵn sàng."), "not_ready")
    with transaction.atomic():
        delivery, _created = Delivery.objects.select_for_update().get_or_create(
            dossier=dossier, defaults={"method": DeliveryMethod.ONLINE, "chosen_at": timezone.now()}
        )
        if delivery.first_downloaded_at is None:
            delivery.first_downloaded_at = timezone.now()
            delivery.save(update_fields=["first_downloaded_at"])
            if dossier.status == DossierStatus.RESOLVED:
                # Level 4: the applicant's first download is the hand-over (Decree 42/2022 Art. 11, result online);
                # the delivery row lock above makes sure only one download records it.
                dossier_services.do_return_result(
                    None, dossier, recipient_name=dossier.applicant_name, note=_("Nhận kết quả trực tuyến.")
                )
    return delivery
