import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from motcua.accounts.backends import lockout_username
from motcua.accounts.models import User
from motcua.accounts.tests.factories import PASSWORD, CitizenFactory

pytestmark = pytest.mark.django_db


def login_request():
    return RequestFactory().post("/tai-khoan/dang-nhap/")


def test_right_identifier_and_password_authenticate():
    citizen = CitizenFactory()

    assert authenticate(login_request(), username=citizen.cccd, password=PASSWORD) == citizen


def test_deactivated_account_cannot_log_in():
    citizen = CitizenFactory(is_active=False)

    assert authenticate(login_request(), username=citizen.cccd, password=PASSWORD) is None


def test_unknown_identifier_does_not_authenticate():
    assert authenticate(login_request(), username="002190000000", password=PASSWORD) is None


@pytest.mark.parametrize("typed", ["002190012345", " 002 190 012 345", "002.190.012.345"])
def test_lockout_key_is_the_normalised_identifier(typed):
    assert lockout_username(login_request(), {"username": typed}) == "002190012345"


def test_lockout_key_falls_back_to_the_posted_form():
    request = RequestFactory().post("/tai-khoan/dang-nhap/", {"username": "0100109106001"})

    assert lockout_username(request, None) == "0100109106-001"


def test_account_created_the_low_level_way_logs_in_by_its_identifier_in_any_case():
    User.objects.create_superuser("QuanTri", "quantri@example.com", PASSWORD)

    assert authenticate(login_request(), username="quantri", password=PASSWORD).username == "quantri"
    assert authenticate(login_request(), username="QUANTRI", password=PASSWORD) is not None
