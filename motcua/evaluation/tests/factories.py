"""Evaluation test data: dossier histories through the real dossier services, weights and targets by factory."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from motcua.dossiers import services as dossier_services
from motcua.evaluation.models import AnnualTarget, EmulationWeights, EvaluationSnapshot
from motcua.organization.tests.factories import DepartmentFactory, StaffUserFactory


def current_period() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def returned(desk, citizen=None):
    return dossier_services.do_return_result(desk.clerk, desk.resolved(citizen), recipient_name="Nguyễn Văn An")


class WeightsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationWeights

    effective_from = date(2020, 1, 1)
    online_rate = 1
    on_time_rate = 1
    evaluation = 1
    reason = "Kế hoạch thi đua năm của Sở Nội vụ"
    created_by = factory.SubFactory(StaffUserFactory, password="!")


class AnnualTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualTarget

    agency = factory.SubFactory(DepartmentFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    online_rate = Decimal("30.00")
    on_time_rate = Decimal("95.00")
    level34_coverage = Decimal("80.00")
    online_payment_rate = Decimal("10.00")


class SnapshotFactory(factory.django.DjangoModelFactory):
    """A published unit score, for ranking and page tests that do not need a dossier history."""

    class Meta:
        model = EvaluationSnapshot

    agency = factory.SubFactory(DepartmentFactory)
    year = 2021
    quarter = 0
    dossiers = 10
    index_1 = Decimal("2.0")
    index_2 = Decimal("1.5")
    index_3 = Decimal("2.0")
    total = Decimal("5.5")
    max_points = 6
    rank = "xuat_sac"
    online_rate = Decimal("50.00")
    on_time_rate = Decimal("90.00")


