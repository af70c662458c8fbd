from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DossierStatus, EventAction
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import DossierError
from motcua.payments import services
from motcua.payments.constants import (
    CounterMethod,
    EventOutcome,
    EventSource,
    ExemptionCategory,
    FeeStage,
    TransactionStatus,
)
from motcua.payments.errors import PaymentError
from motcua.payments.gateways import sandbox
from motcua.payments.models import PaymentEvent, PaymentTransaction, SandboxPayment
from motcua.payments.models.event import AppendOnlyError
from motcua.payments.tests.factories import FEE, FeeScheduleFactory
from motcua.payments.tests.flows import pay_at_sandbox, start

pytestmark = pytest.mark.django_db


def confirmations(dossier_id) -> int:
    return DossierEvent.objects.filter(dossier_id=dossier_id, action=EventAction.CONFIRM_PAYMENT).count()


# --- Fees -----------------------------------------------------------------------------------------------------


def test_request_fees_takes_the_schedule_amount_and_moves_the_dossier_to_awaiting_payment(desk):
    FeeScheduleFactory(procedure=desk.procedure, amount=150_000, stage=FeeStage.BEFORE_RESULT)
    dossier = desk.received()

    request = services.request_fees(desk.clerk, dossier)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_PAYMENT
    assert (request.amount, request.stage) == (150_000, FeeStage.BEFORE_RESULT)
    assert dossier.events.get(action=EventAction.REQUEST_PAYMENT).payload["amount"] == 150_000


def test_free_procedure_is_never_asked_to_pay(desk):
    FeeScheduleFactory(procedure=desk.procedure, amount=0, note="Luật Hộ tịch 2014, Điều 11")
    dossier = desk.received()

    with pytest.raises(PaymentError) as refused:
        services.request_fees(desk.clerk, dossier)

    assert refused.value.code == "free_by_law"
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED and not dossier.payment_requests.exists()


def test_request_fees_without_a_schedule_needs_an_amount(desk):
    dossier = desk.received()
    with pytest.raises(PaymentError, match="chưa có mức phí"):
        services.request_fees(desk.clerk, dossier)
    assert services.request_fees(desk.clerk, dossier, amount=50_000).amount == 50_000


def test_a_citizen_cannot_ask_for_fees_and_nothing_is_stored(desk):
    FeeScheduleFactory(procedure=desk.procedure)
    dossier = desk.received()
    with pytest.raises(DossierError):
        services.request_fees(desk.citizen, dossier)
    assert not dossier.payment_requests.exists()


def test_a_fee_request_made_at_the_dossier_desk_opens_a_payment_request(desk, django_capture_on_commit_callbacks):
    dossier = desk.received()
    with django_capture_on_commit_callbacks(execute=True):
        dossier_services.do_request_payment(desk.clerk, dossier, amount=30_000, note="Lệ phí cấp bản sao")

    [request] = dossier.payment_requests.all()
    assert (request.amount, request.note, request.requested_by) == (30_000, "Lệ phí cấp bản sao", desk.clerk)
    event = dossier.events.get(action=EventAction.REQUEST_PAYMENT)
    assert services.open_request_for_fee_event(event) is None  # a retried task changes nothing


def test_request_fees_and_its_committed_event_make_one_payment_request(desk, django_capture_on_commit_callbacks):
    FeeScheduleFactory(procedure=desk.procedure)
    dossier = desk.received()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_fees(desk.clerk, dossier)
    assert dossier.payment_requests.count() == 1


def test_applicant_declares_an_exemption_for_the_clerk_to_see(owed, desk):
    services.declare_exemption(desk.citizen, owed, category=ExemptionCategory.POOR_HOUSEHOLD, note="Sổ hộ nghèo 2026")
    owed.refresh_from_db()
    assert owed.declared_exemption == ExemptionCategory.POOR_HOUSEHOLD
    assert owed.declared_exemption_note == "Sổ hộ nghèo 2026" and owed.declared_at is not None


def test_only_the_applicant_declares_an_exemption(owed, desk):
    with pytest.raises(PaymentError):
        services.declare_exemption(desk.clerk, owed, category=ExemptionCategory.POOR_HOUSEHOLD)
    with pytest.raises(PaymentError):
        services.declare_exemption(desk.citizen, owed, category="khong-co")


def test_clerk_accepts_a_declared_exemption_and_the_dossier_resumes_without_payment(owed, desk):
    services.declare_exemption(desk.citizen, owed, category=ExemptionCategory.CHILD_UNDER_SIX)

    services.grant_exemption(desk.clerk, owed)

    owed.refresh_from_db()
    assert owed.settled_at is not None and owed.exemption_granted_by == desk.clerk
    confirmation = owed.dossier.events.get(action=EventAction.CONFIRM_PAYMENT)
    assert confirmation.payload["reference"] == "Miễn: Trẻ em dưới 6 tuổi"
    with pytest.raises(PaymentError, match="đã được nộp"):
        start(desk.citizen, owed)


