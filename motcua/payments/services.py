"""Every payment write. Dossier state changes only through motcua.dossiers.services (do_request_payment,
do_confirm_payment); a gateway message changes a transaction only inside `_apply`, under a row lock, and every
message — accepted or not — leaves a PaymentEvent.

    request_fees(actor, dossier, *, amount=None, note="") -> PaymentRequest
    open_request_for_fee_event(event) -> PaymentRequest | None          (the event_committed receiver)
    declare_exemption(actor, payment_request, *, category, note="") -> PaymentRequest
    grant_exemption(clerk, payment_request) -> PaymentRequest
    start_payment(actor, payment_request, *, gateway_id, idempotency_key, return_url, notify_url, client_ip="")
        -> StartedPayment
    process_callback(gateway_id, params, *, source) -> PaymentEvent
    record_counter_payment(clerk, payment_request, *, method, receipt_number) -> PaymentTransaction
    reconcile_pending(*, now=None) -> ReconciliationReport
"""

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.text import nfc
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DossierStatus
from motcua.payments import gateways, selectors
from motcua.payments.constants import (
    COUNTER_GATEWAY,
    FINAL_STATUSES,
    OPEN_STATUSES,
    CounterMethod,
    EventOutcome,
    EventSource,
    ExemptionCategory,
    FeeStage,
    TransactionStatus,
)
from motcua.payments.errors import PaymentError
from motcua.payments.models import PaymentEvent, PaymentRequest, PaymentTransaction


def _new_reference() -> str:
    # Date first so a gateway's "unique per day" rule holds and staff can read when it started.
    return f"TT{timezone.localdate():%y%m%d}{secrets.token_hex(5).upper()}"


_LOGGED_FIELDS = 64
_LOGGED_LENGTH = 1000


def _loggable(params) -> dict:
    """A bounded copy of what arrived: anyone can post to the callback URLs, and PostgreSQL refuses NUL in JSON."""
    return {
        str(key)[:_LOGGED_LENGTH].replace("\x00", ""): str(value)[:_LOGGED_LENGTH].replace("\x00", "")
        for key, value in list((params or {}).items())[:_LOGGED_FIELDS]
    }


def _log(*, gateway: str, source: str, outcome: str, params=None, signature_ok=None, txn=None, reason=""):
    return PaymentEvent.objects.create(
        transaction=txn,
        gateway=gateway,
        source=source,
        params=_loggable(params),
        signature_ok=signature_ok,
        outcome=outcome,
        reason=reason[:_LOGGED_LENGTH].replace("\x00", ""),
    )


# --- Fees -----------------------------------------------------------------------------------------------------


@transaction.atomic
def request_fees(actor, dossier, *, amount: int | None = None, note: str = "") -> PaymentRequest:
    """Ask the applicant to pay: the fee schedule's amount unless staff give one; the dossier moves to status 6."""
    schedule = selectors.fee_for(dossier.procedure_id, dossier.channel)
    if amount is None:
        if schedule is None:
            raise PaymentError(_("Thủ tục chưa có mức phí, lệ phí cho kênh nộp này."), code="no_fee_schedule")
        amount = schedule.amount
    stage = schedule.stage if schedule else FeeStage.AT_RECEPTION
    if amount == 0:
        raise PaymentError(_("Thủ tục này được miễn phí, lệ phí."), code="free_by_law")
    dossier = dossier_services.do_request_payment(actor, dossier, amount=amount, note=note)
    return PaymentRequest.objects.create(
        dossier=dossier, amount=amount, stage=stage, note=nfc(note or "").strip(), requested_by=actor
    )


def open_request_for_fee_event(event) -> PaymentRequest | None:
    """A dossier was asked to pay without `request_fees` (e.g. straight from the dossier desk): open the matching
    request so the applicant can pay. Idempotent, as `event_committed` receivers must be."""
    dossier = event.dossier
    if dossier.status != DossierStatus.AWAITING_PAYMENT or event.actor_id is None:
        return None
    # request_fees creates its request after the event, in the same transaction.
    if PaymentRequest.objects.filter(dossier=dossier, requested_at__gte=event.at).exists():
        return None
    schedule = selectors.fee_for(dossier.procedure_id, dossier.channel)
    try:
        with transaction.atomic():
            return PaymentRequest.objects.create(
                dossier=dossier,
                amount=event.payload["amount"],
                stage=schedule.stage if schedule else FeeStage.AT_RECEPTION,
                note=event.note,
                requested_by_id=event.actor_id,
            )
    except IntegrityError:  # an open request already exists: the applicant pays that one
        return None


