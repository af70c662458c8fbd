"""Biểu 06 as a file: an Excel workbook (openpyxl) or a PDF (motcua.core.pdf, Vietnamese fonts embedded).

    workbook(report) -> bytes
    pdf(report) -> bytes
    filename(report, extension) -> str
"""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from motcua.core.formatting import format_number, format_percent
from motcua.core.pdf import DocumentSpec, PageSize, Table, render_document
from motcua.reports.bieu06 import COLUMN_GROUPS, COUNT_UNIT, FORM_NUMBER, FORM_TITLE, NUMBER_HEADER, Report, Row

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"

FIGURE_COLUMNS = sum(len(group.columns) for group in COLUMN_GROUPS)
# STT and the name, then the figures.
FIRST_FIGURE_COLUMN = 3
LAST_COLUMN = FIRST_FIGURE_COLUMN + FIGURE_COLUMNS - 1
NUMBER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00%"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def filename(report: Report, extension: str) -> str:
    return f"bieu-06_{report.date_from.isoformat()}_{report.date_to.isoformat()}.{extension}"


def _ratios(report: Report) -> list[tuple[str, int, int]]:
    """(label, numerator, denominator) printed under the table; the form itself has no rate columns."""
    total = report.total.summary
    return [
        (_("Tỷ lệ hồ sơ tiếp nhận trực tuyến"), total.received.online, total.received.new),
        (
            _("Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn"),
            total.resolved.early + total.resolved.on_time,
            total.resolved.total,
        ),
    ]


def _closed_note(report: Report) -> str:
    total = report.total.summary
    return _(
        "Ngoài các cột trên, trong kỳ có %(withdrawn)s hồ sơ công dân rút, %(refused)s hồ sơ không được tiếp nhận, "
        "%(stopped)s hồ sơ dừng xử lý."
    ) % {
        "withdrawn": format_number(total.withdrawn),
        "refused": format_number(total.refused),
        "stopped": format_number(total.stopped),
    }


def _table_rows(report: Report) -> list[tuple[str | int, Row, bool]]:
    """(STT, row, is a heading) in the order the form prints them, the grand total last."""
    lines: list[tuple[str | int, Row, bool]] = []
    for section in report.sections:
        lines.append((section.number, section.subtotal, True))
        lines += [(position, row, False) for position, row in enumerate(section.rows, start=1)]
    lines.append(("", report.total, True))
    return lines


def _write_header(sheet, top: int, report: Report) -> int:
    """Two header rows: the column groups merged over their columns, then the columns. Returns the next row."""
    for column, title in ((1, str(NUMBER_HEADER)), (2, report.name_header)):
        sheet.cell(top, column, title)
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    column = FIRST_FIGURE_COLUMN
    for group in COLUMN_GROUPS:
        sheet.cell(top, column, str(group.title))
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + len(group.columns) - 1)
        for title in group.columns:
            sheet.cell(top + 1, column, str(title))
            column += 1
    for row in sheet.iter_rows(min_row=top, max_row=top + 1, max_col=LAST_COLUMN):
        for cell in row:
            cell.font, cell.alignment, cell.border = Font(bold=True), _CENTRED, _BOX
    sheet.row_dimensions[top + 1].height = 45
    return top + 2


def workbook(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Biểu 06")
    last_letter = get_column_letter(LAST_COLUMN)
    titles = (
        (str(FORM_NUMBER), Font(italic=True)),
        (str(FORM_TITLE).upper(), Font(bold=True, size=13)),
        (_("Kỳ báo cáo: %(period)s") % {"period": report.period_text}, Font(italic=True)),
        (_("Đơn vị báo cáo: %(unit)s") % {"unit": report.reporting_unit}, Font()),
        (str(COUNT_UNIT), Font(italic=True)),
    )
    for number, (text, font) in enumerate(titles, start=1):
        sheet.cell(number, 1, text).font = font
        sheet.cell(number, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(f"A{number}:{last_letter}{number}")
    sheet.row_dimensions[2].height = 36
    first_data_row = _write_header(sheet, len(titles) + 2, report)
    sheet.freeze_panes = sheet.cell(first_data_row, FIRST_FIGURE_COLUMN)

    row_number = first_data_row
    for position, row, heading in _table_rows(report):
        cells = [sheet.cell(row_number, 1, position), sheet.cell(row_number, 2, row.label)]
        cells += [
            sheet.cell(row_number, column, value)
            for column, value in enumerate(row.figures, start=FIRST_FIGURE_COLUMN)
        ]
        for cell in cells:
            cell.border, cell.font = _BOX, Font(bold=heading)
        for cell in cells[2:]:
            cell.number_format = NUMBER_FORMAT
        cells[0].alignment = Alignment(horizontal="center")
        row_number += 1

    row_number += 1
    for label, numerator, denominator in _ratios(report):
        sheet.cell(row_number, 2, label)
        rate = sheet.cell(row_number, FIRST_FIGURE_COLUMN, numerator / denominator if denominator else 0)
        rate.number_format = PERCENT_FORMAT
        row_number += 1
    sheet.cell(row_number, 2, _closed_note(report)).font = Font(italic=True)

    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 48
    for column in range(FIRST_FIGURE_COLUMN, LAST_COLUMN + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{first_data_row - 2}:{first_data_row - 1}"

    output = BytesIO()
    book.save(output)
    return output.getvalue()


def pdf(report: Report) -> bytes:
    """A4 portrait (the toolkit has no landscape page), so the 11 figures go in three tables, one per column group,
    each with every row of the form."""
    lines = _table_rows(report)
    body: list = [str(FORM_NUMBER), str(COUNT_UNIT)]
    first = 0
    for group in COLUMN_GROUPS:
        columns = slice(first, first + len(group.columns))
        first += len(group.columns)
        body.append(str(group.title))
        body.append(
            Table(
                header=(str(NUMBER_HEADER), report.name_header, *(str(title) for title in group.columns)),
                rows=[
                    (str(position), row.label, *(format_number(value) for value in row.figures[columns]))
                    for position, row, _heading in lines
                ],
                column_weights=(0.9, 4, *([1.4] * len(group.columns))),
            )
        )
    body += [f"{label}: {format_percent(numerator, denominator)}" for label, numerator, denominator in _ratios(report)]
    body.append(_closed_note(report))
    return render_document(
        DocumentSpec(
            title=str(FORM_TITLE).upper(),
            agency=report.reporting_unit,
            page_size=PageSize.A4,
            subtitle=_("Kỳ báo cáo: %(period)s") % {"period": report.period_text},
            body=body,
        )
    )
