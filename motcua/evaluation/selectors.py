"""Reads of the evaluation: the facts a period's scores are computed from, the published snapshots, the
emulation ranking, the targets and their progress."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from motcua.catalog import selectors as catalog
from motcua.core.formatting import percent_value
from motcua.core.periods import local_day_bounds
from motcua.dossiers import deadlines
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import Channel, Timeliness
from motcua.evaluation import scoring
from motcua.evaluation.constants import Indicator
from motcua.evaluation.models import AnnualTarget, EmulationWeights, EvaluationSnapshot, StaffEvaluationSnapshot
from motcua.feedback import selectors as feedback
from motcua.organization import selectors as organization
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.payments import selectors as payments
from motcua.reports import selectors as reports


@dataclass(slots=True)
class DossierFacts:
    """What the per-dossier indices of one dossier resolved in the period are scored from."""

    dossier_id: int
    agency_id: int
    agency_code: str
    channel: str
    supplements: int
    resolved_on: date
    total_timeliness: str
    staff_attitude: str | None = None
    step_timeliness: list[str] = field(default_factory=list)
    staff_ids: set[int] = field(default_factory=set)


# Rows fetched per round trip when streaming a year's events: a million dossiers must not sit in memory twice.
_CHUNK = 20_000


def resolved_dossier_facts(date_from: date, date_to: date) -> list[DossierFacts]:
    """Every dossier whose result reached the desk in the period, with the timeliness the log recorded for it, the
    timeliness of each hand-off (as on its control slip), the staff who handed it on and the applicant's rating.

    A fixed number of queries whatever the number of dossiers: the period's dossiers are named by a subquery."""
    start, end = local_day_bounds(date_from, date_to)
    resolutions = dossier_selectors.resolutions_between(start, end)
    resolved_ids = resolutions.values("dossier_id")
    facts = {}
    # In the log's order (dossier, at, id), so the last resolution in the period is the one that counts.
    for dossier_id, agency_id, agency_code, channel, supplements, at, payload in dossier_selectors.resolution_rows(
        resolutions, chunk_size=_CHUNK
    ):
        if payload.get("timeliness"):
            facts[dossier_id] = DossierFacts(
                dossier_id=dossier_id,
                agency_id=agency_id,
                agency_code=agency_code,
                channel=channel,
                supplements=supplements,
                resolved_on=timezone.localdate(at),
                total_timeliness=payload["timeliness"],
            )
    for dossier_id, actor_id, at, deadline in dossier_selectors.handoff_rows(resolved_ids, chunk_size=_CHUNK):
        fact = facts.get(dossier_id)
        if fact is None:
            continue
        if actor_id is not None:
            fact.staff_ids.add(actor_id)
        if step := deadlines.timeliness(at, deadline):
            fact.step_timeliness.append(step)
    for dossier_id, rating in feedback.ratings_by_dossier(resolved_ids).items():
        if dossier_id in facts:
            facts[dossier_id].staff_attitude = rating.staff_attitude
    return list(facts.values())


def late_online_counts(date_from: date, date_to: date, facts: list[DossierFacts]) -> dict[int, int]:
    """Per agency id: online dossiers resolved late in the period (among `facts`), or still running past their
    appointment at its end (index 9). Agencies with none are left out."""
    _, end = local_day_bounds(date_from, date_to)
    counts = Counter(
        fact.agency_id for fact in facts if fact.channel == Channel.ONLINE and fact.total_timeliness == Timeliness.LATE
    )
    counts.update(dossier_selectors.online_overdue_by_agency(end))
    return dict(counts)


def unit_snapshots(year: int, quarter: int) -> dict[str, list[EvaluationSnapshot]]:
    """The published unit scores of a period by level (departments, districts, communes), best total first."""
    by_level = {level: [] for level in AgencyLevel.values}
    snapshots = EvaluationSnapshot.objects.filter(year=year, quarter=quarter).select_related("agency")
    for snapshot in snapshots.order_by("-total", "agency__code"):
        by_level[snapshot.agency.level].append(snapshot)
    return by_level


def staff_snapshots(year: int, quarter: int, agencies) -> QuerySet[StaffEvaluationSnapshot]:
    """Staff classification of a period at `agencies`, best total first within each agency."""
    return (
        StaffEvaluationSnapshot.objects.filter(year=year, quarter=quarter, agency__in=agencies)
        .select_related("staff", "agency")
        .order_by("agency__code", "-total", "staff__username")
    )


def evaluated_periods() -> list[tuple[int, int]]:
    """(year, quarter) of every period with published scores: newest year first, its whole year (quarter 0)
    before its quarters."""
    return list(EvaluationSnapshot.objects.order_by("-year", "quarter").values_list("year", "quarter").distinct())


