import pytest

from motcua.organization.services import load_deployment


@pytest.fixture
def ha_giang(db):
    return load_deployment("ha-giang-2021")


@pytest.fixture
def tuyen_quang(db):
    return load_deployment("tuyen-quang-2025")