def declare_exemption(actor, payment_request: PaymentRequest, *, category: str, note: str = "") -> PaymentRequest:
    """The applicant says they belong to an exempt group; the clerk sees it beside the request and decides."""
    dossier = payment_request.dossier
    if actor is None or not actor.is_authenticated or actor.pk not in (dossier.applicant_id, dossier.submitter_id):
        raise PaymentError(_("Chỉ người nộp hồ sơ được kê khai đối tượng miễn."), code="forbidden")
    if category not in ExemptionCategory.values:
        raise PaymentError(_("Vui lòng chọn đối tượng được miễn."), code="invalid_category")
    if payment_request.settled_at is not None:
        raise PaymentError(_("Khoản phí này đã được nộp."), code="already_paid")
    payment_request.declared_exemption = category
    payment_request.declared_exemption_note = nfc(note or "").strip()[:2000]
    payment_request.declared_at = timezone.now()
    payment_request.save(update_fields=["declared_exemption", "declared_exemption_note", "declared_at"])
    return payment_request


def grant_exemption(clerk, payment_request: PaymentRequest) -> PaymentRequest:
    """The clerk checked the applicant's papers and accepts the declared exemption: nothing to pay, the dossier
    resumes. Refusing needs no write: the applicant simply pays."""
    dossier_services.check_confirm_payment(clerk, payment_request.dossier)
    if clerk is None:
        raise PaymentError(_("Cần cán bộ tiếp nhận xác nhận miễn."), code="forbidden")
    with transaction.atomic():
        locked = PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)
        if locked.settled_at is not None:
            raise PaymentError(_("Khoản phí này đã được nộp."), code="already_paid")
        if not locked.declared_exemption:
            raise PaymentError(_("Người nộp chưa kê khai đối tượng được miễn."), code="no_declaration")
        locked.settled_at = timezone.now()
        locked.exemption_granted_by = clerk
        locked.save(update_fields=["settled_at", "exemption_granted_by"])
        reference = _("Miễn: %(category)s") % {"category": locked.get_declared_exemption_display()}
        dossier_services.do_confirm_payment(clerk, locked.dossier_id, reference=reference)
    return locked


# --- Online payment -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartedPayment:
    transaction: PaymentTransaction
    redirect_url: str


def start_payment(
    actor,
    payment_request: PaymentRequest,
    *,
    gateway_id: str,
    idempotency_key: str,
    return_url: str,
    notify_url: str,
    client_ip: str = "",
) -> StartedPayment:
    """created → pending: a transaction for the whole amount and the gateway address to send the payer to.
    The same `idempotency_key` (a double-clicked button, a reloaded form) gives back the same transaction."""
    if not gateways.is_enabled(gateway_id):
        raise PaymentError(_("Cổng thanh toán không khả dụng."), code="unknown_gateway")
    key = str(idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise PaymentError(_("Yêu cầu thanh toán không hợp lệ, vui lòng tải lại trang."), code="invalid_key")
    gateway = gateways.get(gateway_id)
    with transaction.atomic():
        locked = PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)
        existing = PaymentTransaction.objects.filter(idempotency_key=key).first()
        if existing is not None:
            if existing.request_id != locked.pk or existing.gateway != gateway_id:
                raise PaymentError(_("Yêu cầu thanh toán không hợp lệ, vui lòng tải lại trang."), code="invalid_key")
            txn = existing
        else:
            if locked.settled_at is not None:
                raise PaymentError(_("Khoản phí này đã được nộp."), code="already_paid")
            if locked.dossier.status != DossierStatus.AWAITING_PAYMENT:
                # E.g. the desk confirmed the fees by hand meanwhile: money taken now could not be credited.
                raise PaymentError(_("Hồ sơ không còn chờ nộp phí, lệ phí."), code="not_awaiting_payment")
            txn = PaymentTransaction.objects.create(
                request=locked,
                reference=_new_reference(),
                idempotency_key=key,
                gateway=gateway_id,
                amount=locked.amount,
                payer=actor if actor is not None and actor.is_authenticated else None,
            )
        url = gateway.payment_url(txn, return_url=return_url, notify_url=notify_url, client_ip=client_ip)
        if txn.status == TransactionStatus.CREATED:
            txn.status = TransactionStatus.PENDING
            txn.save(update_fields=["status", "updated_at"])
    return StartedPayment(transaction=txn, redirect_url=url)


