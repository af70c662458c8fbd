import pytest

from motcua.dossiers.tests.factories import make_desk


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Stored files go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(db):
    return make_desk()
