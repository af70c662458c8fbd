import io

import pytest
from pypdf import PdfReader

from motcua.payments import receipts, services
from motcua.payments.constants import CounterMethod, EventSource
from motcua.payments.models import PaymentTransaction
from motcua.payments.tests.flows import pay_at_sandbox, start

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_counter_receipt_names_payer_dossier_amount_method_and_receipt_number(owed, desk):
    txn = services.record_counter_payment(desk.clerk, owed, method=CounterMethod.CASH, receipt_number="0001234")

    text = text_of(receipts.render_receipt(txn))

    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    for expected in ("0001234", "Nguyễn Văn An", owed.dossier.code, "75.000", "Tiền mặt", desk.clerk.full_name):
        assert expected in text


def test_online_receipt_carries_both_transaction_references(owed, desk):
    services.process_callback("sandbox", pay_at_sandbox(start(desk.citizen, owed)), source=EventSource.RETURN)
    txn = PaymentTransaction.objects.get()

    text = text_of(receipts.render_receipt(txn))

    assert txn.reference in text and txn.gateway_reference in text and "sandbox" in text


def test_an_unpaid_transaction_has_no_receipt(owed, desk):
    with pytest.raises(ValueError):
        receipts.render_receipt(start(desk.citizen, owed).transaction)
