"""The embedded default gateway: a stand-in bank served by this app at /thanh-toan/sandbox/, for demos and tests.

Its protocol is real and signed (HMAC-SHA256 over the sorted "key=value" pairs, hex, in `sig`, with the secret
settings.PAYMENTS_SANDBOX_SECRET shared by both sides):
    redirect   GET  /thanh-toan/sandbox/thanh-toan/?ref&amount&return_url&notify_url&sig   (the pay/cancel page)
    return     GET  <return_url>?ref&amount&status&txn&sig                 status: paid | cancelled
    notify     POST <notify_url> ref&amount&status&txn&sig  (after commit, by a task) → {"ok": true|false}
    query      GET  /thanh-toan/sandbox/truy-van/?ref&sig  → {ref, amount, status, txn, sig}, status also "unknown"
The bank side (its ledger, its page, its query answers) is in the second half of this module.
"""

import hashlib
import hmac
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction as db_transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import EventOutcome, TransactionStatus
from motcua.payments.gateways.base import Gateway, GatewayResult, MalformedMessage, SignatureError
from motcua.payments.gateways.registry import register
from motcua.payments.models import SandboxPayment

PAID, CANCELLED, UNKNOWN = "paid", "cancelled", "unknown"
_STATUS = {
    PAID: TransactionStatus.SUCCEEDED,
    CANCELLED: TransactionStatus.CANCELLED,
    UNKNOWN: TransactionStatus.PENDING,
}


def signature(params: dict) -> str:
    message = "&".join(f"{key}={params[key]}" for key in sorted(params) if key != "sig")
    return hmac.new(settings.PAYMENTS_SANDBOX_SECRET.encode(), message.encode(), hashlib.sha256).hexdigest()


def signed(params: dict) -> dict:
    params = {key: str(value) for key, value in params.items()}
    return {**params, "sig": signature(params)}


def verify(params: dict) -> dict:
    """`params` without `sig` if the signature is ours; SignatureError otherwise."""
    given = params.get("sig", "")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), signature(params).encode()):
        raise SignatureError("sandbox signature mismatch")
    return {key: value for key, value in params.items() if key != "sig"}


def _result(params: dict) -> GatewayResult:
    try:
        return GatewayResult(
            reference=params["ref"],
            status=_STATUS[params["status"]],
            amount=int(params["amount"]) if params["amount"] else None,
            gateway_reference=params.get("txn", ""),
            params=params,
        )
    except (KeyError, ValueError) as error:
        raise MalformedMessage(str(error)) from error


@register
class SandboxGateway(Gateway):
    id = "sandbox"
    label = _("Cổng thanh toán thử nghiệm (sandbox)")

    def payment_url(self, transaction, *, return_url, notify_url, client_ip):
        order = {"ref": transaction.reference, "amount": transaction.amount}
        params = signed({**order, "return_url": return_url, "notify_url": notify_url})
        return f"{reverse('payments:sandbox_pay')}?{urlencode(params)}"

    def verify_callback(self, params):
        verify(params)
        return _result(params)  # with its signature, so the log keeps the message exactly as received

    def query(self, transaction):
        answer = status_of(transaction.reference)
        verify(answer)
        return _result(answer)

    def notification_response(self, outcome):
        return {"ok": outcome in (EventOutcome.SETTLED, EventOutcome.CLOSED, EventOutcome.DUPLICATE)}


# --- The bank side --------------------------------------------------------------------------------------------


def verified_order(params: dict) -> dict:
    """The order the pay page was asked to show; SignatureError or MalformedMessage when it is not ours."""
    order = verify(params)
    if not {"ref", "amount", "return_url", "notify_url"} <= order.keys() or not order["amount"].isdigit():
        raise MalformedMessage("incomplete sandbox order")
    return {**order, "amount": int(order["amount"])}


def decide(order: dict, *, pay: bool) -> str:
    """The payer pressed pay or cancel: record it once, notify the merchant after commit, return the redirect."""
    from motcua.payments import tasks

    with db_transaction.atomic():
        payment, created = SandboxPayment.objects.get_or_create(
            reference=order["ref"],
            defaults={
                "amount": int(order["amount"]),
                "status": TransactionStatus.SUCCEEDED if pay else TransactionStatus.CANCELLED,
                "gateway_reference": f"SB{secrets.token_hex(8).upper()}",
                "notify_url": order["notify_url"],
            },
        )
        if created:
            db_transaction.on_commit(lambda: tasks.deliver_sandbox_notification.delay(payment.pk))
    return f"{order['return_url']}?{urlencode(outcome_params(payment))}"


def outcome_params(payment: SandboxPayment) -> dict:
    status = PAID if payment.status == TransactionStatus.SUCCEEDED else CANCELLED
    return signed(
        {"ref": payment.reference, "amount": payment.amount, "status": status, "txn": payment.gateway_reference}
    )


def status_of(reference: str) -> dict:
    """The signed answer of the query API."""
    payment = SandboxPayment.objects.filter(reference=reference).first()
    if payment is None:
        return signed({"ref": reference, "amount": "", "status": UNKNOWN, "txn": ""})
    return outcome_params(payment)
