from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.text import search_key
from motcua.dossiers import selectors as dossier_selectors
from motcua.results import selectors, services
from motcua.results.forms import (
    CounterReturnForm,
    DeliveryChoiceForm,
    DispatchForm,
    PostalEventForm,
    ResultUploadForm,
    VerificationUploadForm,
    first_error,
    too_large_message,
    upload_limit_bytes,
    upload_limit_text,
)
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
            form = VerificationUploadForm.refused(too_large_message())
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


# --- The e-result and its return, from the dossier pages -------------------------------------------------------


def _back(request, dossier):
    """Back to the dossier page the form was on: the citizen's or the desk's."""
    if request.user.pk in (dossier.applicant_id, dossier.submitter_id):
        return redirect("dossiers:detail", pk=dossier.pk)
    return redirect("dossiers:staff-detail", pk=dossier.pk)


def _apply(request, form, write, success: str) -> None:
    """Validates `form`, runs `write(cleaned_data)`; the outcome or the Vietnamese reason goes to the page."""
    if not form.is_valid():
        messages.error(request, first_error(form))
        return
    try:
        write(form.cleaned_data)
    except services.ResultError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


def _run(request, dossier, form, write, success: str):
    _apply(request, form, write, success)
    return _back(request, dossier)


@login_required
@require_POST
def choose_delivery(request, pk):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    return _run(
        request,
        dossier,
        DeliveryChoiceForm(request.POST),
        lambda data: services.choose_delivery(request.user, dossier, data["phuong_thuc"], data["dia_chi"]),
        _("Đã lưu hình thức nhận kết quả."),
    )


@login_required
@require_GET
def download_result(request, pk):
    """The applicant's e-result; the first download of a resolved dossier is recorded as received online."""
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    try:
        services.record_online_download(request.user, dossier)
    except services.ResultError as error:
        raise Http404 from error
    return download(request, selectors.dossier_result(dossier).document.token)


@login_required
@require_POST
def upload_result(request, pk):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    return _run(
        request,
        dossier,
        ResultUploadForm(request.POST, request.FILES),
        lambda data: services.upload_result(request.user, dossier, pdf_bytes=data["tep"]),
        _("Đã tải lên kết quả; kết quả sẽ được ký số khi lãnh đạo phê duyệt."),
    )


@login_required
@require_POST
def return_at_counter(request, pk):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    return _run(
        request,
        dossier,
        CounterReturnForm(request.POST),
        lambda data: services.return_at_counter(
            request.user, dossier, recipient_name=data["nguoi_nhan"], id_number=data["so_giay_to"], note=data["ghi_chu"]
        ),
        _("Đã ghi nhận trả kết quả tại Bộ phận Một cửa."),
    )


@login_required
@require_POST
def dispatch_by_post(request, pk):
    dossier = dossier_selectors.get_dossier_for(request.user, pk)
    return _run(
        request,
        dossier,
        DispatchForm(request.POST),
        lambda data: services.dispatch_by_post(request.user, dossier, tracking_code=data["ma_buu_gui"]),
        _("Đã chuyển kết quả cho bưu điện."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def postal_orders(request):
    """Postal staff and the desk move the orders of their agencies along their tracking states."""
    if request.method == "POST":
        order = selectors.postal_order_for(request.user, _int(request.POST.get("don")))
        if order is None:
            raise Http404
        _apply(
            request,
            PostalEventForm(request.POST),
            lambda data: services.record_postal_event(request.user, order, data["trang_thai"], note=data["ghi_chu"]),
            _("Đã cập nhật trạng thái chuyển phát."),
        )
        return redirect("results:postal-orders")
    return render(
        request,
        "results/postal_orders.html",
        {"orders": selectors.open_postal_orders(request.user), "form": PostalEventForm()},
    )


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() and len(str(value)) <= 18 else 0
