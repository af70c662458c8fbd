"""Whole journeys through the lifecycle, as the issue describes them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import selectors, services
from motcua.dossiers.constants import DossierStatus, EventAction, Timeliness
from motcua.dossiers.tests.checks import actions
from motcua.dossiers.tests.factories import pdf, required_files

pytestmark = pytest.mark.django_db


def test_online_dossier_from_submission_to_returned_result(desk):
    dossier = services.do_submit_online(desk.citizen, desk.draft())
    dossier = services.do_request_supplement(
        desk.clerk, dossier, items=["Bản sao Căn cước công dân có chứng thực"], reason="Bản sao chưa được chứng thực."
    )
    services.do_attach_document(desk.citizen, dossier, position=2, upload=pdf("cccd-chung-thuc.pdf"))
    dossier = services.do_provide_supplement(desk.citizen, dossier, note="Đã nộp bản có chứng thực.")
    dossier = services.do_accept(desk.clerk, dossier)
    assert re.fullmatch(r"000\.00\.\d{2}\.H22-\d{6}-0001", dossier.code)
    assert dossier.due_at > dossier.received_at

    dossier = services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    dossier = services.do_appraise(desk.specialist, dossier, opinion="Hồ sơ hợp lệ, đề nghị cấp.")
    dossier = services.do_approve(desk.leader, dossier, result_summary="Giấy phép số 01/2021/GP")
    dossier = services.do_mark_resolved(desk.clerk, dossier)
    dossier = services.do_return_result(desk.clerk, dossier, recipient_name="Nguyễn Văn An")

    assert dossier.status == DossierStatus.RETURNED
    assert actions(dossier) == [
        EventAction.CREATE,
        EventAction.ATTACH,
        EventAction.ATTACH,
        EventAction.SUBMIT,
        EventAction.REQUEST_SUPPLEMENT,
        EventAction.ATTACH,
        EventAction.PROVIDE_SUPPLEMENT,
        EventAction.ACCEPT,
        EventAction.ASSIGN,
        EventAction.APPRAISE,
        EventAction.APPROVE,
        EventAction.RESOLVE,
        EventAction.RETURN_RESULT,
    ]
    lookup = selectors.public_lookup(dossier.code)
    assert [change.status_code for change in lookup.timeline] == [1, 5, 1, 2, 4, 9, 10]
    assert lookup.applicant == "Nguyễn V*** A**"

    slip = selectors.control_slip_rows(dossier)
    assert [row.action_label for row in slip] == [
        "Tiếp nhận hồ sơ",
        "Phân công xử lý",
        "Thẩm định, trình phê duyệt",
        "Phê duyệt",
        "Đã có kết quả tại Bộ phận Một cửa",
        "Trả kết quả",
    ]
    assign_row = slip[1]
    assert (assign_row.giver_name, assign_row.receiver_name) == (str(desk.leader), str(desk.specialist))
    assert assign_row.timeliness == Timeliness.EARLY
    assert slip[-1].receiver_name == "Nguyễn Văn An"


def test_postal_dossier_with_a_supplement_counts_from_its_completion(desk):
    dossier = services.do_receive_postal(
        desk.postal,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(name="Vàng Thị Mỷ"),
        files=required_files(),
        handed_over_at=timezone.now() - timedelta(hours=30),
    )
    dossier = services.do_request_supplement(
        desk.clerk, dossier, items=["Tờ khai có chữ ký"], reason="Tờ khai thiếu chữ ký."
    )
    services.do_attach_document(desk.postal, dossier, position=1, upload=pdf("to-khai-ky.pdf"))
    dossier = services.do_provide_supplement(desk.postal, dossier)
    dossier = services.do_accept(desk.clerk, dossier)
    completed = dossier.events.get(action=EventAction.PROVIDE_SUPPLEMENT).at
    assert dossier.received_at == completed
