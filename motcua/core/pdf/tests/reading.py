"""Reading a produced PDF back the way a person and a scanner would: its text and its QR codes."""

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader

# 150 dpi is what an office scanner or a phone photo of a print gives; the codes must read at that resolution.
SCAN_SCALE = 150 / 72


def page_text(pdf: bytes, page: int = 0) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[page].extract_text()


def decoded_qr_codes(pdf: bytes, page: int = 0) -> set[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=SCAN_SCALE).to_pil()
    finally:
        document.close()
    return {code.text for code in zxingcpp.read_barcodes(image)}
