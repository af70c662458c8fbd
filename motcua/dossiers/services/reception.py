"""Reception at the one-stop desk: accept (code and appointment), ask a supplement once, refuse (Decree 61 Art. 17)."""

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.codes import format_code
from motcua.dossiers.constants import (
    APPRAISAL_SUPPLEMENT_WINDOW_WORKING_DAYS,
    DAILY_SEQUENCE_MAX,
    SUPPLEMENT_ITEMS_MAX,
    DossierStatus,
    EventAction,
    Intake,
    StepKind,
    SupplementStage,
)
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierCodeSequence
from motcua.dossiers.services.common import (
    Change,
    forbidden,
    holds,
    is_applicant_side,
    iso,
    optional_text,
    require_status,
    require_text,
    transition,
    wrong_state,
)
from motcua.dossiers.services.intake import (
    ApplicantData,
    check_complete,
    intake_with_files,
    is_desk_staff,
    mark_submitted,
)
from motcua.dossiers.services.workflow import check_turn, enter_step, first_processing_step, workflow_for
from motcua.organization.constants import StaffRole


def issue_code(agency, day: date) -> str:
    """The next code of `agency` for `day`. Must run inside the accepting transaction: the sequence row stays locked
    until it commits, so concurrent acceptances queue here, and a rolled-back acceptance gives its number back."""
    DossierCodeSequence.objects.bulk_create([DossierCodeSequence(agency=agency, day=day)], ignore_conflicts=True)
    sequence = DossierCodeSequence.objects.select_for_update().get(agency=agency, day=day)
    if sequence.last >= DAILY_SEQUENCE_MAX:
        raise DossierError(
            _("Cơ quan đã tiếp nhận đủ %(limit)s hồ sơ trong ngày, không cấp thêm được mã số hồ sơ.")
            % {"limit": DAILY_SEQUENCE_MAX},
            code="sequence_exhausted",
        )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return format_code(agency.code, day, sequence.last)


def _legal_receipt_time(dossier: Dossier, now):
    """Online and counter dossiers are received when the clerk accepts them. A postal dossier was legally received
    when the hand-over record was signed, or when the supplement it needed was completed (QĐ 45/2016 Art. 7)."""
    if dossier.intake != Intake.POSTAL:
        return now
    completed = (
        dossier.events.filter(action=EventAction.PROVIDE_SUPPLEMENT)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    return max(moment for moment in (dossier.submitted_at, completed) if moment is not None)


def check_accept(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.SUBMITTED])
    if not holds(actor, StaffRole.CLERK, dossier.receiving_agency):
        raise forbidden()


@transition(check_accept)
def do_accept(actor, dossier: Dossier, *, note: str = "") -> Dossier:
    """Mới đăng ký → Được tiếp nhận (2): issues the dossier code and the appointment date (receipt, Mẫu 01)."""
    note = optional_text(note)
    change = Change.begin(dossier, actor, EventAction.ACCEPT)
    received_at = _legal_receipt_time(dossier, change.at)
    dossier.received_at = received_at
    dossier.due_at = deadlines.due_at_for_receipt(dossier.procedure, dossier.channel, received_at)
    dossier.code = issue_code(dossier.receiving_agency, timezone.localdate(received_at))
    dossier.status = DossierStatus.RECEIVED
    dossier.workflow = workflow_for(dossier.procedure)
    enter_step(dossier, first_processing_step(dossier), change.at)
    change.finish(
        agency=dossier.receiving_agency,
        recipient_agency=dossier.step_agency,
        note=note,
        payload={"code": dossier.code, "received_at": iso(received_at), "due_at": iso(dossier.due_at)},
    )
    return dossier


@transaction.atomic
def do_receive_at_counter(
    actor, *, procedure, agency, applicant: ApplicantData, files: Mapping[int, UploadedFile], on_behalf_of=None
) -> Dossier:
    """A walk-in at the desk: the clerk enters the dossier, scans the papers and accepts it in one go."""

    def submit_and_accept(dossier: Dossier) -> Dossier:
        mark_submitted(actor, dossier)
        return do_accept(actor, dossier)

    return intake_with_files(
        actor,
        procedure=procedure,
        agency=agency,
        intake=Intake.COUNTER,
        applicant=applicant,
        on_behalf_of=on_behalf_of,
        files=files,
        complete=submit_and_accept,
    )


def _clean_items(items: Sequence[str]) -> list[str]:
    cleaned = [optional_text(item, max_length=500) for item in items or []]
    cleaned = [item for item in cleaned if item]
    if not cleaned:
        raise DossierError(_("Vui lòng liệt kê đầy đủ các giấy tờ cần bổ sung, hoàn thiện."), code="required")
    if len(cleaned) > SUPPLEMENT_ITEMS_MAX:
        raise DossierError(
            _("Danh sách giấy tờ cần bổ sung quá dài (tối đa %(limit)s mục).") % {"limit": SUPPLEMENT_ITEMS_MAX},
            code="too_long",
        )
    return cleaned


