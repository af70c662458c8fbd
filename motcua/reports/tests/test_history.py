from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from motcua.dossiers.constants import FINAL_STATUSES, Channel, DossierStatus
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.organization.tests.factories import DepartmentFactory
from motcua.reports import selectors, services
from motcua.reports.constants import HISTORY_YEAR
from motcua.reports.models import SyntheticDossier
from motcua.reports.tests import brute_force
from motcua.reports.tests.factories import make_cast, make_casts


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def history_fingerprint():
    return [
        (
            dossier.procedure_id,
            dossier.receiving_agency_id,
            dossier.channel,
            dossier.status,
            [(event.action, event.at) for event in dossier.events.order_by("at", "id")],
        )
        for dossier in Dossier.objects.order_by("pk").prefetch_related("events")
    ]


def test_generated_history_is_marked_synthetic_lifecycle_valid_and_counted(db, django_capture_on_commit_callbacks):
    make_casts()
    with django_capture_on_commit_callbacks(execute=True):
        made = services.generate_history(dossiers=25, seed=5)
    assert made == 25
    synthetic = set(SyntheticDossier.objects.values_list("dossier_id", flat=True))
    assert synthetic == set(Dossier.objects.values_list("pk", flat=True))
    assert all(selectors.is_synthetic(pk) for pk in synthetic)
    assert {event.at.year for event in DossierEvent.objects.all()} == {HISTORY_YEAR}
    assert Dossier.objects.filter(status=DossierStatus.DRAFT).count() == 0
    year = (date(HISTORY_YEAR, 1, 1), date(HISTORY_YEAR, 12, 31))
    figures = selectors.summary(*year)
    assert figures.received.new == 25
    assert figures.resolved.early > figures.resolved.late
    assert brute_force.engine_figures(figures) == brute_force.figures(brute_force.stories(), *year)
    closed = figures.resolved.total + figures.withdrawn + figures.refused + figures.stopped
    assert closed == Dossier.objects.filter(status__in=[*FINAL_STATUSES, DossierStatus.RESOLVED]).count()


def test_the_same_seed_gives_the_same_history(db):
    make_casts()
    runs = []
    for _ in range(2):
        with transaction.atomic():
            services.generate_history(dossiers=8, seed=11)
            runs.append(history_fingerprint())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0]


def test_commune_dossiers_are_never_online_and_province_ones_often_are(db):
    make_casts()
    services.generate_history(dossiers=40, seed=2)
    channels = {
        level: set(Dossier.objects.filter(receiving_agency__level=level).values_list("channel", flat=True))
        for level in ("tinh", "xa")
    }
    assert Channel.ONLINE not in channels["xa"]
    assert Channel.ONLINE in channels["tinh"]


def test_command_reports_what_it_made_and_refuses_an_empty_catalogue(db):
    with pytest.raises(CommandError):
        call_command("generate_history", dossiers=3, seed=1)
    make_casts()
    with pytest.raises(CommandError):
        call_command("generate_history", dossiers=0, seed=1)
    call_command("generate_history", dossiers=3, seed=1)
    assert SyntheticDossier.objects.filter(seed=1).count() == 3


def test_district_desks_borrow_commune_procedures_when_the_catalogue_lists_none(db):
    make_cast("xa")
    DepartmentFactory(level="huyen")
    services.generate_history(dossiers=20, seed=4)
    assert Dossier.objects.filter(receiving_agency__level="huyen").exists()
