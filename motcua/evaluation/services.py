"""Writes of the evaluation: the period snapshots (recomputed from the dossier log) and the emulation weights."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.core.formatting import percent_value
from motcua.evaluation import scoring, selectors
from motcua.evaluation.constants import (
    INDICES_WITHOUT_DATA,
    PER_DOSSIER_INDICES,
    QUARTERS,
    REASON_MAX,
    STAFF_INDICES,
    WHOLE_YEAR,
    YEAR_MAX,
    YEAR_MIN,
    Index,
)
from motcua.evaluation.models import EmulationWeights, EvaluationSnapshot, StaffEvaluationSnapshot
from motcua.organization import selectors as organization
from motcua.reports import selectors as reports


class EvaluationError(ValueError):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def check_period(year: int, quarter: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX or quarter not in (WHOLE_YEAR, *QUARTERS):
        raise EvaluationError(_("Kỳ đánh giá không hợp lệ."), code="invalid_period")


def dossier_points(fact: selectors.DossierFacts) -> dict[int, int | None]:
    """The per-dossier indices of one dossier (None: no data for it)."""
    return {
        Index.TOTAL_TIME: scoring.TIMELINESS_POINTS[fact.total_timeliness],
        Index.UNIT_TIME: scoring.step_points(fact.step_timeliness),
        Index.DESK_CONTACTS: scoring.desk_contact_points(fact.supplements),
        Index.AGENCY_CONTACTS: None,
        Index.STAFF_ATTITUDE: scoring.attitude_points(fact.total_timeliness, fact.staff_attitude),
    }


def _averages(points: list[dict[int, int | None]], indices) -> dict[int, object]:
    return {index: scoring.average(row[index] for row in points) for index in indices}


@dataclass(frozen=True)
class ScoredDossier:
    fact: selectors.DossierFacts
    points: dict[int, int | None]


def _write_period(year: int, quarter: int, scored: list[ScoredDossier], coverage_rates: dict[str, Decimal]) -> int:
    """Replace one period's unit and staff snapshots; returns the number of units scored."""
    date_from, date_to = scoring.period_bounds(year, quarter)
    figures = {row.code: row.summary for row in reports.summary_by_agency(date_from, date_to)}
    by_agency, by_staff, agency_ids = defaultdict(list), defaultdict(list), {}
    for dossier in scored:
        code = dossier.fact.agency_code
        agency_ids[code] = dossier.fact.agency_id
        by_agency[code].append(dossier.points)
        for staff_id in dossier.fact.staff_ids:
            by_staff[(staff_id, code)].append(dossier.points)
    # Agencies that received or held dossiers but had none resolved are scored too (index 9, rates).
    agency_ids.update(organization.agency_ids([code for code in figures if code not in agency_ids]))
    late_online = selectors.late_online_counts(date_from, date_to, [dossier.fact for dossier in scored])

    units = []
    for code, agency_id in agency_ids.items():
        summary = figures.get(code, reports.Summary())
        resolved = summary.resolved
        scores = _averages(by_agency[code], PER_DOSSIER_INDICES)
        scores.update({index: None for index in INDICES_WITHOUT_DATA})
        online_points = scoring.online_service_points(
            coverage_rates.get(code), summary.online_rate, late_online.get(agency_id, 0)
        )
        scores[Index.ONLINE_SERVICE] = None if online_points is None else Decimal(online_points)
        total, max_points = scoring.total_of(scores)
        units.append(
            EvaluationSnapshot(
                agency_id=agency_id,
                year=year,
                quarter=quarter,
                dossiers=len(by_agency[code]),
                **{f"index_{index}": value for index, value in scores.items()},
                total=total,
                max_points=max_points,
                rank=scoring.unit_rank(total, max_points),
                online_rate=summary.online_rate,
                on_time_rate=percent_value(resolved.early + resolved.on_time, resolved.total),
            )
        )
    staff = []
    for (staff_id, code), points in by_staff.items():
        scores = _averages(points, STAFF_INDICES)
        total, max_points = scoring.total_of(scores)
        staff.append(
            StaffEvaluationSnapshot(
                staff_id=staff_id,
                agency_id=agency_ids[code],
                year=year,
                quarter=quarter,
                dossiers=len(points),
                **{f"index_{index}": value for index, value in scores.items()},
                total=total,
                max_points=max_points,
                classification=scoring.staff_class(total, max_points),
            )
        )
    EvaluationSnapshot.objects.filter(year=year, quarter=quarter).delete()
    StaffEvaluationSnapshot.objects.filter(year=year, quarter=quarter).delete()
    EvaluationSnapshot.objects.bulk_create(units)
    StaffEvaluationSnapshot.objects.bulk_create(staff)
    return len(units)


@transaction.atomic
def recompute_year(year: int) -> dict[int, int]:
    """Replace the snapshots of the year's four quarters and of the whole year with scores computed from the
    dossier log, reading each dossier once. Returns the number of units scored per quarter (0: the year)."""
    check_period(year, WHOLE_YEAR)
    scored = [
        ScoredDossier(fact, dossier_points(fact))
        for fact in selectors.resolved_dossier_facts(*scoring.period_bounds(year, WHOLE_YEAR))
    ]
    # Index 9 looks at the unit's own procedures: those it offers, and how many of them at level 3/4.
    coverage_rates = {
        code: percent_value(coverage.online, coverage.offered)
        for code, coverage in catalog.offered_coverage_by_agency().items()
    }
    units = {}
    for quarter in (*QUARTERS, WHOLE_YEAR):
        date_from, date_to = scoring.period_bounds(year, quarter)
        in_period = [dossier for dossier in scored if date_from <= dossier.fact.resolved_on <= date_to]
        units[quarter] = _write_period(year, quarter, in_period, coverage_rates)
    return units


def recent_years(today: date) -> list[int]:
    """This year, and in the first quarter also the last one: ratings of dossiers resolved in its last quarter
    keep arriving after it ends."""
    return [today.year, today.year - 1] if today.month <= 3 else [today.year]


def check_weights(*, effective_from: date, online_rate: int, on_time_rate: int, evaluation: int, reason: str) -> None:
    """Refuses a backdated change (a period already ranked keeps its weights), all-zero weights, no reason."""
    if effective_from < timezone.localdate():
        raise EvaluationError(_("Ngày áp dụng không được trước ngày hôm nay."), code="backdated")
    if min(online_rate, on_time_rate, evaluation) < 0 or not (online_rate or on_time_rate or evaluation):
        raise EvaluationError(_("Trọng số phải là số không âm và có ít nhất một trọng số lớn hơn 0."), code="weights")
    if not reason.strip() or len(reason) > REASON_MAX:
        raise EvaluationError(_("Vui lòng nêu lý do thay đổi trọng số."), code="reason")


def add_weights(
    user, *, effective_from: date, online_rate: int, on_time_rate: int, evaluation: int, reason: str
) -> EmulationWeights:
    """A new set of weights from `effective_from`; the earlier rows stay as the history."""
    figures = {"online_rate": online_rate, "on_time_rate": on_time_rate, "evaluation": evaluation}
    check_weights(effective_from=effective_from, reason=reason, **figures)
    return EmulationWeights.objects.create(
        effective_from=effective_from, reason=reason.strip(), created_by=user, **figures
    )
