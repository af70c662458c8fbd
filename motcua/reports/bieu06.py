"""Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP): "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực
tiếp giải quyết TTHC", built from the statistics engine. Its 11 figure columns are those of domain.md §6.1.

    build(date_from, date_to, grouping, scope) -> Report
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.organization.constants import AgencyLevel
from motcua.reports import dashboard
from motcua.reports.selectors import Summary

FORM_NUMBER = gettext_lazy("Biểu số 06/VPCP/KSTT")
FORM_TITLE = gettext_lazy(
    "Tình hình, kết quả giải quyết thủ tục hành chính tại cơ quan, đơn vị trực tiếp giải quyết thủ tục hành chính"
)
COUNT_UNIT = gettext_lazy("Đơn vị tính: số hồ sơ thủ tục hành chính")
SECTION_NUMBERS = ("I", "II", "III")
SECTION_TITLES = {
    AgencyLevel.PROVINCE: gettext_lazy("Sở, ban, ngành"),
    AgencyLevel.DISTRICT: gettext_lazy("Huyện, thị xã, thành phố"),
    AgencyLevel.COMMUNE: gettext_lazy("Xã, phường, thị trấn"),
}


class Grouping(models.TextChoices):
    AGENCY = "don-vi", gettext_lazy("Theo cơ quan, đơn vị")
    FIELD = "linh-vuc", gettext_lazy("Theo lĩnh vực")


@dataclass(frozen=True)
class ColumnGroup:
    title: str
    columns: tuple[str, ...]


COLUMN_GROUPS = (
    ColumnGroup(
        gettext_lazy("Số hồ sơ nhận giải quyết"),
        (
            gettext_lazy("Tổng số"),
            gettext_lazy("Trực tuyến"),
            gettext_lazy("Trực tiếp, dịch vụ bưu chính"),
            gettext_lazy("Từ kỳ trước"),
        ),
    ),
    ColumnGroup(
        gettext_lazy("Số hồ sơ đã giải quyết"),
        (gettext_lazy("Tổng số"), gettext_lazy("Trước hạn"), gettext_lazy("Đúng hạn"), gettext_lazy("Quá hạn")),
    ),
    ColumnGroup(
        gettext_lazy("Số lượng hồ sơ đang giải quyết"),
        (gettext_lazy("Tổng số"), gettext_lazy("Trong hạn"), gettext_lazy("Quá hạn")),
    ),
)
NUMBER_HEADER = gettext_lazy("STT")


def figures(summary: Summary) -> tuple[int, ...]:
    """The 11 figures in column order (received counts what is carried over, as the form's "Tổng số" does)."""
    received, resolved, pending = summary.received, summary.resolved, summary.pending
    return (
        received.total,
        received.online,
        received.direct + received.postal,
        received.carried_over,
        resolved.total,
        resolved.early,
        resolved.on_time,
        resolved.late,
        pending.total,
        pending.in_time,
        pending.overdue,
    )


@dataclass(frozen=True)
class Row:
    label: str
    summary: Summary
    # The agency code, for a link to its dashboard (agency grouping only).
    code: str = ""

    @property
    def figures(self) -> tuple[int, ...]:
        return figures(self.summary)


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    rows: list[Row]

    @property
    def subtotal(self) -> Row:
        return Row(label=self.title, summary=dashboard.add_summaries(row.summary for row in self.rows))


@dataclass(frozen=True)
class Report:
    date_from: date
    date_to: date
    grouping: str
    reporting_unit: str
    sections: list[Section]

    @property
    def total(self) -> Row:
        return Row(label=_("Tổng cộng"), summary=dashboard.add_summaries(s.subtotal.summary for s in self.sections))

    @property
    def name_header(self) -> str:
        if self.grouping == Grouping.FIELD:
            return _("Lĩnh vực, công việc giải quyết theo cấp")
        return _("Cơ quan, đơn vị giải quyết theo cấp")

    @property
    def period_text(self) -> str:
        return _("Từ ngày %(start)s đến ngày %(end)s") % {
            "start": self.date_from.strftime("%d/%m/%Y"),
            "end": self.date_to.strftime("%d/%m/%Y"),
        }


def _rows_by_level(date_from: date, date_to: date, grouping: str, scope: dashboard.Scope) -> dict[str, list[Row]]:
    by_level: dict[str, list[Row]] = {level: [] for level in AgencyLevel.values}
    if grouping == Grouping.FIELD:
        found = dashboard.summary_by_level_and_field(date_from, date_to, scope)
        for (level, field), summary in sorted(found.items()):
            by_level[level].append(Row(label=field or _("Lĩnh vực chưa xác định"), summary=summary))
    else:
        for row in dashboard.agency_rows(date_from, date_to, scope):
            by_level[row.level].append(Row(label=row.name, summary=row.summary, code=row.code))
    return by_level


def reporting_unit(scope: dashboard.Scope) -> str:
    names = dashboard.agency_names()
    return "; ".join(names.get(root, root) for root in scope.roots)


def build(date_from: date, date_to: date, grouping: str, scope: dashboard.Scope) -> Report:
    by_level = _rows_by_level(date_from, date_to, grouping, scope)
    return Report(
        date_from=date_from,
        date_to=date_to,
        grouping=grouping,
        reporting_unit=reporting_unit(scope),
        sections=[
            Section(number=number, title=str(SECTION_TITLES[level]), rows=by_level[level])
            for number, level in zip(SECTION_NUMBERS, AgencyLevel.values, strict=True)
        ],
    )
