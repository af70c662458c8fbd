"""How dossiers come in: online drafts and submission, assisted online (nộp hộ), the counter, the post."""

import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts import validators as identifiers
from motcua.core.text import nfc, search_key
from motcua.dossiers import procedures, uploads
from motcua.dossiers.constants import (
    CHANNEL_OF_INTAKE,
    OTHER_DOCUMENTS_SLOT_NAME,
    DocumentSource,
    DossierStatus,
    EventAction,
    Intake,
)
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.services.common import (
    Change,
    forbidden,
    holds,
    is_applicant_side,
    is_citizen,
    is_signed_in,
    iso,
    require_status,
    transition,
)
from motcua.organization.constants import StaffRole

_ANGLE_BRACKETS = frozenset("<>")
_NAME_MAX = 255
_ADDRESS_MAX = 500
# A hand-over record older than this is a typing mistake rather than a late parcel.
_POSTAL_HANDOVER_MAX_AGE_DAYS = 30


@dataclass(frozen=True)
class ApplicantData:
    """The applicant as written on the dossier (chủ hồ sơ): a person with a CCCD or an organisation with a tax code."""

    name: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


def _plain_text(value: str, label: str, max_length: int) -> str:
    text = nfc(value or "")
    if _ANGLE_BRACKETS & set(text) or any(unicodedata.category(char) == "Cc" for char in text):
        raise DossierError(
            _("%(field)s không được chứa ký tự < , > hoặc ký tự điều khiển.") % {"field": label}, code="invalid_text"
        )
    if len(text) > max_length:
        raise DossierError(
            _("%(field)s dài quá %(limit)s ký tự.") % {"field": label, "limit": max_length}, code="too_long"
        )
    return text


def _identifier(value: str) -> str:
    text = nfc(value or "")
    if not text:
        return ""
    digits = text.replace(" ", "").replace(".", "")
    parse = identifiers.parse_cccd if len(digits) == 12 else identifiers.parse_tax_code
    try:
        return parse(text).number
    except ValidationError as error:
        raise DossierError(" ".join(error.messages), code="invalid_id_number") from error


def clean_applicant(data: ApplicantData, *, complete: bool) -> ApplicantData:
    """Normalised applicant data; `complete` demands what a submitted dossier must carry (the name)."""
    name = _plain_text(data.name, _("Họ tên người nộp"), _NAME_MAX)
    if complete and not name:
        raise DossierError(_("Vui lòng nhập họ tên người nộp hồ sơ hoặc tên tổ chức."), code="required")
    phone = nfc(data.phone or "")
    if phone:
        try:
            phone = identifiers.normalise_phone(phone)
        except ValidationError as error:
            raise DossierError(" ".join(error.messages), code="invalid_phone") from error
    email = nfc(data.email or "").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise DossierError(_("Địa chỉ thư điện tử không hợp lệ."), code="invalid_email") from error
    return ApplicantData(
        name=name,
        id_number=_identifier(data.id_number),
        phone=phone,
        email=email,
        address=_plain_text(data.address, _("Địa chỉ"), _ADDRESS_MAX),
    )


def _prefilled(data: ApplicantData, account) -> ApplicantData:
    """Blank fields take the values of the applicant's account (data the citizen already gave once)."""
    if account is None:
        return data
    return replace(
        data,
        name=data.name or account.full_name,
        id_number=data.id_number or account.cccd or account.tax_code or "",
        phone=data.phone or account.phone,
        email=data.email or account.email,
    )


def _write_applicant(dossier: Dossier, data: ApplicantData) -> None:
    dossier.applicant_name = data.name
    dossier.applicant_name_key = search_key(data.name)
    dossier.applicant_cccd = data.id_number
    dossier.applicant_phone = data.phone
    dossier.applicant_email = data.email
    dossier.applicant_address = data.address


# --- Creating ------------------------------------------------------------------------------------------------


