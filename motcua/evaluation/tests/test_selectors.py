from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from motcua.catalog.constants import ServiceLevel
from motcua.catalog.tests.factories import OfferingFactory, ProcedureFactory
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import EventAction, Timeliness
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import make_desk
from motcua.evaluation import scoring, selectors
from motcua.evaluation.tests.factories import AnnualTargetFactory, current_period
from motcua.reports.tests.indicator_factories import paid

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


def test_target_progress_measures_the_agencys_own_online_payments_and_offered_procedures():
    desk = make_desk()  # one procedure, offered at level 3
    OfferingFactory(agency=desk.agency, procedure=ProcedureFactory(service_level=ServiceLevel.FORMS))
    moment = timezone.now()
    for online in (True, False, False):
        paid(desk, moment, online=online)
    paid(make_desk(), moment, online=True)  # another agency's payment does not count
    target = AnnualTargetFactory(agency=desk.agency, year=timezone.localdate().year)

    [progress] = selectors.target_progress(target.year, today=timezone.localdate())

    actual = {item.label: item.actual for item in progress.items}
    assert actual["tỷ lệ hồ sơ thanh toán trực tuyến"] == Decimal("33.33")
    assert actual["tỷ lệ TTHC mức độ 3, 4"] == Decimal("50.00")
