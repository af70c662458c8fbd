from collections import Counter
from datetime import date
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from motcua.dossiers.constants import EventAction
from motcua.dossiers.models import Dossier, DossierCodeSequence, DossierEvent
from motcua.reports import selectors, services
from motcua.reports.bulk_history import generate_bulk_history
from motcua.reports.constants import HISTORY_YEAR
from motcua.reports.models import SyntheticDossier
from motcua.reports.tests.factories import make_casts

YEAR = (date(HISTORY_YEAR, 1, 1), date(HISTORY_YEAR, 12, 31))
QUARTER = (date(HISTORY_YEAR, 4, 1), date(HISTORY_YEAR, 6, 30))


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def lifecycle_events() -> Counter:
    """Every event but the document attachments, which the bulk path leaves out on purpose."""
    return Counter(
        (
            event.action,
            event.from_status,
            event.to_status,
            event.agency_id,
            event.recipient_agency_id,
            # Kind and name, not the id: each rolled-back run creates the default workflow anew.
            event.step_kind,
            event.step_name,
            event.deadline,
            event.note,
            timezone.localdate(event.at),
            event.at,
            tuple(sorted(event.payload.items())),
        )
        for event in DossierEvent.objects.exclude(action=EventAction.ATTACH)
    )


def dossier_rows() -> Counter:
    # Not `version`: every attached document bumps it on the service path.
    return Counter(
        Dossier.objects.values_list(
            "code",
            "status",
            "channel",
            "intake",
            "receiving_agency_id",
            "handling_agency_id",
            "current_step__kind",
            "step_due_at",
            "submitted_at",
            "received_at",
            "due_at",
            "resolved_at",
            "returned_at",
            "applicant_name",
            "created_at",
            "updated_at",
            "status_changed_at",
        )
    )


def engine_answers():
    return (
        selectors.summary(*YEAR),
        selectors.summary(*QUARTER),
        sorted(selectors.summary_by_agency(*YEAR), key=lambda row: row.code),
    )


def generated(generate) -> tuple:
    with transaction.atomic():
        made = generate()
        result = (
            made,
            lifecycle_events(),
            dossier_rows(),
            sorted(DossierCodeSequence.objects.values_list("agency_id", "day", "last")),
            SyntheticDossier.objects.filter(seed=7).count(),
            engine_answers(),
        )
        transaction.set_rollback(True)
    return result


def generate_through_services() -> int:
    made = services.generate_history(dossiers=30, seed=7)
    # The services count events after commit, which this rolled-back comparison never reaches.
    services.rebuild_counters()
    return made


def test_bulk_path_writes_the_events_and_counters_of_the_service_path(db):
    make_casts()
    by_services = generated(generate_through_services)
    by_bulk = generated(lambda: generate_bulk_history(dossiers=30, seed=7, batch_size=7))
    assert by_services[0] == by_bulk[0] == 30
    assert by_bulk[1] == by_services[1]
    assert by_bulk[2] == by_services[2]
    assert by_bulk[3] == by_services[3]
    assert by_bulk[4] == 30
    assert by_bulk[5] == by_services[5]
    assert by_bulk[5][0].received.new == 30


def test_bulk_path_continues_each_agency_day_sequence_already_issued(db):
    make_casts()
    first = generate_bulk_history(dossiers=12, seed=7)
    codes_before = set(Dossier.objects.exclude(code=None).values_list("code", flat=True))
    generate_bulk_history(dossiers=12, seed=7)
    codes = list(Dossier.objects.exclude(code=None).values_list("code", flat=True))
    assert first == 12
    assert len(codes) == len(set(codes)) > len(codes_before)
    assert selectors.summary(*YEAR).received.new == 24


def test_command_with_bulk_writes_through_the_bulk_path(db):
    make_casts()
    call_command("generate_history", dossiers=5, seed=3, bulk=True)
    assert SyntheticDossier.objects.filter(seed=3).count() == 5
    assert not DossierEvent.objects.filter(action=EventAction.ATTACH).exists()
    assert selectors.summary(*YEAR).received.new == 5


def every_column(model, *, besides: tuple[str, ...], through: dict[str, str]) -> Counter:
    """Every row of `model`, all its columns but the ids that differ between two rolled-back runs; the foreign
    keys in `through` (to rows each run creates anew, such as its synthetic staff) by a field of their row."""
    columns = [
        f"{field.name}__{through[field.name]}" if field.name in through else field.attname
        for field in model._meta.concrete_fields
        if field.attname not in besides
    ]
    return Counter(tuple(repr(value) for value in row) for row in model.objects.order_by().values_list(*columns))


def written_rows() -> tuple:
    with transaction.atomic():
        generate_bulk_history(dossiers=30, seed=7, batch_size=7)
        rows = (
            every_column(
                Dossier,
                besides=("id",),
                through={
                    "applicant": "username",
                    "submitter": "username",
                    "assignee": "username",
                    "workflow": "name",
                    "current_step": "kind",
                },
            ),
            every_column(
                DossierEvent,
                besides=("id",),
                through={"dossier": "created_at", "actor": "username", "recipient": "username", "step": "kind"},
            ),
            every_column(SyntheticDossier, besides=(), through={"dossier": "created_at"}),
        )
        transaction.set_rollback(True)
    return rows


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is the PostgreSQL write path")
def test_copy_writes_every_column_bulk_create_writes(db):
    make_casts()
    copied = written_rows()
    with mock.patch.object(connection, "vendor", "sqlite"):
        created = written_rows()
    assert sum(copied[0].values()) == sum(copied[2].values()) == 30
    assert copied == created