def check_request_supplement(actor, dossier: Dossier) -> None:
    """At reception the clerk asks, once; at appraisal the specialist whose turn it is asks (Art. 19.4)."""
    require_status(dossier, [DossierStatus.SUBMITTED, DossierStatus.PROCESSING])
    if dossier.status == DossierStatus.PROCESSING:
        check_turn(actor, dossier, StepKind.APPRAISE)
        return
    if not holds(actor, StaffRole.CLERK, dossier.receiving_agency):
        raise forbidden()
    if dossier.reception_supplements >= 1:
        raise DossierError(
            _(
                "Hồ sơ đã được yêu cầu bổ sung một lần khi tiếp nhận; theo Nghị định 61/2018/NĐ-CP chỉ yêu cầu bổ "
                "sung một lần. Vui lòng tiếp nhận hoặc từ chối hồ sơ."
            ),
            code="supplement_once",
        )


@transition(check_request_supplement)
def do_request_supplement(actor, dossier: Dossier, *, items: Sequence[str], reason: str) -> Dossier:
    """→ Yêu cầu bổ sung (5), listing every missing item and the reason (Mẫu 02). At appraisal the clock stops."""
    items = _clean_items(items)
    reason = require_text(reason, _("Vui lòng nêu lý do yêu cầu bổ sung, hoàn thiện hồ sơ."))
    change = Change.begin(dossier, actor, EventAction.REQUEST_SUPPLEMENT)
    at_reception = dossier.status == DossierStatus.SUBMITTED
    payload = {"items": items}
    if at_reception:
        dossier.supplement_stage = SupplementStage.RECEPTION
        dossier.reception_supplements += 1
        agency = dossier.receiving_agency
    else:
        dossier.supplement_stage = SupplementStage.APPRAISAL
        dossier.paused_at = change.at
        agency = dossier.step_agency
        window_end = deadlines.after_working_days(dossier.received_at, APPRAISAL_SUPPLEMENT_WINDOW_WORKING_DAYS)
        payload["within_legal_window"] = change.at <= window_end
    payload["stage"] = dossier.supplement_stage
    dossier.status = DossierStatus.SUPPLEMENT_REQUESTED
    dossier.supplement_items = items
    dossier.supplement_reason = reason
    dossier.supplement_requested_at = change.at
    dossier.supplements += 1
    change.finish(agency=agency, note=reason, payload=payload)
    return dossier


def check_provide_supplement(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.SUPPLEMENT_REQUESTED])
    if not (is_applicant_side(actor, dossier) or is_desk_staff(actor, dossier)):
        raise forbidden()


@transition(check_provide_supplement)
def do_provide_supplement(actor, dossier: Dossier, *, note: str = "") -> Dossier:
    """The applicant (or the desk for them) hands in what was asked. At reception the dossier goes back to the
    desk's check; at appraisal the whole time limit restarts from zero (Decree 61 Art. 19.4)."""
    note = optional_text(note)
    supplied = dossier.documents.filter(uploaded_at__gt=dossier.supplement_requested_at).exists()
    if not supplied and not note:
        raise DossierError(
            _("Vui lòng đính kèm giấy tờ bổ sung hoặc ghi rõ nội dung đã bổ sung."), code="nothing_supplied"
        )
    check_complete(dossier)
    change = Change.begin(dossier, actor, EventAction.PROVIDE_SUPPLEMENT)
    payload = {"stage": dossier.supplement_stage}
    if dossier.supplement_stage == SupplementStage.RECEPTION:
        dossier.status = DossierStatus.SUBMITTED
        change.finish(
            agency=dossier.receiving_agency, recipient_agency=dossier.receiving_agency, note=note, payload=payload
        )
        return dossier
    dossier.status = DossierStatus.PROCESSING
    dossier.paused_at = None
    restarted = deadlines.restarted_due_at(dossier.procedure, dossier.channel, change.at)
    # A restart never brings the appointment forward, e.g. past one already postponed by an apology (Mẫu 04).
    dossier.due_at = max(restarted, dossier.due_at)
    enter_step(dossier, dossier.current_step, change.at, assignee=dossier.assignee)
    payload["due_at"] = iso(dossier.due_at)
    change.finish(
        agency=dossier.receiving_agency,
        recipient=dossier.assignee,
        recipient_agency=dossier.step_agency,
        note=note,
        payload=payload,
    )
    return dossier


def check_refuse(actor, dossier: Dossier) -> None:
    waiting_at_reception = (
        dossier.status == DossierStatus.SUPPLEMENT_REQUESTED and dossier.supplement_stage == SupplementStage.RECEPTION
    )
    if not (dossier.status == DossierStatus.SUBMITTED or waiting_at_reception):
        raise wrong_state(dossier)
    if not holds(actor, StaffRole.CLERK, dossier.receiving_agency):
        raise forbidden()


@transition(check_refuse)
def do_refuse(actor, dossier: Dossier, *, reason: str) -> Dossier:
    """→ Không được tiếp nhận (3), with the reason (Mẫu 03)."""
    reason = require_text(reason, _("Vui lòng nêu lý do từ chối tiếp nhận hồ sơ."))
    change = Change.begin(dossier, actor, EventAction.REFUSE)
    dossier.status = DossierStatus.REFUSED
    dossier.decision_reason = reason
    change.finish(agency=dossier.receiving_agency, note=reason)
    return dossier
