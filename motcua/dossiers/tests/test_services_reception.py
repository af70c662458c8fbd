import re
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from motcua.core import calendar
from motcua.core.constants import TimeUnit
from motcua.dossiers import services
from motcua.dossiers.constants import DossierStatus, EventAction, StepKind, SupplementStage
from motcua.dossiers.models import DossierCodeSequence
from motcua.dossiers.tests.checks import actions, refused
from motcua.dossiers.tests.factories import ApplicantFactory, make_desk, pdf, staff
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_acceptance_issues_the_code_and_the_appointment(desk):
    dossier = services.do_accept(desk.clerk, desk.submitted())

    assert re.fullmatch(rf"{re.escape(desk.agency.code)}-\d{{6}}-0001", dossier.code)
    assert dossier.code.split("-")[1] == timezone.localdate(dossier.received_at).strftime("%y%m%d")
    assert dossier.due_at == calendar.deadline_for_receipt(dossier.received_at, value=5, unit=TimeUnit.WORKING_DAY)
    assert (dossier.status, dossier.current_step.kind, dossier.step_role) == (
        DossierStatus.RECEIVED,
        StepKind.ASSIGN,
        StaffRole.LEADER,
    )
    event = dossier.events.get(action=EventAction.ACCEPT)
    assert (event.actor, event.from_status, event.to_status) == (
        desk.clerk,
        DossierStatus.SUBMITTED,
        DossierStatus.RECEIVED,
    )
    assert event.payload["code"] == dossier.code


def test_codes_count_up_per_agency_and_day_without_gaps(desk):
    codes = [services.do_accept(desk.clerk, desk.submitted()).code for _ in range(3)]
    other = make_desk()
    other_code = services.do_accept(other.clerk, other.submitted()).code

    assert [code[-4:] for code in codes] == ["0001", "0002", "0003"]
    assert other_code.endswith("-0001")
    assert DossierCodeSequence.objects.get(agency=desk.agency).last == 3


def test_real_dates_friday_before_tet_2021_is_due_after_the_holiday(desk):
    friday_morning = datetime(2021, 2, 5, 9, 0, tzinfo=VIETNAM)
    with mock.patch("django.utils.timezone.now", return_value=friday_morning):
        dossier = services.do_accept(desk.clerk, desk.submitted())
    assert dossier.code == f"{desk.agency.code}-210205-0001"
    # Tết Tân Sửu: 10–16/02/2021 off; five working days from Friday 5 February end on Friday 19 February.
    assert timezone.localtime(dossier.due_at).date() == datetime(2021, 2, 19).date()


def test_receipt_after_the_cut_off_counts_from_the_next_working_day(desk):
    late_afternoon = datetime(2021, 6, 16, 16, 45, tzinfo=VIETNAM)
    with mock.patch("django.utils.timezone.now", return_value=late_afternoon):
        dossier = services.do_accept(desk.clerk, desk.submitted())
    assert dossier.code.endswith("-210616-0001")
    # Counting starts Thursday 17 June at opening: five whole working days end at Wednesday 23 June's closing.
    assert dossier.due_at == datetime(2021, 6, 23, 17, 0, tzinfo=VIETNAM)


@pytest.mark.parametrize("who", ["citizen", "leader", "specialist", "postal", "other_clerk"])
def test_only_a_clerk_of_the_receiving_agency_accepts(desk, who):
    dossier = desk.submitted()
    actor = staff(DepartmentFactory(), StaffRole.CLERK) if who == "other_clerk" else getattr(desk, who)
    refused(dossier, services.do_accept, actor, dossier, code="forbidden")


def test_a_draft_cannot_be_accepted(desk):
    dossier = desk.draft()
    error = refused(dossier, services.do_accept, desk.clerk, dossier, code="invalid_state")
    assert "Đang soạn" in error.message


def test_acceptance_without_a_processing_time_in_the_catalogue_is_refused(desk):
    desk.procedure.channels.update(processing_time_value=None, processing_time_unit="")
    dossier = desk.submitted()
    refused(dossier, services.do_accept, desk.clerk, dossier, code="no_processing_time")
    assert not DossierCodeSequence.objects.filter(last__gt=0).exists()


def test_stale_version_is_a_conflict(desk):
    dossier = desk.submitted()
    error = refused(
        dossier, services.do_accept, desk.clerk, dossier, expected_version=dossier.version - 1, code="conflict"
    )
    assert "người khác" in error.message


