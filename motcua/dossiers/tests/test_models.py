import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import AppendOnlyError, Dossier, DossierEvent, WorkflowTemplate

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted_through_the_orm(desk):
    event = desk.submitted().events.first()
    event.note = "sửa lại lịch sử"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        DossierEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(AppendOnlyError):
        DossierEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.postgres_only
def test_postgresql_refuses_raw_updates_and_deletes_of_events(desk):
    event = desk.submitted().events.first()
    table = DossierEvent._meta.db_table
    for statement in (f"UPDATE {table} SET note = 'x' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])


@pytest.mark.parametrize(
    "changes",
    [
        {"status": DossierStatus.RECEIVED},  # received without code or appointment
        {"status": DossierStatus.SUBMITTED, "submitted_at": None},
        {"code": "000.00.01.H22-210616-0001"},  # a code before reception
        {"reception_supplements": 2},
        {"channel": "direct"},  # an online intake on the counter channel
        {"apology_issued_at": timezone.now()},
    ],
)
def test_database_constraints_hold_the_invariants(desk, changes):
    dossier = desk.submitted()
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(**changes)


def test_a_dossier_code_is_unique(desk):
    first, second = desk.received(), desk.submitted()
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=second.pk).update(
            code=first.code, status=DossierStatus.RECEIVED, received_at=first.received_at, due_at=first.due_at
        )


def test_there_is_one_default_workflow(db):
    WorkflowTemplate.objects.create(name="Mặc định 1")
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkflowTemplate.objects.create(name="Mặc định 2")
