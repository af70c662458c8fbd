import secrets

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.payments import gateways, receipts, selectors, services
from motcua.payments.constants import EXEMPTION_LEGAL_BASIS, EventSource
from motcua.payments.errors import PaymentError
from motcua.payments.forms import CounterPaymentForm, ExemptionForm, StartPaymentForm
from motcua.payments.gateways import sandbox


def _gateway_choices():
    return [(gateway.id, gateway.label) for gateway in selectors.payment_gateways()]


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@login_required
@require_http_methods(["GET", "POST"])
def pay(request, dossier_key):
    """The dossier's "Thanh toán" page: pay online or declare an exemption; the clerk records a counter payment
    or accepts the declared exemption."""
    dossier = dossier_selectors.get_dossier_for(request.user, dossier_key)
    payment_request = selectors.current_request(dossier)
    if payment_request is None:
        raise Http404
    start_form = StartPaymentForm(
        initial={"idempotency_key": secrets.token_urlsafe(24)}, gateway_choices=_gateway_choices()
    )
    exemption_form = ExemptionForm()
    counter_form = CounterPaymentForm()
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "pay":
                start_form = StartPaymentForm(request.POST, gateway_choices=_gateway_choices())
                if start_form.is_valid():
                    gateway_id = start_form.cleaned_data["gateway"]
                    started = services.start_payment(
                        request.user,
                        payment_request,
                        gateway_id=gateway_id,
                        idempotency_key=start_form.cleaned_data["idempotency_key"],
                        return_url=request.build_absolute_uri(reverse("payments:return", args=[gateway_id])),
                        notify_url=request.build_absolute_uri(reverse("payments:notify", args=[gateway_id])),
                        client_ip=_client_ip(request),
                    )
                    return redirect(started.redirect_url)
            elif action == "exemption":
                exemption_form = ExemptionForm(request.POST)
                if exemption_form.is_valid():
                    services.declare_exemption(request.user, payment_request, **exemption_form.cleaned_data)
                    return redirect("payments:pay", dossier_key=dossier_key)
            elif action == "grant_exemption":
                services.grant_exemption(request.user, payment_request)
                return redirect("payments:pay", dossier_key=dossier_key)
            elif action == "counter":
                counter_form = CounterPaymentForm(request.POST)
                if counter_form.is_valid():
                    services.record_counter_payment(request.user, payment_request, **counter_form.cleaned_data)
                    return redirect("payments:pay", dossier_key=dossier_key)
            else:
                error = _("Yêu cầu không hợp lệ.")
        except (PaymentError, dossier_services.DossierError) as refused:
            error = refused.message
        status = 400
    return render(
        request,
        "payments/pay.html",
        {
            "dossier": dossier,
            "payment_request": payment_request,
            "legal_basis": EXEMPTION_LEGAL_BASIS.get(payment_request.declared_exemption, ""),
            "paid_by": selectors.credited_transaction(payment_request),
            "transactions": selectors.transactions_of(payment_request),
            "start_form": start_form,
            "exemption_form": exemption_form,
            "counter_form": counter_form,
            "is_clerk": _may_record_counter(request.user, dossier),
            "error": error,
        },
        status=status,
    )


def _may_record_counter(user, dossier) -> bool:
    try:
        dossier_services.check_confirm_payment(user, dossier)
    except dossier_services.DossierError:
        return False
    return True


@require_GET
def gateway_return(request, gateway_id):
    """Where the gateway sends the payer back: the signed result is applied (once) and shown."""
    event = services.process_callback(gateway_id, request.GET.dict(), source=EventSource.RETURN)
    txn = event.transaction
    return render(
        request,
        "payments/result.html",
        {"event": event, "txn": txn, "dossier": txn.request.dossier if txn else None},
        status=200 if txn else 400,
    )


@csrf_exempt  # a server-to-server call, authenticated by the gateway's signature instead
@require_http_methods(["GET", "POST"])
def notify(request, gateway_id):
    """Server-to-server notification (VNPay's IPN is a GET; the sandbox POSTs)."""
    try:
        gateway = gateways.get(gateway_id)
    except gateways.UnknownGateway:
        raise Http404 from None
    params = request.POST.dict() if request.method == "POST" else request.GET.dict()
    event = services.process_callback(gateway_id, params, source=EventSource.NOTIFICATION)
    return JsonResponse(gateway.notification_response(event.outcome))


@login_required
@require_GET
def receipt(request, reference):
    txn = selectors.get_paid_transaction_for(request.user, reference)
    response = HttpResponse(receipts.render_receipt(txn), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-lai-{receipts.receipt_number(txn)}.pdf"'
    return response


# --- The sandbox bank's own pages -----------------------------------------------------------------------------


def _require_sandbox_enabled():
    """A deployment that turned the sandbox off must not keep a bank that approves every payment."""
    if not gateways.is_enabled(sandbox.SandboxGateway.id):
        raise Http404


@require_http_methods(["GET", "POST"])
def sandbox_pay(request):
    _require_sandbox_enabled()
    params = request.POST.dict() if request.method == "POST" else request.GET.dict()
    decision = params.pop("decision", "")
    params.pop("csrfmiddlewaretoken", None)
    try:
        order = sandbox.verified_order(params)
    except (gateways.SignatureError, gateways.MalformedMessage):
        return render(request, "payments/sandbox_pay.html", {"invalid": True}, status=400)
    if request.method == "POST" and decision in ("pay", "cancel"):
        return redirect(sandbox.decide(order, pay=decision == "pay"))
    return render(request, "payments/sandbox_pay.html", {"order": order, "signed": params})


@require_GET
def sandbox_query(request):
    _require_sandbox_enabled()
    params = request.GET.dict()
    try:
        query = sandbox.verify(params)
    except gateways.SignatureError:
        return JsonResponse({"error": {"code": "bad_signature", "message": _("Chữ ký không hợp lệ.")}}, status=403)
    if not query.get("ref"):
        return JsonResponse({"error": {"code": "missing_ref", "message": _("Thiếu mã giao dịch.")}}, status=400)
    return JsonResponse(sandbox.status_of(query["ref"]))