def process_callback(gateway_id: str, params: dict, *, source: str) -> PaymentEvent:
    """A return or notification from a gateway. Forged, replayed, late or wrong-amount messages change nothing;
    all of them are logged."""
    params = {str(key): str(value) for key, value in params.items()}
    try:
        gateway = gateways.get(gateway_id)
    except gateways.UnknownGateway:
        reason = "unknown gateway"
        return _log(gateway=gateway_id[:32], source=source, outcome=EventOutcome.MALFORMED, params=params, reason=reason)
    received = {"gateway": gateway_id, "source": source, "params": params}
    try:
        result = gateway.verify_callback(params)
    except gateways.SignatureError as error:
        return _log(outcome=EventOutcome.BAD_SIGNATURE, signature_ok=False, reason=str(error), **received)
    except gateways.MalformedMessage as error:
        return _log(outcome=EventOutcome.MALFORMED, signature_ok=True, reason=str(error), **received)
    return _apply(gateway_id, result, source=source)


def _apply(gateway_id: str, result: gateways.GatewayResult, *, source: str) -> PaymentEvent:
    """Bring our transaction in line with a verified gateway statement, exactly once."""
    with transaction.atomic():
        txn = (
            PaymentTransaction.objects.select_for_update()
            .filter(reference=result.reference, gateway=gateway_id)
            .first()
        )
        logged = {"gateway": gateway_id, "source": source, "params": result.params, "signature_ok": True, "txn": txn}
        if txn is None:
            return _log(outcome=EventOutcome.UNKNOWN_ORDER, **logged)
        if result.amount is not None and result.amount != txn.amount:
            return _log(outcome=EventOutcome.AMOUNT_MISMATCH, reason=f"{result.amount} != {txn.amount}", **logged)
        if txn.status in FINAL_STATUSES:
            return _log(outcome=EventOutcome.DUPLICATE, reason=f"already {txn.status}", **logged)
        if result.status in OPEN_STATUSES:
            return _log(outcome=EventOutcome.STILL_PENDING, **logged)
        txn.status = result.status
        txn.settled_at = timezone.now()
        txn.gateway_reference = result.gateway_reference[:64]
        if result.status != TransactionStatus.SUCCEEDED:
            txn.save(update_fields=["status", "settled_at", "gateway_reference", "updated_at"])
            return _log(outcome=EventOutcome.CLOSED, **logged)
        outcome, reason = _credit(txn, confirmed_by=None, reference=txn.reference)
        return _log(outcome=outcome, reason=reason, **logged)


def _credit(txn: PaymentTransaction, *, confirmed_by, reference: str) -> tuple[str, str]:
    """Count a succeeded transaction towards its request, unless another one already paid it; then tell the
    dossier. Must run inside the caller's atomic block, with `txn` locked or new."""
    payment_request = PaymentRequest.objects.select_for_update().get(pk=txn.request_id)
    if payment_request.settled_at is not None:
        txn.save()
        return EventOutcome.REFUND_NEEDED, _("Khoản phí đã được nộp bằng giao dịch khác.")
    txn.credited = True
    txn.save()
    payment_request.settled_at = txn.settled_at
    payment_request.save(update_fields=["settled_at"])
    try:
        dossier_services.do_confirm_payment(confirmed_by, payment_request.dossier_id, reference=reference)
    except dossier_services.DossierError as error:
        # The money is ours either way; the desk sees why the dossier did not move (e.g. it was withdrawn).
        return EventOutcome.SETTLED, error.message
    return EventOutcome.SETTLED, ""


# --- Counter --------------------------------------------------------------------------------------------------


