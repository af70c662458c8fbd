from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from motcua.catalog import selectors as catalog_selectors
from motcua.catalog.constants import PAGE_SIZE
from motcua.core.formatting import format_percent
from motcua.portal.forms import ProcedureSearchForm

POPULAR_COUNT = 8
# Lifetime of cached page fragments. Their keys carry the catalogue version, so a change shows at once in this
# process (and everywhere with a shared cache); other workers of the embedded default catch up within this time.
FRAGMENT_SECONDS = 60


@require_GET
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "form": ProcedureSearchForm(),
            "fragment_seconds": FRAGMENT_SECONDS,
            "catalogue_version": catalog_selectors.catalogue_version(),
            "popular": SimpleLazyObject(lambda: catalog_selectors.popular_procedures(POPULAR_COUNT)),
            "figures": SimpleLazyObject(_headline_figures),
        },
    )


def _headline_figures() -> dict:
    counts = catalog_selectors.catalogue_counts()
    return {
        "counts": counts,
        "online_percent": format_percent(counts.online, counts.total),
        "full_online_percent": format_percent(counts.full_online, counts.total),
    }


@require_GET
def procedure_search(request):
    form = ProcedureSearchForm(request.GET)
    if form.is_valid():
        try:
            catalog_selectors.check_search(**form.search_arguments())
        except catalog_selectors.InvalidSearch as invalid:
            form.add_error(None, invalid.message)
    if not form.is_valid():
        return render(request, "portal/procedure_search.html", {"form": form}, status=400)
    page_number = request.GET.get("trang", "")
    without_agency = request.GET.copy()
    for parameter in ("co-quan", "trang"):
        without_agency.pop(parameter, None)
    return render(
        request,
        "portal/procedure_search.html",
        {
            "form": form,
            # Built and run only when the template's cached fragment is rebuilt: a cache hit costs no query.
            "page": SimpleLazyObject(lambda: _results_page(form, page_number)),
            "fragment_seconds": FRAGMENT_SECONDS,
            "results_cache_key": "|".join(
                [catalog_selectors.catalogue_version(), repr(sorted(form.cleaned_data.items())), page_number[:10]]
            ),
            "without_agency_url": f"?{without_agency.urlencode()}",
        },
    )


def _results_page(form: ProcedureSearchForm, page_number: str):
    procedures = catalog_selectors.search_procedures(**form.search_arguments())
    return Paginator(procedures, PAGE_SIZE).get_page(page_number)


@require_GET
def procedure_detail(request, key):
    summary = catalog_selectors.get_procedure_summary(key)
    if summary is None:
        raise Http404
    return render(
        request,
        "portal/procedure_detail.html",
        {
            "summary": summary,
            "catalogue_version": catalog_selectors.catalogue_version(),
            "fragment_seconds": FRAGMENT_SECONDS,
            # Loaded only when the cached body of the page has to be rebuilt.
            "procedure": SimpleLazyObject(lambda: catalog_selectors.get_procedure(key)),
            "receiving_places": SimpleLazyObject(lambda: catalog_selectors.receiving_places(summary)),
            "submit_url": _submit_url(request, summary.key) if summary.allows_online_submission else "",
        },
    )


def _submit_url(request, key: str) -> str:
    submit_path = f"/nop-ho-so/{key}/"
    if request.user.is_authenticated:
        return submit_path
    return f"{reverse('accounts:login')}?{urlencode({'next': submit_path})}"


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
