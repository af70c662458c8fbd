"""Rating a returned dossier (from "Hồ sơ của tôi" or a signed link) and the monitor's list of unhappy ratings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.dossiers import selectors as dossier_selectors
from motcua.feedback import selectors, services
from motcua.feedback.constants import Criterion, Satisfaction
from motcua.feedback.errors import RatingError
from motcua.feedback.forms import RatingForm


def _rating_page(request, dossier, rate, *, done_url):
    """GET shows the form (or the rating already given); POST records it through `rate(answers)`."""
    form = RatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rate(form.answers())
            except RatingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá mức độ hài lòng."))
                return redirect(done_url)
        status = 400
    return render(
        request,
        "feedback/rate.html",
        {"dossier": dossier, "form": form, "rating": selectors.rating_of(dossier)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, pk):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    if dossier.applicant_id != request.user.pk:
        raise Http404
    return _rating_page(
        request,
        dossier,
        lambda answers: services.rate_as_applicant(request.user, dossier, answers),
        done_url=request.path,
    )


@require_http_methods(["GET", "POST"])
def rate_by_link(request, token):
    try:
        dossier = selectors.dossier_for_link(token)
    except RatingError as error:
        return render(request, "feedback/link_expired.html", {"message": error.message}, status=410)
    return _rating_page(request, dossier, lambda answers: services.rate_by_link(token, answers), done_url=request.path)


def _distribution_rows(distribution):
    return [
        (Criterion(criterion).label, [(Satisfaction(level).label, count) for level, count in levels.items()])
        for criterion, levels in distribution.items()
    ]


@login_required
@require_GET
def monitor(request):
    agencies = list(selectors.monitor_agencies(request.user))
    if not agencies:
        raise Http404
    return render(
        request,
        "feedback/monitor.html",
        {
            "agencies": agencies,
            "ratings": selectors.flagged_for_monitor(agencies),
            "distribution": _distribution_rows(selectors.satisfaction_distribution(agencies)),
        },
    )
