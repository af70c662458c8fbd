import pytest
from django.core.cache import cache

from motcua.results import services
from motcua.results.tests.factories import PKI_PASSWORD


def _pki(directory, agency_name: str, organization: str) -> services.DemoPkiReport:
    return services.ensure_demo_pki(
        agency_name=agency_name, organization=organization, directory=directory, password=PKI_PASSWORD
    )


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory) -> services.DemoPkiReport:
    """The embedded default's CA, created once per run: RSA key generation is the slow part."""
    return _pki(
        tmp_path_factory.mktemp("pki"),
        "Trung tâm Phục vụ hành chính công tỉnh Hà Giang",
        "Ủy ban nhân dân tỉnh Hà Giang",
    )


@pytest.fixture(scope="session")
def untrusted_pki(tmp_path_factory) -> services.DemoPkiReport:
    """A second CA, that no setting trusts, issuing a certificate with a convincing agency name."""
    return _pki(tmp_path_factory.mktemp("untrusted-pki"), "Sở Tư pháp tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang")


@pytest.fixture(autouse=True)
def signing_settings(settings, demo_pki):
    settings.MOTCUA_SIGNING_PKCS12 = demo_pki.paths.agency_pkcs12
    settings.MOTCUA_SIGNING_PKCS12_PASSWORD = PKI_PASSWORD
    settings.MOTCUA_SIGNING_KEYS_BY_AGENCY = {}
    settings.MOTCUA_TRUST_ROOTS = [str(demo_pki.paths.root_certificate)]
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.hagiang.gov.vn"
    cache.clear()
    yield settings
    cache.clear()