def check_create(actor, procedure, agency, intake: str) -> None:
    """May `actor` open a dossier of `procedure` at `agency` by `intake`?"""
    if intake == Intake.SELF_SERVICE:
        allowed = is_citizen(actor)
    elif intake == Intake.ASSISTED:
        allowed = holds(actor, StaffRole.CLERK, agency) or holds(actor, StaffRole.POSTAL, agency)
    elif intake == Intake.COUNTER:
        allowed = holds(actor, StaffRole.CLERK, agency)
    else:
        allowed = holds(actor, StaffRole.POSTAL, agency) or holds(actor, StaffRole.CLERK, agency)
    if not allowed:
        raise forbidden()
    if agency is None or procedures.offering_at(procedure, agency) is None:
        raise DossierError(_("Cơ quan đã chọn không tiếp nhận thủ tục này."), code="not_offered")
    if intake in (Intake.SELF_SERVICE, Intake.ASSISTED) and not procedures.accepts_online(procedure, agency):
        raise DossierError(
            _("Thủ tục này chưa cung cấp dịch vụ công trực tuyến (mức độ 3 trở lên) tại cơ quan đã chọn."),
            code="not_online",
        )


def open_dossier(actor, *, procedure, agency, intake: str, applicant: ApplicantData, on_behalf_of) -> Dossier:
    check_create(actor, procedure, agency, intake)
    if intake == Intake.SELF_SERVICE:
        if on_behalf_of is not None and on_behalf_of != actor:
            raise DossierError(_("Công dân chỉ nộp hồ sơ của chính mình."), code="forbidden")
        owner = actor
    else:
        if on_behalf_of is not None and not is_citizen(on_behalf_of):
            raise DossierError(_("Tài khoản chủ hồ sơ phải là tài khoản công dân hoặc tổ chức."), code="invalid")
        owner = on_behalf_of
    dossier = Dossier(
        procedure=procedure,
        channel=CHANNEL_OF_INTAKE[intake],
        intake=intake,
        applicant=owner,
        submitter=actor,
        receiving_agency=agency,
        handling_agency=agency,
    )
    _write_applicant(dossier, clean_applicant(_prefilled(applicant, owner), complete=False))
    change = Change.begin(dossier, actor, EventAction.CREATE)
    change.finish(agency=agency, payload={"intake": intake})
    slots = procedures.document_slots(procedure)
    DossierDocument.objects.bulk_create(
        [
            DossierDocument(
                dossier=dossier,
                position=slot.position,
                name=slot.name,
                quantity_text=slot.quantity_text,
                required=slot.required,
            )
            for slot in slots
        ]
        + [
            DossierDocument(
                dossier=dossier,
                position=max((slot.position for slot in slots), default=0) + 1,
                name=OTHER_DOCUMENTS_SLOT_NAME,
                required=False,
            )
        ]
    )
    return dossier


@transaction.atomic
def do_create_draft(
    actor, *, procedure, agency, applicant: ApplicantData = ApplicantData(), on_behalf_of=None
) -> Dossier:
    """An online draft. A citizen drafts their own; a clerk or postal worker drafts one for a citizen (nộp hộ)."""
    intake = Intake.SELF_SERVICE if is_citizen(actor) else Intake.ASSISTED
    return open_dossier(
        actor, procedure=procedure, agency=agency, intake=intake, applicant=applicant, on_behalf_of=on_behalf_of
    )


def check_save_draft(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.DRAFT])
    if not is_signed_in(actor) or actor.pk != dossier.submitter_id:
        raise forbidden()


@transition(check_save_draft)
def do_save_draft(actor, dossier: Dossier, *, applicant: ApplicantData) -> Dossier:
    _write_applicant(dossier, clean_applicant(applicant, complete=False))
    Change.begin(dossier, actor, EventAction.SAVE_DRAFT).finish(agency=None)
    return dossier


# --- Documents -----------------------------------------------------------------------------------------------

_APPLICANT_ATTACH_STATUSES = (DossierStatus.DRAFT, DossierStatus.SUPPLEMENT_REQUESTED)
_DESK_ATTACH_STATUSES = (DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.SUPPLEMENT_REQUESTED)