def test_an_exemption_is_granted_only_by_the_clerk_and_only_when_declared(owed, desk):
    with pytest.raises(PaymentError, match="chưa kê khai"):
        services.grant_exemption(desk.clerk, owed)
    services.declare_exemption(desk.citizen, owed, category=ExemptionCategory.DISABILITY)
    with pytest.raises(DossierError):
        services.grant_exemption(desk.citizen, owed)
    owed.refresh_from_db()
    assert owed.settled_at is None


# --- Starting ---------------------------------------------------------------------------------------------------


def test_start_payment_creates_a_pending_transaction_for_the_whole_amount(owed, desk):
    started = start(desk.citizen, owed)
    txn = started.transaction
    assert (txn.status, txn.amount, txn.currency, txn.gateway) == (TransactionStatus.PENDING, FEE, "VND", "sandbox")
    assert started.redirect_url.startswith("/thanh-toan/sandbox/thanh-toan/?")


def test_the_same_idempotency_key_gives_back_the_same_transaction(owed, desk):
    first = start(desk.citizen, owed, key="same")
    second = start(desk.citizen, owed, key="same")
    assert first.transaction.pk == second.transaction.pk
    assert PaymentTransaction.objects.count() == 1


def test_start_payment_refuses_a_disabled_gateway_and_a_paid_request(owed, desk, settings):
    settings.PAYMENTS_GATEWAYS = ["sandbox"]
    with pytest.raises(PaymentError, match="không khả dụng"):
        start(desk.citizen, owed, gateway_id="vnpay")
    services.process_callback("sandbox", pay_at_sandbox(start(desk.citizen, owed)), source=EventSource.RETURN)
    with pytest.raises(PaymentError, match="đã được nộp"):
        start(desk.citizen, owed, key="another")


def test_no_payment_starts_once_the_dossier_stopped_waiting_for_it(owed, desk):
    dossier_services.do_confirm_payment(desk.clerk, owed.dossier, reference="Xác nhận tay")
    with pytest.raises(PaymentError) as refused:
        start(desk.citizen, owed)
    assert refused.value.code == "not_awaiting_payment" and not PaymentTransaction.objects.exists()


# --- Callbacks: happy paths -------------------------------------------------------------------------------------


def test_sandbox_success_settles_the_transaction_and_confirms_the_dossier_once(owed, desk):
    started = start(desk.citizen, owed)

    event = services.process_callback("sandbox", pay_at_sandbox(started), source=EventSource.RETURN)

    txn = PaymentTransaction.objects.get()
    assert event.outcome == EventOutcome.SETTLED and event.signature_ok
    assert event.params["sig"] == sandbox.signature(event.params)  # logged exactly as received
    assert txn.status == TransactionStatus.SUCCEEDED and txn.credited and txn.gateway_reference.startswith("SB")
    owed.refresh_from_db()
    assert owed.settled_at == txn.settled_at
    assert owed.dossier.status == DossierStatus.RECEIVED  # resumed where it was
    assert confirmations(owed.dossier_id) == 1


def test_sandbox_cancel_closes_the_transaction_and_the_dossier_keeps_waiting(owed, desk):
    started = start(desk.citizen, owed)

    event = services.process_callback("sandbox", pay_at_sandbox(started, pay=False), source=EventSource.RETURN)

    txn = PaymentTransaction.objects.get()
    assert event.outcome == EventOutcome.CLOSED and txn.status == TransactionStatus.CANCELLED and not txn.credited
    owed.dossier.refresh_from_db()
    assert owed.dossier.status == DossierStatus.AWAITING_PAYMENT and confirmations(owed.dossier_id) == 0
    retry = start(desk.citizen, owed, key="retry")
    assert retry.transaction.pk != txn.pk


# --- Callbacks: attacks and disorder ----------------------------------------------------------------------------


def test_a_forged_callback_changes_nothing_and_is_logged(owed, desk):
    started = start(desk.citizen, owed)
    forged = {"ref": started.transaction.reference, "amount": str(FEE), "status": "paid", "txn": "X"}
    forged["sig"] = "0" * 64

    event = services.process_callback("sandbox", forged, source=EventSource.NOTIFICATION)

    assert (event.outcome, event.signature_ok) == (EventOutcome.BAD_SIGNATURE, False)
    assert event.params["ref"] == forged["ref"]
    assert PaymentTransaction.objects.get().status == TransactionStatus.PENDING
    assert confirmations(owed.dossier_id) == 0


