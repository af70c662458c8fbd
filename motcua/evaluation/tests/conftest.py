import pytest

from motcua.core import calendar


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Calendar overrides are cached per process; a rolled-back test must not leave its copy behind."""
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()
