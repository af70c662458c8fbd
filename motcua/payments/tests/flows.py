"""Drive the sandbox bank the way a payer's browser does, for tests."""

from urllib.parse import parse_qsl, urlsplit

from motcua.payments import services
from motcua.payments.gateways import sandbox

RETURN_URL = "http://testserver/thanh-toan/ket-qua/sandbox/"
NOTIFY_URL = "http://testserver/thanh-toan/thong-bao/sandbox/"


def query_of(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def start(payer, payment_request, *, key: str = "key-1", gateway_id: str = "sandbox"):
    return services.start_payment(
        payer,
        payment_request,
        gateway_id=gateway_id,
        idempotency_key=key,
        return_url=RETURN_URL,
        notify_url=NOTIFY_URL,
        client_ip="203.113.0.10",
    )


def pay_at_sandbox(started, *, pay: bool = True) -> dict:
    """Press pay (or cancel) on the sandbox page; the signed parameters the browser brings back."""
    order = sandbox.verified_order(query_of(started.redirect_url))
    return query_of(sandbox.decide(order, pay=pay))
