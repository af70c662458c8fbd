"""Payment reads: fees, a dossier's requests and transactions, the log, what a user may download, statistics."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from motcua.dossiers import selectors as dossier_selectors
from motcua.payments import gateways
from motcua.payments.constants import COUNTER_GATEWAY, TransactionStatus
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


@dataclass(frozen=True)
class CompletedPayments:
    online: int
    counter: int

    @property
    def total(self) -> int:
        return self.online + self.counter


def _credited(since: datetime, until: datetime) -> QuerySet[PaymentTransaction]:
    return PaymentTransaction.objects.filter(
        status=TransactionStatus.SUCCEEDED, credited=True, settled_at__gte=since, settled_at__lt=until
    )


_BY_CHANNEL = {
    "online": Count("pk", filter=~Q(gateway=COUNTER_GATEWAY)),
    "counter": Count("pk", filter=Q(gateway=COUNTER_GATEWAY)),
}


def completed_payments(
    since: datetime, until: datetime, *, level: str | None = None, agency_codes: Collection[str] | None = None
) -> CompletedPayments:
    """Fee payments completed in [since, until), through an online gateway or at the counter: the transaction
    credited to each paid request, by the time it settled. Granted exemptions and fees the desk confirmed by hand
    without a transaction are not payments here. `level` and `agency_codes` are the dossier's receiving agency's."""
    credited = _credited(since, until)
    if level:
        credited = credited.filter(request__dossier__receiving_agency__level=level)
    if agency_codes is not None:
        credited = credited.filter(request__dossier__receiving_agency__code__in=agency_codes)
    return CompletedPayments(**credited.aggregate(**_BY_CHANNEL))


def completed_payments_by_agency(since: datetime, until: datetime) -> dict[str, CompletedPayments]:
    """`completed_payments` of every receiving agency with a payment in [since, until), by agency code."""
    rows = _credited(since, until).values("request__dossier__receiving_agency__code").annotate(**_BY_CHANNEL)
    return {
        row["request__dossier__receiving_agency__code"]: CompletedPayments(row["online"], row["counter"])
        for row in rows.order_by()
    }
