import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.tests.factories import ApplicantFactory
from motcua.payments.constants import EventOutcome, ExemptionCategory, TransactionStatus
from motcua.payments.gateways import sandbox
from motcua.payments.models import PaymentEvent, PaymentTransaction
from motcua.payments.tests.factories import FEE
from motcua.payments.tests.flows import query_of

pytestmark = pytest.mark.django_db


def pay_page(owed):
    return reverse("payments:pay", args=[owed.dossier.code])


def idempotency_key(response) -> str:
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


def choose_sandbox(client, owed):
    page = client.get(pay_page(owed))
    form = {"action": "pay", "gateway": "sandbox", "idempotency_key": idempotency_key(page)}
    return client.post(pay_page(owed), form)


def test_payment_page_shows_the_amount_and_the_gateways(client, owed, desk):
    client.force_login(desk.citizen)
    response = client.get(pay_page(owed))
    text = response.content.decode()
    assert response.status_code == 200
    assert "75.000" in text and "Cổng thanh toán thử nghiệm" in text and "VNPay" in text
    assert "Ghi nhận nộp tại quầy" not in text


def test_payment_page_is_hidden_from_other_citizens(client, owed):
    client.force_login(ApplicantFactory(full_name="Trần Thị Bình"))
    assert client.get(pay_page(owed)).status_code == 404


def test_citizen_pays_in_the_sandbox_and_sees_success(client, owed, desk):
    client.force_login(desk.citizen)

    to_sandbox = choose_sandbox(client, owed)
    sandbox_page = client.get(to_sandbox["Location"])
    signed = query_of(to_sandbox["Location"])
    back = client.post(reverse("payments:sandbox_pay"), {**signed, "decision": "pay"})
    result = client.get(back["Location"])

    assert to_sandbox.status_code == 302 and "75.000" in sandbox_page.content.decode()
    assert urlsplit(back["Location"]).path == reverse("payments:return", args=["sandbox"])
    assert result.status_code == 200 and "Thanh toán thành công" in result.content.decode()
    owed.dossier.refresh_from_db()
    assert owed.dossier.status == DossierStatus.RECEIVED
    paid_page = client.get(pay_page(owed)).content.decode()
    assert "Tải biên lai điện tử" in paid_page


def test_citizen_cancels_in_the_sandbox_and_can_try_again(client, owed, desk):
    client.force_login(desk.citizen)
    to_sandbox = choose_sandbox(client, owed)
    back = client.post(reverse("payments:sandbox_pay"), {**query_of(to_sandbox["Location"]), "decision": "cancel"})
    result = client.get(back["Location"])

    assert "Đã hủy" in result.content.decode()
    assert PaymentTransaction.objects.get().status == TransactionStatus.CANCELLED
    assert choose_sandbox(client, owed).status_code == 302
    assert PaymentTransaction.objects.count() == 2


def test_a_double_submitted_pay_form_starts_one_transaction(client, owed, desk):
    client.force_login(desk.citizen)
    form = {"action": "pay", "gateway": "sandbox", "idempotency_key": idempotency_key(client.get(pay_page(owed)))}
    first, second = client.post(pay_page(owed), form), client.post(pay_page(owed), form)
    assert first["Location"] == second["Location"] and PaymentTransaction.objects.count() == 1


def test_pay_form_without_a_gateway_explains_in_vietnamese(client, owed, desk):
    client.force_login(desk.citizen)
    response = client.post(pay_page(owed), {"action": "pay", "idempotency_key": "k"})
    assert response.status_code == 400 and "Vui lòng chọn cổng thanh toán." in response.content.decode()


def test_sandbox_page_refuses_a_forged_order(client, owed):
    forged = {"ref": "TT1", "amount": "1", "return_url": "https://evil.example/", "notify_url": "x", "sig": "ab"}
    response = client.get(reverse("payments:sandbox_pay"), forged)
    assert response.status_code == 400 and "sai chữ ký" in response.content.decode()


def test_return_with_a_forged_result_shows_an_error_and_is_logged(client, owed, desk):
    client.force_login(desk.citizen)
    choose_sandbox(client, owed)
    ref = PaymentTransaction.objects.get().reference
    response = client.get(
        reverse("payments:return", args=["sandbox"]),
        {"ref": ref, "amount": FEE, "status": "paid", "txn": "SB1", "sig": "f" * 64},
    )
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()
    assert PaymentEvent.objects.get().outcome == EventOutcome.BAD_SIGNATURE


