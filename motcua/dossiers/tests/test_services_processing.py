from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from motcua.core import calendar
from motcua.core.constants import TimeUnit
from motcua.dossiers import deadlines, services
from motcua.dossiers.constants import AgencySelector, DossierStatus, EventAction, StepKind, Timeliness
from motcua.dossiers.models import Dossier, WorkflowStep, WorkflowTemplate
from motcua.dossiers.tests.checks import actions, refused
from motcua.dossiers.tests.factories import ApplicantFactory, staff
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_leader_assigns_a_specialist_who_gets_a_share_of_the_time(desk):
    dossier = desk.processing()
    event = dossier.events.get(action=EventAction.ASSIGN)

    assert (dossier.status, dossier.current_step.kind, dossier.assignee) == (
        DossierStatus.PROCESSING,
        StepKind.APPRAISE,
        desk.specialist,
    )
    # The default appraisal step has 60% of the 5 working days.
    assert dossier.step_due_at == calendar.add_working_time(event.at, value=Decimal("3"), unit=TimeUnit.WORKING_DAY)
    assert (event.actor, event.recipient, event.recipient_agency) == (desk.leader, desk.specialist, desk.agency)


def test_assigning_someone_who_is_not_a_specialist_there_is_refused(desk):
    dossier = desk.received()
    outsider = staff(DepartmentFactory(), StaffRole.SPECIALIST)
    for candidate in (desk.clerk, outsider, None):
        refused(dossier, services.do_assign, desk.leader, dossier, specialist=candidate, code="invalid_assignee")


@pytest.mark.parametrize("who", ["clerk", "specialist", "citizen", "other_leader"])
def test_only_a_leader_of_the_handling_agency_assigns(desk, who):
    dossier = desk.received()
    actor = staff(DepartmentFactory(), StaffRole.LEADER) if who == "other_leader" else getattr(desk, who)
    refused(dossier, services.do_assign, actor, dossier, specialist=desk.specialist, code="forbidden")


def test_appraisal_belongs_to_the_assigned_specialist(desk):
    dossier = desk.processing()
    colleague = staff(desk.agency, StaffRole.SPECIALIST)
    error = refused(dossier, services.do_appraise, colleague, dossier, opinion="Đủ điều kiện", code="forbidden")
    assert "đã được giao" in error.message
    refused(dossier, services.do_appraise, desk.leader, dossier, opinion="Đủ điều kiện", code="forbidden")
    refused(dossier, services.do_appraise, desk.specialist, dossier, opinion=" ", code="required")

    dossier = services.do_appraise(desk.specialist, dossier, opinion="Đủ điều kiện cấp phép.")
    assert (dossier.current_step.kind, dossier.step_role, dossier.assignee) == (
        StepKind.APPROVE,
        StaffRole.LEADER,
        None,
    )


def test_approval_sends_the_result_back_to_the_receiving_desk(desk):
    dossier = services.do_approve(desk.leader, desk.at_approval(), result_summary="Giấy phép số 12/GP")
    assert (dossier.current_step.kind, dossier.step_agency, dossier.step_role) == (
        StepKind.RESOLVE,
        desk.agency,
        StaffRole.CLERK,
    )
    assert dossier.result_summary == "Giấy phép số 12/GP"


def test_approval_is_the_leaders(desk):
    dossier = desk.at_approval()
    refused(dossier, services.do_approve, desk.specialist, dossier, code="forbidden")
    refused(dossier, services.do_mark_resolved, desk.clerk, dossier, code="invalid_state")


def test_result_at_the_desk_then_handed_over(desk):
    dossier = desk.resolved()
    resolve = dossier.events.get(action=EventAction.RESOLVE)
    assert (dossier.status, dossier.current_step.kind) == (DossierStatus.RESOLVED, StepKind.RETURN)
    assert dossier.resolved_at == resolve.at
    assert resolve.payload["timeliness"] == Timeliness.EARLY

    refused(dossier, services.do_return_result, desk.clerk, dossier, recipient_name="", code="required")
    dossier = services.do_return_result(desk.clerk, dossier, recipient_name="Nguyễn Văn An")
    assert (dossier.status, dossier.result_recipient, dossier.current_step, dossier.assignee) == (
        DossierStatus.RETURNED,
        "Nguyễn Văn An",
        None,
        None,
    )
    refused(dossier, services.do_withdraw, desk.citizen, dossier, reason="Không cần nữa", code="invalid_state")


