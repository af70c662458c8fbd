"""Reads of the statistics, from the counters (never from the event log, which grows without bound): whole months
from the monthly roll-ups, odd days from the daily counters (models.counters).

    summary(date_from, date_to, *, level=None, agency_code=None) -> Summary
    summary_by_level(date_from, date_to) -> dict[level, Summary]           every level, zeros included
    summary_by_agency(date_from, date_to, *, level=None) -> list[AgencySummary]   agencies with any figure
    summary_by_level_and_field(date_from, date_to, *, agencies) -> dict[(level, field), Summary]
    summary_by_procedure(date_from, date_to, *, agencies) -> list[ProcedureSummary]   daily counters only
    monthly_trend(date_from, date_to, *, level=None, agency_code=None) -> list[MonthSummary]
    monthly_trend_of(date_from, date_to, *, agencies) -> list[MonthSummary]    agencies: a Q on agency__…
    online_rate_text(total, by_level) -> str     "5,13% (cấp tỉnh 46,58%, cấp huyện 1,1%, cấp xã 0%)"
    service_level_coverage(*, level=None, agency_code=None) -> Coverage   offered procedures at level 3/4
    is_synthetic(dossier_id) -> bool
    check_query(date_from, date_to, level, agency_code, *, today) -> StatsQuery   or InvalidStatsQuery

A period runs from the start of `date_from` to the end of `date_to` (local dates). A dossier pending at the
end is overdue when its appointment falls on or before `date_to`; one not yet accepted has none and is in time.
"""

import operator
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.core.formatting import format_number, format_percent, percent_value
from motcua.organization import selectors as organization
from motcua.organization.constants import AgencyLevel
from motcua.reports.constants import (
    AGENCY_CODE_MAX_LENGTH,
    EXIT_METRICS,
    MAX_PERIOD_DAYS,
    NOT_APPLICABLE,
    RECEIVED_METRICS,
    Metric,
)
from motcua.reports.models import DailyCounter, DueCounter, MonthlyCounter, MonthlyDueCounter, SyntheticDossier

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Received:
    online: int = 0
    direct: int = 0
    postal: int = 0
    carried_over: int = 0

    @property
    def new(self) -> int:
        return self.online + self.direct + self.postal

    @property
    def total(self) -> int:
        return self.new + self.carried_over


@dataclass(frozen=True)
class Resolved:
    early: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late


@dataclass(frozen=True)
class Pending:
    in_time: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.in_time + self.overdue


@dataclass(frozen=True)
class Summary:
    received: Received = field(default_factory=Received)
    resolved: Resolved = field(default_factory=Resolved)
    pending: Pending = field(default_factory=Pending)
    withdrawn: int = 0
    refused: int = 0
    stopped: int = 0
    # From reception to result, summed over the dossiers resolved in the period.
    processing_minutes: int = 0

    @property
    def average_processing_days(self) -> Decimal | None:
        """Calendar days from reception to result (nights, weekends, holidays and pauses included), averaged over
        the dossiers resolved in the period, with one decimal; None when none was resolved."""
        if not self.resolved.total:
            return None
        days = Decimal(self.processing_minutes) / MINUTES_PER_DAY / self.resolved.total
        return days.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def average_processing_days_text(self) -> str:
        days = self.average_processing_days
        return NOT_APPLICABLE if days is None else format_number(days, 1)

    @property
    def online_rate(self) -> Decimal | None:
        """Online ÷ all received in the period, in percent with two decimals; None when nothing was received."""
        return percent_value(self.received.online, self.received.new)

    @property
    def online_rate_text(self) -> str:
        return format_percent(self.received.online, self.received.new)

    @property
    def on_time_rate_text(self) -> str:
        return format_percent(self.resolved.early + self.resolved.on_time, self.resolved.total)


@dataclass(frozen=True)
class AgencySummary:
    code: str
    name: str
    level: str
    summary: Summary


@dataclass(frozen=True)
class ProcedureSummary:
    code: str
    name: str
    summary: Summary


@dataclass(frozen=True)
class MonthSummary:
    month: date
    summary: Summary


@dataclass(frozen=True)
class Coverage:
    level34: int
    total: int
    partial: int
    full: int

    @property
    def text(self) -> str:
        """The Directive's presentation: "89,69% (1.671/1.863)"."""
        return f"{format_percent(self.level34, self.total)} ({format_number(self.level34)}/{format_number(self.total)})"


def _filters(level: str | None, agency_code: str | None) -> Q:
    condition = Q()
    if level:
        condition &= Q(level=level)
    if agency_code:
        condition &= Q(agency__code=agency_code)
    return condition


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


