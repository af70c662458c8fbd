import pytest

from motcua.core import calendar


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Dossier attachments go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_calendar():
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()
