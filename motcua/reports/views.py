"""/thong-ke/: the public statistics page, server-rendered, charts as CSS bars (no script)."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.organization.constants import AgencyLevel
from motcua.reports import dashboard, selectors
from motcua.reports.constants import RANKED_AGENCIES
from motcua.reports.indicators import service_indicators


@dataclass(frozen=True)
class Bar:
    label: str
    summary: selectors.Summary
    # The bar's width in percent of the widest bar, and the online part in percent of the bar itself.
    width: float
    online_share: float


def _bars(rows: list[tuple[str, selectors.Summary]]) -> list[Bar]:
    widest = max((figures.received.new for _, figures in rows), default=0) or 1
    return [
        Bar(
            label=label,
            summary=figures,
            width=round(100 * figures.received.new / widest, 2),
            online_share=round(100 * figures.received.online / (figures.received.new or 1), 2),
        )
        for label, figures in rows
    ]


def _on_time_share(row: selectors.AgencySummary) -> tuple:
    resolved = row.summary.resolved
    return ((resolved.early + resolved.on_time) / resolved.total, resolved.total, row.code)


@require_GET
def statistics(request):
    form = {key: request.GET.get(key, "")[:40] for key in ("tu-ngay", "den-ngay", "cap")}
    try:
        query = selectors.check_query(form["tu-ngay"], form["den-ngay"], form["cap"], today=timezone.localdate())
    except selectors.InvalidStatsQuery as invalid:
        query, error = selectors.check_query(today=timezone.localdate()), invalid.message
    else:
        error = ""
    by_level = selectors.summary_by_level(query.date_from, query.date_to)
    # Every dossier belongs to one level, so the levels add up to the province (tested as an invariant).
    total = by_level[query.level] if query.level else dashboard.add_summaries(by_level.values())
    ranked = sorted(
        (
            row
            for row in selectors.summary_by_agency(query.date_from, query.date_to, level=query.level)
            if row.summary.resolved.total
        ),
        key=_on_time_share,
        reverse=True,
    )
    trend = selectors.monthly_trend(query.date_from, query.date_to, level=query.level)
    context = {
        "query": query,
        "error": error,
        "levels": AgencyLevel.choices,
        "total": total,
        "online_rate_text": selectors.online_rate_text(total, by_level),
        "coverage": selectors.service_level_coverage(level=query.level),
        "indicators": service_indicators(query.date_from, query.date_to, level=query.level),
        "level_bars": _bars([(AgencyLevel(level).label, figures) for level, figures in by_level.items()]),
        "best": ranked[:RANKED_AGENCIES],
        "worst": ranked[::-1][:RANKED_AGENCIES] if len(ranked) > RANKED_AGENCIES else [],
        "month_bars": _bars([(row.month.strftime("%m/%Y"), row.summary) for row in trend]),
    }
    status = 400 if error else 200
    return render(request, "reports/statistics.html", context, status=status)