@dataclass(frozen=True)
class _Span:
    """A run of days as the counters store it: whole months [months_from, months_to) read from the monthly
    roll-ups (months_from None: since the first counter), and the odd days, as inclusive ranges, from the daily
    counters."""

    months_from: date | None = None
    months_to: date | None = None
    days: tuple[tuple[date, date], ...] = ()

    def in_months(self) -> Q | None:
        if self.months_to is None:
            return None
        return Q(month__lt=self.months_to) & (Q(month__gte=self.months_from) if self.months_from else Q())

    def in_days(self) -> Q | None:
        return reduce(operator.or_, (Q(day__range=days) for days in self.days)) if self.days else None


def _span(first: date | None, last: date) -> _Span:
    """The days from `first` (None: the beginning) to `last`, both included."""
    months_from = first if first is None or first.day == 1 else _next_month(first)
    months_to = _next_month(last) if _is_month_end(last) else last.replace(day=1)
    if first is not None and months_from >= months_to:
        return _Span(days=((first, last),))
    leading = ((first, months_from - timedelta(days=1)),) if first is not None and first < months_from else ()
    trailing = ((months_to, last),) if months_to <= last else ()
    return _Span(months_from, months_to, leading + trailing)


def _either(first: Q | None, second: Q | None) -> Q | None:
    present = [condition for condition in (first, second) if condition is not None]
    return reduce(operator.or_, present) if present else None


def _rows(query, group: tuple[str, ...], sums: dict) -> dict[tuple, dict]:
    if not group:
        return {(): query.aggregate(**sums)}
    return {
        tuple(row[name] for name in group): {name: row[name] for name in sums}
        for row in query.values(*group).annotate(**sums).order_by()
    }


def _merge(*parts: dict[tuple, dict]) -> dict[tuple, Counter]:
    merged: dict[tuple, Counter] = {}
    for part in parts:
        for key, sums in part.items():
            merged.setdefault(key, Counter()).update({name: value or 0 for name, value in sums.items()})
    return merged


def _flows(model, in_period: Q | None, before: Q | None, condition: Q, group: tuple[str, ...]) -> dict[tuple, Counter]:
    """Per group: each metric within the period, and what entered and left before it. Grouped by metric with two
    sums per row (rather than a filtered sum per metric), so each counter row is tested twice, not a dozen times."""
    reach = _either(in_period, before)
    if reach is None:
        return {}
    sums = {}
    if in_period is not None:
        sums["in_period"] = Sum("count", filter=in_period)
    if before is not None:
        sums["before"] = Sum("count", filter=before)
    flows: dict[tuple, Counter] = {}
    for row in model.objects.filter(condition, reach).values(*group, "metric").annotate(**sums).order_by():
        counts = flows.setdefault(tuple(row[name] for name in group), Counter())
        counts[row["metric"]] += row.get("in_period") or 0
        earlier = row.get("before") or 0
        if row["metric"] in RECEIVED_METRICS:
            counts["entered_before"] += earlier
        elif row["metric"] in EXIT_METRICS:
            counts["left_before"] += earlier
    return flows


def _overdue(condition: Q, group: tuple[str, ...], last: date) -> dict[tuple, Counter]:
    """Open dossiers due on or before `last`, at its end: every change made by then to an appointment falling by
    then. Whole months of changes and of appointments come from the roll-up; when `last` ends a month that is
    all, otherwise the changes made in its month and the earlier changes due in its month come day by day."""
    cut = _next_month(last) if _is_month_end(last) else last.replace(day=1)
    total = {"total": Sum("count")}
    parts = [_rows(MonthlyDueCounter.objects.filter(condition, month__lt=cut, due_month__lt=cut), group, total)]
    if cut <= last:
        days = Q(day__gte=cut, day__lte=last, due_day__lte=last) | Q(day__lt=cut, due_day__gte=cut, due_day__lte=last)
        parts.append(_rows(DueCounter.objects.filter(condition, days), group, total))
    return _merge(*parts)


def _daily_overdue(condition: Q, group: tuple[str, ...], last: date) -> dict[tuple, Counter]:
    due = DueCounter.objects.filter(condition, day__lte=last, due_day__lte=last)
    return _merge(_rows(due, group, {"total": Sum("count")}))


def _summary(counts: Counter, carried_over: int, overdue: int) -> Summary:
    received = Received(
        online=counts[Metric.RECEIVED_ONLINE],
        direct=counts[Metric.RECEIVED_DIRECT],
        postal=counts[Metric.RECEIVED_POSTAL],
        carried_over=carried_over,
    )
    resolved = Resolved(
        early=counts[Metric.RESOLVED_EARLY], on_time=counts[Metric.RESOLVED_ON_TIME], late=counts[Metric.RESOLVED_LATE]
    )
    closed = counts[Metric.WITHDRAWN] + counts[Metric.REFUSED] + counts[Metric.STOPPED]
    pending = received.total - resolved.total - closed
    return Summary(
        received=received,
        resolved=resolved,
        pending=Pending(in_time=pending - overdue, overdue=overdue),
        withdrawn=counts[Metric.WITHDRAWN],
        refused=counts[Metric.REFUSED],
        stopped=counts[Metric.STOPPED],
        processing_minutes=counts[Metric.PROCESSING_MINUTES],
    )


