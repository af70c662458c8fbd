"""A scanned image of a paper original turned into a one-page A4 PDF, so that it can be signed like any document."""

import io
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Placement:
    x: float
    y: float
    width: float
    height: float


def image_placement(image_width: float, image_height: float, *, top: float) -> Placement:
    """Where an image goes on an A4 page below `top`: centred, aspect kept, scaled down to fit between the margins
    and above the stamp band, never enlarged past its own size."""
    page_width, _page_height = PageSize.A4.value
    box_width, box_height = page_width - 2 * MARGIN, top - STAMP_BAND
    scale = min(box_width / image_width, box_height / image_height, 1.0)
    width, height = image_width * scale, image_height * scale
    return Placement(x=MARGIN + (box_width - width) / 2, y=top - height, width=width, height=height)


def scan_to_pdf(image_bytes: bytes, *, caption: str, title: str) -> bytes:
    """The image under the caption, placed by `image_placement`: the bottom band stays free for the verification
    stamp that signing prints there."""
    try:
        image = ImageReader(io.BytesIO(image_bytes))
        image_width, image_height = image.getSize()
    except (OSError, ValueError) as error:
        raise UnreadableScan(str(error)) from error
    if image_width <= 0 or image_height <= 0:
        raise UnreadableScan("empty image")
    family = font_family()
    page_width, page_height = PageSize.A4.value
    caption_lines = simpleSplit(
        unicodedata.normalize("NFC", caption), family.regular, CAPTION_SIZE, page_width - 2 * MARGIN
    )
    caption_top = page_height - MARGIN
    placement = image_placement(
        image_width, image_height, top=caption_top - len(caption_lines) * CAPTION_LEADING - CAPTION_GAP
    )

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PageSize.A4.value, pageCompression=1, initialFontName=family.regular)
    canvas.setTitle(unicodedata.normalize("NFC", title))
    text = canvas.beginText(MARGIN, caption_top - CAPTION_SIZE)
    text.setFont(family.regular, CAPTION_SIZE, CAPTION_LEADING)
    for line in caption_lines:
        text.textLine(line)
    canvas.drawText(text)
    canvas.drawImage(image, placement.x, placement.y, placement.width, placement.height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
