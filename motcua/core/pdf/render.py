"""`render_document(spec) -> bytes`: a Vietnamese administrative document laid out with ReportLab's platypus."""

import io
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PlatypusTable

from motcua.core.pdf.fonts import FontFamily, font_family
from motcua.core.pdf.layout import GEOMETRY, STAMP_BAND, STAMP_MARGIN, PageGeometry
from motcua.core.pdf.qr import QrFlowable
from motcua.core.pdf.spec import Block, DocumentSpec, Field, Numbered, SignatureBlock, Table
from motcua.core.pdf.wording import MOTTO, NATIONAL_NAME, NUMBER_PREFIX, RECIPIENTS_HEADING, place_and_date

PRODUCER = "Một Cửa"
SIGNATURE_SPACE = 18 * mm
COLUMN_GAP = 2 * mm


def _text(value: str) -> str:
    """NFC (precomposed letters exist in every candidate font; combining marks would be drawn unshaped) and
    escaped, because platypus reads its input as markup and "<b>" typed by a citizen must print as typed."""
    return escape(unicodedata.normalize("NFC", value or ""))


def _upper(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").upper()


class _Rule(Flowable):
    """The short centred line under the agency name and the motto."""

    def __init__(self, width: float, available: float):
        super().__init__()
        self.rule_width = width
        self.width = available
        self.height = 5

    def draw(self):
        start = (self.width - self.rule_width) / 2
        self.canv.setLineWidth(0.6)
        # Drawn low in its box: the line above ends at its baseline, and descenders must not touch the rule.
        self.canv.line(start, 1.5, start + self.rule_width, 1.5)


class _Styles:
    def __init__(self, family: FontFamily, geometry: PageGeometry):
        size, leading = geometry.body_size, geometry.leading
        # Tables draw plain-string cells in their own font (Helvetica unless told): the family's face instead.
        self.table_font = ("FONTNAME", (0, 0), (-1, -1), family.regular)
        self.body = ParagraphStyle(
            "body", fontName=family.regular, fontSize=size, leading=leading, alignment=TA_JUSTIFY, spaceAfter=2
        )
        self.cell = ParagraphStyle(
            "cell", parent=self.body, fontSize=size - 1, leading=leading - 1.5, alignment=TA_LEFT
        )
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=family.bold, alignment=TA_CENTER)
        self.numbered = ParagraphStyle("numbered", parent=self.body, leftIndent=size * 1.2, firstLineIndent=-size * 1.2)
        self.header = ParagraphStyle(
            "header",
            fontName=family.regular,
            fontSize=geometry.header_size,
            leading=geometry.header_size * 1.3,
            alignment=TA_CENTER,
        )
        self.header_bold = ParagraphStyle("header_bold", parent=self.header, fontName=family.bold)
        # Decree 30: the motto is set one point larger than the national name above it.
        self.motto = ParagraphStyle("motto", parent=self.header_bold, fontSize=geometry.header_size + 1)
        self.body_centred = ParagraphStyle("body_centred", parent=self.body, alignment=TA_CENTER)
        self.place_date = ParagraphStyle("place_date", parent=self.body_centred, fontName=family.italic)
        self.title = ParagraphStyle(
            "title", fontName=family.bold, fontSize=size + 2, leading=leading + 3, alignment=TA_CENTER, spaceBefore=6
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.title, fontSize=size, leading=leading, spaceBefore=0)
        self.signature = ParagraphStyle("signature", parent=self.body_centred, fontName=family.bold)
        self.hint = ParagraphStyle("hint", parent=self.body_centred, fontName=family.italic, fontSize=size - 1.5)
        self.small = ParagraphStyle("small", fontName=family.regular, fontSize=size - 2.5, leading=leading - 3.5)
        self.small_bold = ParagraphStyle("small_bold", parent=self.small, fontName=family.bold)
        self.caption = ParagraphStyle("caption", parent=self.small, alignment=TA_CENTER)
        self.footer_font = family.italic
        self.footer_size = size - 2.5


def _header(spec: DocumentSpec, styles: _Styles, width: float) -> Flowable:
    left_width, right_width = width * 0.45, width * 0.55
    agency_cell = []
    if spec.parent_agency:
        agency_cell.append(Paragraph(_text(_upper(spec.parent_agency)), styles.header))
    agency_cell += [Paragraph(_text(_upper(spec.agency)), styles.header_bold), _Rule(left_width * 0.35, left_width)]
    nation_cell = [
        Paragraph(NATIONAL_NAME, styles.header_bold),
        Paragraph(MOTTO, styles.motto),
        _Rule(right_width * 0.6, right_width),
    ]
    rows = [[agency_cell, nation_cell]]
    if spec.number or spec.issued_on:
        number = f"{NUMBER_PREFIX}: {_text(spec.number)}" if spec.number else ""
        day = _text(place_and_date(spec.place, spec.issued_on)) if spec.issued_on else ""
        rows.append([Paragraph(number, styles.body_centred), Paragraph(day, styles.place_date)])
    table = PlatypusTable(rows, colWidths=[left_width, right_width])
    table.setStyle(
        TableStyle(
            [
                styles.table_font,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), COLUMN_GAP),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
            ]
        )
    )
    return table


def _field(item: Field) -> str:
    return f"{_text(item.label)}: <b>{_text(item.value)}</b>"