def test_sandbox_notification_endpoint_answers_ok_once_then_duplicate(client, owed, desk):
    client.force_login(desk.citizen)
    signed = query_of(choose_sandbox(client, owed)["Location"])
    outcome = query_of(client.post(reverse("payments:sandbox_pay"), {**signed, "decision": "pay"})["Location"])
    client.logout()
    notify = reverse("payments:notify", args=["sandbox"])

    assert client.post(notify, outcome).json() == {"ok": True}
    assert client.post(notify, outcome).json() == {"ok": True}
    assert client.post(notify, {**outcome, "sig": "0" * 64}).json() == {"ok": False}
    assert list(PaymentEvent.objects.values_list("outcome", flat=True)) == [
        EventOutcome.SETTLED,
        EventOutcome.DUPLICATE,
        EventOutcome.BAD_SIGNATURE,
    ]
    assert client.post(reverse("payments:notify", args=["khong-co"]), outcome).status_code == 404


def test_sandbox_query_api_answers_signed_status_to_signed_requests_only(client, owed, desk):
    client.force_login(desk.citizen)
    signed = query_of(choose_sandbox(client, owed)["Location"])
    client.post(reverse("payments:sandbox_pay"), {**signed, "decision": "pay"})
    query = reverse("payments:sandbox_query")

    answer = client.get(query, sandbox.signed({"ref": signed["ref"]})).json()
    refused = client.get(query, {"ref": signed["ref"], "sig": "00"})

    assert answer["status"] == "paid" and sandbox.verify(answer)["amount"] == str(FEE)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "bad_signature"


def test_citizen_declares_an_exemption_and_the_clerk_sees_it(client, owed, desk):
    client.force_login(desk.citizen)
    declaration = {"action": "exemption", "category": ExemptionCategory.ETHNIC_MINORITY, "note": "Xã Lũng Cú"}
    assert client.post(pay_page(owed), declaration).status_code == 302
    client.force_login(desk.clerk)
    text = client.get(pay_page(owed)).content.decode()
    assert "Người dân tộc thiểu số" in text and "Xã Lũng Cú" in text and "Quyết định 861/QĐ-TTg" in text


def test_clerk_records_a_counter_payment_from_the_page(client, owed, desk):
    client.force_login(desk.clerk)
    assert "Ghi nhận nộp tại quầy" in client.get(pay_page(owed)).content.decode()
    response = client.post(pay_page(owed), {"action": "counter", "method": "tien_mat", "receipt_number": "0001234"})
    assert response.status_code == 302
    assert PaymentTransaction.objects.get().counter_receipt_number == "0001234"


def test_a_citizen_posting_the_counter_form_is_refused(client, owed, desk):
    client.force_login(desk.citizen)
    response = client.post(pay_page(owed), {"action": "counter", "method": "tien_mat", "receipt_number": "1"})
    assert response.status_code == 400 and not PaymentTransaction.objects.exists()


def test_receipt_downloads_for_the_payer_and_staff_but_not_strangers(client, owed, desk):
    client.force_login(desk.clerk)
    client.post(pay_page(owed), {"action": "counter", "method": "chuyen_khoan", "receipt_number": "0001234"})
    url = reverse("payments:receipt", args=[PaymentTransaction.objects.get().reference])

    staff_copy = client.get(url)
    client.force_login(desk.citizen)
    payer_copy = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert staff_copy.status_code == payer_copy.status_code == 200
    assert payer_copy["Content-Type"] == "application/pdf" and payer_copy.content.startswith(b"%PDF")
    assert anonymous.status_code == 302


def test_no_receipt_for_an_unpaid_transaction(client, owed, desk):
    client.force_login(desk.citizen)
    choose_sandbox(client, owed)
    url = reverse("payments:receipt", args=[PaymentTransaction.objects.get().reference])
    assert client.get(url).status_code == 404


def test_clerk_accepts_the_declared_exemption_from_the_page(client, owed, desk):
    client.force_login(desk.citizen)
    client.post(pay_page(owed), {"action": "exemption", "category": ExemptionCategory.POOR_HOUSEHOLD})
    client.force_login(desk.clerk)

    response = client.post(pay_page(owed), {"action": "grant_exemption"})

    assert response.status_code == 302
    assert "Được miễn phí, lệ phí" in client.get(pay_page(owed)).content.decode()
    owed.dossier.refresh_from_db()
    assert owed.dossier.status == DossierStatus.RECEIVED


def test_sandbox_pages_are_gone_when_the_deployment_disables_the_sandbox(client, settings):
    settings.PAYMENTS_GATEWAYS = ["vnpay"]
    assert client.get(reverse("payments:sandbox_pay")).status_code == 404
    assert client.get(reverse("payments:sandbox_query")).status_code == 404
