from io import BytesIO

import openpyxl
import pytest
from django.conf import settings
from django.test import Client

from motcua.reports.tests.leader_factories import province_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": page.base_url}])


def test_monitor_drills_from_province_to_commune_and_exports_bieu06(page, tmp_path):
    province = province_history()
    signed_in(page, province.monitor())

    page.goto(f"{page.base_url}/bao-cao/?tu=2021-01-01&den=2021-03-31")
    page.get_by_role("heading", name="Ủy ban nhân dân tỉnh Hà Giang").wait_for()
    page.get_by_role("link", name="Ủy ban nhân dân huyện Đồng Văn").first.click()
    page.get_by_role("heading", name="Ủy ban nhân dân huyện Đồng Văn").wait_for()
    page.get_by_role("link", name="Ủy ban nhân dân xã Lũng Cú").first.click()
    page.get_by_role("heading", name="Ủy ban nhân dân xã Lũng Cú").wait_for()
    trail = page.get_by_role("navigation", name="Vị trí")
    assert trail.get_by_role("link", name="Ủy ban nhân dân tỉnh Hà Giang").is_visible()

    page.get_by_role("link", name="Biểu 06: tình hình, kết quả giải quyết thủ tục hành chính").click()
    page.get_by_role("columnheader", name="Số hồ sơ nhận giải quyết").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải tệp Excel (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename == "bieu-06_2021-01-01_2021-03-31.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = openpyxl.load_workbook(BytesIO(saved.read_bytes())).active
    total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total[2:] == (9, 2, 6, 1, 5, 3, 0, 2, 2, 0, 2)
