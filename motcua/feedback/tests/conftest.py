import pytest

from motcua.dossiers.tests.factories import make_desk
from motcua.feedback.tests.factories import returned_dossier


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk(db):
    return make_desk()


@pytest.fixture
def returned(desk):
    return returned_dossier(desk)