def test_a_tampered_status_breaks_the_signature(owed, desk):
    params = pay_at_sandbox(start(desk.citizen, owed), pay=False)
    params["status"] = "paid"
    event = services.process_callback("sandbox", params, source=EventSource.RETURN)
    assert event.outcome == EventOutcome.BAD_SIGNATURE
    assert PaymentTransaction.objects.get().status == TransactionStatus.PENDING


def test_a_replayed_valid_callback_is_logged_as_duplicate_and_credits_once(owed, desk):
    params = pay_at_sandbox(start(desk.citizen, owed))

    outcomes = [services.process_callback("sandbox", params, source=EventSource.NOTIFICATION).outcome for _ in range(3)]

    assert outcomes == [EventOutcome.SETTLED, EventOutcome.DUPLICATE, EventOutcome.DUPLICATE]
    assert PaymentTransaction.objects.filter(credited=True).count() == 1
    assert confirmations(owed.dossier_id) == 1


def test_a_notification_before_the_return_settles_and_the_return_changes_nothing(owed, desk):
    params = pay_at_sandbox(start(desk.citizen, owed))

    notified = services.process_callback("sandbox", params, source=EventSource.NOTIFICATION)
    returned = services.process_callback("sandbox", params, source=EventSource.RETURN)

    assert (notified.outcome, returned.outcome) == (EventOutcome.SETTLED, EventOutcome.DUPLICATE)
    assert confirmations(owed.dossier_id) == 1


def test_an_amount_mismatch_changes_nothing_and_is_logged(owed, desk):
    started = start(desk.citizen, owed)
    reference = started.transaction.reference
    signed_for_less = sandbox.signed({"ref": reference, "amount": 1_000, "status": "paid", "txn": "SB1"})

    event = services.process_callback("sandbox", signed_for_less, source=EventSource.NOTIFICATION)

    assert event.outcome == EventOutcome.AMOUNT_MISMATCH and event.transaction_id == started.transaction.pk
    assert PaymentTransaction.objects.get().status == TransactionStatus.PENDING
    assert confirmations(owed.dossier_id) == 0


def test_a_callback_for_an_unknown_order_is_logged(db):
    params = sandbox.signed({"ref": "TT000000NOSUCH", "amount": 10, "status": "paid", "txn": "SB1"})
    event = services.process_callback("sandbox", params, source=EventSource.NOTIFICATION)
    assert event.outcome == EventOutcome.UNKNOWN_ORDER and event.transaction is None


def test_a_malformed_or_unknown_gateway_callback_is_logged(db):
    assert services.process_callback("sandbox", sandbox.signed({"ref": "x"}), source=EventSource.RETURN).outcome == (
        EventOutcome.MALFORMED
    )
    assert services.process_callback("paypal", {"a": "b"}, source=EventSource.RETURN).outcome == EventOutcome.MALFORMED


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.text(max_size=30), st.text(max_size=2000), max_size=80))
def test_any_garbage_posted_to_a_callback_is_logged_as_refused(db, params):
    event = services.process_callback("sandbox", params, source=EventSource.NOTIFICATION)
    event.refresh_from_db()
    assert event.outcome == EventOutcome.BAD_SIGNATURE and len(event.params) <= 64
    assert not PaymentTransaction.objects.filter(status=TransactionStatus.SUCCEEDED).exists()


def test_a_second_paid_transaction_is_flagged_for_refund_not_credited(owed, desk):
    first, second = start(desk.citizen, owed, key="tab-1"), start(desk.citizen, owed, key="tab-2")
    first_paid, second_paid = pay_at_sandbox(first), pay_at_sandbox(second)

    services.process_callback("sandbox", first_paid, source=EventSource.NOTIFICATION)
    event = services.process_callback("sandbox", second_paid, source=EventSource.NOTIFICATION)

    assert event.outcome == EventOutcome.REFUND_NEEDED
    second_txn = PaymentTransaction.objects.get(pk=second.transaction.pk)
    assert second_txn.status == TransactionStatus.SUCCEEDED and not second_txn.credited
    assert confirmations(owed.dossier_id) == 1


