"""/danh-gia-chi-so/: published evaluation scores and the emulation ranking; the monitors' targets page."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.evaluation import scoring, selectors, services
from motcua.evaluation.constants import INDICES_WITHOUT_DATA, QUARTERS, RANKING_GROUPS, WHOLE_YEAR, Index


def _chosen_period(request) -> tuple[int, int] | None:
    """The period asked for (?nam=2021&quy=1, quy=0 for the year), else the newest year's whole-year scores."""
    periods = selectors.evaluated_periods()
    try:
        year, quarter = int(request.GET["nam"]), int(request.GET.get("quy", WHOLE_YEAR))
        services.check_period(year, quarter)
    except (KeyError, ValueError):
        return periods[0] if periods else None
    return year, quarter


@require_GET
def public_scores(request):
    period = _chosen_period(request)
    context = {
        "period": period,
        "periods": selectors.evaluated_periods(),
        "indices": list(Index),
        "indices_without_data": sorted(INDICES_WITHOUT_DATA),
        "quarters": QUARTERS,
    }
    if period:
        year, quarter = period
        weights, ranking = selectors.emulation_ranking(year, quarter)
        snapshots = selectors.unit_snapshots(year, quarter)
        context.update(
            bounds=scoring.period_bounds(year, quarter),
            sections=[(value, label, snapshots[value], ranking[value]) for value, label in RANKING_GROUPS],
            weights=weights,
        )
    return render(request, "evaluation/public.html", context)


@require_GET
def monitor_targets(request):
    if not selectors.can_monitor(request.user):
        raise Http404
    today = timezone.localdate()
    try:
        year, quarter = int(request.GET.get("nam", today.year)), int(request.GET.get("quy", WHOLE_YEAR))
        services.check_period(year, quarter)
    except (ValueError, services.EvaluationError):
        year, quarter = today.year, WHOLE_YEAR
    return render(
        request,
        "evaluation/targets.html",
        {
            "year": year,
            "quarter": quarter,
            "quarters": QUARTERS,
            "progress": selectors.target_progress(year, today=today),
            "staff": selectors.staff_snapshots(year, quarter, selectors.monitored_agencies(request.user)),
            "weights_history": selectors.weights_history(),
        },
    )
