from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.dossiers.tests.factories import make_desk
from motcua.evaluation import services
from motcua.evaluation.tests.factories import (
    AnnualTargetFactory,
    SnapshotFactory,
    WeightsFactory,
    current_period,
)
from motcua.organization.constants import StaffRole
from motcua.organization.services import grant_role
from motcua.organization.tests.factories import DepartmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_public_page_says_when_nothing_is_published(client):
    response = client.get(reverse("evaluation:public"))

    assert response.status_code == 200
    assert "Chưa có kết quả đánh giá nào được công bố." in response.content.decode()


def test_public_page_shows_scores_rank_missing_indices_and_ranking_in_vietnamese_formats(client):
    WeightsFactory()
    snapshot = SnapshotFactory(agency__name="Sở Tư pháp")

    page = client.get(reverse("evaluation:public"), {"nam": 2021, "quy": 0}).content.decode()

    assert "Sở Tư pháp" in page
    assert "Xuất sắc" in page
    assert "5,5/6" in page and "1,5" in page
    assert "77,22" in page
    assert "Chưa có dữ liệu" in page
    assert "01/01/2021" in page and "31/12/2021" in page
    assert snapshot.agency.code not in page


def test_public_page_ignores_a_malformed_period(client):
    SnapshotFactory()

    response = client.get(reverse("evaluation:public"), {"nam": "abc", "quy": "9"})

    assert response.status_code == 200


@pytest.mark.parametrize("role", [None, StaffRole.CLERK])
def test_targets_page_is_not_found_for_anyone_but_a_monitor(client, role):
    user = StaffUserFactory(password="!")
    if role:
        grant_role(user, DepartmentFactory(), role)
    client.force_login(user)

    assert client.get(reverse("evaluation:targets")).status_code == 404


def test_targets_page_is_not_found_for_anonymous_visitors(client):
    assert client.get(reverse("evaluation:targets")).status_code == 404


def test_monitor_sees_targets_beside_progress_and_the_weights_history(client):
    monitor = StaffUserFactory(password="!")
    grant_role(monitor, DepartmentFactory(name="Sở Nội vụ"), StaffRole.MONITOR)
    target = AnnualTargetFactory(agency__name="Sở Xây dựng", online_rate=Decimal("30.00"))
    WeightsFactory(reason="Kế hoạch thi đua năm 2021")
    client.force_login(monitor)

    page = client.get(reverse("evaluation:targets"), {"nam": target.year}).content.decode()

    assert "Sở Xây dựng" in page
    assert "30,00%" in page
    assert "Chưa có dữ liệu" in page  # no payment yet, so no online payment rate
    assert "Kế hoạch thi đua năm 2021" in page


def test_monitor_sees_the_staff_classification_of_their_own_agencies_only(client):
    watched, other = make_desk(), make_desk()
    watched.resolved()
    other.resolved()
    services.recompute_year(current_period()[0])
    monitor = StaffUserFactory(password="!")
    grant_role(monitor, watched.agency, StaffRole.MONITOR)
    client.force_login(monitor)
    year, quarter = current_period()

    page = client.get(reverse("evaluation:targets"), {"nam": year, "quy": quarter}).content.decode()

    assert str(watched.specialist) in page
    assert "Hoàn thành 100% nhiệm vụ" in page
    assert str(other.specialist) not in page
