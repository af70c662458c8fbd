"""/api/v1/dossiers and /api/v1/lookup (names fixed by docs/interfaces.md). Thin: services write, selectors read."""

from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from motcua.accounts.constants import AccountKind
from motcua.api import error_response
from motcua.catalog import selectors as catalog
from motcua.dossiers import selectors, services
from motcua.dossiers.constants import Channel
from motcua.organization import selectors as organization

router = Router(tags=["Hồ sơ"])
lookup_router = Router(tags=["Tra cứu hồ sơ"])

# DossierError codes that describe the dossier's state rather than the request: 409, as for a version conflict.
_CONFLICT_CODES = {"invalid_state", "conflict", "supplement_once", "apology_once"}


def _error(request, error: services.DossierError):
    if error.code == "not_found":
        status = 404
    elif error.code == "forbidden":
        status = 403
    elif error.code in _CONFLICT_CODES:
        status = 409
    else:
        status = 400
    return error_response(request, status, error.code, error.message)


class NamedCode(Schema):
    code: str
    name: str


class ApplicantIn(Schema):
    name: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class DossierIn(Schema):
    procedure: str
    agency: str
    channel: str = Channel.ONLINE.value
    applicant: ApplicantIn = ApplicantIn()


class ApplicantOut(Schema):
    name: str
    id_number: str
    phone: str
    email: str
    address: str


class DocumentOut(Schema):
    id: int
    position: int
    name: str
    quantity: str
    required: bool
    has_file: bool
    file_name: str
    content_type: str
    size: int
    source: str
    uploaded_at: datetime | None


class SupplementOut(Schema):
    stage: str
    items: list[str]
    reason: str
    requested_at: datetime | None


class TimelineOut(Schema):
    at: datetime
    action: str
    action_label: str
    status: str
    status_label: str
    status_code: int | None
    agency: str
    actor: str
    note: str


class DossierOut(Schema):
    id: int
    code: str | None
    status: str
    status_label: str
    status_code: int | None
    channel: str
    channel_code: int
    intake: str
    procedure: NamedCode
    receiving_agency: NamedCode
    handling_agency: NamedCode
    applicant: ApplicantOut
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    supplement: SupplementOut | None
    documents: list[DocumentOut]
    timeline: list[TimelineOut]
    version: int


class PublicTimelineOut(Schema):
    at: datetime
    status: str
    status_label: str
    status_code: int


class LookupOut(Schema):
    code: str
    procedure: NamedCode
    status: str
    status_label: str
    status_code: int | None
    channel: str
    channel_code: int
    receiving_agency: str
    received_at: datetime | None
    due_at: datetime | None
    returned_at: datetime | None
    applicant: str
    timeline: list[PublicTimelineOut]


def _dossier_out(dossier, user) -> dict:
    for_staff = user.kind == AccountKind.STAFF
    supplement = None
    if dossier.supplement_requested_at:
        supplement = {
            "stage": dossier.supplement_stage,
            "items": dossier.supplement_items,
            "reason": dossier.supplement_reason,
            "requested_at": dossier.supplement_requested_at,
        }
    return {
        "id": dossier.pk,
        "code": dossier.code,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "status_code": dossier.status_code,
        "channel": dossier.channel,
        "channel_code": dossier.channel_code,
        "intake": dossier.intake,
        "procedure": {"code": dossier.procedure.key, "name": dossier.procedure.name},
        "receiving_agency": {"code": dossier.receiving_agency.code, "name": dossier.receiving_agency.name},
        "handling_agency": {"code": dossier.handling_agency.code, "name": dossier.handling_agency.name},
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_cccd,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "address": dossier.applicant_address,
        },
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "resolved_at": dossier.resolved_at,
        "returned_at": dossier.returned_at,
        "supplement": supplement,
        "documents": [_document_out(document) for document in selectors.documents_of(dossier)],
        "timeline": [
            {
                "at": entry.at,
                "action": entry.action,
                "action_label": entry.action_label,
                "status": entry.status,
                "status_label": entry.status_label,
                "status_code": entry.status_code,
                "agency": entry.agency_name,
                "actor": entry.actor_name,
                "note": entry.note,
            }
            for entry in selectors.timeline(dossier, for_staff=for_staff)
        ],
        "version": dossier.version,
    }