def weights_in_force(on: date) -> EmulationWeights | None:
    """The weights that applied on `on`: the latest effective on or before it (a later row of the same day wins)."""
    return EmulationWeights.objects.filter(effective_from__lte=on).order_by("-effective_from", "-id").first()


def weights_history() -> QuerySet[EmulationWeights]:
    return EmulationWeights.objects.select_related("created_by").order_by("-effective_from", "-id")


@dataclass(frozen=True)
class RankingRow:
    position: int
    agency_code: str
    agency_name: str
    score: Decimal
    snapshot: EvaluationSnapshot


def _indicators(snapshot: EvaluationSnapshot) -> dict[str, Decimal | None]:
    def share(value):
        return None if value is None else value / 100

    return {
        Indicator.ONLINE_RATE: share(snapshot.online_rate),
        Indicator.ON_TIME_RATE: share(snapshot.on_time_rate),
        Indicator.EVALUATION: (snapshot.total / snapshot.max_points) if snapshot.max_points else None,
    }


def emulation_ranking(year: int, quarter: int) -> tuple[EmulationWeights | None, dict[str, list[RankingRow]]]:
    """The emulation ranking of a period per level, with the weights in force on the period's last day; equal
    scores share a position and are listed by agency code."""
    weights = weights_in_force(scoring.period_bounds(year, quarter)[1])
    ranking = {level: [] for level in AgencyLevel.values}
    if weights is None:
        return None, ranking
    weight_of = {name: getattr(weights, name) for name in Indicator.values}
    for level, snapshots in unit_snapshots(year, quarter).items():
        scored = [
            (score, snapshot)
            for snapshot in snapshots
            if (score := scoring.emulation_score(_indicators(snapshot), weight_of)) is not None
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1].agency.code))
        positions = scoring.competition_positions([score for score, _ in scored])
        ranking[level] = [
            RankingRow(position, snapshot.agency.code, snapshot.agency.name, score, snapshot)
            for position, (score, snapshot) in zip(positions, scored, strict=True)
        ]
    return weights, ranking


def can_monitor(user) -> bool:
    """Targets and their progress are for the monitors (Sở Nội vụ, Văn phòng UBND tỉnh)."""
    return organization.has_role(user, StaffRole.MONITOR)


def monitored_agencies(user):
    """The agencies whose staff classification `user` may see: those where they hold the monitor role."""
    return organization.agencies_where(user, StaffRole.MONITOR)


@dataclass(frozen=True)
class Progress:
    label: str
    target: Decimal
    actual: Decimal | None

    @property
    def reached(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.target


@dataclass(frozen=True)
class TargetProgress:
    target: AnnualTarget
    items: list[Progress]


def target_progress(year: int, *, today: date) -> list[TargetProgress]:
    """Each agency's targets of `year` beside the actual figures so far (the year up to today, or the whole year):
    its online and on-time rates from the statistics, the level-3/4 share of the procedures it offers today, and
    the share of its fee payments completed online."""
    date_from, date_to = scoring.period_bounds(year, 0)
    date_to = min(date_to, today)
    figures = {row.code: row.summary for row in reports.summary_by_agency(date_from, date_to)}
    coverage = catalog.offered_coverage_by_agency()
    paid = payments.completed_payments_by_agency(*local_day_bounds(date_from, date_to))
    progress = []
    for target in AnnualTarget.objects.filter(year=year).select_related("agency").order_by("agency__code"):
        summary = figures.get(target.agency.code, reports.Summary())
        resolved = summary.resolved
        offered = coverage.get(target.agency.code, catalog.OfferedCoverage(0, 0, 0))
        payments_made = paid.get(target.agency.code, payments.CompletedPayments(0, 0))
        progress.append(
            TargetProgress(
                target=target,
                items=[
                    Progress(str(Indicator.ONLINE_RATE.label), target.online_rate, summary.online_rate),
                    Progress(
                        str(Indicator.ON_TIME_RATE.label),
                        target.on_time_rate,
                        percent_value(resolved.early + resolved.on_time, resolved.total),
                    ),
                    Progress(
                        str(AnnualTarget._meta.get_field("level34_coverage").verbose_name),
                        target.level34_coverage,
                        percent_value(offered.online, offered.offered),
                    ),
                    Progress(
                        str(AnnualTarget._meta.get_field("online_payment_rate").verbose_name),
                        target.online_payment_rate,
                        percent_value(payments_made.online, payments_made.total),
                    ),
                ],
            )
        )
    return progress
