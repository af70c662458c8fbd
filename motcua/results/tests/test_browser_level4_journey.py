"""Level 4 (toàn trình) end to end in a browser, every step through the pages: the citizen submits online with a
PDF, the clerk accepts and asks for the fee, the citizen cancels in the sandbox gateway and then pays, the leader
assigns, the specialist appraises, the leader approves (the e-result is signed), the clerk records that the result
is ready, the citizen downloads the signed e-result (the first download returns the dossier), checks it at
/xac-thuc/ and by uploading the downloaded copy, rates the dossier, and fills a second dossier from the Kho.

One browser context per person, signed in with a session made on the server (no login form, no password hashing)."""

import re

import pytest
from django.urls import reverse

from motcua.documents import selectors as documents
from motcua.documents.tests.factories import pdf_with
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.test_browser_journey import citizen_sees, signed_in_tab, staff_action
from motcua.payments.constants import TransactionStatus
from motcua.payments.models import PaymentTransaction
from motcua.payments.tests.factories import FeeScheduleFactory
from motcua.results.models import DossierResult
from motcua.results.tests.factories import full_online_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SANDBOX = "Cổng thanh toán thử nghiệm (sandbox)"


def pdf_file(name: str) -> dict:
    # Distinct bytes per file: the store keeps one copy of identical documents.
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_with(name)}


def submit_online(tab, procedure, *, forms_file: str, id_card_file: str | None):
    """Fill the e-form: the declaration always uploaded, the ID card uploaded or left for the store."""
    tab.goto(f"{tab.base_url}{reverse('dossiers:submit', args=[procedure.key])}")
    tab.get_by_label("Tờ khai đề nghị cấp giấy phép").set_input_files(pdf_file(forms_file))
    if id_card_file:
        tab.get_by_label("Bản sao Căn cước công dân").set_input_files(pdf_file(id_card_file))


def start_sandbox_payment(tab, dossier):
    tab.goto(f"{tab.base_url}{reverse('dossiers:detail', args=[dossier.pk])}")
    tab.get_by_role("link", name="Thanh toán phí, lệ phí").click()
    assert "75.000 đồng" in tab.locator("dl.facts").inner_text()
    tab.get_by_label(SANDBOX).check()
    tab.get_by_role("button", name="Thanh toán").click()
    tab.get_by_role("heading", name=SANDBOX).wait_for()


