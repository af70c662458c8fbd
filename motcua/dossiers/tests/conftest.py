import pytest

from motcua.core import calendar
from motcua.dossiers.tests.factories import make_desk


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Calendar overrides are cached per process; a rolled-back test must not leave its copy behind."""
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()


@pytest.fixture
def desk(db):
    return make_desk()


@pytest.fixture(autouse=True)
def postgres_only(request):
    if request.node.get_closest_marker("postgres_only"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (row locks, triggers)")
