import pytest

from motcua.dossiers.tests.factories import make_desk
from motcua.payments.tests.factories import payment_request

VNPAY_SECRET = "TESTVNPAYSECRET0123456789ABCDEF"
VNPAY_TMN_CODE = "MOTCUA01"


@pytest.fixture(autouse=True)
def payment_settings(settings):
    settings.PAYMENTS_GATEWAYS = ["sandbox", "vnpay"]
    settings.PAYMENTS_SANDBOX_SECRET = "sandbox-test-secret"
    settings.PAYMENTS_PENDING_TIMEOUT_MINUTES = 30
    settings.PAYMENTS_GATEWAY_TIMEOUT_SECONDS = 2
    settings.VNPAY_TMN_CODE = VNPAY_TMN_CODE
    settings.VNPAY_HASH_SECRET = VNPAY_SECRET
    settings.VNPAY_PAY_URL = "http://127.0.0.1:9/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = "http://127.0.0.1:9/merchant_webapi/api/transaction"
    return settings


@pytest.fixture(autouse=True)
def postgres_only(request):
    if request.node.get_closest_marker("postgres_only"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (row locks under concurrency)")


@pytest.fixture
def desk(db):
    return make_desk()


@pytest.fixture
def owed(desk):
    """A dossier awaiting a 75.000 đ fee, and its payment request."""
    return payment_request(desk)
