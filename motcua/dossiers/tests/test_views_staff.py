"""The desk and processing pages under /mot-cua/: inboxes, the staff view of a dossier and each transition."""

from datetime import timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.dossiers import services
from motcua.dossiers.constants import DossierStatus, EventAction
from motcua.dossiers.tests.checks import dossier_state
from motcua.dossiers.tests.factories import ApplicantFactory, make_desk, pdf, staff
from motcua.dossiers.views import staff as staff_views
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def detail_url(dossier) -> str:
    return reverse("dossiers:staff-detail", args=[dossier.pk])


def act(client, dossier, slug, **fields):
    """POST one staff action the way its form does (fields carry the form's prefix)."""
    dossier.refresh_from_db()
    data = {f"{slug}-{name}": value for name, value in {"version": dossier.version, **fields}.items()}
    return client.post(reverse("dossiers:staff-action", args=[dossier.pk, slug]), data)


def as_user(client, user):
    client.force_login(user)
    return client


# --- Access ---------------------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, desk):
    dossier = desk.submitted()
    for url in (reverse("dossiers:staff-inbox"), detail_url(dossier), reverse("dossiers:intake-start")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


def test_citizens_do_not_have_the_desk_pages(client, desk):
    dossier = desk.submitted()
    as_user(client, desk.citizen)
    assert client.get(reverse("dossiers:staff-inbox")).status_code == 404
    assert client.get(detail_url(dossier)).status_code == 404
    before = dossier_state(dossier)
    assert act(client, dossier, "tiep-nhan").status_code == 404
    assert dossier_state(dossier) == before


def test_staff_of_another_agency_get_a_404_for_the_dossier_and_its_actions(client, desk):
    dossier = desk.submitted()
    other_clerk = staff(DepartmentFactory(), StaffRole.CLERK)
    as_user(client, other_clerk)
    assert client.get(detail_url(dossier)).status_code == 404
    assert client.get(reverse("dossiers:document", args=[dossier.pk, 1])).status_code == 404
    before = dossier_state(dossier)
    assert act(client, dossier, "tiep-nhan").status_code == 404
    assert dossier_state(dossier) == before
    assert dossier not in client.get(reverse("dossiers:staff-inbox"), {"hop": "tat-ca"}).context["page"].items


def test_an_action_is_post_only_and_unknown_actions_are_not_found(client, desk):
    dossier = desk.submitted()
    as_user(client, desk.clerk)
    assert client.get(reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"])).status_code == 405
    assert act(client, dossier, "xoa-ho-so").status_code == 404


# --- Inboxes --------------------------------------------------------------------------------------------------


def test_clerk_inbox_opens_on_new_online_dossiers_with_counts(client, desk):
    dossier = desk.submitted()
    response = as_user(client, desk.clerk).get(reverse("dossiers:staff-inbox"))
    html = response.content.decode()

    assert response.context["current"] == "moi"
    assert response.context["page"].items == [dossier]
    assert 'aria-current="page">Hồ sơ mới cần kiểm tra <span class="count">1</span>' in html
    assert "Nguyễn Văn An" in html


def test_leader_inbox_opens_on_their_turn_and_lists_dossiers_to_assign(client, desk):
    dossier = desk.received()
    response = as_user(client, desk.leader).get(reverse("dossiers:staff-inbox"))
    assert response.context["current"] == "cua-toi"
    assert response.context["page"].items == [dossier]


def test_inbox_search_finds_by_code_name_and_cccd(client, desk):
    dossier = desk.received()
    other = desk.received(ApplicantFactory(full_name="Lò Thị Mai"))
    as_user(client, desk.clerk)
    for query in (dossier.code, "nguyen van an", desk.citizen.cccd):
        found = client.get(reverse("dossiers:staff-inbox"), {"hop": "tat-ca", "q": query}).context["page"].items
        assert found == [dossier], query
    assert other in client.get(reverse("dossiers:staff-inbox"), {"hop": "tat-ca"}).context["page"].items


def test_inbox_pages_with_a_cursor(client, desk, monkeypatch):
    monkeypatch.setattr(staff_views, "INBOX_PAGE_SIZE", 2)
    dossiers = [desk.submitted() for _ in range(3)]
    as_user(client, desk.clerk)
    first = client.get(reverse("dossiers:staff-inbox"), {"hop": "tat-ca"})
    assert first.context["page"].items == dossiers[:0:-1]
    assert first.context["page"].count == 3
    cursor = first.context["page"].next_cursor
    assert f"sau={cursor}" in first.content.decode()
    second = client.get(reverse("dossiers:staff-inbox"), {"hop": "tat-ca", "sau": cursor})
    assert second.context["page"].items == [dossiers[0]]
    assert second.context["page"].next_cursor is None


def test_inbox_refuses_bad_input_with_a_message_not_an_error(client, desk):
    as_user(client, desk.clerk)
    assert client.get(reverse("dossiers:staff-inbox"), {"hop": "khong-co"}).status_code == 404
    response = client.get(reverse("dossiers:staff-inbox"), {"q": "x" * 101})
    assert response.status_code == 400
    assert "Tìm theo mã hồ sơ, họ tên hoặc số CCCD" in response.content.decode()
    assert client.get(reverse("dossiers:staff-inbox"), {"sau": "!!!"}).status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=120), box=st.sampled_from(["moi", "cua-toi", "qua-han", "tat-ca"]))