def is_desk_staff(actor, dossier: Dossier) -> bool:
    return holds(actor, StaffRole.CLERK, dossier.receiving_agency) or holds(
        actor, StaffRole.POSTAL, dossier.receiving_agency
    )


def check_attach_document(actor, dossier: Dossier) -> None:
    if is_applicant_side(actor, dossier) and dossier.status in _APPLICANT_ATTACH_STATUSES:
        return
    if is_desk_staff(actor, dossier):
        require_status(dossier, _DESK_ATTACH_STATUSES)
        return
    if is_applicant_side(actor, dossier):
        require_status(dossier, _APPLICANT_ATTACH_STATUSES)
    raise forbidden()


@transition(check_attach_document)
def do_attach_document(
    actor, dossier: Dossier, *, position: int, upload: UploadedFile, source: str | None = None
) -> DossierDocument:
    """Put a file into a component slot (replacing the previous file, which the event log still names)."""
    document = dossier.documents.filter(position=position).first()
    if document is None:
        raise DossierError(_("Không có thành phần hồ sơ này."), code="unknown_document")
    if source is None:
        source = DocumentSource.UPLOADED if is_citizen(actor) else DocumentSource.DIGITISED
    elif source not in DocumentSource.values:
        raise DossierError(_("Nguồn giấy tờ không hợp lệ."), code="invalid")
    checked = uploads.check_upload(upload)
    replaced = document.original_name
    document.file.save(uploads.storage_name(dossier.pk, checked.extension), upload, save=False)
    document.original_name = checked.original_name
    document.content_type = checked.content_type
    document.size = checked.size
    document.source = source
    document.uploaded_by = actor
    document.uploaded_at = timezone.now()
    document.save()
    Change.begin(dossier, actor, EventAction.ATTACH, at=document.uploaded_at).finish(
        payload={
            "position": document.position,
            "name": document.name,
            "original_name": checked.original_name,
            "content_type": checked.content_type,
            "size": checked.size,
            "source": source,
            "replaced": replaced,
        }
    )
    return document


def missing_required_documents(dossier: Dossier) -> list[str]:
    return [document.name for document in dossier.documents.all() if document.required and not document.file]


def check_complete(dossier: Dossier) -> None:
    missing = missing_required_documents(dossier)
    if missing:
        raise DossierError(
            _("Hồ sơ còn thiếu giấy tờ bắt buộc: %(names)s.") % {"names": "; ".join(missing)}, code="missing_documents"
        )
    if not dossier.documents.exclude(file="").exists():
        raise DossierError(_("Hồ sơ chưa có giấy tờ nào được đính kèm."), code="missing_documents")
    clean_applicant(
        ApplicantData(
            name=dossier.applicant_name,
            id_number=dossier.applicant_cccd,
            phone=dossier.applicant_phone,
            email=dossier.applicant_email,
            address=dossier.applicant_address,
        ),
        complete=True,
    )


# --- Submitting ----------------------------------------------------------------------------------------------


def mark_submitted(
    actor, dossier: Dossier, *, submitted_at: datetime | None = None, payload: dict | None = None
) -> None:
    """The legal submission of a complete dossier; `submitted_at` differs from now only for a postal hand-over."""
    check_complete(dossier)
    change = Change.begin(dossier, actor, EventAction.SUBMIT)
    dossier.status = DossierStatus.SUBMITTED
    dossier.submitted_at = submitted_at or change.at
    change.finish(agency=dossier.receiving_agency, recipient_agency=dossier.receiving_agency, payload=payload)


def check_submit_online(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.DRAFT])
    if not is_signed_in(actor) or actor.pk != dossier.submitter_id:
        raise forbidden()
    check_create(actor, dossier.procedure, dossier.receiving_agency, dossier.intake)


@transition(check_submit_online)
def do_submit_online(actor, dossier: Dossier) -> Dossier:
    """Draft → Mới đăng ký (national code 1): the desk now has to check it."""
    mark_submitted(actor, dossier)
    return dossier


