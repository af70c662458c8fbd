import pytest
from django.http import Http404

from motcua.dossiers.services import DossierError
from motcua.dossiers.tests.factories import ApplicantFactory
from motcua.payments import selectors, services
from motcua.payments.constants import CounterMethod
from motcua.payments.tests.factories import FeeExemptionFactory, FeeScheduleFactory

pytestmark = pytest.mark.django_db


def test_fee_for_finds_the_schedule_of_the_channel_with_its_exemptions(desk):
    online = FeeScheduleFactory(procedure=desk.procedure, channel="online", amount=50_000)
    FeeScheduleFactory(procedure=desk.procedure, channel="direct", amount=75_000)
    FeeExemptionFactory(schedule=online)

    found = selectors.fee_for(desk.procedure, "online")

    assert found == online and [str(exemption) for exemption in found.exemptions.all()] == ["Người thuộc hộ nghèo"]
    assert selectors.fee_for(desk.procedure.pk, "postal") is None


def test_current_request_is_the_open_one_before_older_paid_ones(owed, desk):
    services.record_counter_payment(desk.clerk, owed, method=CounterMethod.CASH, receipt_number="BL1")
    assert selectors.current_request(owed.dossier) == owed
    with pytest.raises(DossierError):  # the dossier is no longer awaiting payment
        services.request_fees(desk.citizen, owed.dossier, amount=10_000)
    second = services.request_fees(desk.clerk, owed.dossier, amount=20_000)
    assert selectors.current_request(owed.dossier) == second


def test_transactions_are_hidden_from_users_who_cannot_see_the_dossier(owed, desk):
    txn = services.record_counter_payment(desk.clerk, owed, method=CounterMethod.CASH, receipt_number="BL1")
    assert selectors.get_paid_transaction_for(desk.citizen, txn.reference) == txn
    with pytest.raises(Http404):
        selectors.get_transaction_for(ApplicantFactory(), txn.reference)
    with pytest.raises(Http404):
        selectors.get_transaction_for(desk.clerk, "khong-co")