def _grouped(
    date_from: date, date_to: date, condition: Q, group: tuple[str, ...], *, rollups: bool = True
) -> dict[tuple, Summary]:
    """Summaries per value of `group` (a tuple of counter columns) of every group with a counter up to `date_to`;
    the key () holds the whole selection. Without `rollups` every figure comes from the daily counters, for the
    columns only they keep (procedure, channel)."""
    if rollups:
        period, before = _span(date_from, date_to), _span(None, date_from - timedelta(days=1))
    else:
        period, before = _Span(days=((date_from, date_to),)), _Span(days=((date.min, date_from - timedelta(days=1)),))
    flows = _merge(
        _flows(MonthlyCounter, period.in_months(), before.in_months(), condition, group),
        _flows(DailyCounter, period.in_days(), before.in_days(), condition, group),
    )
    if not group:
        flows.setdefault((), Counter())
    overdue = _overdue(condition, group, date_to) if rollups else _daily_overdue(condition, group, date_to)
    return {
        key: _summary(counts, counts["entered_before"] - counts["left_before"], overdue.get(key, Counter())["total"])
        for key, counts in flows.items()
    }


def summary(date_from: date, date_to: date, *, level: str | None = None, agency_code: str | None = None) -> Summary:
    return _grouped(date_from, date_to, _filters(level, agency_code), ())[()]


def summary_by_level(date_from: date, date_to: date) -> dict[str, Summary]:
    found = _grouped(date_from, date_to, Q(), ("level",))
    return {level: found.get((level,), Summary()) for level in AgencyLevel.values}


def summary_by_agency(date_from: date, date_to: date, *, level: str | None = None) -> list[AgencySummary]:
    """Every agency that received or held a dossier, by code."""
    found = _grouped(date_from, date_to, _filters(level, None), ("agency__code", "agency__name", "level"))
    return [
        AgencySummary(code=code, name=name, level=agency_level, summary=figures)
        for (code, name, agency_level), figures in sorted(found.items())
    ]


def summary_by_level_and_field(date_from: date, date_to: date, *, agencies: Q) -> dict[tuple[str, str], Summary]:
    """Summaries per (level, field) of the agencies matching `agencies` (a condition on `agency__…`)."""
    return _grouped(date_from, date_to, agencies, ("level", "field"))


def summary_by_procedure(date_from: date, date_to: date, *, agencies: Q) -> list[ProcedureSummary]:
    """Every procedure the agencies matching `agencies` (a condition on `agency__…`) received or held, by
    procedure code. From the daily counters alone (the roll-ups do not keep the procedure): meant for one agency
    or one district, not the whole province."""
    found = _grouped(
        date_from, date_to, agencies, ("procedure__code", "procedure__local_key", "procedure__name"), rollups=False
    )
    return [
        ProcedureSummary(code=code or local_key, name=name, summary=figures)
        for (code, local_key, name), figures in sorted(found.items(), key=lambda item: item[0][0] or item[0][1])
    ]


