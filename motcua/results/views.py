from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.text import search_key
from motcua.results import selectors
from motcua.results.forms import VerificationUploadForm, upload_limit_bytes, upload_limit_text
from motcua.results.uploads import SizeLimitUploadHandler


def _document_or_404(token: str):
    document = selectors.get_signed_document(token)
    if document is None:
        raise Http404
    return document


# CSRF protection reads request.POST, after which the upload handlers can no longer change; so the size limit is
# installed first and the CSRF check runs inside (Django's documented pattern for per-view upload handlers).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request, token):
    size_limit = SizeLimitUploadHandler(request, upload_limit_bytes())
    request.upload_handlers.insert(0, size_limit)
    return _verify(request, token, size_limit)


@csrf_protect
def _verify(request, token, size_limit: SizeLimitUploadHandler):
    document = _document_or_404(token)
    comparison = None
    status = 200
    if request.method == "POST":
        files = request.FILES  # reading the body is what trips the size limit
        if size_limit.exceeded:
            form = VerificationUploadForm.refused(
                _("Tệp vượt quá dung lượng cho phép (%(limit)s).") % {"limit": upload_limit_text()}
            )
        else:
            form = VerificationUploadForm(request.POST, files)
        if form.is_valid():
            comparison = selectors.compare_upload(document, form.cleaned_data["tep"])
        else:
            status = 400
    else:
        form = VerificationUploadForm()
    return render(
        request,
        "results/verify.html",
        {
            "document": document,
            "verification": selectors.document_verification(document),
            "form": form,
            "comparison": comparison,
            "upload_limit": upload_limit_text(),
        },
        status=status,
    )


@require_GET
def download(request, token):
    document = _document_or_404(token)
    try:
        stored = document.file.open("rb")
    except OSError as missing:
        raise Http404 from missing
    filename = f"{search_key(document.name).replace(' ', '-')[:80] or 'van-ban'}.pdf"
    return FileResponse(stored, as_attachment=True, filename=filename, content_type="application/pdf")
