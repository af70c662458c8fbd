"""Factories for payment tests, on top of the dossier desk (an agency with staff, a citizen, a procedure)."""

import factory

from motcua.dossiers.constants import Channel
from motcua.payments import services
from motcua.payments.constants import ExemptionCategory, FeeStage
from motcua.payments.models import FeeExemption, FeeSchedule

# Lệ phí cấp Giấy phép xây dựng nhà ở riêng lẻ in many provinces' HĐND resolutions.
FEE = 75_000


class FeeScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeSchedule

    channel = Channel.ONLINE
    amount = FEE
    stage = FeeStage.AT_RECEPTION
    note = "Nghị quyết của HĐND tỉnh về phí, lệ phí"


class FeeExemptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeExemption

    schedule = factory.SubFactory(FeeScheduleFactory)
    category = ExemptionCategory.POOR_HOUSEHOLD


def payment_request(desk, *, amount: int = FEE):
    """A received dossier of `desk` whose fees the clerk has asked for (status 6), and that request."""
    FeeScheduleFactory(procedure=desk.procedure, amount=amount)
    dossier = desk.received()
    return services.request_fees(desk.clerk, dossier)
