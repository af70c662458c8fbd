"""The full authorization-code flow against a real OpenID provider process (see conftest.oidc_provider)."""

import html
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY

from motcua.accounts.constants import AccountKind
from motcua.accounts.models import User
from motcua.accounts.tests.conftest import SSO_USERS
from motcua.accounts.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def sign_in_at_national_portal(client, provider, login_name: str):
    """Follow the flow as a browser would: our /oidc/authenticate/ → the provider's login form → our callback."""
    issuer = provider.issuer
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302
    assert start["Location"].startswith(f"{issuer}/authorize?")

    # `verify` per request: a session-level value would lose to REQUESTS_CA_BUNDLE from the environment.
    browser = requests.Session()
    login_page = browser.get(start["Location"], verify=provider.certificate_file, timeout=10)
    assert login_page.status_code == 200
    auth_request = html.unescape(re.search(r'name="auth_request" value="([^"]*)"', login_page.text)[1])
    answer = browser.post(
        f"{issuer}/authorize",
        data={"auth_request": auth_request, "username": login_name, "password": SSO_USERS[login_name]["password"]},
        allow_redirects=False,
        verify=provider.certificate_file,
        timeout=10,
    )
    assert answer.status_code == 302
    callback = urlsplit(answer.headers["Location"])
    assert (callback.netloc, callback.path) == ("testserver", "/oidc/callback/")
    return client.get(f"{callback.path}?{callback.query}")


def logged_in_user(client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def test_citizen_signs_in_through_the_national_portal_with_their_cccd(client, national_sso):
    response = sign_in_at_national_portal(client, national_sso, "lothihoa")

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = logged_in_user(client)
    assert (user.kind, user.username, user.cccd) == (AccountKind.CITIZEN, "002195000123", "002195000123")
    assert (user.full_name, user.email, user.phone) == ("Lò Thị Hoa", "lothihoa@example.com", "0912000111")
    assert user.birth_date == date(1995, 3, 8)
    assert not user.has_usable_password()
    assert "002195000123" in client.get("/tai-khoan/").content.decode()


def test_returning_citizen_is_found_by_cccd_and_updated(client, national_sso):
    existing = CitizenFactory(
        cccd="002195000123", username="002195000123", birth_date=date(1995, 3, 8), full_name="Lo Thi Hoa"
    )

    sign_in_at_national_portal(client, national_sso, "lothihoa")

    assert logged_in_user(client).pk == existing.pk
    existing.refresh_from_db()
    assert existing.full_name == "Lò Thị Hoa"
    assert existing.has_usable_password(), "signing in by SSO must not take away the citizen's own password"
    assert User.objects.filter(kind=AccountKind.CITIZEN).count() == 1


def test_cccd_is_taken_from_the_subject_when_the_provider_sends_no_cccd_claim(client, national_sso):
    sign_in_at_national_portal(client, national_sso, "tranvannam")

    assert logged_in_user(client).cccd == "001089004567"


def test_the_cccd_claim_name_is_configurable(client, national_sso, settings):
    settings.OIDC_CCCD_CLAIM = "so_dinh_danh"

    sign_in_at_national_portal(client, national_sso, "vangthimy")

    assert logged_in_user(client).cccd == "002301004321"


def test_an_account_is_never_taken_over_by_a_matching_email_alone(client, national_sso):
    CitizenFactory(email="trung-email@example.com")

    response = sign_in_at_national_portal(client, national_sso, "khongcccd")

    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/?sso=loi"
    assert logged_in_user(client) is None
    assert User.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Không đăng nhập được qua Cổng Dịch vụ công quốc gia" in page


def test_login_page_offers_the_national_portal_when_it_is_configured(client, national_sso):
    page = client.get("/tai-khoan/dang-nhap/").content.decode()

    assert 'href="/oidc/authenticate/"' in page
    assert "Đăng nhập bằng tài khoản Cổng DVC quốc gia" in page


def test_login_page_has_no_national_portal_button_when_it_is_not_configured(client):
    page = client.get("/tai-khoan/dang-nhap/").content.decode()

    assert "Cổng DVC quốc gia" not in page
    assert client.get("/oidc/authenticate/").status_code == 404
