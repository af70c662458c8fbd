import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from motcua.organization.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("quantri", "quantri@example.com", "Mat-khau-2021"))
    return client


def test_agency_list_searches_by_code_and_filters_by_level_and_kind(admin_client, ha_giang):
    response = admin_client.get(
        "/quan-tri/organization/agency/", {"q": "000.00.51", "level__exact": "huyen", "kind__exact": "ubnd"}
    )

    assert response.status_code == 200
    assert "Ủy ban nhân dân thành phố Hà Giang" in response.content.decode()
    assert "Ủy ban nhân dân huyện Đồng Văn" not in response.content.decode()


def test_agency_list_searches_by_name(admin_client, ha_giang):
    response = admin_client.get("/quan-tri/organization/agency/", {"q": "Tư pháp"})

    assert "000.00.03.H22" in response.content.decode()


@pytest.mark.parametrize("model", ["administrativeunit", "agency", "desk", "membership"])
def test_change_lists_and_forms_render_in_vietnamese(admin_client, ha_giang, model):
    MembershipFactory()

    listing = admin_client.get(f"/quan-tri/organization/{model}/")
    form = admin_client.get(f"/quan-tri/organization/{model}/add/")

    assert (listing.status_code, form.status_code) == (200, 200)
    assert str(apps.get_model("organization", model)._meta.verbose_name_plural).capitalize() in listing.content.decode()
