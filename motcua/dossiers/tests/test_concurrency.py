"""Row locks under real concurrency: only PostgreSQL runs transactions in parallel (SQLite serialises writers)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.constants import EventAction
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.factories import make_desk, staff
from motcua.organization.constants import StaffRole

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_at_once(calls):
    """Run every call on its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except services.DossierError as error:
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_fifty_concurrent_acceptances_get_fifty_consecutive_codes():
    desk = make_desk()
    clerk_ids = [desk.clerk.pk] + [staff(desk.agency, StaffRole.CLERK).pk for _ in range(4)]
    dossier_ids = [desk.submitted().pk for _ in range(50)]

    results = run_at_once(
        [
            lambda dossier_id=dossier_id, clerk_id=clerk_ids[index % 5]: services.do_accept(
                User.objects.get(pk=clerk_id), dossier_id
            )
            for index, dossier_id in enumerate(dossier_ids)
        ]
    )

    assert not [result for result in results if isinstance(result, Exception)]
    codes = sorted(Dossier.objects.filter(pk__in=dossier_ids).values_list("code", flat=True))
    prefix = codes[0][:-4]
    assert codes == [f"{prefix}{number:04d}" for number in range(1, 51)]


def test_two_clerks_on_one_dossier_one_wins_and_the_log_has_one_entry():
    desk = make_desk()
    second_clerk = staff(desk.agency, StaffRole.CLERK)
    dossier_id = desk.submitted().pk

    results = run_at_once(
        [
            lambda: services.do_accept(User.objects.get(pk=desk.clerk.pk), dossier_id),
            lambda: services.do_refuse(
                User.objects.get(pk=second_clerk.pk), dossier_id, reason="Không thuộc thẩm quyền"
            ),
        ]
    )

    failures = [result for result in results if isinstance(result, services.DossierError)]
    assert len(failures) == 1
    assert failures[0].code == "invalid_state" and "trạng thái" in failures[0].message
    decisions = DossierEvent.objects.filter(dossier_id=dossier_id, action__in=[EventAction.ACCEPT, EventAction.REFUSE])
    assert decisions.count() == 1
