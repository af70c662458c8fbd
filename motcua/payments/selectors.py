"""Payment reads: fees, a dossier's requests and transactions, the log, what a user may download."""

from django.db.models import F, QuerySet
from django.http import Http404

from motcua.dossiers import selectors as dossier_selectors
from motcua.payments import gateways
from motcua.payments.constants import TransactionStatus
from motcua.payments.models import FeeSchedule, PaymentRequest, PaymentTransaction


def fee_for(procedure, channel: str) -> FeeSchedule | None:
    """The admin's fee for `procedure` (an instance or id) on `channel`, with its exemptions."""
    procedure_id = getattr(procedure, "pk", procedure)
    schedules = FeeSchedule.objects.prefetch_related("exemptions")
    return schedules.filter(procedure_id=procedure_id, channel=channel).first()


def current_request(dossier) -> PaymentRequest | None:
    """The open request if there is one, else the latest paid one."""
    newest_open_first = (F("settled_at").desc(nulls_first=True), "-requested_at", "-id")
    return PaymentRequest.objects.filter(dossier=dossier).order_by(*newest_open_first).first()


def transactions_of(payment_request: PaymentRequest) -> QuerySet[PaymentTransaction]:
    return payment_request.transactions.order_by("-created_at", "-id")


def credited_transaction(payment_request: PaymentRequest) -> PaymentTransaction | None:
    return payment_request.transactions.filter(credited=True).first()


def get_transaction_for(user, reference: str) -> PaymentTransaction:
    """The transaction if `user` may see its dossier (the payer, the applicant, staff of the agency); Http404."""
    txn = (
        PaymentTransaction.objects.select_related("request", "recorded_by")
        .filter(reference=str(reference or "")[:32])
        .first()
    )
    if txn is None:
        raise Http404
    dossier_selectors.get_dossier_for(user, txn.request.dossier_id)
    return txn


def get_paid_transaction_for(user, reference: str) -> PaymentTransaction:
    txn = get_transaction_for(user, reference)
    if txn.status != TransactionStatus.SUCCEEDED:
        raise Http404
    return txn


def gateway_label(gateway_id: str) -> str:
    try:
        return gateways.get(gateway_id).label
    except gateways.UnknownGateway:
        return gateway_id


def payment_gateways() -> list[gateways.Gateway]:
    return gateways.enabled()
