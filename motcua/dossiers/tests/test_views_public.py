"""The public lookup /tra-cuu/?ma=: progress by code for anyone, with nothing personal but a masked name."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.dossiers import services

pytestmark = pytest.mark.django_db
LOOKUP = "/tra-cuu/"


def test_lookup_is_mounted_where_the_portal_links_to_it():
    assert reverse("dossiers:lookup") == LOOKUP


def test_lookup_without_a_code_shows_the_form(client):
    response = client.get(LOOKUP)
    assert response.status_code == 200
    assert 'name="ma"' in response.content.decode()


def test_lookup_shows_status_timeline_and_a_masked_name_only(client, desk):
    dossier = services.do_assign(desk.leader, desk.received(), specialist=desk.specialist)
    response = client.get(LOOKUP, {"ma": dossier.code})
    html = response.content.decode()

    assert response.status_code == 200
    assert dossier.code in html
    assert "Nguyễn V*** A**" in html
    assert "Nguyễn Văn An" not in html
    assert desk.citizen.cccd not in html and desk.citizen.phone not in html
    for status in ("Mới đăng ký", "Được tiếp nhận", "Đang xử lý"):
        assert status in html
    assert str(desk.specialist) not in html


def test_lookup_accepts_a_code_typed_in_lower_case_with_spaces(client, desk):
    dossier = desk.received()
    assert client.get(LOOKUP, {"ma": f"  {dossier.code.lower()} "}).status_code == 200


def test_unknown_code_is_a_friendly_404_page(client):
    response = client.get(LOOKUP, {"ma": "000.00.00.H22-210616-0001"})
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ" in html
    assert 'name="ma"' in html


@pytest.mark.parametrize("code", ["abc", "000.00.00.H22-211332-0001", "000.00.00.H22-210616-0000", ""])
def test_malformed_code_gets_a_message(client, code):
    response = client.get(LOOKUP, {"ma": code})
    assert response.status_code == 400
    assert '<a href="#id_ma">' in response.content.decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=120))
def test_no_input_makes_the_lookup_fail(client, text):
    assert client.get(LOOKUP, {"ma": text}).status_code in (200, 400, 404)
