"""The whole online journey in a browser: a citizen submits with two PDFs, the desk asks for a supplement, the
citizen supplies it, the desk accepts, the leader assigns, the specialist appraises, the leader approves, the desk
records the result and returns it; the citizen follows each step and anyone can look the dossier up by its code.

Every person gets their own browser context with a session made on the server, so no login form is typed and
no time is spent on password hashing; the contexts live for the whole journey."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in_tab(browser, base_url: str, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15000)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    tab = context.new_page()
    tab.base_url = base_url
    return tab


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def staff_action(tab, dossier, label: str, fill=None):
    """Open the staff page of the dossier, unfold one action, fill it and send it."""
    tab.goto(f"{tab.base_url}{reverse('dossiers:staff-detail', args=[dossier.pk])}")
    summary = tab.locator("summary").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    action = tab.locator("details.action").filter(has=summary)
    if action.get_attribute("open") is None:  # the only action a person has is shown unfolded
        summary.click()
    form = action.locator("form")
    if fill:
        fill(form)
    form.get_by_role("button", name=label).click()
    tab.get_by_role("status").wait_for()


def citizen_sees(tab, dossier, status_label: str):
    tab.goto(f"{tab.base_url}{reverse('dossiers:detail', args=[dossier.pk])}")
    assert tab.locator(".facts .status").inner_text() == status_label


def test_online_dossier_from_submission_to_return(browser, live_server, desk):
    base = live_server.url
    citizen, clerk, leader, specialist = (
        signed_in_tab(browser, base, user) for user in (desk.citizen, desk.clerk, desk.leader, desk.specialist)
    )
    try:
        # The citizen fills the e-form: the name comes from the account, one PDF per required component.
        citizen.goto(f"{base}{reverse('dossiers:submit', args=[desk.procedure.key])}")
        assert citizen.get_by_label("Họ tên người nộp hoặc tên tổ chức").input_value() == "Nguyễn Văn An"
        citizen.get_by_label("Tờ khai đề nghị cấp giấy phép").set_input_files(pdf_file("to-khai.pdf"))
        citizen.get_by_label("Bản sao Căn cước công dân").set_input_files(pdf_file("cccd.pdf"))
        citizen.get_by_role("button", name="Nộp hồ sơ").click()
        citizen.get_by_text("Đã nộp hồ sơ.").wait_for()
        dossier = Dossier.objects.get()
        assert dossier.documents.exclude(file="").count() == 2
        citizen_sees(citizen, dossier, "Mới đăng ký")

        # The clerk finds it among the new online dossiers and asks for a better copy of the CCCD.
        clerk.goto(f"{base}{reverse('dossiers:staff-inbox')}")
        clerk.get_by_role("link", name="chưa có mã").click()

        def ask_supplement(form):
            form.get_by_label("Bản sao Căn cước công dân").check()
            form.get_by_label("Lý do yêu cầu bổ sung").fill("Bản chụp CCCD bị mờ, không đọc được số.")

        staff_action(clerk, dossier, "Yêu cầu bổ sung, hoàn thiện hồ sơ", ask_supplement)
        citizen_sees(citizen, dossier, "Yêu cầu bổ sung giấy tờ")
        request = citizen.get_by_role("region", name="Cơ quan yêu cầu bổ sung, hoàn thiện hồ sơ")
        assert "Bản chụp CCCD bị mờ, không đọc được số." in request.inner_text()

        # The citizen uploads the clearer copy.
        citizen.get_by_label("Bản sao Căn cước công dân").set_input_files(pdf_file("cccd-ro-net.pdf"))
        citizen.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
        citizen.get_by_text("Đã gửi hồ sơ bổ sung.").wait_for()
        citizen_sees(citizen, dossier, "Mới đăng ký")

        # The clerk accepts: code, appointment and the receipt (Mẫu 01) as a PDF.
        staff_action(clerk, dossier, "Tiếp nhận hồ sơ")
        dossier.refresh_from_db()
        assert dossier.code and clerk.get_by_text(f"Mã hồ sơ: {dossier.code}").is_visible()
        receipt_link = clerk.get_by_role("link", name="Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
        receipt = clerk.request.get(f"{base}{receipt_link.get_attribute('href')}")
        assert receipt.ok and receipt.headers["content-type"] == "application/pdf"
        assert receipt.body().startswith(b"%PDF")
        citizen_sees(citizen, dossier, "Được tiếp nhận")
        assert citizen.get_by_role("link", name="Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả").is_visible()

        staff_action(
            leader,
            dossier,
            "Phân công xử lý",
            lambda form: form.get_by_label("Giao cho chuyên viên").select_option(label=str(desk.specialist)),
        )
        citizen_sees(citizen, dossier, "Đang xử lý")
        staff_action(
            specialist,
            dossier,
            "Thẩm định, trình phê duyệt",
            lambda form: form.get_by_label("Ý kiến thẩm định").fill("Hồ sơ đủ điều kiện cấp phép."),
        )
        staff_action(
            leader,
            dossier,
            "Phê duyệt",
            lambda form: form.get_by_label("Kết quả giải quyết (tóm tắt)").fill("Cấp giấy phép số 15/GP."),
        )
        citizen_sees(citizen, dossier, "Đang xử lý")
        staff_action(clerk, dossier, "Đã có kết quả tại Bộ phận Một cửa")
        citizen_sees(citizen, dossier, "Đã xử lý xong")
        clerk.goto(f"{base}{reverse('dossiers:staff-detail', args=[dossier.pk])}")
        heading = clerk.get_by_role("heading", name="Trả kết quả tại Bộ phận Một cửa")
        returning = clerk.locator("form").filter(has=heading)
        returning.get_by_label("Họ tên người nhận").fill("Nguyễn Văn An")
        returning.get_by_label("Số CCCD/giấy tờ tùy thân đã xuất trình").fill(desk.citizen.cccd)
        returning.get_by_role("button", name="Ghi nhận đã trả kết quả").click()
        clerk.get_by_role("status").wait_for()
        citizen_sees(citizen, dossier, "Đã trả kết quả")
        assert citizen.get_by_text("Cấp giấy phép số 15/GP.").is_visible()
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.RETURNED

        # Anyone can follow it by its code: the timeline, and the name masked.
        public = browser.new_page(locale="vi-VN")
        public.goto(f"{base}/tra-cuu/")
        public.get_by_label("Mã hồ sơ").fill(dossier.code)
        public.get_by_role("button", name="Tra cứu").click()
        public.get_by_role("heading", name=f"Hồ sơ {dossier.code}").wait_for()
        page_text = public.locator("main").inner_text()
        assert "Nguyễn V*** A**" in page_text and "Nguyễn Văn An" not in page_text
        assert public.locator("ol.timeline li strong").all_inner_texts() == [
            "Mới đăng ký",
            "Yêu cầu bổ sung giấy tờ",
            "Mới đăng ký",
            "Được tiếp nhận",
            "Đang xử lý",
            "Đã xử lý xong",
            "Đã trả kết quả",
        ]
        public.context.close()
    finally:
        for tab in (citizen, clerk, leader, specialist):
            tab.context.close()
