"""Slips Mẫu 01–05 as PDF: content, paper, fonts and QR code; rendered lazily, stored once, served only to those
who may open the dossier."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from pypdf import PdfReader
from reportlab.lib.units import mm

from motcua.core.pdf.tests.reading import decoded_qr_codes
from motcua.dossiers import services, slips
from motcua.dossiers.constants import EventAction
from motcua.dossiers.tests.factories import ApplicantFactory, staff
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def slip_of(dossier, kind, action) -> bytes:
    event = dossier.events.filter(action=action).latest("id")
    return slips.slip_pdf(dossier, kind, event.pk)


def lookup_url(dossier) -> str:
    return f"{django_settings.MOTCUA_PUBLIC_URL}/tra-cuu/?ma={dossier.code}"


def stored_slips(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "slips"
    return sorted(path for path in root.rglob("*.pdf")) if root.exists() else []


# --- Content --------------------------------------------------------------------------------------------------


def test_receipt_carries_code_documents_times_and_a_qr_code_to_the_lookup(desk):
    dossier = desk.received()
    pdf = slip_of(dossier, slips.SlipKind.RECEIPT, EventAction.ACCEPT)
    text = text_of(pdf)

    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {dossier.code}",
        "Nguyễn Văn An",
        "Tờ khai đề nghị cấp giấy phép",
        "Bản sao Căn cước công dân",
        "5 ngày làm việc",
        "Thời gian trả kết quả giải quyết hồ sơ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        str(desk.clerk),
        "Mẫu số 01, Thông tư số 01/2018/TT-VPCP",
        "Hà Giang, ngày",
    ):
        assert expected in text, expected
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert decoded_qr_codes(pdf) == {lookup_url(dossier)}


def test_slips_are_a5_with_every_font_embedded(desk):
    reader = PdfReader(io.BytesIO(slip_of(desk.received(), slips.SlipKind.RECEIPT, EventAction.ACCEPT)))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (pytest.approx(148 * mm, abs=0.01), pytest.approx(210 * mm, abs=0.01))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for reference in fonts.values():
        assert "/FontFile2" in reference.get_object()["/FontDescriptor"].get_object()


def test_supplement_slip_lists_every_item_and_the_reason(desk):
    dossier = services.do_request_supplement(
        desk.specialist,
        desk.processing(),
        items=["Bản sao Giấy chứng nhận quyền sử dụng đất", "Sơ đồ vị trí thửa đất"],
        reason="Hồ sơ thiếu giấy tờ về đất.",
    )
    pdf = slip_of(dossier, slips.SlipKind.SUPPLEMENT, EventAction.REQUEST_SUPPLEMENT)
    text = text_of(pdf)
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        dossier.code,
        "1. Bản sao Giấy chứng nhận quyền sử dụng đất",
        "2. Sơ đồ vị trí thửa đất",
        "Lý do: Hồ sơ thiếu giấy tờ về đất.",
        "NGƯỜI HƯỚNG DẪN",
    ):
        assert expected in text, expected
    assert decoded_qr_codes(pdf) == {lookup_url(dossier)}


def test_slip_of_a_dossier_without_a_code_yet_names_its_number_and_leads_to_the_applicants_page(desk):
    dossier = services.do_refuse(desk.clerk, desk.submitted(), reason="Không thuộc thẩm quyền giải quyết.")
    pdf = slip_of(dossier, slips.SlipKind.REFUSAL, EventAction.REFUSE)
    text = text_of(pdf)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert f"Số hồ sơ trên hệ thống: {dossier.pk}" in text
    assert "Không thuộc thẩm quyền giải quyết." in text
    assert decoded_qr_codes(pdf) == {
        f"{django_settings.MOTCUA_PUBLIC_URL}{reverse('dossiers:detail', args=[dossier.pk])}"
    }


def test_a_stop_after_appraisal_is_notified_on_the_refusal_form(desk):
    dossier = services.do_stop(desk.leader, desk.processing(), reason="Không đủ điều kiện cấp phép.")
    text = text_of(slip_of(dossier, slips.SlipKind.REFUSAL, EventAction.STOP))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "(Thông báo dừng giải quyết hồ sơ)" in text
    assert dossier.code in text and "Không đủ điều kiện cấp phép." in text


def test_apology_slip_gives_the_old_and_the_new_appointment(desk):
    dossier = desk.received()
    old_due = dossier.due_at
    dossier = services.do_issue_apology(
        desk.clerk, dossier, reason="Cần xác minh thực địa.", new_due_at=old_due + timedelta(days=5)
    )
    text = text_of(slip_of(dossier, slips.SlipKind.APOLOGY, EventAction.APOLOGISE))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert dossier.code in text and "Cần xác minh thực địa." in text
    assert f"{slips._moment(old_due)}" in text
    assert f"{slips._moment(dossier.due_at)}" in text


def test_control_slip_has_a_row_per_hand_off_with_giver_receiver_time_and_timeliness(desk):
    dossier = services.do_return_result(desk.clerk, desk.resolved(), recipient_name="Nguyễn Văn An")
    latest = slips.current_control_slip_event(dossier)
    pdf = slips.slip_pdf(dossier, slips.SlipKind.CONTROL, latest.pk)
    text = text_of(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert dossier.code in text
    for person in (desk.clerk, desk.leader, desk.specialist):
        assert str(person) in text
    assert text.count("Trước hạn") >= 4
    assert "Nguyễn Văn An" in text
    assert decoded_qr_codes(pdf) == {lookup_url(dossier)}


def test_printed_text_typed_by_people_stays_plain_text(desk):
    dossier = services.do_refuse(desk.clerk, desk.submitted(), reason="Thiếu <b>chữ ký</b> & dấu")
    assert "Thiếu <b>chữ ký</b> & dấu" in text_of(slip_of(dossier, slips.SlipKind.REFUSAL, EventAction.REFUSE))


# --- Lazy rendering and storage -------------------------------------------------------------------------------


def test_accepting_a_dossier_renders_no_slip(client, desk, settings, monkeypatch):
    dossier = desk.submitted()

    def must_not_render(*args, **kwargs):
        raise AssertionError("a slip was rendered while accepting")

    monkeypatch.setattr(slips, "render_slip", must_not_render)
    client.force_login(desk.clerk)
    response = client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]), {"tiep-nhan-version": dossier.version}
    )
    assert response.status_code == 302
    assert stored_slips(settings) == []


def test_first_download_renders_and_stores_the_slip_later_ones_read_it_back(client, desk, settings, monkeypatch):
    dossier = desk.received()
    event = dossier.events.get(action=EventAction.ACCEPT)
    url = reverse("dossiers:slip", args=[dossier.pk, "mau-01", event.pk])
    client.force_login(desk.citizen)

    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert stored_slips(settings) == [Path(settings.MEDIA_ROOT) / "slips" / str(dossier.pk) / f"mau-01-{event.pk}.pdf"]

    monkeypatch.setattr(slips, "render_slip", lambda *args: pytest.fail("rendered again"))
    second = client.get(url)
    assert second.content == first.content
    assert f"mau-01-{dossier.code.lower()}.pdf" in second["Content-Disposition"]


# --- Access ---------------------------------------------------------------------------------------------------


def test_slips_are_not_found_for_other_citizens_other_agencies_and_bad_addresses(client, desk):
    dossier = desk.received()
    accept = dossier.events.get(action=EventAction.ACCEPT)
    submit = dossier.events.get(action=EventAction.SUBMIT)
    url = reverse("dossiers:slip", args=[dossier.pk, "mau-01", accept.pk])

    assert client.get(url).status_code == 302
    client.force_login(ApplicantFactory())
    assert client.get(url).status_code == 404
    client.force_login(staff(DepartmentFactory(), StaffRole.CLERK))
    assert client.get(url).status_code == 404

    client.force_login(desk.citizen)
    for kind, event_id in (("mau-01", submit.pk), ("mau-09", accept.pk), ("mau-02", accept.pk), ("mau-01", 2**70)):
        assert client.get(reverse("dossiers:slip", args=[dossier.pk, kind, event_id])).status_code == 404, kind
    assert client.get(reverse("dossiers:slip", args=[dossier.pk, "mau-05", accept.pk])).status_code == 404


def test_control_slip_is_for_staff_and_an_old_link_leads_to_the_current_one(client, desk):
    dossier = desk.received()
    accept = dossier.events.get(action=EventAction.ACCEPT)
    services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    latest = slips.current_control_slip_event(dossier)
    client.force_login(desk.clerk)

    old = client.get(reverse("dossiers:slip", args=[dossier.pk, "mau-05", accept.pk]))
    assert old.status_code == 302
    assert old["Location"] == reverse("dossiers:slip", args=[dossier.pk, "mau-05", latest.pk])
    assert client.get(old["Location"]).status_code == 200


def test_citizen_sees_their_slips_listed_and_staff_also_the_control_slip(desk):
    dossier = services.do_request_supplement(desk.specialist, desk.processing(), items=["Tờ khai"], reason="Thiếu.")
    citizen_kinds = [slip.kind for slip in slips.issued_slips(dossier, for_staff=False)]
    staff_kinds = [slip.kind for slip in slips.issued_slips(dossier, for_staff=True)]
    assert citizen_kinds == ["mau-01", "mau-02"]
    assert staff_kinds == ["mau-01", "mau-02", "mau-05"]
