"""Downloads of a dossier's files and slips, for whoever may open the dossier (404 for everyone else)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from motcua.core.text import search_key
from motcua.dossiers import selectors, slips
from motcua.dossiers.views.common import is_staff_member


@login_required
@require_GET
def document(request, pk, position):
    dossier = selectors.get_dossier_for(request.user, pk)
    found = [item for item in selectors.documents_of(dossier) if item.position == position and item.has_file]
    if not found:
        raise Http404
    item = found[0]
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
@require_GET
def slip(request, pk, kind, event_id):
    dossier = selectors.get_dossier_for(request.user, pk)
    if kind not in slips.APPLICANT_SLIPS and not is_staff_member(request.user):
        raise Http404
    if kind == slips.SlipKind.CONTROL:
        # The control slip is printed as of the dossier's latest event; an older link leads to the current one.
        latest = slips.current_control_slip_event(dossier)
        if latest is not None and latest.pk != event_id:
            return redirect("dossiers:slip", pk=dossier.pk, kind=kind, event_id=latest.pk)
    pdf = slips.slip_pdf(dossier, kind, event_id)
    if pdf is None:
        raise Http404
    name = f"{kind}-{search_key(dossier.code or str(dossier.pk)).replace(' ', '-')}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
