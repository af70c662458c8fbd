"""The citizen's pages of the store: "Kho dữ liệu của tôi", a document, its file, and picking one for a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.documents import selectors, services
from motcua.documents.errors import StoreError
from motcua.documents.forms import DigitiseForm, PickForm
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import DossierStatus


@login_required
@require_GET
def store(request):
    return render(request, "documents/store.html", {"documents": selectors.stored_documents_of(request.user)})


@login_required
@require_GET
def detail(request, pk):
    return render(request, "documents/detail.html", {"document": selectors.get_stored_document_for(request.user, pk)})


@login_required
@require_GET
def download(request, pk):
    document = selectors.get_stored_document_for(request.user, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


def _own_draft_component(user, dossier_pk, position):
    """The citizen's own draft and its component at `position`; 404 for anything else."""
    dossier = dossier_selectors.get_dossier_for(user, dossier_pk)
    if dossier.applicant_id != user.pk or dossier.status != DossierStatus.DRAFT:
        raise Http404
    component = next((item for item in dossier_selectors.documents_of(dossier) if item.position == position), None)
    if component is None:
        raise Http404
    return dossier, component


@login_required
@require_http_methods(["GET", "POST"])
def pick(request, dossier_pk, position):
    dossier, component = _own_draft_component(request.user, dossier_pk, position)
    documents = list(selectors.stored_documents_of(request.user))
    form = PickForm(request.POST or None, stored_documents=documents)
    if request.method == "POST" and form.is_valid():
        chosen = selectors.get_stored_document_for(request.user, form.cleaned_data["stored_document"])
        try:
            services.reuse_in_dossier(request.user, dossier, position, chosen)
        except StoreError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Đã dùng “%(document)s” từ kho dữ liệu cho thành phần “%(component)s”.")
                % {"document": chosen.name, "component": component.name},
            )
            return redirect("dossiers:draft", pk=dossier.pk)
    return render(
        request,
        "documents/pick.html",
        {"dossier": dossier, "component": component, "documents": documents, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def digitise(request, dossier_pk):
    """The reception desk scans paper originals into a dossier's components and its applicant's store."""
    dossier = dossier_selectors.get_dossier_for(request.user, dossier_pk)
    if not selectors.can_digitise(request.user, dossier):
        raise Http404
    form = DigitiseForm(request.POST or None, request.FILES or None, components=dossier_selectors.documents_of(dossier))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            stored = services.digitise_at_reception(
                request.user,
                dossier,
                position=data["position"],
                upload=data["upload"],
                name=data["name"],
                issuer=data["issuer"],
                issued_on=data["issued_on"],
                valid_until=data["valid_until"],
            )
        except StoreError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Đã số hóa “%(name)s” vào hồ sơ và kho dữ liệu của công dân.") % {"name": stored.name}
            )
            return redirect("dossiers:staff-detail", pk=dossier.pk)
    return render(
        request, "documents/digitise.html", {"dossier": dossier, "form": form}, status=400 if form.errors else 200
    )
