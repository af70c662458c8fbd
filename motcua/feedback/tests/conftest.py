import pytest

from motcua.dossiers.tests.factories import make_desk
from motcua.feedback.tests.factories import returned_dossier


@pytest.fixture
def desk(db):
    return make_desk()


@pytest.fixture
def returned(desk):
    return returned_dossier(desk)
