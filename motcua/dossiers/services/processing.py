"""The internal workflow after acceptance (Decree 61 Art. 19–20): assign, appraise, transfer, approve, fees,
stop, result at the desk, return, withdrawal and the apology for a late dossier."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.constants import (
    APOLOGY_NOTICE_WORKING_DAYS,
    WITHDRAWABLE_STATUSES,
    DossierStatus,
    EventAction,
    StepKind,
)
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
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
from motcua.dossiers.services.workflow import (
    agency_for_step,
    check_turn,
    enter_step,
    first_processing_step,
    holder_of_turn,
    leave_workflow,
    step_after,
    step_before,
)
from motcua.organization.constants import StaffRole

_TRANSFER_MAX_WORKING_DAYS = Decimal(365)
_IN_WORKFLOW = (DossierStatus.RECEIVED, DossierStatus.PROCESSING)
_UNDER_WAY = (*_IN_WORKFLOW, DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.AWAITING_PAYMENT)


def _require_under_way(dossier: Dossier) -> None:
    """Accepted (it has a code and an appointment) and not yet resolved; a reception supplement does not count."""
    if dossier.status not in _UNDER_WAY or dossier.code is None:
        raise wrong_state(dossier)


def _advance(
    actor, dossier: Dossier, action: str, *, status: str | None = None, assignee=None, note: str = "", payload=None
):
    """Finish the current step and hand the dossier to the next one (to `assignee`, or to the role's pool)."""
    following = step_after(dossier)
    change = Change.begin(dossier, actor, action)
    if status is not None:
        dossier.status = status
    if status == DossierStatus.RESOLVED:
        dossier.resolved_at = change.at
        payload = {**(payload or {}), "timeliness": deadlines.timeliness(change.at, dossier.due_at)}
    enter_step(dossier, following, change.at, assignee=assignee)
    return change.finish(
        agency=change.step_agency,
        recipient=assignee,
        recipient_agency=dossier.step_agency,
        note=note,
        payload=payload,
    )


# --- Assign, appraise, approve -------------------------------------------------------------------------------


def check_assign(actor, dossier: Dossier) -> None:
    require_status(dossier, _IN_WORKFLOW)
    check_turn(actor, dossier, StepKind.ASSIGN)


@transition(check_assign)
def do_assign(actor, dossier: Dossier, *, specialist, note: str = "") -> Dossier:
    """The leader of the handling agency gives the dossier to a specialist (→ Đang xử lý, 4)."""
    note = optional_text(note)
    following = step_after(dossier)
    agency = agency_for_step(following, dossier)
    if specialist is None or not holds(specialist, following.role, agency):
        raise DossierError(
            _("Người được phân công không giữ vai trò “%(role)s” tại %(agency)s.")
            % {"role": StaffRole(following.role).label, "agency": agency},
            code="invalid_assignee",
        )
    _advance(actor, dossier, EventAction.ASSIGN, status=DossierStatus.PROCESSING, assignee=specialist, note=note)
    return dossier


def check_appraise(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.PROCESSING])
    check_turn(actor, dossier, StepKind.APPRAISE)


@transition(check_appraise)
def do_appraise(actor, dossier: Dossier, *, opinion: str) -> Dossier:
    """The specialist forwards the dossier with their opinion (a supplement at appraisal is request_supplement)."""
    opinion = require_text(opinion, _("Vui lòng ghi ý kiến thẩm định."))
    _advance(actor, dossier, EventAction.APPRAISE, note=opinion)
    return dossier


def check_approve(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.PROCESSING])
    check_turn(actor, dossier, StepKind.APPROVE)


@transition(check_approve)
def do_approve(actor, dossier: Dossier, *, note: str = "", result_summary: str = "") -> Dossier:
    """The leader approves; the result goes to the next step (by default back to the receiving desk)."""
    note = optional_text(note)
    result_summary = optional_text(result_summary)
    if result_summary:
        dossier.result_summary = result_summary
    _advance(actor, dossier, EventAction.APPROVE, note=note, payload={"result_summary": result_summary})
    return dossier


