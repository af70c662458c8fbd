import pytest
from django.urls import reverse

from motcua.payments.tests.factories import FeeExemptionFactory

pytestmark = pytest.mark.django_db


def test_admin_pages_for_fees_and_payments_render(admin_client, owed):
    exemption = FeeExemptionFactory(schedule__procedure=owed.dossier.procedure, schedule__channel="direct")
    for name in ("feeschedule", "paymentrequest", "paymenttransaction", "paymentevent"):
        assert admin_client.get(reverse(f"admin:payments_{name}_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:payments_feeschedule_change", args=[exemption.schedule_id]))
    assert page.status_code == 200 and "Luật Hộ tịch 2014" in page.content.decode()


def test_payment_records_cannot_be_added_by_hand(admin_client, db):
    assert admin_client.get(reverse("admin:payments_paymenttransaction_add")).status_code == 403
