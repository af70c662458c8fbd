"""A small VNPay look-alike on 127.0.0.1 for tests, written from VNPay's API 2.1.0 documentation and independent
of motcua.payments.gateways.vnpay: it checks our signatures itself and signs its answers the documented way."""

import hashlib
import hmac
import json
import threading
import urllib.error
import urllib.request
from datetime import datetime
from urllib.parse import parse_qsl, quote_plus
from wsgiref.simple_server import WSGIRequestHandler, make_server

REQUIRED_PAY_FIELDS = {
    "vnp_Version": "2.1.0",
    "vnp_Command": "pay",
    "vnp_CurrCode": "VND",
    "vnp_Locale": "vn",
}
QUERY_FIELDS = (
    "vnp_RequestId vnp_Version vnp_Command vnp_TmnCode vnp_TxnRef vnp_TransactionDate vnp_CreateDate vnp_IpAddr "
    "vnp_OrderInfo"
)
ANSWER_FIELDS = (
    "vnp_ResponseId vnp_Command vnp_ResponseCode vnp_Message vnp_TmnCode vnp_TxnRef vnp_Amount vnp_BankCode "
    "vnp_PayDate vnp_TransactionNo vnp_TransactionType vnp_TransactionStatus vnp_OrderInfo vnp_PromotionCode "
    "vnp_PromotionAmount"
)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class FakeVNPay:
    def __init__(self, *, tmn_code: str, secret: str):
        self.tmn_code = tmn_code
        self.secret = secret.encode()
        self.orders: dict[str, dict] = {}  # vnp_TxnRef → {"amount": vnp_Amount, "paid": bool, "no": …}
        self.tamper_answers = False
        self._server = make_server("127.0.0.1", 0, self._app, handler_class=_Quiet)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _sign(self, text: str) -> str:
        return hmac.new(self.secret, text.encode(), hashlib.sha512).hexdigest()

    def signed_result(self, fields: dict) -> dict:
        data = "&".join(f"{key}={quote_plus(str(value))}" for key, value in sorted(fields.items()))
        return {**fields, "vnp_SecureHash": self._sign(data)}

    def _app(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "GET" and environ["PATH_INFO"] == "/paymentv2/vpcpay.html":
            return self._pay(dict(parse_qsl(environ["QUERY_STRING"])), start_response)
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == "/merchant_webapi/api/transaction":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            return self._query(json.loads(body), start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _pay(self, params, start_response):
        given = params.pop("vnp_SecureHash", "")
        data = "&".join(f"{key}={quote_plus(value)}" for key, value in sorted(params.items()))
        problems = [name for name, value in REQUIRED_PAY_FIELDS.items() if params.get(name) != value]
        if params.get("vnp_TmnCode") != self.tmn_code:
            problems.append("vnp_TmnCode")
        datetime.strptime(params["vnp_CreateDate"], "%Y%m%d%H%M%S")
        if not hmac.compare_digest(given, self._sign(data)):
            problems.append("vnp_SecureHash")
        if problems:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [("invalid: " + ",".join(problems)).encode()]
        self.orders[params["vnp_TxnRef"]] = {"amount": params["vnp_Amount"], "paid": False, "no": "", "params": params}
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"payment page"]

    def pay(self, reference: str, *, response_code: str = "00", amount: str | None = None) -> dict:
        """The customer finishes at VNPay: the signed parameters VNPay sends to the return URL and the IPN."""
        order = self.orders[reference]
        order["paid"] = response_code == "00"
        order["no"] = "14422574"
        return self.signed_result(
            {
                "vnp_Amount": amount or order["amount"],
                "vnp_BankCode": "NCB",
                "vnp_OrderInfo": order["params"]["vnp_OrderInfo"],
                "vnp_PayDate": "20261128103000",
                "vnp_ResponseCode": response_code,
                "vnp_TmnCode": self.tmn_code,
                "vnp_TransactionNo": order["no"],
                "vnp_TransactionStatus": response_code,
                "vnp_TxnRef": reference,
            }
        )

    def _query(self, request, start_response):
        expected = self._sign("|".join(str(request.get(name, "")) for name in QUERY_FIELDS.split()))
        order = self.orders.get(request.get("vnp_TxnRef"))
        answer = {
            "vnp_ResponseId": "r1",
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": request.get("vnp_TxnRef", ""),
            "vnp_OrderInfo": request.get("vnp_OrderInfo", ""),
        }
        if request.get("vnp_SecureHash") != expected or request.get("vnp_Command") != "querydr":
            answer.update(vnp_ResponseCode="97", vnp_Message="Invalid Checksum")
        elif order is None:
            answer.update(vnp_ResponseCode="91", vnp_Message="Not found")
        else:
            answer.update(
                vnp_ResponseCode="00",
                vnp_Message="QueryDR Success",
                vnp_Amount=order["amount"],
                vnp_BankCode="NCB",
                vnp_PayDate="20261128103000",
                vnp_TransactionNo=order["no"],
                vnp_TransactionType="01",
                vnp_TransactionStatus="00" if order["paid"] else "01",
            )
        answer["vnp_SecureHash"] = self._sign("|".join(str(answer.get(name, "")) for name in ANSWER_FIELDS.split()))
        if self.tamper_answers:
            answer["vnp_Amount"] = "100"
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(answer).encode()]


def visit(url: str) -> int:
    """What the payer's browser does with the payment URL; the HTTP status VNPay answered."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code