def test_going_back_a_step_returns_the_dossier_to_whoever_did_that_step(desk):
    dossier = desk.at_approval()
    refused(dossier, services.do_return_to_previous_step, desk.leader, dossier, reason="", code="required")
    dossier = services.do_return_to_previous_step(desk.leader, dossier, reason="Cần thẩm định lại diện tích.")
    assert (dossier.current_step.kind, dossier.assignee) == (StepKind.APPRAISE, desk.specialist)
    assert actions(dossier)[-1] == EventAction.RETURN_TO_PREVIOUS


def test_there_is_no_step_before_assignment(desk):
    dossier = desk.received()
    error = refused(
        dossier, services.do_return_to_previous_step, desk.leader, dossier, reason="Trả lại", code="invalid_state"
    )
    assert "bước xử lý đầu tiên" in error.message


def test_liaison_transfer_gives_the_other_agency_its_own_deadline_and_the_result_comes_back(desk):
    district = DepartmentFactory()
    district_leader = staff(district, StaffRole.LEADER)
    district_specialist = staff(district, StaffRole.SPECIALIST)
    dossier = desk.received()

    dossier = services.do_transfer(
        desk.leader, dossier, to_agency=district, working_days=3, note="Lấy ý kiến thẩm định"
    )
    event = dossier.events.get(action=EventAction.TRANSFER)
    assert (dossier.handling_agency, dossier.step_agency, dossier.current_step.kind) == (
        district,
        district,
        StepKind.ASSIGN,
    )
    assert dossier.agency_due_at == calendar.add_working_time(event.at, value=Decimal(3), unit=TimeUnit.WORKING_DAY)
    assert (event.agency, event.recipient_agency, event.payload["working_days"]) == (desk.agency, district, "3")
    refused(dossier, services.do_assign, desk.leader, dossier, specialist=desk.specialist, code="forbidden")

    dossier = services.do_assign(district_leader, dossier, specialist=district_specialist)
    dossier = services.do_appraise(district_specialist, dossier, opinion="Đủ điều kiện")
    dossier = services.do_approve(district_leader, dossier)
    assert (dossier.step_agency, dossier.current_step.kind) == (desk.agency, StepKind.RESOLVE)
    assert services.do_mark_resolved(desk.clerk, dossier).status == DossierStatus.RESOLVED


@pytest.mark.parametrize("days", [0, -1, "abc", 1000])
def test_transfer_needs_a_positive_number_of_working_days(desk, days):
    dossier = desk.received()
    refused(
        dossier,
        services.do_transfer,
        desk.leader,
        dossier,
        to_agency=DepartmentFactory(),
        working_days=days,
        code="invalid_days",
    )


def test_transfer_to_the_same_agency_or_by_a_specialist_is_refused(desk):
    dossier = desk.processing()
    refused(
        dossier,
        services.do_transfer,
        desk.leader,
        dossier,
        to_agency=desk.agency,
        working_days=2,
        code="invalid_agency",
    )
    refused(
        dossier,
        services.do_transfer,
        desk.specialist,
        dossier,
        to_agency=DepartmentFactory(),
        working_days=2,
        code="forbidden",
    )


