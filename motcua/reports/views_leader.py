"""/bao-cao/: the leaders' dashboard (province → district → commune) and Biểu 06 with its Excel and PDF files.

Only monitors and leaders see these pages, each within their scope (`dashboard.leader_scope`); anyone else gets a
404, as for a page that does not exist. Charts are inline SVG drawn here, each with its table for screen readers.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.core.formatting import format_percent
from motcua.reports import bieu06, dashboard, exports, selectors
from motcua.reports.indicators import service_indicators

CHART_WIDTH = 640
CHART_HEIGHT = 200
# Room under the bars for the month labels, and left of them for the scale.
CHART_BOTTOM = 24
CHART_LEFT = 8
EXPORT_FORMATS = {
    "xlsx": (exports.workbook, exports.XLSX_CONTENT_TYPE),
    "pdf": (exports.pdf, exports.PDF_CONTENT_TYPE),
}


@dataclass(frozen=True)
class MonthBar:
    summary: selectors.Summary
    label: str
    x: float
    width: float
    top: float
    height: float
    online_top: float
    online_height: float
    # Where the on-time rate of the month's results falls on the same height (0 % at the bottom, 100 % at the top).
    rate_y: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def on_time_text(self) -> str:
        resolved = self.summary.resolved
        return format_percent(resolved.early + resolved.on_time, resolved.total)


def _month_bars(trend: list[selectors.MonthSummary]) -> list[MonthBar]:
    tallest = max((month.summary.received.new for month in trend), default=0) or 1
    slot = (CHART_WIDTH - CHART_LEFT) / max(len(trend), 1)
    plot = CHART_HEIGHT - CHART_BOTTOM
    bars = []
    for index, month in enumerate(trend):
        received = month.summary.received
        height = plot * received.new / tallest
        online_height = plot * received.online / tallest
        bars.append(
            MonthBar(
                summary=month.summary,
                label=month.month.strftime("%m/%Y"),
                x=round(CHART_LEFT + index * slot + slot * 0.15, 1),
                width=round(slot * 0.7, 1),
                top=round(plot - height, 1),
                height=round(height, 1),
                online_top=round(plot - online_height, 1),
                online_height=round(online_height, 1),
                rate_y=round(plot * (1 - dashboard.on_time_share(month.summary)), 1),
            )
        )
    return bars


def _scope_or_404(request) -> dashboard.Scope:
    scope = dashboard.leader_scope(request.user)
    if scope is None:
        raise Http404
    return scope


def _period(request) -> tuple[selectors.StatsQuery, str]:
    """The asked period, or the default one with the reason the asked one was refused."""
    today = timezone.localdate()
    asked = {key: request.GET.get(key, "")[:40] for key in ("tu", "den")}
    try:
        return selectors.check_query(asked["tu"], asked["den"], today=today), ""
    except selectors.InvalidStatsQuery as invalid:
        return selectors.check_query(today=today), invalid.message


def _period_params(query: selectors.StatsQuery) -> str:
    return urlencode({"tu": query.date_from.isoformat(), "den": query.date_to.isoformat()})


def _trail(code: str, scope: dashboard.Scope, names: dict[str, str]) -> list[tuple[str, str]]:
    """(code, name) from the scope's root down to `code`, for the breadcrumb."""
    trail = [next(root for root in scope.roots if dashboard.in_subtree(code, root))]
    while trail[-1] != code:
        trail.append(dashboard.child_root(code, trail[-1]))
    return [(step, names.get(step, step)) for step in trail]


def _codes_of(focus: dashboard.Scope, names: dict[str, str]) -> list[str] | None:
    """The agencies under `focus`, for the reads that take a list of codes; None for the whole province."""
    if focus.is_whole_province:
        return None
    return [code for code in names if focus.includes(code)]


@require_GET
def overview(request, code: str | None = None):
    scope = _scope_or_404(request)
    names = dashboard.agency_names()
    if code is not None and not (scope.includes(code) and any(dashboard.in_subtree(known, code) for known in names)):
        raise Http404
    root = code or (scope.roots[0] if len(scope.roots) == 1 else None)
    query, error = _period(request)
    rows = dashboard.agency_rows(query.date_from, query.date_to, scope)
    if root is None:
        children, shown, focus = dashboard.root_areas(rows, scope, names), rows, scope
    else:
        children = dashboard.areas(rows, root, names)
        shown = [row for row in rows if dashboard.in_subtree(row.code, root)]
        focus = dashboard.Scope((root,))
    context = {
        "query": query,
        "error": error,
        "period_params": _period_params(query),
        "heading": names.get(root, root) if root else _("Các đơn vị được giao theo dõi"),
        "trail": _trail(root, scope, names) if root else [],
        "total": dashboard.add_summaries(row.summary for row in shown),
        "children": children,
        "month_bars": _month_bars(dashboard.monthly(query.date_from, query.date_to, focus)),
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT, "plot": CHART_HEIGHT - CHART_BOTTOM},
        "indicators": service_indicators(query.date_from, query.date_to, agency_codes=_codes_of(focus, names)),
        "lowest_on_time": dashboard.lowest_on_time(shown),
        # Read from the daily counters, so not for the whole province.
        "procedures": (
            dashboard.busiest_procedures(query.date_from, query.date_to, root)
            if root and not focus.is_whole_province
            else []
        ),
        "overdue": dashboard.overdue_by_agency(shown),
        "bieu06_url": reverse("reports_leader:bieu06"),
    }
    return render(request, "reports/leader/overview.html", context, status=400 if error else 200)


def _bieu06_problem(grouping: str, file_format: str) -> str:
    if grouping not in bieu06.Grouping.values:
        return _("Cách nhóm không hợp lệ: chỉ nhận “don-vi” (theo cơ quan, đơn vị) hoặc “linh-vuc” (theo lĩnh vực).")
    if file_format and file_format not in EXPORT_FORMATS:
        return _("Định dạng tệp không hợp lệ: chỉ nhận “xlsx” hoặc “pdf”.")
    return ""


@require_GET
def bieu06_report(request):
    scope = _scope_or_404(request)
    query, error = _period(request)
    grouping = request.GET.get("nhom", "")[:20] or bieu06.Grouping.AGENCY
    file_format = request.GET.get("dinh-dang", "")[:10]
    error = error or _bieu06_problem(grouping, file_format)
    if error:
        grouping = bieu06.Grouping.AGENCY
    report = bieu06.build(query.date_from, query.date_to, grouping, scope)
    if file_format and not error:
        render_file, content_type = EXPORT_FORMATS[file_format]
        response = HttpResponse(render_file(report), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, file_format)}"'
        return response
    params = {"tu": query.date_from.isoformat(), "den": query.date_to.isoformat(), "nhom": grouping}
    context = {
        "query": query,
        "error": error,
        "report": report,
        "groupings": bieu06.Grouping.choices,
        "column_groups": bieu06.COLUMN_GROUPS,
        "period_params": _period_params(query),
        "downloads": [
            (_("Tải tệp Excel (.xlsx)"), "?" + urlencode({**params, "dinh-dang": "xlsx"})),
            (_("Tải tệp PDF"), "?" + urlencode({**params, "dinh-dang": "pdf"})),
        ],
    }
    return render(request, "reports/leader/bieu06.html", context, status=400 if error else 200)