def record_counter_payment(clerk, payment_request: PaymentRequest, *, method: str, receipt_number: str):
    """Cash or a bank transfer taken at the desk, with the receipt number the clerk wrote."""
    dossier_services.check_confirm_payment(clerk, payment_request.dossier)
    if clerk is None:
        raise PaymentError(_("Cần cán bộ tiếp nhận ghi nhận khoản thu."), code="forbidden")
    if method not in CounterMethod.values:
        raise PaymentError(_("Vui lòng chọn hình thức nộp."), code="invalid_method")
    receipt_number = nfc(receipt_number or "").strip()
    if not receipt_number or len(receipt_number) > 64:
        raise PaymentError(_("Vui lòng nhập số biên lai (tối đa 64 ký tự)."), code="invalid_receipt_number")
    try:
        with transaction.atomic():
            locked = PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)
            if locked.settled_at is not None:
                raise PaymentError(_("Khoản phí này đã được nộp."), code="already_paid")
            txn = PaymentTransaction(
                request=locked,
                reference=_new_reference(),
                idempotency_key=f"{COUNTER_GATEWAY}:{locked.pk}",
                gateway=COUNTER_GATEWAY,
                status=TransactionStatus.SUCCEEDED,
                amount=locked.amount,
                counter_method=method,
                counter_receipt_number=receipt_number,
                recorded_by=clerk,
                settled_at=timezone.now(),
            )
            outcome, reason = _credit(txn, confirmed_by=clerk, reference=receipt_number)
            _log(
                gateway=COUNTER_GATEWAY,
                source=EventSource.COUNTER,
                outcome=outcome,
                params={"method": method, "receipt_number": receipt_number, "clerk": clerk.pk},
                txn=txn,
                reason=reason,
            )
    except IntegrityError as error:
        raise PaymentError(_("Khoản phí này đã được nộp."), code="already_paid") from error
    return txn


# --- Reconciliation -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReconciliationReport:
    outcomes: dict  # EventOutcome → number of transactions

    def __str__(self):
        return ", ".join(f"{outcome}: {count}" for outcome, count in sorted(self.outcomes.items())) or "0"


def reconcile_pending(*, now=None) -> ReconciliationReport:
    """Ask each gateway about our open transactions: settle or close what it knows; expire what it never saw once
    settings.PAYMENTS_PENDING_TIMEOUT_MINUTES have passed. A gateway that does not answer expires nothing, since
    the payer's money may be on its way."""
    now = now or timezone.now()
    deadline = now - timedelta(minutes=settings.PAYMENTS_PENDING_TIMEOUT_MINUTES)
    outcomes = Counter()
    open_ones = PaymentTransaction.objects.filter(status__in=OPEN_STATUSES).exclude(gateway=COUNTER_GATEWAY)
    for txn in open_ones.order_by("created_at", "id").iterator():
        outcomes[_reconcile_one(txn, deadline)] += 1
    return ReconciliationReport(outcomes=dict(outcomes))


def _reconcile_one(txn: PaymentTransaction, deadline) -> str:
    queried = {"gateway": txn.gateway, "source": EventSource.QUERY, "txn": txn}
    try:
        result = gateways.get(txn.gateway).query(txn)
    except (gateways.UnknownGateway, gateways.GatewayUnavailable) as error:
        reason = str(error)[:500] or error.__class__.__name__
        return _log(outcome=EventOutcome.UNREACHABLE, reason=reason, **queried).outcome
    except (gateways.SignatureError, gateways.MalformedMessage) as error:
        return _log(outcome=EventOutcome.BAD_SIGNATURE, signature_ok=False, reason=str(error), **queried).outcome
    event = _apply(txn.gateway, result, source=EventSource.QUERY)
    if event.outcome != EventOutcome.STILL_PENDING or txn.created_at > deadline:
        return event.outcome
    with transaction.atomic():
        locked = PaymentTransaction.objects.select_for_update().get(pk=txn.pk)
        if locked.status not in OPEN_STATUSES:
            return EventOutcome.DUPLICATE
        locked.status = TransactionStatus.EXPIRED
        locked.settled_at = timezone.now()
        locked.save(update_fields=["status", "settled_at", "updated_at"])
        expired = {"gateway": txn.gateway, "source": EventSource.QUERY, "txn": locked, "params": result.params}
        return _log(outcome=EventOutcome.EXPIRED, **expired).outcome