def test_level_4_dossier_paid_online_signed_downloaded_verified_rated_and_reused(browser, live_server, tmp_path):
    desk = full_online_desk()
    FeeScheduleFactory(procedure=desk.procedure)
    base = live_server.url
    citizen, clerk, leader, specialist = (
        signed_in_tab(browser, base, user) for user in (desk.citizen, desk.clerk, desk.leader, desk.specialist)
    )
    try:
        submit_online(citizen, desk.procedure, forms_file="to-khai.pdf", id_card_file="cccd.pdf")
        citizen.get_by_role("button", name="Nộp hồ sơ").click()
        citizen.get_by_text("Đã nộp hồ sơ.").wait_for()
        dossier = Dossier.objects.get()

        staff_action(clerk, dossier, "Tiếp nhận hồ sơ")
        dossier.refresh_from_db()
        staff_action(clerk, dossier, "Yêu cầu thực hiện nghĩa vụ tài chính")
        citizen_sees(citizen, dossier, "Yêu cầu thực hiện nghĩa vụ tài chính")

        # The citizen changes their mind at the gateway: told so, nothing credited, still owing.
        start_sandbox_payment(citizen, dossier)
        citizen.get_by_role("button", name="Hủy giao dịch").click()
        citizen.get_by_role("status").get_by_role("heading", name="Đã hủy").wait_for()
        assert not PaymentTransaction.objects.filter(credited=True).exists()
        citizen_sees(citizen, dossier, "Yêu cầu thực hiện nghĩa vụ tài chính")

        start_sandbox_payment(citizen, dossier)
        citizen.get_by_role("button", name="Thanh toán").click()
        citizen.get_by_role("status").get_by_role("heading", name="Thanh toán thành công").wait_for()
        assert sorted(PaymentTransaction.objects.values_list("status", "credited")) == sorted(
            [(TransactionStatus.CANCELLED, False), (TransactionStatus.SUCCEEDED, True)]
        )
        citizen_sees(citizen, dossier, "Được tiếp nhận")

        staff_action(
            leader,
            dossier,
            "Phân công xử lý",
            lambda form: form.get_by_label("Giao cho chuyên viên").select_option(label=str(desk.specialist)),
        )
        staff_action(
            specialist,
            dossier,
            "Thẩm định, trình phê duyệt",
            lambda form: form.get_by_label("Ý kiến thẩm định").fill("Hồ sơ đủ điều kiện."),
        )
        staff_action(leader, dossier, "Phê duyệt")
        result = DossierResult.objects.select_related("document").get(dossier=dossier)
        staff_action(clerk, dossier, "Đã có kết quả tại Bộ phận Một cửa")

        # The signed e-result on the citizen's page: the first download is the hand-over.
        citizen_sees(citizen, dossier, "Đã xử lý xong")
        panel = citizen.get_by_role("region", name="Kết quả giải quyết")
        assert result.issued_number in panel.inner_text()
        with citizen.expect_download() as download_info:
            panel.get_by_role("link", name="Tải kết quả điện tử đã ký số (PDF)").click()
        downloaded = tmp_path / "ket-qua.pdf"
        download_info.value.save_as(downloaded)
        assert downloaded.read_bytes().startswith(b"%PDF")
        citizen_sees(citizen, dossier, "Đã trả kết quả")

        citizen.get_by_role("region", name="Kết quả giải quyết").get_by_role(
            "link", name="Kiểm tra tính xác thực"
        ).click()
        assert citizen.url == f"{base}/xac-thuc/{result.document.token}/"
        citizen.get_by_role("heading", name="Chữ ký số hợp lệ").wait_for()
        assert dossier.code in citizen.content()
        citizen.get_by_label("Tệp PDF cần kiểm tra").set_input_files(downloaded)
        citizen.get_by_role("button", name="Kiểm tra tệp").click()
        verdict = citizen.get_by_role("status")
        assert verdict.get_by_role("heading", name="Hợp lệ").is_visible()
        assert "trùng khớp" in verdict.inner_text()

        citizen.goto(f"{base}{reverse('dossiers:detail', args=[dossier.pk])}")
        citizen.get_by_role("link", name="Đánh giá mức độ hài lòng").click()
        for group in citizen.locator("fieldset").all():
            group.get_by_label("Hài lòng", exact=True).check()
        citizen.get_by_role("button", name="Gửi đánh giá").click()
        citizen.get_by_role("status").wait_for()
        assert "Bạn đã đánh giá hồ sơ này" in citizen.content()

        # A second dossier: the ID card comes from the store, not from the citizen's disk.
        submit_online(citizen, desk.procedure, forms_file="to-khai-lan-2.pdf", id_card_file=None)
        citizen.get_by_role("button", name="Lưu nháp").click()
        second = Dossier.objects.exclude(pk=dossier.pk).get()
        citizen.wait_for_url(re.compile(re.escape(reverse("dossiers:draft", args=[second.pk]))))
        citizen.locator("li.slot").nth(1).get_by_role("link", name="Chọn từ Kho dữ liệu").click()
        citizen.get_by_label(re.compile("Bản sao Căn cước công dân")).check()
        citizen.get_by_role("button", name="Dùng giấy tờ này").click()
        citizen.get_by_role("status").wait_for()
        assert "cccd.pdf" in citizen.locator("li.slot").nth(1).inner_text()
        citizen.get_by_role("button", name="Nộp hồ sơ").click()
        citizen.get_by_text("Đã nộp hồ sơ.").wait_for()
        second.refresh_from_db()
        assert second.status == DossierStatus.SUBMITTED
        assert documents.component_counts().reused == 1
    finally:
        for tab in (citizen, clerk, leader, specialist):
            tab.context.close()