# --- Transfer and going back ---------------------------------------------------------------------------------


def check_transfer(actor, dossier: Dossier) -> None:
    require_status(dossier, _IN_WORKFLOW)
    if dossier.step_agency != dossier.handling_agency or not holds(actor, StaffRole.LEADER, dossier.handling_agency):
        raise forbidden()


def _working_days(value) -> Decimal:
    try:
        days = Decimal(str(value))
    except (InvalidOperation, ValueError):
        days = Decimal(0)
    if not days.is_finite() or days <= 0 or days > _TRANSFER_MAX_WORKING_DAYS:
        raise DossierError(
            _("Thời hạn xử lý của cơ quan nhận phải là số ngày làm việc lớn hơn 0 và không quá %(limit)s.")
            % {"limit": _TRANSFER_MAX_WORKING_DAYS},
            code="invalid_days",
        )
    return days


@transition(check_transfer)
def do_transfer(actor, dossier: Dossier, *, to_agency, working_days, note: str = "") -> Dossier:
    """Liên thông: send the dossier to another agency (same level or another level) with that agency's own
    deadline (Decree 61 Art. 19.6–19.7). Its leader then assigns it; the legal clock keeps running."""
    note = optional_text(note)
    days = _working_days(working_days)
    if to_agency is None or not to_agency.is_active or to_agency == dossier.handling_agency:
        raise DossierError(_("Vui lòng chọn một cơ quan khác, đang hoạt động, để chuyển hồ sơ."), code="invalid_agency")
    change = Change.begin(dossier, actor, EventAction.TRANSFER)
    giver = dossier.handling_agency
    giver_deadline = dossier.agency_due_at or dossier.step_due_at
    dossier.handling_agency = to_agency
    dossier.status = DossierStatus.PROCESSING
    enter_step(dossier, first_processing_step(dossier), change.at)
    dossier.agency_due_at = deadlines.after_working_days(change.at, days)
    change.finish(
        agency=giver,
        recipient_agency=to_agency,
        deadline=giver_deadline,
        note=note,
        payload={
            "from_agency": giver.code,
            "to_agency": to_agency.code,
            "working_days": str(days),
            "agency_due_at": iso(dossier.agency_due_at),
        },
    )
    return dossier


def check_return_to_previous_step(actor, dossier: Dossier) -> None:
    require_status(dossier, _IN_WORKFLOW)
    if not holder_of_turn(actor, dossier):
        raise forbidden()
    if step_before(dossier) is None:
        raise DossierError(_("Hồ sơ đang ở bước xử lý đầu tiên, không có bước trước để trả lại."), code="invalid_state")


@transition(check_return_to_previous_step)
def do_return_to_previous_step(actor, dossier: Dossier, *, reason: str) -> Dossier:
    """Send the dossier back one step, to the person who did that step if they still may."""
    reason = require_text(reason, _("Vui lòng nêu lý do trả lại bước trước."))
    previous = step_before(dossier)
    agency = agency_for_step(previous, dossier)
    last_holder = (
        dossier.events.filter(step=previous, actor__isnull=False).order_by("-at", "-id").select_related("actor").first()
    )
    assignee = last_holder.actor if last_holder and holds(last_holder.actor, previous.role, agency) else None
    change = Change.begin(dossier, actor, EventAction.RETURN_TO_PREVIOUS)
    enter_step(dossier, previous, change.at, assignee=assignee)
    change.finish(agency=change.step_agency, recipient=assignee, recipient_agency=dossier.step_agency, note=reason)
    return dossier


# --- Fees ----------------------------------------------------------------------------------------------------


def check_request_payment(actor, dossier: Dossier) -> None:
    require_status(dossier, _IN_WORKFLOW)
    if not (holder_of_turn(actor, dossier) or holds(actor, StaffRole.CLERK, dossier.receiving_agency)):
        raise forbidden()