def test_no_search_text_makes_an_inbox_fail(client, desk, query, box):
    as_user(client, desk.clerk)
    assert client.get(reverse("dossiers:staff-inbox"), {"hop": box, "q": query}).status_code in (200, 400)


# --- The staff view of a dossier ------------------------------------------------------------------------------


def test_clerk_sees_the_reception_actions_of_a_new_online_dossier(client, desk):
    dossier = desk.submitted()
    html = as_user(client, desk.clerk).get(detail_url(dossier)).content.decode()
    for label in ("Tiếp nhận hồ sơ", "Yêu cầu bổ sung, hoàn thiện hồ sơ", "Từ chối tiếp nhận"):
        assert f"<summary>{label}</summary>" in html
    assert "<summary>Phân công xử lý</summary>" not in html
    assert desk.citizen.cccd in html


def test_specialist_sees_only_what_was_given_to_them(client, desk):
    dossier = desk.received()
    as_user(client, desk.specialist)
    assert client.get(detail_url(dossier)).status_code == 404
    services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    assert "<summary>Thẩm định, trình phê duyệt</summary>" in client.get(detail_url(dossier)).content.decode()


def test_accepting_issues_the_code_and_offers_the_receipt(client, desk):
    dossier = desk.submitted()
    response = act(as_user(client, desk.clerk), dossier, "tiep-nhan", note="Đủ hồ sơ.")
    dossier.refresh_from_db()

    assert response.status_code == 302 and response["Location"] == detail_url(dossier)
    assert dossier.status == DossierStatus.RECEIVED and dossier.code
    page = client.get(detail_url(dossier)).content.decode()
    assert f"Mã hồ sơ: {dossier.code}" in page
    receipt = dossier.events.get(action=EventAction.ACCEPT)
    assert reverse("dossiers:slip", args=[dossier.pk, "mau-01", receipt.pk]) in page


def test_acting_on_a_dossier_changed_meanwhile_is_refused_and_changes_nothing(client, desk):
    dossier = desk.submitted()
    stale_version = dossier.version
    as_user(client, desk.clerk)
    assert act(client, dossier, "tiep-nhan").status_code == 302
    before = dossier_state(dossier)
    response = client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tu-choi"]),
        {"tu-choi-version": stale_version, "tu-choi-reason": "Trùng hồ sơ."},
        follow=True,
    )
    assert response.redirect_chain == [(detail_url(dossier), 302)]
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert dossier_state(dossier) == before


def test_a_second_clerk_on_the_same_page_is_told_the_dossier_moved_on(client, desk):
    dossier = desk.submitted()
    page_version = dossier.version
    services.do_accept(desk.clerk, dossier)
    before = dossier_state(dossier)
    second_clerk = staff(desk.agency, StaffRole.CLERK)
    response = as_user(client, second_clerk).post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]), {"tiep-nhan-version": page_version}, follow=True
    )
    page = response.content.decode()
    assert "vừa được người khác cập nhật" in page
    assert "<summary>Tiếp nhận hồ sơ</summary>" not in page
    assert dossier_state(dossier) == before