def test_a_step_at_a_named_agency_moves_the_dossier_there(desk):
    province_department = DepartmentFactory()
    province_leader = staff(province_department, StaffRole.LEADER)
    template = WorkflowTemplate.objects.create(procedure=desk.procedure, name="Phê duyệt tại Sở")
    kinds = [
        (StepKind.RECEIVE, StaffRole.CLERK, AgencySelector.RECEIVING, None),
        (StepKind.ASSIGN, StaffRole.LEADER, AgencySelector.HANDLING, None),
        (StepKind.APPRAISE, StaffRole.SPECIALIST, AgencySelector.HANDLING, None),
        (StepKind.APPROVE, StaffRole.LEADER, AgencySelector.NAMED, province_department),
        (StepKind.RESOLVE, StaffRole.CLERK, AgencySelector.RECEIVING, None),
        (StepKind.RETURN, StaffRole.CLERK, AgencySelector.RECEIVING, None),
    ]
    for position, (kind, role, selector, agency) in enumerate(kinds, start=1):
        WorkflowStep.objects.create(
            template=template,
            position=position,
            kind=kind,
            role=role,
            agency_selector=selector,
            agency=agency,
            working_days=1,
        )
    dossier = desk.at_approval()
    assert (dossier.workflow, dossier.handling_agency, dossier.step_agency) == (
        template,
        province_department,
        province_department,
    )
    refused(dossier, services.do_approve, desk.leader, dossier, code="forbidden")
    assert services.do_approve(province_leader, dossier).current_step.kind == StepKind.RESOLVE


def test_fee_request_pauses_the_clock_and_payment_extends_the_appointment(desk):
    dossier = desk.processing()
    refused(dossier, services.do_request_payment, desk.specialist, dossier, amount=0, code="invalid_amount")
    dossier = services.do_request_payment(desk.specialist, dossier, amount=150000, note="Lệ phí cấp phép")
    assert (dossier.status, dossier.paused_at is not None) == (DossierStatus.AWAITING_PAYMENT, True)
    refused(dossier, services.do_confirm_payment, ApplicantFactory(), dossier, code="forbidden")

    two_days_later = timezone.now() + timedelta(days=2)
    Dossier.objects.filter(pk=dossier.pk).update(paused_at=timezone.now() - timedelta(days=2))
    dossier.refresh_from_db()
    paused_from, due_before = dossier.paused_at, dossier.due_at
    dossier = services.do_confirm_payment(None, dossier, reference="PAYGOV-0001")
    confirmed = dossier.events.get(action=EventAction.CONFIRM_PAYMENT)
    assert (dossier.status, dossier.paused_at) == (DossierStatus.PROCESSING, None)
    assert dossier.due_at == calendar.extend_for_pause(
        due_before, paused_from=paused_from, paused_to=confirmed.at, unit=TimeUnit.WORKING_DAY
    )
    assert confirmed.actor is None and two_days_later > confirmed.at


def test_stop_needs_a_leader_and_a_reason(desk):
    dossier = desk.processing()
    refused(dossier, services.do_stop, desk.specialist, dossier, reason="Không đủ điều kiện", code="forbidden")
    refused(dossier, services.do_stop, desk.leader, dossier, reason="", code="required")
    dossier = services.do_stop(desk.leader, dossier, reason="Không đủ điều kiện\x00 theo Điều 5.")
    assert (dossier.status, dossier.current_step, dossier.code is not None) == (DossierStatus.STOPPED, None, True)
    assert dossier.is_final and dossier.decision_reason == "Không đủ điều kiện theo Điều 5."


