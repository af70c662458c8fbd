"""Double notifications at the same instant: only PostgreSQL runs the two transactions in parallel."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from motcua.dossiers.constants import EventAction
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import DossierError
from motcua.dossiers.tests.factories import make_desk
from motcua.payments import services
from motcua.payments.constants import EventOutcome, EventSource
from motcua.payments.errors import PaymentError
from motcua.payments.models import PaymentEvent, PaymentTransaction
from motcua.payments.tests.factories import payment_request
from motcua.payments.tests.flows import pay_at_sandbox, start

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_at_once(calls):
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_eight_simultaneous_copies_of_a_callback_credit_once():
    desk = make_desk()
    owed = payment_request(desk)
    params = pay_at_sandbox(start(desk.citizen, owed))

    events = run_at_once(
        [lambda: services.process_callback("sandbox", params, source=EventSource.NOTIFICATION) for _ in range(8)]
    )

    assert sorted(event.outcome for event in events) == [EventOutcome.DUPLICATE] * 7 + [EventOutcome.SETTLED]
    assert PaymentTransaction.objects.filter(credited=True).count() == 1
    assert DossierEvent.objects.filter(dossier_id=owed.dossier_id, action=EventAction.CONFIRM_PAYMENT).count() == 1
    assert PaymentEvent.objects.count() == 8


def test_a_callback_and_a_counter_payment_at_once_credit_once():
    desk = make_desk()
    owed = payment_request(desk)
    params = pay_at_sandbox(start(desk.citizen, owed))

    results = run_at_once(
        [
            lambda: services.process_callback("sandbox", params, source=EventSource.NOTIFICATION),
            lambda: _counter_or_error(desk, owed),
        ]
    )

    callback_event, counter = results
    assert PaymentTransaction.objects.filter(credited=True).count() == 1
    assert DossierEvent.objects.filter(dossier_id=owed.dossier_id, action=EventAction.CONFIRM_PAYMENT).count() == 1
    if isinstance(counter, PaymentTransaction):  # the desk won: the online money is flagged to be given back
        assert callback_event.outcome == EventOutcome.REFUND_NEEDED
    else:
        assert callback_event.outcome == EventOutcome.SETTLED and isinstance(counter, (PaymentError, DossierError))


def _counter_or_error(desk, owed):
    """Which of the two loses is the race; the loser's refusal is the result."""
    try:
        return services.record_counter_payment(desk.clerk, owed, method="tien_mat", receipt_number="BL9")
    except (PaymentError, DossierError) as error:
        return error