def test_supplement_request_lists_every_item_and_needs_a_reason(client, desk):
    dossier = desk.submitted()
    as_user(client, desk.clerk)
    before = dossier_state(dossier)
    missing = act(client, dossier, "yeu-cau-bo-sung", reason="Thiếu giấy tờ.")
    assert missing.status_code == 400
    assert "Vui lòng chọn hoặc ghi đầy đủ" in missing.content.decode()
    no_reason = act(client, dossier, "yeu-cau-bo-sung", documents=["Bản sao Căn cước công dân"])
    assert no_reason.status_code == 400
    assert dossier_state(dossier) == before

    response = act(
        client,
        dossier,
        "yeu-cau-bo-sung",
        documents=["Bản sao Căn cước công dân"],
        other_items="Giấy xác nhận cư trú\n\nẢnh 3x4",
        reason="Bản sao CCCD mờ, thiếu giấy xác nhận cư trú.",
    )
    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert dossier.supplement_items == ["Bản sao Căn cước công dân", "Giấy xác nhận cư trú", "Ảnh 3x4"]


def test_refusal_needs_a_reason(client, desk):
    dossier = desk.submitted()
    as_user(client, desk.clerk)
    before = dossier_state(dossier)
    response = act(client, dossier, "tu-choi", reason="   ")
    assert response.status_code == 400
    assert dossier_state(dossier) == before
    assert act(client, dossier, "tu-choi", reason="Không thuộc thẩm quyền.").status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.decision_reason) == (DossierStatus.REFUSED, "Không thuộc thẩm quyền.")


def test_assign_offers_only_specialists_of_the_agency(client, desk):
    dossier = desk.received()
    outsider = staff(DepartmentFactory(), StaffRole.SPECIALIST)
    as_user(client, desk.leader)
    form = dict((entry.slug, form) for entry, _label, form in client.get(detail_url(dossier)).context["action_forms"])[
        "phan-cong"
    ]
    offered = [value for value, _label in form.fields["specialist"].choices if value]
    assert offered == [desk.specialist.pk]

    before = dossier_state(dossier)
    assert act(client, dossier, "phan-cong", specialist=outsider.pk).status_code == 400
    assert dossier_state(dossier) == before
    assert act(client, dossier, "phan-cong", specialist=desk.specialist.pk).status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.assignee) == (DossierStatus.PROCESSING, desk.specialist)


def test_an_action_the_role_does_not_allow_is_refused_with_a_vietnamese_message(client, desk):
    dossier = desk.processing()
    before = dossier_state(dossier)
    response = act(as_user(client, desk.clerk), dossier, "tham-dinh", opinion="Đủ điều kiện.")
    assert response.status_code == 400
    assert "không có quyền" in response.content.decode() or "không ở bước" in response.content.decode()
    assert dossier_state(dossier) == before


def test_processing_to_return_through_the_pages(client, desk):
    dossier = desk.received()
    assert act(as_user(client, desk.leader), dossier, "phan-cong", specialist=desk.specialist.pk).status_code == 302
    assert act(as_user(client, desk.specialist), dossier, "tham-dinh", opinion="Đủ điều kiện.").status_code == 302
    assert act(as_user(client, desk.leader), dossier, "phe-duyet", result_summary="Cấp giấy phép.").status_code == 302
    assert act(as_user(client, desk.clerk), dossier, "da-co-ket-qua").status_code == 302
    returned = client.post(
        reverse("results:return-at-counter", args=[dossier.pk]),
        {"nguoi_nhan": "Nguyễn Văn An", "so_giay_to": desk.citizen.cccd},
    )
    assert returned.status_code == 302

    dossier.refresh_from_db()
    assert (dossier.status, dossier.result_recipient, dossier.result_summary) == (
        DossierStatus.RETURNED,
        "Nguyễn Văn An",
        "Cấp giấy phép.",
    )
    html = client.get(detail_url(dossier)).content.decode()
    assert "Đã trả kết quả" in html and "Thẩm định, trình phê duyệt" in html and "Đủ điều kiện." in html


