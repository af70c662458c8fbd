"""The public progress lookup /tra-cuu/?ma=<code>: no login, no personal data beyond a masked name."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.dossiers import selectors
from motcua.dossiers.codes import parse_code
from motcua.dossiers.forms import LookupForm
from motcua.dossiers.views.common import error_links


@require_GET
def lookup(request):
    if "ma" not in request.GET:
        return render(request, "dossiers/public/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.GET)
    if form.is_valid() and parse_code(form.cleaned_data["ma"]) is None:
        form.add_error(
            "ma",
            _("Mã hồ sơ không đúng định dạng. Mã có dạng <mã cơ quan>-<năm tháng ngày>-<số thứ tự>, "
              "ví dụ 000.00.00.H22-210616-0001."),
        )
    if not form.is_valid():
        return render(request, "dossiers/public/lookup.html", {"form": form, "errors": error_links(form)}, status=400)
    result = selectors.public_lookup(form.cleaned_data["ma"])
    return render(
        request,
        "dossiers/public/lookup.html",
        {"form": form, "result": result, "searched": True},
        status=200 if result else 404,
    )
