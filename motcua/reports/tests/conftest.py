import pytest

from motcua.core import calendar


@pytest.fixture(autouse=True)
def fresh_calendar():
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()
