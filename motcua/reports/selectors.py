"""Reads of the statistics, from the daily counters (never from the event log, which grows without bound).

    summary(date_from, date_to, *, level=None, agency_code=None) -> Summary
    summary_by_level(date_from, date_to) -> dict[level, Summary]           every level, zeros included
    summary_by_agency(date_from, date_to, *, level=None) -> list[AgencySummary]   agencies with any figure
    monthly_trend(date_from, date_to, *, level=None, agency_code=None) -> list[MonthSummary]
    online_rate_text(total, by_level) -> str     "5,13% (cấp tỉnh 46,58%, cấp huyện 1,1%, cấp xã 0%)"
    service_level_coverage() -> Coverage         procedures at level 3/4 over all procedures in the catalogue
    is_synthetic(dossier_id) -> bool
    check_query(date_from, date_to, level, agency_code, *, today) -> StatsQuery   or InvalidStatsQuery

A period runs from the start of `date_from` to the end of `date_to` (local dates). A dossier pending at the
end is overdue when its appointment falls on or before `date_to`; one not yet accepted has none and is in time.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.catalog.constants import ServiceLevel
from motcua.core.formatting import format_number, format_percent
from motcua.organization import selectors as organization
from motcua.organization.constants import AgencyLevel
from motcua.reports.constants import AGENCY_CODE_MAX_LENGTH, EXIT_METRICS, MAX_PERIOD_DAYS, RECEIVED_METRICS, Metric
from motcua.reports.models import DailyCounter, DueCounter, SyntheticDossier


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

    @property
    def online_rate(self) -> Decimal | None:
        """Online ÷ all received in the period, in percent with two decimals; None when nothing was received."""
        if not self.received.new:
            return None
        rate = Decimal(self.received.online) * 100 / Decimal(self.received.new)
        return rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

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


def _sums(date_from: date) -> dict:
    in_period = Q(day__gte=date_from)
    sums = {metric: Sum("count", filter=Q(metric=metric) & in_period) for metric in Metric.values}
    sums["entered_before"] = Sum("count", filter=Q(metric__in=RECEIVED_METRICS, day__lt=date_from))
    sums["left_before"] = Sum("count", filter=Q(metric__in=EXIT_METRICS, day__lt=date_from))
    return sums


def _summary(row: dict, overdue: int) -> Summary:
    value = {key: row.get(key) or 0 for key in (*Metric.values, "entered_before", "left_before")}
    received = Received(
        online=value[Metric.RECEIVED_ONLINE],
        direct=value[Metric.RECEIVED_DIRECT],
        postal=value[Metric.RECEIVED_POSTAL],
        carried_over=value["entered_before"] - value["left_before"],
    )
    resolved = Resolved(
        early=value[Metric.RESOLVED_EARLY], on_time=value[Metric.RESOLVED_ON_TIME], late=value[Metric.RESOLVED_LATE]
    )
    closed = value[Metric.WITHDRAWN] + value[Metric.REFUSED] + value[Metric.STOPPED]
    pending = received.total - resolved.total - closed
    return Summary(
        received=received,
        resolved=resolved,
        pending=Pending(in_time=pending - overdue, overdue=overdue),
        withdrawn=value[Metric.WITHDRAWN],
        refused=value[Metric.REFUSED],
        stopped=value[Metric.STOPPED],
    )


def _grouped(date_from: date, date_to: date, condition: Q, group: tuple[str, ...]) -> dict[tuple, Summary]:
    """Summaries per value of `group` (a tuple of counter columns); the key () holds the whole selection."""
    daily = DailyCounter.objects.filter(condition, day__lte=date_to)
    overdue = DueCounter.objects.filter(condition, day__lte=date_to, due_day__lte=date_to)
    if not group:
        row = daily.aggregate(**_sums(date_from))
        return {(): _summary(row, overdue.aggregate(total=Sum("count"))["total"] or 0)}
    overdue_by = {
        tuple(row[name] for name in group): row["total"]
        for row in overdue.values(*group).annotate(total=Sum("count")).order_by()
    }
    return {
        (key := tuple(row[name] for name in group)): _summary(row, overdue_by.get(key, 0))
        for row in daily.values(*group).annotate(**_sums(date_from)).order_by()
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


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def monthly_trend(
    date_from: date, date_to: date, *, level: str | None = None, agency_code: str | None = None
) -> list[MonthSummary]:
    """One summary per calendar month touching the period, each clipped to the period."""
    trend, month = [], date_from.replace(day=1)
    while month <= date_to:
        following = _next_month(month)
        start, end = max(month, date_from), min(following - timedelta(days=1), date_to)
        trend.append(MonthSummary(month=month, summary=summary(start, end, level=level, agency_code=agency_code)))
        month = following
    return trend


def online_rate_text(total: Summary, by_level: dict[str, Summary]) -> str:
    """The Directive's presentation: "5,13% (cấp tỉnh 46,58%, cấp huyện 1,1%, cấp xã 0%)"."""
    parts = ", ".join(
        _("%(level)s %(rate)s") % {"level": str(AgencyLevel(level).label).lower(), "rate": figures.online_rate_text}
        for level, figures in by_level.items()
    )
    return f"{total.online_rate_text} ({parts})"


def service_level_coverage() -> Coverage:
    counts = catalog.catalogue_counts()
    return Coverage(
        level34=counts.online,
        total=counts.total,
        partial=counts.by_service_level.get(ServiceLevel.PARTIAL, 0),
        full=counts.full_online,
    )


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