def test_a_dossier_whose_applicant_never_supplies_can_be_stopped_but_not_before_acceptance(desk):
    waiting = services.do_request_supplement(desk.specialist, desk.processing(), items=["Sơ đồ"], reason="Thiếu")
    assert services.do_stop(desk.leader, waiting, reason="Quá hạn bổ sung").status == DossierStatus.STOPPED

    at_reception = services.do_request_supplement(desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Thiếu")
    refused(at_reception, services.do_stop, desk.leader, at_reception, reason="Không đủ", code="invalid_state")


def test_applicant_withdraws_before_the_result_is_ready(desk):
    dossier = desk.processing()
    refused(dossier, services.do_withdraw, ApplicantFactory(), dossier, reason="Rút", code="forbidden")
    dossier = services.do_withdraw(desk.citizen, dossier, reason="Tôi không còn nhu cầu.")
    assert (dossier.status, dossier.assignee, dossier.decision_reason) == (
        DossierStatus.WITHDRAWN,
        None,
        "Tôi không còn nhu cầu.",
    )


def test_the_desk_records_a_withdrawal_asked_on_paper(desk):
    dossier = desk.submitted()
    assert services.do_withdraw(desk.clerk, dossier, reason="Đơn xin rút hồ sơ").status == DossierStatus.WITHDRAWN


def _due_in_working_days(dossier, days):
    Dossier.objects.filter(pk=dossier.pk).update(due_at=deadlines.after_working_days(timezone.now(), days))
    dossier.refresh_from_db()
    return dossier


def test_apology_reschedules_once(desk):
    dossier = _due_in_working_days(desk.processing(), 3)
    old_due = dossier.due_at
    new_due = old_due + timedelta(days=7)
    dossier = services.do_issue_apology(desk.leader, dossier, reason="Chờ ý kiến cơ quan phối hợp.", new_due_at=new_due)
    assert (dossier.due_at, dossier.apology_previous_due_at, dossier.apology_issued_at is not None) == (
        new_due,
        old_due,
        True,
    )
    event = dossier.events.get(action=EventAction.APOLOGISE)
    assert event.payload["previous_due_at"] == old_due.isoformat()

    error = refused(
        dossier,
        services.do_issue_apology,
        desk.leader,
        dossier,
        reason="Lần hai",
        new_due_at=new_due + timedelta(days=3),
        code="apology_once",
    )
    assert "một lần" in error.message


def test_apology_less_than_one_working_day_before_due_is_refused(desk):
    dossier = desk.processing()
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() + timedelta(minutes=30))
    dossier.refresh_from_db()
    error = refused(
        dossier,
        services.do_issue_apology,
        desk.leader,
        dossier,
        reason="Chậm",
        new_due_at=dossier.due_at + timedelta(days=5),
        code="apology_too_late",
    )
    assert "1 ngày làm việc" in error.message


def test_apology_must_postpone_and_come_from_the_agency(desk):
    dossier = _due_in_working_days(desk.processing(), 3)
    refused(
        dossier,
        services.do_issue_apology,
        desk.leader,
        dossier,
        reason="Chậm",
        new_due_at=dossier.due_at,
        code="invalid_time",
    )
    refused(
        dossier,
        services.do_issue_apology,
        desk.specialist,
        dossier,
        reason="Chậm",
        new_due_at=dossier.due_at + timedelta(days=2),
        code="forbidden",
    )
    refused(
        dossier,
        services.do_issue_apology,
        desk.leader,
        dossier,
        reason="",
        new_due_at=dossier.due_at + timedelta(days=2),
        code="required",
    )


def test_available_actions_follow_role_and_step(desk):
    dossier = desk.received()
    assert services.available_actions(desk.leader, dossier) == [
        EventAction.ASSIGN,
        EventAction.TRANSFER,
        EventAction.REQUEST_PAYMENT,
        EventAction.STOP,
        EventAction.APOLOGISE,
    ]
    assert EventAction.WITHDRAW in services.available_actions(desk.citizen, dossier)
    assert services.available_actions(ApplicantFactory(), dossier) == []


def test_postal_staff_of_the_receiving_agency_record_a_delivery_by_post(desk):
    dossier = services.do_return_result(desk.postal, desk.resolved(), recipient_name="Nguyễn Văn An")

    assert dossier.status == DossierStatus.RETURNED
    assert dossier.events.get(action=EventAction.RETURN_RESULT).actor == desk.postal


def test_the_system_records_the_return_of_a_downloaded_e_result(desk):
    dossier = services.do_return_result(None, desk.resolved(), recipient_name="Nguyễn Văn An")

    assert dossier.events.get(action=EventAction.RETURN_RESULT).actor is None


def test_postal_staff_of_another_agency_cannot_record_a_return(desk):
    dossier = desk.resolved()
    outsider = staff(DepartmentFactory(), StaffRole.POSTAL)

    refused(dossier, services.do_return_result, outsider, dossier, recipient_name="Nguyễn Văn An")
