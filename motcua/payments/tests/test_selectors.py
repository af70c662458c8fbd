from datetime import datetime
from unittest import mock

import pytest
from django.http import Http404
from django.utils import timezone

from motcua.dossiers.services import DossierError
from motcua.dossiers.tests.factories import ApplicantFactory, make_desk
from motcua.organization.constants import AgencyLevel
from motcua.organization.models import Agency
from motcua.payments import selectors, services
from motcua.payments.constants import CounterMethod, EventSource, ExemptionCategory
from motcua.payments.tests.factories import FEE, FeeExemptionFactory, FeeScheduleFactory
from motcua.payments.tests.flows import pay_at_sandbox, start

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


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


MARCH, APRIL = _at(2021, 3, 1, 0), _at(2021, 4, 1, 0)


def _owed(desk):
    return services.request_fees(desk.clerk, desk.received(), amount=FEE)


def _paid_online(desk, payment_request, moment, *, pay: bool = True):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        started = start(desk.citizen, payment_request, key=f"key-{payment_request.pk}")
        services.process_callback("sandbox", pay_at_sandbox(started, pay=pay), source=EventSource.RETURN)


def _paid_at_counter(desk, payment_request, moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        services.record_counter_payment(
            desk.clerk, payment_request, method=CounterMethod.CASH, receipt_number=f"BL{payment_request.pk}"
        )


def test_completed_payments_split_online_and_counter_by_settlement_time(desk, django_assert_num_queries):
    district = make_desk()
    Agency.objects.filter(pk=district.agency.pk).update(level=AgencyLevel.DISTRICT)
    _paid_online(desk, _owed(desk), MARCH)
    _paid_online(desk, _owed(desk), _at(2021, 3, 9), pay=False)  # cancelled at the bank: not a payment
    _paid_at_counter(desk, _owed(desk), _at(2021, 3, 31, 23, 59))
    _paid_at_counter(desk, _owed(desk), APRIL)
    _paid_at_counter(district, _owed(district), _at(2021, 3, 15))
    exempted = _owed(desk)
    services.declare_exemption(desk.citizen, exempted, category=ExemptionCategory.POOR_HOUSEHOLD)
    services.grant_exemption(desk.clerk, exempted)

    with django_assert_num_queries(1):
        everywhere = selectors.completed_payments(MARCH, APRIL)

    assert (everywhere.online, everywhere.counter, everywhere.total) == (1, 2, 3)
    assert selectors.completed_payments(MARCH, APRIL, level=AgencyLevel.PROVINCE) == selectors.CompletedPayments(
        online=1, counter=1
    )
    assert selectors.completed_payments(MARCH, APRIL, agency_codes=[district.agency.code]) == selectors.CompletedPayments(
        online=0, counter=1
    )
    assert selectors.completed_payments(APRIL, _at(2021, 4, 2, 0)).counter == 1
    with django_assert_num_queries(1):
        by_agency = selectors.completed_payments_by_agency(MARCH, APRIL)
    assert by_agency == {
        desk.agency.code: selectors.CompletedPayments(online=1, counter=1),
        district.agency.code: selectors.CompletedPayments(online=0, counter=1),
    }
