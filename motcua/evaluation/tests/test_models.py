from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from motcua.dossiers.tests.factories import make_desk
from motcua.evaluation.models import EvaluationSnapshot, ImmutableError
from motcua.evaluation.tests.factories import AnnualTargetFactory, WeightsFactory, current_period

pytestmark = pytest.mark.django_db


def test_weights_are_never_changed_in_place():
    weights = WeightsFactory()
    weights.online_rate = 9

    with pytest.raises(ImmutableError):
        weights.save()


def test_a_target_is_a_percentage():
    with pytest.raises(IntegrityError):
        AnnualTargetFactory(on_time_rate=Decimal("100.01"))


def test_recompute_command_scores_the_year_and_its_quarters():
    make_desk().resolved()
    year, quarter = current_period()

    call_command("recompute_evaluation", "--year", str(year))

    assert set(EvaluationSnapshot.objects.values_list("quarter", flat=True)) == {0, quarter}