def _whole_months_trend(first: date, last: date, condition: Q) -> list[MonthSummary]:
    """The summaries of the whole months `first` … `last` (first days) from the roll-ups alone, in three queries:
    each month's flows, what was open before the first, and the appointments by month of change and of due."""
    in_months = MonthlyCounter.objects.filter(condition, month__gte=first, month__lte=last)
    flows: dict[date, Counter] = {}
    for row in in_months.values("month", "metric").annotate(total=Sum("count")).order_by():
        flows.setdefault(row["month"], Counter())[row["metric"]] = row["total"]
    earlier = MonthlyCounter.objects.filter(condition, month__lt=first).aggregate(
        entered=Sum("count", filter=Q(metric__in=RECEIVED_METRICS)),
        left=Sum("count", filter=Q(metric__in=EXIT_METRICS)),
    )
    dues = list(
        MonthlyDueCounter.objects.filter(condition, month__lte=last, due_month__lte=last)
        .values_list("month", "due_month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    trend, open_dossiers, month = [], (earlier["entered"] or 0) - (earlier["left"] or 0), first
    while month <= last:
        counts = flows.get(month, Counter())
        overdue = sum(total for changed, due, total in dues if changed <= month and due <= month)
        trend.append(MonthSummary(month=month, summary=_summary(counts, open_dossiers, overdue)))
        open_dossiers += sum(counts[metric] for metric in RECEIVED_METRICS) - sum(
            counts[metric] for metric in EXIT_METRICS
        )
        month = _next_month(month)
    return trend


def _months(date_from: date, date_to: date) -> Iterator[tuple[date, date, date]]:
    """(month, first day, last day) of every calendar month touching the period, clipped to it."""
    month = date_from.replace(day=1)
    while month <= date_to:
        following = _next_month(month)
        yield month, max(month, date_from), min(following - timedelta(days=1), date_to)
        month = following


def _trend(date_from: date, date_to: date, condition: Q) -> list[MonthSummary]:
    """Whole months come from `_whole_months_trend`; the clipped first and last month are summaries of their own."""
    months = list(_months(date_from, date_to))
    whole = [month for month, first, last in months if first == month and _is_month_end(last)]
    found = {row.month: row for row in (_whole_months_trend(whole[0], whole[-1], condition) if whole else [])}
    return [
        found.get(month) or MonthSummary(month=month, summary=_grouped(first, last, condition, ())[()])
        for month, first, last in months
    ]


def monthly_trend(
    date_from: date, date_to: date, *, level: str | None = None, agency_code: str | None = None
) -> list[MonthSummary]:
    """One summary per calendar month touching the period, each clipped to the period."""
    return _trend(date_from, date_to, _filters(level, agency_code))


def monthly_trend_of(date_from: date, date_to: date, *, agencies: Q) -> list[MonthSummary]:
    """`monthly_trend` of the agencies matching `agencies` (a condition on `agency__…`)."""
    return _trend(date_from, date_to, agencies)


def online_rate_text(total: Summary, by_level: dict[str, Summary]) -> str:
    """The Directive's presentation: "5,13% (cấp tỉnh 46,58%, cấp huyện 1,1%, cấp xã 0%)"."""
    parts = ", ".join(
        _("%(level)s %(rate)s") % {"level": str(AgencyLevel(level).label).lower(), "rate": figures.online_rate_text}
        for level, figures in by_level.items()
    )
    return f"{total.online_rate_text} ({parts})"


def service_level_coverage(*, level: str | None = None, agency_code: str | None = None) -> Coverage:
    """Procedures offered at level 3/4 over procedures offered, by the agencies of `level` or at `agency_code`
    (both None: the whole deployment)."""
    offered = catalog.offered_coverage(level=level, agency_code=agency_code)
    return Coverage(level34=offered.online, total=offered.offered, partial=offered.partial, full=offered.full)


def is_synthetic(dossier_id: int) -> bool:
    return SyntheticDossier.objects.filter(dossier_id=dossier_id).exists()


def has_synthetic_history() -> bool:
    return SyntheticDossier.objects.exists()


class InvalidStatsQuery(ValueError):
    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class StatsQuery:
    date_from: date
    date_to: date
    level: str | None
    agency_code: str | None


def _parse_day(text: str, label: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InvalidStatsQuery(
        _("%(label)s không hợp lệ: hãy nhập ngày dạng 31/12/2021 hoặc 2021-12-31.") % {"label": label},
        code="invalid_date",
    )


def default_period(today: date) -> tuple[date, date]:
    """The year of the latest figures (the current year when there are none yet), up to today."""
    latest = DailyCounter.objects.aggregate(latest=Max("day"))["latest"] or today
    return date(latest.year, 1, 1), min(date(latest.year, 12, 31), max(latest, today))


def check_query(
    date_from: str = "", date_to: str = "", level: str = "", agency_code: str = "", *, today: date
) -> StatsQuery:
    """Validate what a page or API caller asked for; empty dates fall back to `default_period`."""
    default_from, default_to = default_period(today)
    start = _parse_day(date_from.strip(), _("Ngày bắt đầu")) if date_from.strip() else default_from
    end = _parse_day(date_to.strip(), _("Ngày kết thúc")) if date_to.strip() else default_to
    if start > end:
        raise InvalidStatsQuery(_("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."), code="invalid_period")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise InvalidStatsQuery(
            _("Khoảng thời gian thống kê dài tối đa %(years)s năm.") % {"years": MAX_PERIOD_DAYS // 366},
            code="invalid_period",
        )
    if level and level not in AgencyLevel.values:
        raise InvalidStatsQuery(_("Cấp không hợp lệ: chỉ nhận “tinh”, “huyen” hoặc “xa”."), code="invalid_level")
    # NUL cannot even be sent to PostgreSQL in a query.
    if agency_code and (
        "\x00" in agency_code
        or len(agency_code) > AGENCY_CODE_MAX_LENGTH
        or organization.get_agency(agency_code) is None
    ):
        raise InvalidStatsQuery(
            _("Không có cơ quan nào mang mã “%(code)s”.") % {"code": agency_code[:40]}, code="unknown_agency"
        )
    return StatsQuery(date_from=start, date_to=end, level=level or None, agency_code=agency_code or None)
