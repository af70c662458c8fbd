import re
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from motcua.reports import bieu06, dashboard, exports, selectors
from motcua.reports.tests.leader_factories import province_history

QUARTER = (date(2021, 1, 1), date(2021, 3, 31))
HEADERS = (
    "Số hồ sơ nhận giải quyết",
    "Trực tiếp, dịch vụ bưu chính",
    "Từ kỳ trước",
    "Số hồ sơ đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Số lượng hồ sơ đang giải quyết",
    "Trong hạn",
    "Quá hạn",
)


@pytest.fixture
def report(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        province = province_history()
    return bieu06.build(*QUARTER, bieu06.Grouping.AGENCY, dashboard.leader_scope(province.monitor()))


def sheet_of(report):
    return openpyxl.load_workbook(BytesIO(exports.workbook(report))).active


def test_workbook_totals_row_matches_the_engine(report):
    sheet = sheet_of(report)
    total_row = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total_row[2:] == bieu06.figures(selectors.summary(*QUARTER))


def test_workbook_has_title_period_merged_vietnamese_headers_and_formats(report):
    sheet = sheet_of(report)
    texts = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "Kỳ báo cáo: Từ ngày 01/01/2021 đến ngày 31/03/2021" in texts
    assert "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Hà Giang" in texts
    assert set(HEADERS) <= set(texts)
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"C7:F7", "G7:J7", "K7:M7", "A7:A8", "B7:B8"} <= merged
    assert sheet.freeze_panes == "C9"
    assert sheet["C9"].number_format == "#,##0"
    rates = [row[2] for row in sheet.iter_rows() if row[1].value == "Tỷ lệ hồ sơ tiếp nhận trực tuyến"]
    assert rates[0].number_format == "0.00%"
    assert rates[0].value == pytest.approx(2 / 8)
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width


def test_pdf_prints_the_vietnamese_title_period_and_headers(report):
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(exports.pdf(report))).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in flat
    assert "Từ ngày 01/01/2021 đến ngày 31/03/2021" in flat
    assert "Biểu số 06/VPCP/KSTT" in flat
    for header in ("Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số lượng hồ sơ đang giải quyết"):
        assert header in flat
    assert "Ủy ban nhân dân xã Lũng Cú" in flat


def test_pdf_embeds_its_fonts(report):
    reader = PdfReader(BytesIO(exports.pdf(report)))
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert fonts
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fonts)


def test_file_name_carries_the_period(report):
    assert exports.filename(report, "xlsx") == "bieu-06_2021-01-01_2021-03-31.xlsx"
