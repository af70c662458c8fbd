import pytest

from motcua.core import calendar


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Each test starts and ends with an empty calendar cache: overrides of a rolled-back test must not leak."""
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()
