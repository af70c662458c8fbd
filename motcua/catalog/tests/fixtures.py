"""Fixtures shared by the catalogue's and the portal's tests."""

import pytest
from django.conf import settings
from django.core.cache import cache

from motcua.catalog.models import Procedure
from motcua.catalog.services import apply_demo_service_levels, import_procedures

REAL_CATALOGUE = settings.MOTCUA_SHARED_DATA / "tthc" / "tthc_procedures.jsonl.gz"


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached figures and page fragments of one test must not be seen by the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def real_catalogue(django_db_setup, django_db_blocker):
    """The real national catalogue with the demo service levels, imported once per test module.

    Tests using it run in their own rolled-back transaction on top; the rows it created are removed after the
    module, so that other tests of the session see the database as they left it.
    """
    with django_db_blocker.unblock():
        existing = set(Procedure.objects.values_list("pk", flat=True))
        report = import_procedures(REAL_CATALOGUE)
        apply_demo_service_levels()
    yield report
    with django_db_blocker.unblock():
        Procedure.objects.exclude(pk__in=existing).delete()
