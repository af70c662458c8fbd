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


@require_GET
def home(request):
    counts = catalog_selectors.catalogue_counts()
    return render(
        request,
        "portal/home.html",
        {
            "form": ProcedureSearchForm(),
            "popular": catalog_selectors.popular_procedures(POPULAR_COUNT),
            "counts": counts,
            "online_percent": format_percent(counts.online, counts.total),
            "full_online_percent": format_percent(counts.full_online, counts.total),
        },
    )


@require_GET
def procedure_search(request):
    form = ProcedureSearchForm(request.GET)
    if form.is_valid():
        try:
            procedures = catalog_selectors.search_procedures(**form.search_arguments())
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
            # Evaluated only when the template's cached fragment is rebuilt: a cache hit costs no query.
            "page": SimpleLazyObject(lambda: Paginator(procedures, PAGE_SIZE).get_page(page_number)),
            "results_cache_key": "|".join(
                [catalog_selectors.catalogue_version(), repr(sorted(form.cleaned_data.items())), page_number[:10]]
            ),
            "without_agency_url": f"?{without_agency.urlencode()}",
        },
    )


@require_GET
def procedure_detail(request, key):
    procedure = catalog_selectors.get_procedure(key)
    if procedure is None:
        raise Http404
    return render(
        request,
        "portal/procedure_detail.html",
        {
            "procedure": procedure,
            "offerings": catalog_selectors.procedure_offerings(procedure),
            "submit_url": _submit_url(request, procedure.key) if procedure.allows_online_submission else "",
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
