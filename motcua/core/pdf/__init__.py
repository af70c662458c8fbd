"""Rendering toolkit for Vietnamese administrative documents (slips, receipts, results) on ReportLab.

    from motcua.core.pdf import DocumentSpec, Field, PageSize, render_document
    pdf = render_document(DocumentSpec(title="Giấy tiếp nhận hồ sơ và hẹn trả kết quả", agency="…", body=[…]))

Every page keeps its bottom-left band free for `add_verification_stamp`, which signing uses to print the QR code
of the document's verification page.
"""

from motcua.core.pdf.fonts import FontsUnavailable, font_family, fonts_missing_reason
from motcua.core.pdf.render import render_document
from motcua.core.pdf.spec import DocumentSpec, Field, Numbered, PageSize, SignatureBlock, Table
from motcua.core.pdf.stamp import StampError, add_verification_stamp
from motcua.core.pdf.wording import place_and_date

__all__ = [
    "DocumentSpec",
    "Field",
    "FontsUnavailable",
    "Numbered",
    "PageSize",
    "SignatureBlock",
    "StampError",
    "Table",
    "add_verification_stamp",
    "font_family",
    "fonts_missing_reason",
    "place_and_date",
    "render_document",
]
