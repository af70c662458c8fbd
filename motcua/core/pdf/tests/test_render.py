import io
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from motcua.core.pdf import Field, PageSize, Table, render_document
from motcua.core.pdf.tests.factories import DocumentSpecFactory
from motcua.core.pdf.tests.reading import decoded_qr_codes, page_text


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def test_text_extraction_returns_the_vietnamese_strings_intact_in_nfc():
    text = _collapsed(page_text(render_document(DocumentSpecFactory())))

    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Hà Giang, ngày 16 tháng 6 năm 2021",
        "Thôn Mã Pì Lèng, xã Pải Lủng, huyện Mèo Vạc",
        "Tờ khai đề nghị cấp bản sao trích lục hộ tịch",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Nguyễn Thị Hoa",
    ):
        assert expected in text
    assert text == unicodedata.normalize("NFC", text)


def test_decomposed_input_is_printed_precomposed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    spec = DocumentSpecFactory(body=[Field("Người nộp", decomposed)])

    text = page_text(render_document(spec))

    assert "Nguyễn Thị Hoà" in text
    assert decomposed not in text


def test_markup_typed_by_a_person_is_printed_as_typed():
    spec = DocumentSpecFactory(body=["Ghi chú: <b>không in đậm</b> & <font size=40>to</font>"])

    text = _collapsed(page_text(render_document(spec)))

    assert "<b>không in đậm</b> & <font size=40>to</font>" in text


def test_every_font_is_an_embedded_truetype_font():
    reader = PdfReader(io.BytesIO(render_document(DocumentSpecFactory())))
    fonts = reader.pages[0]["/Resources"]["/Font"]

    assert fonts
    for reference in fonts.values():
        font = reference.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


@pytest.mark.parametrize(("page_size", "width_mm", "height_mm"), [(PageSize.A5, 148, 210), (PageSize.A4, 210, 297)])
def test_page_has_the_requested_paper_size(page_size, width_mm, height_mm):
    reader = PdfReader(io.BytesIO(render_document(DocumentSpecFactory(page_size=page_size))))
    box = reader.pages[0].mediabox

    assert float(box.width) == pytest.approx(width_mm * mm, abs=0.01)
    assert float(box.height) == pytest.approx(height_mm * mm, abs=0.01)


def test_qr_code_decodes_to_the_lookup_url():
    pdf = render_document(DocumentSpecFactory(qr_url="http://127.0.0.1:8000/tra-cuu/?ma=000.00.01.H22-210616-0042"))

    assert decoded_qr_codes(pdf) == {"http://127.0.0.1:8000/tra-cuu/?ma=000.00.01.H22-210616-0042"}


def test_document_without_qr_url_has_no_qr_code():
    assert decoded_qr_codes(render_document(DocumentSpecFactory(qr_url=""))) == set()


def test_long_table_continues_on_a_second_page_with_its_header_repeated():
    rows = [[str(number), f"Giấy tờ số {number}", "Bản sao", "1"] for number in range(1, 61)]
    spec = DocumentSpecFactory(body=[Table(header=["STT", "Tên giấy tờ", "Hình thức", "Số lượng"], rows=rows)])

    pdf = render_document(spec)

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    second_page = page_text(pdf, page=1)
    assert "Tên giấy tờ" in second_page
    assert "Trang 2" in second_page
    assert "Giấy tờ số 60" in page_text(pdf, page=len(reader.pages) - 1)


def test_metadata_names_the_title_and_the_agency():
    reader = PdfReader(io.BytesIO(render_document(DocumentSpecFactory())))

    assert reader.metadata.title == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert reader.metadata.author == "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"


def test_table_rows_must_match_the_header():
    with pytest.raises(ValueError, match="as many cells"):
        Table(header=["STT", "Tên giấy tờ"], rows=[["1"]])


def test_unknown_body_block_is_refused():
    with pytest.raises(TypeError):
        render_document(DocumentSpecFactory(body=[42]))
