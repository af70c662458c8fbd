import importlib
import json
import select
import subprocess
import sys
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.urls import clear_url_caches

import motcua.urls

SSO_CLIENT = {
    "client_id": "motcua-ha-giang",
    "client_secret": "bi-mat-cua-ban-thu-nghiem",
    "redirect_uris": ["http://testserver/oidc/callback/"],
}
# Accounts at the stand-in national portal: login name → password and the claims it releases.
SSO_USERS = {
    "lothihoa": {
        "password": "vneid-mat-khau-1",
        "claims": {
            "cccd": "002195000123",
            "name": "Lò Thị Hoa",
            "email": "lothihoa@example.com",
            "phone_number": "+84 912 000 111",
            "birthdate": "1995-03-08",
        },
    },
    # A provider that uses the personal identification number itself as the subject.
    "tranvannam": {
        "password": "vneid-mat-khau-2",
        "claims": {"sub": "001089004567", "name": "Trần Văn Nam", "email": "tranvannam@example.com"},
    },
    # A provider that names the claim differently (OIDC_CCCD_CLAIM).
    "vangthimy": {
        "password": "vneid-mat-khau-3",
        "claims": {"so_dinh_danh": "002301004321", "name": "Vàng Thị Mỷ"},
    },
    # No CCCD anywhere: only an e-mail address, which must never be enough.
    "khongcccd": {
        "password": "vneid-mat-khau-4",
        "claims": {"name": "Người Không Định Danh", "email": "trung-email@example.com"},
    },
}
PROVIDER_START_SECONDS = 60
PROJECT_PASSWORD_HASHERS = list(django_settings.PASSWORD_HASHERS)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Argon2 spends about 0.1 s on each hash by design; tests not about hashing use a fast hasher instead."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project_password_hashing(settings):
    """The deployment's own hashers (Argon2 first), for tests about how passwords are stored."""
    settings.PASSWORD_HASHERS = PROJECT_PASSWORD_HASHERS


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    certificate_file: str  # the provider's self-signed certificate, to trust for HTTPS


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider (pyop) running in its own process, serving HTTPS on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("oidc")
    certificate_file = str(folder / "provider.pem")
    config = folder / "provider.json"
    config.write_text(
        json.dumps({"client": SSO_CLIENT, "users": SSO_USERS, "certificate_file": certificate_file}), encoding="utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "motcua.accounts.tests.oidc_provider", str(config)],
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    ready, _, _ = select.select([process.stdout], [], [], PROVIDER_START_SECONDS)
    issuer = process.stdout.readline().strip() if ready else ""
    if not issuer.startswith("https://127.0.0.1:"):
        process.kill()
        pytest.fail(f"the test OpenID provider did not start (exit code {process.poll()})")
    yield RunningProvider(issuer=issuer, certificate_file=certificate_file)
    process.terminate()
    process.wait(timeout=10)


def _reload_site_urls() -> None:
    # motcua/urls.py mounts /oidc/ only when OIDC_ENABLED is set at import time, as production does.
    importlib.reload(motcua.urls)
    clear_url_caches()


@pytest.fixture
def national_sso(settings, oidc_provider):
    """Single sign-on configured as a deployment would configure it, pointing at the test provider."""
    was_enabled = settings.OIDC_ENABLED
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = SSO_CLIENT["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = SSO_CLIENT["client_secret"]
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid profile email phone cccd"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{oidc_provider.issuer}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{oidc_provider.issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{oidc_provider.issuer}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{oidc_provider.issuer}/jwks"
    # requests takes a CA bundle path for `verify`: the back channel checks the provider's certificate for real.
    settings.OIDC_VERIFY_SSL = oidc_provider.certificate_file
    settings.OIDC_TIMEOUT = 10
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "motcua.accounts.oidc.NationalSSOBackend"]
    _reload_site_urls()
    yield oidc_provider
    settings.OIDC_ENABLED = was_enabled
    _reload_site_urls()
