"""In a browser: a citizen fills a component of a new draft from the store, and rates a returned dossier."""

import re

import pytest
from django.urls import reverse

from motcua.documents import selectors
from motcua.documents.tests.factories import pdf_upload
from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.test_browser_journey import signed_in_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_second_dossier_reuses_a_document_from_the_store_and_the_first_is_rated(browser, live_server, desk):
    first = desk.draft(files={1: pdf_upload("to-khai.pdf", "lan 1"), 2: pdf_upload("cccd.pdf", "cccd that")})
    first = dossier_services.do_accept(desk.clerk, dossier_services.do_submit_online(desk.citizen, first))
    assert selectors.stored_documents_of(desk.citizen).count() == 2  # filled after the acceptance committed
    draft = dossier_services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    tab = signed_in_tab(browser, live_server.url, desk.citizen)

    tab.goto(f"{tab.base_url}{reverse('dossiers:draft', args=[draft.pk])}")
    tab.locator("li.slot").nth(1).get_by_role("link", name="Chọn từ Kho dữ liệu").click()
    tab.get_by_label(re.compile("Bản sao Căn cước công dân")).check()
    tab.get_by_role("button", name="Dùng giấy tờ này").click()

    tab.get_by_role("status").wait_for()
    assert tab.url.endswith(reverse("dossiers:draft", args=[draft.pk]))
    assert "cccd.pdf" in tab.locator("li.slot").nth(1).inner_text()

    dossier_services.do_assign(desk.leader, first, specialist=desk.specialist)
    dossier_services.do_appraise(desk.specialist, first, opinion="Hồ sơ đủ điều kiện.")
    dossier_services.do_approve(desk.leader, first)
    dossier_services.do_mark_resolved(desk.clerk, first)
    dossier_services.do_return_result(desk.clerk, first, recipient_name="Nguyễn Văn An")
    tab.goto(f"{tab.base_url}{reverse('dossiers:detail', args=[first.pk])}")
    tab.get_by_role("link", name="Đánh giá mức độ hài lòng").click()
    for group in tab.locator("fieldset").all():
        group.get_by_label("Hài lòng", exact=True).check()
    tab.get_by_role("button", name="Gửi đánh giá").click()

    tab.get_by_role("status").wait_for()
    assert "Bạn đã đánh giá hồ sơ này" in tab.content()
