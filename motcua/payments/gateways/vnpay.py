"""VNPay payment gateway (API 2.1.0): payment URL, return/IPN verification with the documented RspCode answers,
and the querydr transaction query used by reconciliation. Merchant code, secret and URLs come from settings."""

import hashlib
import hmac
import json
import secrets
import urllib.request
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import EventOutcome, TransactionStatus
from motcua.payments.gateways.base import (
    Gateway,
    GatewayResult,
    GatewayUnavailable,
    MalformedMessage,
    SignatureError,
    local_timestamp,
)
from motcua.payments.gateways.registry import register

VERSION = "2.1.0"
SUCCESS = "00"
# vnp_ResponseCode 24: the customer cancelled; querydr vnp_TransactionStatus 01: not finished yet;
# querydr vnp_ResponseCode 91: VNPay has no such transaction (the payer never reached it).
CUSTOMER_CANCELLED = "24"
NOT_FINISHED = "01"
TRANSACTION_NOT_FOUND = "91"

IPN_ANSWERS = {
    EventOutcome.SETTLED: ("00", "Confirm Success"),
    EventOutcome.CLOSED: ("00", "Confirm Success"),
    EventOutcome.UNKNOWN_ORDER: ("01", "Order not found"),
    EventOutcome.DUPLICATE: ("02", "Order already confirmed"),
    EventOutcome.REFUND_NEEDED: ("02", "Order already confirmed"),
    EventOutcome.AMOUNT_MISMATCH: ("04", "Invalid amount"),
    EventOutcome.BAD_SIGNATURE: ("97", "Invalid signature"),
}
UNKNOWN_ERROR = ("99", "Unknown error")

# The querydr request and answer are signed over these fields joined by "|", in this order.
QUERY_REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)


def _hmac(message: str) -> str:
    return hmac.new(settings.VNPAY_HASH_SECRET.encode(), message.encode(), hashlib.sha512).hexdigest()


def hash_data(params: dict) -> str:
    """The vnp_* fields (without the hash itself) sorted by name and URL-encoded, as VNPay signs them."""
    fields = sorted(
        (key, str(value))
        for key, value in params.items()
        if key.startswith("vnp_") and key not in ("vnp_SecureHash", "vnp_SecureHashType") and value != ""
    )
    return urlencode(fields, quote_via=quote_plus)


def secure_hash(params: dict) -> str:
    return _hmac(hash_data(params))


def pipe_hash(params: dict, fields: tuple[str, ...]) -> str:
    return _hmac("|".join(str(params.get(name, "")) for name in fields))


def verify(params: dict) -> None:
    given = params.get("vnp_SecureHash", "")
    if not isinstance(given, str) or not hmac.compare_digest(given.lower().encode(), secure_hash(params).encode()):
        raise SignatureError("vnp_SecureHash mismatch")


def order_info(transaction) -> str:
    # VNPay asks for OrderInfo without diacritics.
    return f"Thanh toan phi le phi giao dich {transaction.reference}"


def _amount(raw) -> int:
    value = int(raw)
    if value < 0 or value % 100:
        raise ValueError("vnp_Amount is not a whole number of dong times 100")
    return value // 100


@register
class VNPayGateway(Gateway):
    id = "vnpay"
    label = _("VNPay (thẻ ATM, thẻ quốc tế, QR)")

    def payment_url(self, transaction, *, return_url, notify_url, client_ip):
        # VNPay takes the IPN address from the merchant's registration, not from the request: notify_url is unused.
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": settings.VNPAY_TMN_CODE,
            "vnp_Amount": transaction.amount * 100,
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": transaction.reference,
            "vnp_OrderInfo": order_info(transaction),
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": local_timestamp(transaction.created_at),
        }
        query = hash_data(params)
        return f"{settings.VNPAY_PAY_URL}?{query}&vnp_SecureHash={_hmac(query)}"

    def verify_callback(self, params):
        verify(params)
        try:
            response_code = params["vnp_ResponseCode"]
            if response_code == SUCCESS and params.get("vnp_TransactionStatus", SUCCESS) == SUCCESS:
                status = TransactionStatus.SUCCEEDED
            elif response_code == CUSTOMER_CANCELLED:
                status = TransactionStatus.CANCELLED
            else:
                status = TransactionStatus.FAILED
            return GatewayResult(
                reference=params["vnp_TxnRef"],
                status=status,
                amount=_amount(params["vnp_Amount"]),
                gateway_reference=params.get("vnp_TransactionNo", ""),
                params=params,
            )
        except (KeyError, ValueError) as error:
            raise MalformedMessage(str(error)) from error

    def query(self, transaction):
        request = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": settings.VNPAY_TMN_CODE,
            "vnp_TxnRef": transaction.reference,
            "vnp_OrderInfo": f"Truy van giao dich {transaction.reference}",
            "vnp_TransactionDate": local_timestamp(transaction.created_at),
            "vnp_CreateDate": local_timestamp(timezone.now()),
            "vnp_IpAddr": "127.0.0.1",
        }
        request["vnp_SecureHash"] = pipe_hash(request, QUERY_REQUEST_FIELDS)
        answer = _post_json(settings.VNPAY_API_URL, request)
        if not hmac.compare_digest(
            str(answer.get("vnp_SecureHash", "")).lower().encode(), pipe_hash(answer, QUERY_RESPONSE_FIELDS).encode()
        ):
            raise GatewayUnavailable("querydr answer with a wrong vnp_SecureHash")
        if answer.get("vnp_ResponseCode") == TRANSACTION_NOT_FOUND:
            return GatewayResult(
                reference=transaction.reference, status=TransactionStatus.PENDING, amount=None, params=answer
            )
        if answer.get("vnp_ResponseCode") != SUCCESS or answer.get("vnp_TxnRef") != transaction.reference:
            raise GatewayUnavailable(f"querydr refused: {answer.get('vnp_ResponseCode')} {answer.get('vnp_Message')}")
        transaction_status = answer.get("vnp_TransactionStatus")
        if transaction_status == SUCCESS:
            status = TransactionStatus.SUCCEEDED
        elif transaction_status == NOT_FINISHED:
            status = TransactionStatus.PENDING
        else:
            status = TransactionStatus.FAILED
        try:
            amount = _amount(answer["vnp_Amount"])
        except (KeyError, ValueError) as error:
            raise GatewayUnavailable("querydr answer without a valid vnp_Amount") from error
        return GatewayResult(
            reference=transaction.reference,
            status=status,
            amount=amount,
            gateway_reference=str(answer.get("vnp_TransactionNo", "")),
            params=answer,
        )

    def notification_response(self, outcome):
        code, message = IPN_ANSWERS.get(outcome, UNKNOWN_ERROR)
        return {"RspCode": code, "Message": message}


def _post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.PAYMENTS_GATEWAY_TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read().decode())
    except (OSError, ValueError) as error:  # URLError and socket timeouts are OSErrors; bad JSON a ValueError
        raise GatewayUnavailable(str(error)) from error
    if not isinstance(answer, dict):
        raise GatewayUnavailable("querydr answer is not a JSON object")
    return answer
