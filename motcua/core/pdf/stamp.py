"""The verification stamp: a QR code and a few caption lines drawn into the bottom-left band of the first page.

It is added to a pyHanko incremental writer, so that the signature created on the same writer covers it: the stamp
cannot be swapped afterwards, and the original bytes of the document stay untouched underneath.
"""

import io
import unicodedata
from collections.abc import Sequence

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import find_inherited_value_in_tree
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from motcua.core.pdf.fonts import font_family
from motcua.core.pdf.layout import STAMP_MARGIN, STAMP_QR_SIZE
from motcua.core.pdf.qr import draw_qr

STAMP_LEFT = 12 * mm
CAPTION_GAP = 2 * mm
CAPTION_SIZE = 6
CAPTION_WIDTH = 52 * mm
XOBJECT_NAME = "/MotCuaVerificationStamp"


class StampError(ValueError):
    """The page cannot take a stamp (no media box, unexpected page structure)."""


def _overlay(width: float, height: float, url: str, lines: Sequence[str]) -> bytes:
    family = font_family()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=family.regular)
    draw_qr(canvas, url, STAMP_LEFT, STAMP_MARGIN, STAMP_QR_SIZE)
    wrapped = [
        part
        for line in lines
        for part in simpleSplit(unicodedata.normalize("NFC", line), family.regular, CAPTION_SIZE, CAPTION_WIDTH)
    ]
    text = canvas.beginText(STAMP_LEFT + STAMP_QR_SIZE + CAPTION_GAP, STAMP_MARGIN + STAMP_QR_SIZE - CAPTION_SIZE)
    text.setFont(family.regular, CAPTION_SIZE, CAPTION_SIZE * 1.25)
    for line in wrapped:
        text.textLine(line)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def add_verification_stamp(writer: IncrementalPdfFileWriter, *, url: str, lines: Sequence[str]) -> None:
    """Adds the QR code of `url` and `lines` at the bottom left of page 1, as pending changes of `writer`."""
    try:
        page_ref, _resources = writer.find_page_for_modification(0)
        media_box = find_inherited_value_in_tree(page_ref.get_object(), "/MediaBox", "/Parent")
    except (PdfError, KeyError, IndexError, TypeError) as error:
        raise StampError(f"page 1 cannot be stamped: {error}") from error
    if media_box is None:
        raise StampError("page 1 has no media box")
    left, bottom, right, top = (float(value) for value in media_box)
    overlay = PdfFileReader(io.BytesIO(_overlay(right - left, top - bottom, url, lines)))
    stamp_ref = writer.import_page_as_xobject(overlay)
    # The page's own content may end with a changed graphics state (an unbalanced "q" or a "cm"); wrapping it in
    # q … Q puts the stamp back in the page's default coordinates.
    opening = writer.add_object(generic.StreamObject(stream_data=b"q\n"))
    closing = writer.add_object(
        generic.StreamObject(
            stream_data=f"Q\nq 1 0 0 1 {left:.3f} {bottom:.3f} cm {XOBJECT_NAME} Do Q\n".encode("ascii")
        )
    )
    resources = generic.DictionaryObject(
        {pdf_name("/XObject"): generic.DictionaryObject({pdf_name(XOBJECT_NAME): stamp_ref})}
    )
    writer.add_stream_to_page(0, opening, prepend=True)
    writer.add_stream_to_page(0, closing, resources=resources)