def _table(block: Table, styles: _Styles, width: float) -> Flowable:
    weights = list(block.column_weights) or [1] * len(block.header)
    widths = [width * weight / sum(weights) for weight in weights]
    data = [[Paragraph(_text(cell), styles.cell_head) for cell in block.header]]
    data += [[Paragraph(_text(cell), styles.cell) for cell in row] for row in block.rows]
    table = PlatypusTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                styles.table_font,
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _body(blocks: list[Block], styles: _Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(_text(block), styles.body))
        elif isinstance(block, Field):
            story.append(Paragraph(_field(block), styles.body))
        elif isinstance(block, Numbered):
            for number, item in enumerate(block.items, start=1):
                content = _field(item) if isinstance(item, Field) else _text(item)
                story.append(Paragraph(f"{number}. {content}", styles.numbered))
        elif isinstance(block, Table):
            story += [Spacer(0, 2), _table(block, styles, width), Spacer(0, 4)]
        else:
            raise TypeError(f"unsupported block {type(block).__name__}")
    return story


def _signature(block: SignatureBlock, styles: _Styles) -> list[Flowable]:
    cell = []
    if block.authority:
        cell.append(Paragraph(_text(_upper(block.authority)), styles.signature))
    cell.append(Paragraph(_text(_upper(block.title)), styles.signature))
    if block.hint:
        cell.append(Paragraph(_text(block.hint), styles.hint))
    cell.append(Spacer(0, SIGNATURE_SPACE))
    if block.name:
        cell.append(Paragraph(_text(block.name), styles.signature))
    return cell


def _qr_cell(spec: DocumentSpec, styles: _Styles, geometry: PageGeometry) -> list[Flowable]:
    cell: list[Flowable] = [QrFlowable(spec.qr_url, geometry.qr_size)]
    if spec.qr_caption:
        caption = ParagraphStyle("qr_caption", parent=styles.small, alignment=TA_LEFT)
        cell.append(Paragraph(_text(spec.qr_caption), caption))
    return cell


def _closing(spec: DocumentSpec, styles: _Styles, geometry: PageGeometry, width: float) -> list[Flowable]:
    """Recipients and the QR code on the left, the signature blocks on the right (Decree 30 layout)."""
    left: list[Flowable] = []
    if spec.recipients:
        left.append(Paragraph(f"<i>{RECIPIENTS_HEADING}:</i>", styles.small_bold))
        left += [Paragraph(f"- {_text(recipient)};", styles.small) for recipient in spec.recipients]
    if spec.qr_url:
        left += [Spacer(0, 3), *_qr_cell(spec, styles, geometry)]
    signatures = [_signature(block, styles) for block in spec.signatures]
    if not signatures and not left:
        return []
    if len(signatures) >= 2:
        rows = [signatures]
        column_widths = [width / len(signatures)] * len(signatures)
        if left:
            rows.append([left] + [""] * (len(signatures) - 1))
    else:
        rows = [[left, signatures[0] if signatures else ""]]
        column_widths = [width * 0.45, width * 0.55]
    table = PlatypusTable(rows, colWidths=column_widths)
    table.setStyle(
        TableStyle(
            [
                styles.table_font,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [Spacer(0, 6), KeepTogether(table)]


def _draw_footer(spec: DocumentSpec, styles: _Styles, geometry: PageGeometry):
    def draw(canvas: Canvas, document: BaseDocTemplate):
        page_width = spec.page_size.width
        text = f"{spec.footer} — Trang {document.page}" if spec.footer else f"Trang {document.page}"
        canvas.saveState()
        canvas.setFont(styles.footer_font, styles.footer_size)
        # Right half only: the left half of the band is where signing stamps the verification QR code.
        canvas.drawRightString(page_width - geometry.right, STAMP_MARGIN, unicodedata.normalize("NFC", text))
        canvas.restoreState()

    return draw


def render_document(spec: DocumentSpec) -> bytes:
    family = font_family()
    geometry = GEOMETRY[spec.page_size]
    styles = _Styles(family, geometry)
    width = geometry.frame_width(spec.page_size)
    output = io.BytesIO()
    document = BaseDocTemplate(
        output,
        pagesize=spec.page_size.value,
        leftMargin=geometry.left,
        rightMargin=geometry.right,
        topMargin=geometry.top,
        bottomMargin=STAMP_BAND,
        title=unicodedata.normalize("NFC", spec.title),
        author=unicodedata.normalize("NFC", spec.agency),
        subject=unicodedata.normalize("NFC", spec.subtitle),
        creator=PRODUCER,
        producer=PRODUCER,
        pageCompression=1,
        # Otherwise every page names Helvetica, a Latin-1 font that is not embedded, as its starting font.
        initialFontName=family.regular,
    )
    frame = Frame(
        geometry.left,
        STAMP_BAND,
        width,
        spec.page_size.height - geometry.top - STAMP_BAND,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_draw_footer(spec, styles, geometry))])
    story: list[Flowable] = [_header(spec, styles, width), Spacer(0, 4)]
    story.append(Paragraph(_text(_upper(spec.title)), styles.title))
    if spec.subtitle:
        story.append(Paragraph(_text(spec.subtitle), styles.subtitle))
    story.append(Spacer(0, 6))
    story += _body(list(spec.body), styles, width)
    story += _closing(spec, styles, geometry, width)
    document.build(story)
    return output.getvalue()
