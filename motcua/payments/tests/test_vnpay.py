"""The VNPay adapter against a VNPay look-alike over real HTTP on 127.0.0.1 (tests/vnpay_server.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.constants import DossierStatus, EventAction
from motcua.payments import services
from motcua.payments.constants import EventOutcome, EventSource, TransactionStatus
from motcua.payments.models import PaymentEvent, PaymentTransaction
from motcua.payments.tests.conftest import VNPAY_SECRET, VNPAY_TMN_CODE
from motcua.payments.tests.factories import FEE
from motcua.payments.tests.flows import RETURN_URL, start
from motcua.payments.tests.vnpay_server import FakeVNPay, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def vnpay(payment_settings):
    with FakeVNPay(tmn_code=VNPAY_TMN_CODE, secret=VNPAY_SECRET) as server:
        payment_settings.VNPAY_PAY_URL = f"{server.url}/paymentv2/vpcpay.html"
        payment_settings.VNPAY_API_URL = f"{server.url}/merchant_webapi/api/transaction"
        yield server


@pytest.fixture
def order(vnpay, owed, desk):
    """A transaction whose payment URL VNPay accepted (signature and fields checked by the look-alike)."""
    started = start(desk.citizen, owed, gateway_id="vnpay")
    assert visit(started.redirect_url) == 200
    return started.transaction


def ipn(client, params):
    return client.get(reverse("payments:notify", args=["vnpay"]), params).json()


def test_payment_url_carries_the_documented_parameters(order, vnpay):
    received = vnpay.orders[order.reference]["params"]  # what the look-alike accepted, hash checked
    assert received["vnp_Amount"] == str(FEE * 100)
    assert received["vnp_TxnRef"] == order.reference
    assert received["vnp_CreateDate"] == timezone.localtime(order.created_at).strftime("%Y%m%d%H%M%S")
    assert received["vnp_IpAddr"] == "203.113.0.10"
    assert received["vnp_ReturnUrl"] == RETURN_URL


def test_vnpay_refuses_a_payment_url_signed_with_another_secret(vnpay, owed, desk, settings):
    settings.VNPAY_HASH_SECRET = "NOT-THE-MERCHANT-SECRET"
    assert visit(start(desk.citizen, owed, gateway_id="vnpay").redirect_url) == 400


def test_ipn_success_confirms_the_dossier_and_answers_00(client, order, vnpay, owed):
    answer = ipn(client, vnpay.pay(order.reference))

    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    order.refresh_from_db()
    assert order.status == TransactionStatus.SUCCEEDED and order.gateway_reference == "14422574"
    owed.dossier.refresh_from_db()
    assert owed.dossier.status == DossierStatus.RECEIVED


def test_ipn_replay_answers_02_and_credits_once(client, order, vnpay, owed):
    params = vnpay.pay(order.reference)
    assert ipn(client, params)["RspCode"] == "00"
    assert ipn(client, params) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert owed.dossier.events.filter(action=EventAction.CONFIRM_PAYMENT).count() == 1


def test_ipn_with_a_bad_signature_answers_97(client, order, vnpay):
    params = vnpay.pay(order.reference)
    params["vnp_Amount"] = "100"
    assert ipn(client, params) == {"RspCode": "97", "Message": "Invalid signature"}
    order.refresh_from_db()
    assert order.status == TransactionStatus.PENDING


def test_ipn_for_an_unknown_order_answers_01(client, order, vnpay):
    params = vnpay.pay(order.reference)
    params.pop("vnp_SecureHash")
    params["vnp_TxnRef"] = "TT000000UNKNOWN"
    assert ipn(client, vnpay.signed_result(params)) == {"RspCode": "01", "Message": "Order not found"}


def test_ipn_with_another_amount_answers_04(client, order, vnpay):
    answer = ipn(client, vnpay.pay(order.reference, amount=str((FEE - 1000) * 100)))
    assert answer == {"RspCode": "04", "Message": "Invalid amount"}
    order.refresh_from_db()
    assert order.status == TransactionStatus.PENDING


def test_ipn_missing_fields_answers_99(client, order, vnpay):
    assert ipn(client, vnpay.signed_result({"vnp_TxnRef": order.reference}))["RspCode"] == "99"


def test_customer_cancelled_at_vnpay_closes_the_transaction(client, order, vnpay, owed):
    assert ipn(client, vnpay.pay(order.reference, response_code="24"))["RspCode"] == "00"
    order.refresh_from_db()
    assert order.status == TransactionStatus.CANCELLED
    owed.dossier.refresh_from_db()
    assert owed.dossier.status == DossierStatus.AWAITING_PAYMENT


def test_querydr_settles_a_payment_whose_ipn_never_came(order, vnpay, owed):
    vnpay.pay(order.reference)

    report = services.reconcile_pending()

    assert report.outcomes == {EventOutcome.SETTLED: 1}
    order.refresh_from_db()
    assert order.status == TransactionStatus.SUCCEEDED and order.credited
    event = PaymentEvent.objects.get(source=EventSource.QUERY)
    assert event.params["vnp_TransactionStatus"] == "00"


def test_querydr_keeps_an_unfinished_payment_pending_then_expires_it(order, vnpay):
    assert services.reconcile_pending().outcomes == {EventOutcome.STILL_PENDING: 1}
    later = services.reconcile_pending(now=timezone.now() + timedelta(hours=1))
    assert later.outcomes == {EventOutcome.EXPIRED: 1}


def test_querydr_answer_with_a_wrong_hash_is_not_trusted(order, vnpay):
    vnpay.pay(order.reference)
    vnpay.tamper_answers = True

    report = services.reconcile_pending(now=timezone.now() + timedelta(hours=1))

    assert report.outcomes == {EventOutcome.UNREACHABLE: 1}
    assert PaymentTransaction.objects.get().status == TransactionStatus.PENDING
