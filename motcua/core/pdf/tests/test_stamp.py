import io

import pypdfium2
import zxingcpp
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from motcua.core.pdf import add_verification_stamp, render_document
from motcua.core.pdf.tests.factories import DocumentSpecFactory
from motcua.core.pdf.tests.reading import SCAN_SCALE, decoded_qr_codes, page_text

URL = "http://127.0.0.1:8000/xac-thuc/AbCdEfGhIjKlMnOpQrStUv/"
LINES = ["Văn bản điện tử đã được ký số bởi: Trung tâm Phục vụ hành chính công tỉnh Hà Giang", "Mã xác thực: AbCd"]


def _stamped(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    add_verification_stamp(writer, url=URL, lines=LINES)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _qr_positions(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, left, bottom) of each code as fractions of the page width and height, measured from the bottom."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=SCAN_SCALE).to_pil()
    finally:
        document.close()
    width, height = image.size
    return [
        (code.text, code.position.top_left.x / width, 1 - code.position.bottom_left.y / height)
        for code in zxingcpp.read_barcodes(image)
    ]


def test_stamp_adds_a_readable_qr_code_and_caption_and_keeps_the_page():
    original = render_document(DocumentSpecFactory())

    stamped = _stamped(original)

    assert stamped.startswith(original)  # an incremental update: the original bytes are untouched
    assert URL in decoded_qr_codes(stamped)
    text = " ".join(page_text(stamped).split())
    assert "Mã xác thực: AbCd" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text


def test_stamp_sits_in_the_bottom_left_band_of_a_rendered_document():
    stamped = _stamped(render_document(DocumentSpecFactory(qr_url="")))

    [(text, left, bottom)] = _qr_positions(stamped)

    assert text == URL
    assert left < 0.2
    assert bottom < 0.1


def test_stamp_ignores_a_graphics_state_the_page_content_left_changed():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.translate(300, 400)  # no saveState/restoreState: the page content ends shifted and shrunk
    canvas.scale(0.4, 0.4)
    canvas.drawString(0, 0, "Kết quả do cơ quan khác lập")
    canvas.showPage()
    canvas.save()

    [(text, left, bottom)] = _qr_positions(_stamped(buffer.getvalue()))

    assert text == URL
    assert left < 0.2
    assert bottom < 0.1