@contextmanager
def _files_removed_on_failure() -> Iterator[list]:
    """The files stored in the block (appended to the list it gives) are deleted again if the block raises: the
    rows that named them roll back, and a file that no row names must not stay behind."""
    stored = []
    try:
        yield stored
    except Exception:
        for file in stored:
            file.storage.delete(file.name)
        raise


def intake_with_files(
    actor, *, procedure, agency, intake: str, applicant: ApplicantData, on_behalf_of, files, complete
) -> Dossier:
    """Open a dossier, attach `files` ({position: upload}) and run `complete(dossier)`, all in the caller's
    transaction. Should any step fail, the rows roll back and the files already stored are deleted as well."""
    with _files_removed_on_failure() as stored:
        dossier = open_dossier(
            actor, procedure=procedure, agency=agency, intake=intake, applicant=applicant, on_behalf_of=on_behalf_of
        )
        for position, upload in files.items():
            stored.append(do_attach_document(actor, dossier, position=position, upload=upload).file)
        return complete(dossier)


def attach_files_then(actor, dossier: Dossier, files: dict, finish: Callable, *, version: int | None):
    """Attach `files` ({position: upload}) to an existing dossier and then run `finish(dossier, expected_version)`
    as one transaction: if any step is refused, no row changes and the files already written are deleted again.
    The page's `version` is checked by the first write."""
    with _files_removed_on_failure() as stored, transaction.atomic():
        for position, upload in files.items():
            document = do_attach_document(actor, dossier, position=position, upload=upload, expected_version=version)
            stored.append(document.file)
            version = None
        return finish(dossier, version)


@transaction.atomic
def do_submit_assisted(
    actor, *, procedure, agency, applicant: ApplicantData, files: Mapping[int, UploadedFile], on_behalf_of=None
) -> Dossier:
    """Nộp hộ: a clerk or postal worker submits online for a citizen, recorded as such (intake "assisted")."""
    if is_citizen(actor):
        raise DossierError(_("Chỉ cán bộ một cửa hoặc nhân viên bưu điện được nộp hộ hồ sơ."), code="forbidden")
    return intake_with_files(
        actor,
        procedure=procedure,
        agency=agency,
        intake=Intake.ASSISTED,
        applicant=applicant,
        on_behalf_of=on_behalf_of,
        files=files,
        complete=lambda dossier: do_submit_online(actor, dossier),
    )


@transaction.atomic
def do_receive_postal(
    actor,
    *,
    procedure,
    agency,
    applicant: ApplicantData,
    files: Mapping[int, UploadedFile],
    handed_over_at: datetime,
    on_behalf_of=None,
) -> Dossier:
    """A dossier brought by the public postal service: the hand-over record's time is the legal submission time
    (QĐ 45/2016/QĐ-TTg Art. 7); the scans are digitised documents. The desk then accepts or asks a supplement."""
    now = timezone.now()
    if handed_over_at is None or timezone.is_naive(handed_over_at):
        raise DossierError(_("Vui lòng nhập thời điểm ký biên bản giao nhận hồ sơ."), code="required")
    if handed_over_at > now or (now - handed_over_at).days > _POSTAL_HANDOVER_MAX_AGE_DAYS:
        raise DossierError(
            _("Thời điểm ký biên bản giao nhận phải trong vòng %(days)s ngày qua và không ở tương lai.")
            % {"days": _POSTAL_HANDOVER_MAX_AGE_DAYS},
            code="invalid_time",
        )

    def hand_over(dossier: Dossier) -> Dossier:
        mark_submitted(actor, dossier, submitted_at=handed_over_at, payload={"handed_over_at": iso(handed_over_at)})
        return dossier

    return intake_with_files(
        actor,
        procedure=procedure,
        agency=agency,
        intake=Intake.POSTAL,
        applicant=applicant,
        on_behalf_of=on_behalf_of,
        files=files,
        complete=hand_over,
    )
