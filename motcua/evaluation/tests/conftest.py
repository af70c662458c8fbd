import pytest

from motcua.core import calendar


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Calendar overrides are cached per process; a rolled-back test must not leave its copy behind."""
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()
