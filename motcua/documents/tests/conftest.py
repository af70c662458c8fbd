import pytest
from django.core.cache import cache

from motcua.dossiers.tests.factories import make_desk
from motcua.results import services as result_services

PKI_PASSWORD = "kho-du-lieu-test"


@pytest.fixture
def desk(db):
    return make_desk()


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory) -> result_services.DemoPkiReport:
    """The embedded default's CA and agency key, created once per run: RSA key generation is the slow part."""
    return result_services.ensure_demo_pki(
        agency_name="Trung tâm Phục vụ hành chính công tỉnh Hà Giang",
        organization="Ủy ban nhân dân tỉnh Hà Giang",
        directory=tmp_path_factory.mktemp("pki"),
        password=PKI_PASSWORD,
    )


@pytest.fixture(autouse=True)
def signing_keys(settings, demo_pki):
    """Digitised copies are signed with the demo agency key and verified against the demo root."""
    settings.MOTCUA_SIGNING_PKCS12 = demo_pki.paths.agency_pkcs12
    settings.MOTCUA_SIGNING_PKCS12_PASSWORD = PKI_PASSWORD
    settings.MOTCUA_SIGNING_KEYS_BY_AGENCY = {}
    settings.MOTCUA_TRUST_ROOTS = [str(demo_pki.paths.root_certificate)]
    cache.clear()
    yield settings
    cache.clear()
