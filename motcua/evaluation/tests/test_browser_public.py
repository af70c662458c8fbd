import pytest

from motcua.evaluation.tests.factories import SnapshotFactory, WeightsFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_to_a_quarter_and_reads_the_ranking_on_a_phone(page):
    WeightsFactory()
    SnapshotFactory(agency__name="Sở Tư pháp", quarter=0)
    SnapshotFactory(agency__name="Sở Y tế", quarter=2, online_rate="10.00")

    page.goto(f"{page.base_url}/danh-gia-chi-so/")
    assert page.get_by_role("heading", name="Sở, ban, ngành").is_visible()
    assert page.get_by_role("row", name="Sở Tư pháp").first.is_visible()

    page.get_by_label("Kỳ đánh giá").select_option(label="Quý 2")
    page.get_by_role("button", name="Xem").click()

    page.wait_for_url("**quy=2**")
    assert page.get_by_role("row", name="Sở Y tế").first.is_visible()
    assert page.get_by_text("Sở Tư pháp").count() == 0