def test_the_database_refuses_two_credited_transactions_for_one_request(owed, desk):
    first, second = start(desk.citizen, owed, key="a").transaction, start(desk.citizen, owed, key="b").transaction
    PaymentTransaction.objects.filter(pk=first.pk).update(status=TransactionStatus.SUCCEEDED, credited=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentTransaction.objects.filter(pk=second.pk).update(status=TransactionStatus.SUCCEEDED, credited=True)


def test_payment_events_are_append_only(owed, desk):
    event = services.process_callback("sandbox", pay_at_sandbox(start(desk.citizen, owed)), source=EventSource.RETURN)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        PaymentEvent.objects.filter(pk=event.pk).update(outcome=EventOutcome.DUPLICATE)
    with pytest.raises(AppendOnlyError):
        PaymentEvent.objects.all().delete()


@pytest.mark.postgres_only
def test_postgresql_itself_refuses_to_rewrite_the_payment_log(owed, desk):
    event = services.process_callback("sandbox", pay_at_sandbox(start(desk.citizen, owed)), source=EventSource.RETURN)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE payments_paymentevent SET outcome = 'duplicate' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM payments_paymentevent WHERE id = %s", [event.pk])


# --- Counter ----------------------------------------------------------------------------------------------------


def test_clerk_records_a_cash_payment_with_its_receipt_number(owed, desk):
    txn = services.record_counter_payment(desk.clerk, owed, method=CounterMethod.CASH, receipt_number="BL-0001234")

    assert (txn.gateway, txn.status, txn.credited, txn.amount) == ("counter", TransactionStatus.SUCCEEDED, True, FEE)
    assert PaymentEvent.objects.get().outcome == EventOutcome.SETTLED
    confirmation = owed.dossier.events.get(action=EventAction.CONFIRM_PAYMENT)
    assert confirmation.actor_id == desk.clerk.pk and confirmation.payload["reference"] == "BL-0001234"


def test_counter_payment_is_refused_to_a_citizen_twice_and_without_receipt_number(owed, desk):
    with pytest.raises(DossierError):
        services.record_counter_payment(desk.citizen, owed, method=CounterMethod.CASH, receipt_number="BL1")
    with pytest.raises(PaymentError, match="số biên lai"):
        services.record_counter_payment(desk.clerk, owed, method=CounterMethod.CASH, receipt_number="  ")
    services.record_counter_payment(desk.clerk, owed, method=CounterMethod.BANK_TRANSFER, receipt_number="BL1")
    owed.refresh_from_db()
    with pytest.raises((PaymentError, DossierError)):
        services.record_counter_payment(desk.clerk, owed, method=CounterMethod.CASH, receipt_number="BL2")
    assert PaymentTransaction.objects.count() == 1


# --- Reconciliation ---------------------------------------------------------------------------------------------


def test_a_lost_notification_is_settled_by_reconciliation_exactly_once(owed, desk):
    """The payer paid, the notification timed out and the browser never came back: the query settles it, and the
    late notification that finally arrives changes nothing."""
    started = start(desk.citizen, owed)
    late_notification = pay_at_sandbox(started)

    report = services.reconcile_pending()
    again = services.reconcile_pending()
    late = services.process_callback("sandbox", late_notification, source=EventSource.NOTIFICATION)

    assert report.outcomes == {EventOutcome.SETTLED: 1} and again.outcomes == {}
    assert late.outcome == EventOutcome.DUPLICATE
    assert PaymentTransaction.objects.filter(status=TransactionStatus.SUCCEEDED).count() == 1
    assert confirmations(owed.dossier_id) == 1
    assert list(PaymentEvent.objects.values_list("source", "outcome")) == [
        (EventSource.QUERY, EventOutcome.SETTLED),
        (EventSource.NOTIFICATION, EventOutcome.DUPLICATE),
    ]


def test_reconciliation_waits_then_expires_a_transaction_the_gateway_never_saw(owed, desk):
    started = start(desk.citizen, owed)

    early = services.reconcile_pending()
    late = services.reconcile_pending(now=timezone.now() + timedelta(minutes=31))

    assert early.outcomes == {EventOutcome.STILL_PENDING: 1} and late.outcomes == {EventOutcome.EXPIRED: 1}
    txn = PaymentTransaction.objects.get(pk=started.transaction.pk)
    assert txn.status == TransactionStatus.EXPIRED and confirmations(owed.dossier_id) == 0


def test_reconciliation_never_expires_what_an_unreachable_gateway_may_have_paid(owed, desk):
    start(desk.citizen, owed, gateway_id="vnpay")  # VNPAY_API_URL points at a closed port

    report = services.reconcile_pending(now=timezone.now() + timedelta(days=1))

    assert report.outcomes == {EventOutcome.UNREACHABLE: 1}
    assert PaymentTransaction.objects.get().status == TransactionStatus.PENDING


def test_reconciliation_closes_a_cancelled_sandbox_payment(owed, desk):
    pay_at_sandbox(start(desk.citizen, owed), pay=False)
    assert services.reconcile_pending().outcomes == {EventOutcome.CLOSED: 1}
    assert SandboxPayment.objects.get().status == TransactionStatus.CANCELLED
