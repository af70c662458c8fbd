"""The arithmetic of Circular 01/2018/TT-VPCP Arts. 13–15 and of the emulation score: pure functions, no database."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from motcua.dossiers.constants import Timeliness
from motcua.evaluation.constants import (
    MAX_INDEX_POINTS,
    ONLINE_COVERAGE_FULL,
    ONLINE_DOSSIERS_FULL,
    ONLINE_DOSSIERS_PARTIAL,
    STAFF_CLASS_THRESHOLDS,
    STAFF_INDICES,
    UNIT_INDICES,
    UNIT_RANK_THRESHOLDS,
    WHOLE_YEAR,
)
from motcua.feedback.constants import Satisfaction

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
# Index 1 and 2: shorter than the limit, equal to it, longer.
TIMELINESS_POINTS = {Timeliness.EARLY: 2, Timeliness.ON_TIME: 1, Timeliness.LATE: 0}


def period_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of quarter 1–4, or of the whole year for quarter 0."""
    if quarter == WHOLE_YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, following - timedelta(days=1)


def step_points(step_timeliness: Iterable[str]) -> int | None:
    """Index 2: every unit's part shorter than allotted → 2, none longer → 1, any longer → 0."""
    points = [TIMELINESS_POINTS[value] for value in step_timeliness]
    return min(points) if points else None


def desk_contact_points(supplement_requests: int) -> int:
    """Index 3: each request to supplement the dossier is one more contact with the desk."""
    return max(MAX_INDEX_POINTS - supplement_requests, 0)


def attitude_points(total_timeliness: str, staff_attitude: str | None) -> int | None:
    """Index 7 from the applicant's rating: no rating, no score. An unsatisfied rating of the staff's attitude
    scores 0; otherwise early handling scores 2 and on-time handling 1, as the index's columns read."""
    if staff_attitude is None:
        return None
    if staff_attitude == Satisfaction.UNSATISFIED:
        return 0
    return {Timeliness.EARLY: 2, Timeliness.ON_TIME: 1}.get(total_timeliness, 0)


def online_service_points(coverage: Decimal | None, online_rate: Decimal | None, online_late: int) -> int | None:
    """Index 9 (per agency): level-3/4 coverage and online share in percent, and the number of online dossiers
    resolved late or overdue in the period. No dossier received (online_rate None) means no score."""
    if online_rate is None or coverage is None:
        return None
    if online_late or not coverage or online_rate < ONLINE_DOSSIERS_PARTIAL:
        return 0
    if coverage >= ONLINE_COVERAGE_FULL and online_rate >= ONLINE_DOSSIERS_FULL:
        return 2
    return 1


def average(points: Iterable[int | None]) -> Decimal | None:
    """Art. 14: Σ points ÷ number of dossiers scored, one decimal; None when no dossier was scored."""
    scored = [value for value in points if value is not None]
    if not scored:
        return None
    return (Decimal(sum(scored)) / len(scored)).quantize(TENTH, rounding=ROUND_HALF_UP)


def total_of(scores: dict[int, Decimal | None]) -> tuple[Decimal, int]:
    """The sum of the indices that have a score, and the most points those indices could give."""
    present = [value for value in scores.values() if value is not None]
    return sum(present, Decimal(0)), MAX_INDEX_POINTS * len(present)


def _classify(total: Decimal, max_points: int, full_scale: int, thresholds) -> str:
    if not max_points:
        return ""
    # Indices without data are out of the denominator: the total is scaled to the full scale of the thresholds.
    scaled = total * full_scale / max_points
    return next(label for floor, label in thresholds if scaled >= floor)


def unit_rank(total: Decimal, max_points: int) -> str:
    return _classify(total, max_points, MAX_INDEX_POINTS * len(UNIT_INDICES), UNIT_RANK_THRESHOLDS)


def staff_class(total: Decimal, max_points: int) -> str:
    return _classify(total, max_points, MAX_INDEX_POINTS * len(STAFF_INDICES), STAFF_CLASS_THRESHOLDS)


def emulation_score(indicators: dict[str, Decimal | None], weights: dict[str, int]) -> Decimal | None:
    """Weighted mean of the indicators (each 0–1) that have a value, on a 0–100 scale; the weights of missing
    indicators are left out of the denominator. None when no weighted indicator has a value."""
    present = {name: value for name, value in indicators.items() if value is not None and weights.get(name)}
    weight_sum = sum(weights[name] for name in present)
    if not weight_sum:
        return None
    score = sum(weights[name] * value for name, value in present.items()) * 100 / weight_sum
    return Decimal(score).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def competition_positions(scores: list[Decimal]) -> list[int]:
    """1, 2, 2, 4 …: equal scores share a position (scores sorted best first)."""
    positions = []
    for place, score in enumerate(scores, start=1):
        positions.append(positions[-1] if place > 1 and score == scores[place - 2] else place)
    return positions

