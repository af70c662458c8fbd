from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import EventAction, Timeliness
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import make_desk
from motcua.evaluation import scoring, selectors
from motcua.evaluation.tests.factories import current_period

pytestmark = pytest.mark.django_db


def test_a_hand_off_naming_no_staff_still_counts_for_the_step_timeliness_as_on_the_control_slip():
    desk = make_desk()
    dossier = desk.resolved()
    # As a hand-off is recorded when no signed-in user acted: it keeps its deadline but names nobody.
    now = timezone.now()
    DossierEvent.objects.create(
        dossier=dossier,
        at=now,
        action=EventAction.TRANSFER,
        from_status=dossier.status,
        to_status=dossier.status,
        agency=desk.agency,
        deadline=now - timedelta(hours=1),
    )

    [fact] = selectors.resolved_dossier_facts(*scoring.period_bounds(current_period()[0], 0))

    slip = [row.timeliness for row in dossier_selectors.control_slip_rows(dossier) if row.timeliness]
    assert slip[-1] == Timeliness.LATE
    assert fact.step_timeliness == slip
    assert fact.staff_ids == {desk.clerk.pk, desk.leader.pk, desk.specialist.pk}
