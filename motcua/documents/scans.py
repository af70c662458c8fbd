"""A scanned image of a paper original turned into a one-page A4 PDF, so that it can be signed like any document."""

import io
import unicodedata

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from motcua.core.pdf import PageSize, font_family
from motcua.core.pdf.layout import STAMP_BAND

MARGIN = 12 * mm
CAPTION_SIZE = 8
CAPTION_LEADING = CAPTION_SIZE * 1.25
CAPTION_GAP = 3 * mm


class UnreadableScan(ValueError):
    """The bytes look like a JPEG or PNG but cannot be decoded as an image."""


def scan_to_pdf(image_bytes: bytes, *, caption: str, title: str) -> bytes:
    """The image scaled to fit the page (never enlarged past its own size), the caption above it, and the bottom
    band left free for the verification stamp that signing prints there."""
    try:
        image = ImageReader(io.BytesIO(image_bytes))
        image_width, image_height = image.getSize()
    except (OSError, ValueError) as error:
        raise UnreadableScan(str(error)) from error
    if image_width <= 0 or image_height <= 0:
        raise UnreadableScan("empty image")
    family = font_family()
    page_width, page_height = PageSize.A4.value
    box_width = page_width - 2 * MARGIN
    caption_lines = simpleSplit(unicodedata.normalize("NFC", caption), family.regular, CAPTION_SIZE, box_width)
    caption_top = page_height - MARGIN
    image_top = caption_top - len(caption_lines) * CAPTION_LEADING - CAPTION_GAP
    box_height = image_top - STAMP_BAND
    scale = min(box_width / image_width, box_height / image_height, 1.0)
    drawn_width, drawn_height = image_width * scale, image_height * scale

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PageSize.A4.value, pageCompression=1, initialFontName=family.regular)
    canvas.setTitle(unicodedata.normalize("NFC", title))
    text = canvas.beginText(MARGIN, caption_top - CAPTION_SIZE)
    text.setFont(family.regular, CAPTION_SIZE, CAPTION_LEADING)
    for line in caption_lines:
        text.textLine(line)
    canvas.drawText(text)
    canvas.drawImage(
        image, MARGIN + (box_width - drawn_width) / 2, image_top - drawn_height, drawn_width, drawn_height
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