def _document_out(document) -> dict:
    return {
        "id": document.pk,
        "position": document.position,
        "name": document.name,
        "quantity": document.quantity_text,
        "required": document.required,
        "has_file": document.has_file,
        "file_name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "source": document.source,
        "uploaded_at": document.uploaded_at,
    }


def _reloaded(request, key):
    return _dossier_out(selectors.get_dossier_for(request.user, key), request.user)


@router.post("", auth=django_auth, response={201: DossierOut, 400: dict, 403: dict, 404: dict})
def create_dossier(request, payload: DossierIn):
    """Open an online dossier (a draft) for the signed-in citizen; attach files, then POST …/submit."""
    if payload.channel != Channel.ONLINE:
        return error_response(
            request, 400, "invalid_channel", _('Qua API chỉ nộp được hồ sơ trực tuyến (channel = "online").')
        )
    procedure = catalog.get_procedure(payload.procedure)
    agency = organization.get_agency(payload.agency)
    if procedure is None or agency is None:
        return error_response(request, 404, "not_found", _("Không tìm thấy thủ tục hoặc cơ quan tiếp nhận."))
    try:
        dossier = services.do_create_draft(
            request.user,
            procedure=procedure,
            agency=agency,
            applicant=services.ApplicantData(**payload.applicant.model_dump()),
        )
    except services.DossierError as error:
        return _error(request, error)
    return Status(201, _reloaded(request, dossier.pk))


@router.post(
    "/{key}/documents", auth=django_auth, response={201: DocumentOut, 400: dict, 403: dict, 404: dict, 409: dict}
)
def upload_document(request, key: str, position: int = Form(...), file: UploadedFile = File(...)):
    """Attach a PDF, JPEG or PNG to the component at `position` (multipart/form-data)."""
    dossier = selectors.get_dossier_for(request.user, key)
    try:
        document = services.do_attach_document(request.user, dossier, position=position, upload=file)
    except services.DossierError as error:
        return _error(request, error)
    return Status(201, _document_out(document))


@router.post("/{key}/submit", auth=django_auth, response={200: DossierOut, 400: dict, 403: dict, 404: dict, 409: dict})
def submit_dossier(request, key: str):
    """Send the draft to the receiving desk (status Mới đăng ký, national code 1)."""
    dossier = selectors.get_dossier_for(request.user, key)
    try:
        services.do_submit_online(request.user, dossier)
    except services.DossierError as error:
        return _error(request, error)
    return Status(200, _reloaded(request, dossier.pk))


@router.get("/{key}", response={200: DossierOut, 404: dict})
def get_dossier(request, key: str):
    """One dossier by id or code, to its owner and to staff allowed to see it; 404 for anyone else."""
    return Status(200, _reloaded(request, key))


@lookup_router.get("/{code}", response={200: LookupOut, 404: dict})
def lookup(request, code: str):
    """Public progress of a dossier by its code; the applicant's name is masked."""
    found = selectors.public_lookup(code)
    if found is None:
        raise Http404
    return Status(
        200,
        {
            "code": found.code,
            "procedure": {"code": found.procedure_code, "name": found.procedure_name},
            "status": found.status,
            "status_label": found.status_label,
            "status_code": found.status_code,
            "channel": found.channel,
            "channel_code": found.channel_code,
            "receiving_agency": found.receiving_agency,
            "received_at": found.received_at,
            "due_at": found.due_at,
            "returned_at": found.returned_at,
            "applicant": found.applicant,
            "timeline": [
                {
                    "at": change.at,
                    "status": change.status,
                    "status_label": change.status_label,
                    "status_code": change.status_code,
                }
                for change in found.timeline
            ],
        },
    )