@transition(check_request_payment)
def do_request_payment(actor, dossier: Dossier, *, amount: int, note: str = "") -> Dossier:
    """→ Yêu cầu thực hiện nghĩa vụ tài chính (6); the clock stops until the fees are paid."""
    note = optional_text(note)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise DossierError(_("Số tiền phải nộp phải là số nguyên dương (đồng)."), code="invalid_amount")
    change = Change.begin(dossier, actor, EventAction.REQUEST_PAYMENT)
    dossier.status = DossierStatus.AWAITING_PAYMENT
    dossier.paused_at = change.at
    change.finish(
        agency=dossier.step_agency,
        note=note,
        payload={"amount": amount, "resume_status": change.from_status},
    )
    return dossier


def check_confirm_payment(actor, dossier: Dossier) -> None:
    """The desk confirms a payment, or the payment integration does (actor None: the system itself)."""
    require_status(dossier, [DossierStatus.AWAITING_PAYMENT])
    if actor is not None and not holds(actor, StaffRole.CLERK, dossier.receiving_agency):
        raise forbidden()


@transition(check_confirm_payment)
def do_confirm_payment(actor, dossier: Dossier, *, reference: str = "") -> Dossier:
    """Fees paid: the dossier resumes where it was, and its appointment moves back by the time waited."""
    reference = optional_text(reference, max_length=255)
    request = dossier.events.filter(action=EventAction.REQUEST_PAYMENT).order_by("-at", "-id").first()
    change = Change.begin(dossier, actor, EventAction.CONFIRM_PAYMENT)
    dossier.status = request.payload.get("resume_status", DossierStatus.PROCESSING)
    dossier.due_at = deadlines.extended_for_pause(
        dossier.procedure, dossier.channel, dossier.due_at, dossier.paused_at, change.at
    )
    dossier.paused_at = None
    change.finish(agency=dossier.receiving_agency, payload={"reference": reference, "due_at": iso(dossier.due_at)})
    return dossier


# --- Ending --------------------------------------------------------------------------------------------------


def check_stop(actor, dossier: Dossier) -> None:
    _require_under_way(dossier)
    if not holds(actor, StaffRole.LEADER, dossier.handling_agency):
        raise forbidden()


@transition(check_stop)
def do_stop(actor, dossier: Dossier, *, reason: str) -> Dossier:
    """→ Dừng xử lý (8): not eligible after appraisal, with the reason (Decree 61 Art. 19.8)."""
    reason = require_text(reason, _("Vui lòng nêu lý do dừng xử lý hồ sơ."))
    _end_with_reason(
        actor, dossier, EventAction.STOP, status=DossierStatus.STOPPED, reason=reason, agency=dossier.handling_agency
    )
    return dossier


def _end_with_reason(actor, dossier: Dossier, action: str, *, status: str, reason: str, agency) -> None:
    """Closes a dossier before its result: the clock stops for good and the workflow is left."""
    change = Change.begin(dossier, actor, action)
    dossier.status = status
    dossier.decision_reason = reason
    dossier.paused_at = None
    leave_workflow(dossier)
    change.finish(agency=agency, note=reason)


def check_mark_resolved(actor, dossier: Dossier) -> None:
    require_status(dossier, [DossierStatus.PROCESSING])
    check_turn(actor, dossier, StepKind.RESOLVE)


@transition(check_mark_resolved)
def do_mark_resolved(actor, dossier: Dossier, *, note: str = "") -> Dossier:
    """→ Đã xử lý xong (9): the result is at the desk, ready to hand over."""
    _advance(actor, dossier, EventAction.RESOLVE, status=DossierStatus.RESOLVED, note=optional_text(note))
    return dossier


def check_return_result(actor, dossier: Dossier) -> None:
    """The desk clerk whose turn it is hands the result over; postal staff of the receiving agency record a
    delivery by post; the system (actor None) records the applicant's first download of a level-4 e-result."""
    require_status(dossier, [DossierStatus.RESOLVED])
    if actor is None or holds(actor, StaffRole.POSTAL, dossier.receiving_agency):
        return
    check_turn(actor, dossier, StepKind.RETURN)


