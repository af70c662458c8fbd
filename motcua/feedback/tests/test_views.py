import time
from types import SimpleNamespace

import pytest
from django.core import signing
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.feedback import selectors, services
from motcua.feedback.constants import RATING_LINK_MAX_AGE
from motcua.feedback.models import Rating
from motcua.feedback.tests.factories import HAPPY, UNHAPPY_ABOUT_STAFF, ApplicantFactory, form_data, make_desk, staff
from motcua.organization.constants import StaffRole

pytestmark = pytest.mark.django_db


def test_a_returned_dossier_shows_the_rating_link_to_its_applicant(client, desk, returned):
    client.force_login(desk.citizen)

    page = client.get(reverse("dossiers:detail", args=[returned.pk]))

    assert reverse("feedback:rate", args=[returned.pk]) in page.text


def test_the_applicant_rates_from_my_dossiers(client, desk, returned):
    client.force_login(desk.citizen)
    url = reverse("feedback:rate", args=[returned.pk])

    assert "Rất hài lòng" in client.get(url).text
    response = client.post(url, form_data(HAPPY))

    assert response.status_code == 302
    assert selectors.rating_of(returned).overall == HAPPY.overall
    assert "Bạn đã đánh giá hồ sơ này" in client.get(url).text


def test_a_second_rating_is_refused_on_the_page(client, desk, returned):
    services.rate_as_applicant(desk.citizen, returned, HAPPY)
    client.force_login(desk.citizen)

    response = client.post(reverse("feedback:rate", args=[returned.pk]), form_data(UNHAPPY_ABOUT_STAFF))

    assert response.status_code == 400
    assert "đã được đánh giá" in response.text
    assert Rating.objects.count() == 1


def test_rating_a_dossier_not_yet_returned_is_refused_on_the_page(client, desk):
    dossier = desk.resolved()
    client.force_login(desk.citizen)

    response = client.post(reverse("feedback:rate", args=[dossier.pk]), form_data(HAPPY))

    assert response.status_code == 400
    assert "sau khi hồ sơ đã được trả kết quả" in response.text
    assert not Rating.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_elses_dossier_rating_page_is_404(client, desk, returned, method):
    client.force_login(ApplicantFactory())

    response = getattr(client, method)(reverse("feedback:rate", args=[returned.pk]), form_data(HAPPY))

    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_a_missing_answer_gets_a_vietnamese_message(client, desk, returned):
    client.force_login(desk.citizen)

    response = client.post(reverse("feedback:rate", args=[returned.pk]), {**form_data(HAPPY), "on_time": ""})

    assert response.status_code == 400
    assert "Vui lòng chọn mức độ hài lòng." in response.text
    assert not Rating.objects.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=st.text(max_size=2100) | st.just("Có ký tự\x00rỗng"))
def test_any_comment_is_stored_or_refused_with_a_message(client, desk, returned, comment):
    Rating.objects.filter(dossier_id=returned.pk).delete()
    client.force_login(desk.citizen)

    response = client.post(reverse("feedback:rate", args=[returned.pk]), {**form_data(HAPPY), "comment": comment})

    assert response.status_code in (302, 400)
    assert (response.status_code == 302) == Rating.objects.filter(dossier_id=returned.pk).exists()


def test_the_signed_link_rates_without_signing_in(client, desk, returned):
    url = reverse("feedback:rate-by-link", args=[services.rating_link_token(returned)])

    assert client.get(url).status_code == 200
    response = client.post(url, form_data(UNHAPPY_ABOUT_STAFF))

    assert response.status_code == 302
    assert selectors.rating_of(returned).rater == desk.citizen


def test_an_expired_link_is_refused_with_a_message(client, returned, monkeypatch):
    issued_long_ago = time.time() - RATING_LINK_MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as past:
        past.setattr(signing, "time", SimpleNamespace(time=lambda: issued_long_ago))
        token = services.rating_link_token(returned)

    response = client.post(reverse("feedback:rate-by-link", args=[token]), form_data(HAPPY))

    assert response.status_code == 410
    assert "hết hạn" in response.text
    assert not Rating.objects.exists()


def test_a_tampered_link_is_404(client, returned):
    token = services.rating_link_token(returned)
    signature = token.rsplit(":", 1)[1]
    forged = signing.dumps({"dossier": returned.pk + 1, "applicant": returned.applicant_id}, salt="other").split(
        ":", 1
    )[0]

    for bad in (f"{forged}:{signature}", token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "khong-hop-le"):
        assert client.post(reverse("feedback:rate-by-link", args=[bad]), form_data(HAPPY)).status_code == 404
    assert not Rating.objects.exists()


def test_the_monitor_sees_unhappy_ratings_of_their_agency(client, desk, returned):
    services.rate_as_applicant(desk.citizen, returned, UNHAPPY_ABOUT_STAFF)
    client.force_login(staff(desk.agency, StaffRole.MONITOR))

    page = client.get(reverse("feedback:monitor"))

    assert page.status_code == 200
    assert returned.code in page.text
    assert UNHAPPY_ABOUT_STAFF.comment in page.text


def test_a_monitor_elsewhere_does_not_see_them(client, desk, returned):
    services.rate_as_applicant(desk.citizen, returned, UNHAPPY_ABOUT_STAFF)
    client.force_login(staff(make_desk().agency, StaffRole.MONITOR))

    page = client.get(reverse("feedback:monitor"))

    assert page.status_code == 200
    assert returned.code not in page.text


@pytest.mark.parametrize("who", ["citizen", "clerk", "leader"])
def test_the_monitor_page_is_404_without_the_monitor_role(client, desk, returned, who):
    services.rate_as_applicant(desk.citizen, returned, UNHAPPY_ABOUT_STAFF)
    client.force_login(getattr(desk, who))

    assert client.get(reverse("feedback:monitor")).status_code == 404


def test_the_notification_link_opens_the_rating_page(client, returned, settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.hagiang.gov.vn"
    url = services.rating_link_url(returned)

    assert url.startswith("https://dichvucong.hagiang.gov.vn/danh-gia/lien-ket/")
    assert client.get(url.removeprefix(settings.MOTCUA_PUBLIC_URL)).status_code == 200


def test_the_staff_navigation_links_the_monitor_page_for_monitors_only(client, desk):
    monitor = staff(desk.agency, StaffRole.MONITOR, StaffRole.CLERK)
    client.force_login(monitor)
    assert reverse("feedback:monitor") in client.get(reverse("dossiers:staff-inbox")).text

    client.force_login(desk.clerk)
    assert reverse("feedback:monitor") not in client.get(reverse("dossiers:staff-inbox")).text
