import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from motcua.core.pdf import PageSize
from motcua.core.pdf.layout import STAMP_BAND
from motcua.documents.scans import MARGIN, UnreadableScan, image_placement, scan_to_pdf
from motcua.documents.tests.factories import scanned_image

PAGE_WIDTH, PAGE_HEIGHT = PageSize.A4.value
TOP = PAGE_HEIGHT - 30


@given(
    width=st.floats(min_value=1, max_value=20_000, allow_nan=False),
    height=st.floats(min_value=1, max_value=20_000, allow_nan=False),
)
def test_a_scan_of_any_size_fits_between_the_margins_and_above_the_stamp_band(width, height):
    placement = image_placement(width, height, top=TOP)

    assert placement.x >= MARGIN - 1e-6
    assert placement.x + placement.width <= PAGE_WIDTH - MARGIN + 1e-6
    assert placement.y >= STAMP_BAND - 1e-6
    assert placement.y + placement.height == pytest.approx(TOP)
    assert placement.width / placement.height == pytest.approx(width / height)
    assert placement.width <= width + 1e-6


def test_a_scan_becomes_one_a4_page():
    pdf = scan_to_pdf(scanned_image("PNG", (400, 300)), caption="Bản sao điện tử từ bản chính", title="Sổ đỏ")

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    assert (float(pages[0].mediabox.width), float(pages[0].mediabox.height)) == pytest.approx((PAGE_WIDTH, PAGE_HEIGHT))


def test_bytes_that_only_start_like_an_image_are_an_unreadable_scan():
    with pytest.raises(UnreadableScan):
        scan_to_pdf(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, caption="x", title="x")