def test_supplement_at_reception_lists_items_and_happens_once(desk):
    dossier = services.do_request_supplement(
        desk.clerk, desk.submitted(), items=["Bản sao CCCD có chứng thực", ""], reason="Bản sao chưa chứng thực."
    )
    assert (dossier.status, dossier.supplement_stage, dossier.supplement_items) == (
        DossierStatus.SUPPLEMENT_REQUESTED,
        SupplementStage.RECEPTION,
        ["Bản sao CCCD có chứng thực"],
    )
    assert dossier.paused_at is None  # the clock has not started yet

    services.do_attach_document(desk.citizen, dossier, position=2, upload=pdf("cccd-chung-thuc.pdf"))
    dossier = services.do_provide_supplement(desk.citizen, dossier)
    assert dossier.status == DossierStatus.SUBMITTED

    error = refused(
        dossier,
        services.do_request_supplement,
        desk.clerk,
        dossier,
        items=["Khác"],
        reason="Lần hai",
        code="supplement_once",
    )
    assert "một lần" in error.message


@pytest.mark.parametrize(("items", "reason"), [([], "Thiếu giấy tờ"), (["  "], "Thiếu"), (["Tờ khai"], "")])
def test_supplement_request_needs_items_and_a_reason(desk, items, reason):
    dossier = desk.submitted()
    refused(dossier, services.do_request_supplement, desk.clerk, dossier, items=items, reason=reason, code="required")


def test_supplying_nothing_is_refused(desk):
    dossier = services.do_request_supplement(
        desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Tờ khai thiếu chữ ký"
    )
    refused(dossier, services.do_provide_supplement, desk.citizen, dossier, code="nothing_supplied")


def test_another_citizen_cannot_answer_my_supplement_request(desk):
    dossier = services.do_request_supplement(desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Thiếu chữ ký")
    refused(dossier, services.do_provide_supplement, ApplicantFactory(), dossier, note="Đã bổ sung", code="forbidden")


def test_supplement_at_appraisal_stops_the_clock_and_restarts_it_from_zero(desk):
    dossier = desk.processing()
    dossier = services.do_request_supplement(desk.specialist, dossier, items=["Sơ đồ vị trí"], reason="Thiếu sơ đồ")
    assert (dossier.supplement_stage, dossier.paused_at is not None) == (SupplementStage.APPRAISAL, True)
    request = dossier.events.get(action=EventAction.REQUEST_SUPPLEMENT)
    assert request.payload["within_legal_window"] is True

    services.do_attach_document(desk.citizen, dossier, position=3, upload=pdf("so-do.pdf"))
    dossier = services.do_provide_supplement(desk.citizen, dossier)
    provided = dossier.events.get(action=EventAction.PROVIDE_SUPPLEMENT)
    restarted = calendar.restart_deadline(provided.at, value=5, unit=TimeUnit.WORKING_DAY)
    assert (dossier.status, dossier.paused_at, dossier.assignee) == (DossierStatus.PROCESSING, None, desk.specialist)
    assert dossier.current_step.kind == StepKind.APPRAISE
    assert dossier.due_at == max(restarted, request.dossier.due_at) == restarted


def test_only_the_assigned_specialist_asks_a_supplement_at_appraisal(desk):
    dossier = desk.processing()
    colleague = staff(desk.agency, StaffRole.SPECIALIST)
    refused(dossier, services.do_request_supplement, colleague, dossier, items=["X"], reason="Y", code="forbidden")


def test_refusal_needs_a_reason_and_ends_the_dossier(desk):
    dossier = desk.submitted()
    refused(dossier, services.do_refuse, desk.clerk, dossier, reason="  ", code="required")
    dossier = services.do_refuse(desk.clerk, dossier, reason="Không thuộc thẩm quyền giải quyết.")
    assert (dossier.status, dossier.decision_reason, dossier.code) == (
        DossierStatus.REFUSED,
        "Không thuộc thẩm quyền giải quyết.",
        None,
    )
    refused(dossier, services.do_accept, desk.clerk, dossier, code="invalid_state")


def test_a_dossier_waiting_for_its_reception_supplement_can_still_be_refused(desk):
    dossier = services.do_request_supplement(desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Thiếu")
    assert services.do_refuse(desk.clerk, dossier, reason="Quá hạn bổ sung").status == DossierStatus.REFUSED


def test_refusal_is_the_clerks(desk):
    dossier = desk.submitted()
    refused(dossier, services.do_refuse, desk.leader, dossier, reason="Không", code="forbidden")
    assert actions(dossier)[-1] == EventAction.SUBMIT
