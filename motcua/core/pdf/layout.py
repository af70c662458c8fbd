"""Page geometry shared by the renderer and the verification stamp, so that a stamp never covers text."""

from dataclasses import dataclass

from reportlab.lib.units import mm

from motcua.core.pdf.spec import PageSize

# Every page keeps a band at the bottom for the verification stamp (QR code and its caption) that signing adds
# after rendering; the body frame ends above it.
STAMP_MARGIN = 6 * mm
STAMP_QR_SIZE = 17 * mm
STAMP_BAND = STAMP_MARGIN + STAMP_QR_SIZE + 3 * mm


@dataclass(frozen=True)
class PageGeometry:
    left: float
    right: float
    top: float
    body_size: float
    leading: float
    header_size: float
    qr_size: float

    def frame_width(self, page_size: PageSize) -> float:
        return page_size.width - self.left - self.right


# Decree 30/2020 margins for A4 (top 20–25, bottom 20–25, left 30–35, right 15–20 mm, text 13–14 pt); the A5
# slips scale them down so that a Mẫu 01 with its table of documents still fits on one sheet.
GEOMETRY = {
    PageSize.A5: PageGeometry(
        left=15 * mm, right=12 * mm, top=12 * mm, body_size=10, leading=13, header_size=8, qr_size=20 * mm
    ),
    PageSize.A4: PageGeometry(
        left=30 * mm, right=15 * mm, top=20 * mm, body_size=13, leading=17, header_size=12, qr_size=24 * mm
    ),
}