@transition(check_return_result)
def do_return_result(actor, dossier: Dossier, *, recipient_name: str, note: str = "") -> Dossier:
    """→ Đã trả kết quả (10), recording who received the result."""
    recipient_name = require_text(recipient_name, _("Vui lòng ghi họ tên người nhận kết quả."), max_length=255)
    note = optional_text(note)
    change = Change.begin(dossier, actor, EventAction.RETURN_RESULT)
    dossier.status = DossierStatus.RETURNED
    dossier.returned_at = change.at
    dossier.result_recipient = recipient_name
    leave_workflow(dossier)
    change.finish(agency=dossier.receiving_agency, note=note, payload={"recipient_name": recipient_name})
    return dossier


def check_withdraw(actor, dossier: Dossier) -> None:
    require_status(dossier, WITHDRAWABLE_STATUSES)
    if not (is_applicant_side(actor, dossier) or holds(actor, StaffRole.CLERK, dossier.receiving_agency)):
        raise forbidden()


@transition(check_withdraw)
def do_withdraw(actor, dossier: Dossier, *, reason: str) -> Dossier:
    """→ Rút hồ sơ (7): the applicant withdraws before the result is ready (the desk may record a paper request)."""
    reason = require_text(reason, _("Vui lòng nêu lý do rút hồ sơ."))
    _end_with_reason(
        actor,
        dossier,
        EventAction.WITHDRAW,
        status=DossierStatus.WITHDRAWN,
        reason=reason,
        agency=dossier.receiving_agency,
    )
    return dossier


# --- Apology (Mẫu 04) ----------------------------------------------------------------------------------------


def check_issue_apology(actor, dossier: Dossier) -> None:
    _require_under_way(dossier)
    if not (
        holds(actor, StaffRole.LEADER, dossier.handling_agency)
        or holds(actor, StaffRole.CLERK, dossier.receiving_agency)
    ):
        raise forbidden()
    if dossier.apology_issued_at is not None:
        raise DossierError(
            _(
                "Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả một lần; Nghị định 61/2018/NĐ-CP chỉ cho phép "
                "hẹn lại một lần."
            ),
            code="apology_once",
        )


@transition(check_issue_apology)
def do_issue_apology(actor, dossier: Dossier, *, reason: str, new_due_at: datetime) -> Dossier:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): at most once, at least one working day before the due
    date (Decree 61 Art. 19.9); the new appointment replaces the old one."""
    reason = require_text(reason, _("Vui lòng nêu lý do chậm trả kết quả."))
    if not isinstance(new_due_at, datetime) or timezone.is_naive(new_due_at):
        raise DossierError(_("Vui lòng chọn ngày hẹn trả kết quả mới."), code="required")
    change = Change.begin(dossier, actor, EventAction.APOLOGISE)
    if deadlines.after_working_days(change.at, APOLOGY_NOTICE_WORKING_DAYS) > dossier.due_at:
        raise DossierError(
            _(
                "Phiếu xin lỗi phải gửi chậm nhất %(days)s ngày làm việc trước ngày hẹn trả kết quả; "
                "hồ sơ này đã quá thời điểm đó."
            )
            % {"days": APOLOGY_NOTICE_WORKING_DAYS},
            code="apology_too_late",
        )
    if new_due_at <= dossier.due_at:
        raise DossierError(_("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại."), code="invalid_time")
    previous_due_at = dossier.due_at
    dossier.apology_issued_at = change.at
    dossier.apology_reason = reason
    dossier.apology_previous_due_at = previous_due_at
    dossier.due_at = new_due_at
    change.finish(
        agency=dossier.handling_agency,
        note=reason,
        payload={"previous_due_at": iso(previous_due_at), "new_due_at": iso(new_due_at)},
    )
    return dossier