def test_specialist_returns_a_dossier_to_the_previous_step(client, desk):
    dossier = desk.processing()
    as_user(client, desk.specialist)
    assert act(client, dossier, "tra-lai-buoc-truoc", reason="").status_code == 400
    assert act(client, dossier, "tra-lai-buoc-truoc", reason="Phân công nhầm lĩnh vực.").status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_step.kind == "assign"


def test_leader_transfers_to_another_agency_with_its_own_deadline(client, desk):
    dossier = desk.received()
    district = make_desk().agency
    as_user(client, desk.leader)
    before = dossier_state(dossier)
    assert act(client, dossier, "chuyen-lien-thong", to_agency=district.code, working_days="0").status_code == 400
    assert act(client, dossier, "chuyen-lien-thong", to_agency="000.00.99.H99", working_days="3").status_code == 400
    assert dossier_state(dossier) == before
    response = act(client, dossier, "chuyen-lien-thong", to_agency=district.code, working_days="3", note="Liên thông.")
    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.handling_agency == district
    assert client.get(detail_url(dossier)).status_code == 200


def test_leader_stops_a_dossier_with_a_reason(client, desk):
    dossier = desk.processing()
    as_user(client, desk.leader)
    assert act(client, dossier, "dung-xu-ly", reason="").status_code == 400
    assert act(client, dossier, "dung-xu-ly", reason="Không đủ điều kiện cấp phép.").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.STOPPED


def test_apology_moves_the_appointment_once(client, desk):
    dossier = desk.received()
    as_user(client, desk.clerk)
    new_due = (dossier.due_at + timedelta(days=7)).astimezone().strftime("%d/%m/%Y %H:%M")
    assert act(client, dossier, "xin-loi", reason="Chờ xác minh.", new_due_at="31/02/2021 10:00").status_code == 400
    assert act(client, dossier, "xin-loi", reason="Chờ xác minh.", new_due_at=new_due).status_code == 302
    dossier.refresh_from_db()
    assert dossier.apology_issued_at is not None
    html = client.get(detail_url(dossier)).content.decode()
    assert "<summary>Xin lỗi và hẹn lại ngày trả kết quả</summary>" not in html
    assert "Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả" in html


def test_clerk_records_a_withdrawal_asked_on_paper(client, desk):
    dossier = desk.received()
    assert act(as_user(client, desk.clerk), dossier, "rut-ho-so", reason="Đơn xin rút hồ sơ.").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN


def test_desk_records_a_supplement_brought_to_the_counter(client, desk):
    dossier = services.do_request_supplement(desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Thiếu chữ ký.")
    as_user(client, desk.clerk)
    assert "Nhận hồ sơ bổ sung thay người nộp" in client.get(detail_url(dossier)).content.decode()
    response = client.post(
        reverse("dossiers:staff-supplement", args=[dossier.pk]), {"version": dossier.version, "giay-to-1": pdf()}
    )
    dossier.refresh_from_db()
    assert response.status_code == 302
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.documents.get(position=1).source == "digitised"


def test_clerk_requests_fees_and_both_sides_get_the_payment_page(client, desk):
    dossier = desk.received()
    as_user(client, desk.clerk)
    before = dossier_state(dossier)
    no_schedule = act(client, dossier, "yeu-cau-nop-phi")
    assert no_schedule.status_code == 400
    assert "chưa có mức phí" in no_schedule.content.decode()
    assert act(client, dossier, "yeu-cau-nop-phi", amount="0").status_code == 400
    assert dossier_state(dossier) == before

    assert act(client, dossier, "yeu-cau-nop-phi", amount="50000", note="Lệ phí cấp phép").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_PAYMENT
    pay_url = reverse("payments:pay", args=[dossier.pk])
    assert pay_url in client.get(detail_url(dossier)).content.decode()
    client.force_login(desk.citizen)
    assert pay_url in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
