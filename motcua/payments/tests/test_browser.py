import pytest
from django.conf import settings
from django.test import Client

from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.tests.factories import make_desk
from motcua.payments.constants import EventOutcome, EventSource, TransactionStatus
from motcua.payments.models import PaymentEvent, PaymentTransaction
from motcua.payments.tests.factories import payment_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": page.base_url}])


def open_payment_page(page):
    desk = make_desk()
    owed = payment_request(desk)
    signed_in(page, desk.citizen)
    page.goto(f"{page.base_url}/thanh-toan/ho-so/{owed.dossier.code}/")
    assert "75.000" in page.get_by_text("đồng").first.inner_text()
    page.get_by_label("Cổng thanh toán thử nghiệm (sandbox)").check()
    page.get_by_role("button", name="Thanh toán").click()
    page.get_by_role("heading", name="Cổng thanh toán thử nghiệm (sandbox)").wait_for()
    return owed


def test_citizen_pays_in_the_sandbox_and_the_bank_notifies_the_portal(page):
    open_payment_page(page)

    page.get_by_role("button", name="Thanh toán").click()

    page.get_by_role("status").get_by_role("heading", name="Thanh toán thành công").wait_for()
    txn = PaymentTransaction.objects.get()
    assert txn.status == TransactionStatus.SUCCEEDED and txn.credited
    # The sandbox's server-to-server notification ran after commit, before the browser came back.
    assert list(PaymentEvent.objects.values_list("source", "outcome")) == [
        (EventSource.NOTIFICATION, EventOutcome.SETTLED),
        (EventSource.RETURN, EventOutcome.DUPLICATE),
    ]
    page.get_by_role("link", name="Quay lại trang thanh toán của hồ sơ").click()
    assert page.get_by_role("link", name="Tải biên lai điện tử (PDF)").is_visible()


def test_citizen_cancels_in_the_sandbox_and_is_told_so(page):
    owed = open_payment_page(page)

    page.get_by_role("button", name="Hủy giao dịch").click()

    page.get_by_role("status").get_by_role("heading", name="Đã hủy").wait_for()
    owed.dossier.refresh_from_db()
    assert owed.dossier.status == DossierStatus.AWAITING_PAYMENT
