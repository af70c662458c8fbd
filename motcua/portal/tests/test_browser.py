"""A newcomer, in a real browser, on the real catalogue."""

import pytest
from playwright.sync_api import expect

from motcua.catalog.services import apply_demo_service_levels, import_procedures
from motcua.catalog.tests.fixtures import REAL_CATALOGUE

MAX_CLICKS = 3


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_newcomer_reaches_birth_registration_from_the_home_page_in_at_most_three_clicks(page):
    import_procedures(REAL_CATALOGUE)
    apply_demo_service_levels()
    clicks = 0

    page.goto(f"{page.base_url}/")
    page.get_by_label("Tìm thủ tục hành chính").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    clicks += 1
    expect(page.get_by_role("heading", name="Tìm thấy", exact=False)).to_be_visible()
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True).first.click()
    clicks += 1

    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục đăng ký khai sinh")
    assert page.url == f"{page.base_url}/thu-tuc/1.001193/"
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến")).to_be_visible()
    assert clicks <= MAX_CLICKS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_keyboard_user_can_search_with_enter_and_sees_the_focus(page):
    import_procedures(REAL_CATALOGUE)

    page.goto(f"{page.base_url}/thu-tuc/")
    search = page.get_by_label("Tìm thủ tục hành chính")
    search.focus()
    outline = search.evaluate("element => getComputedStyle(element).outlineStyle")
    search.fill("1.001193")
    search.press("Enter")

    assert outline == "solid"
    expect(page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True).first).to_be_visible()
