import re

import pytest

from motcua.accounts.models import User
from motcua.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD_LABEL = re.compile(r"^Mật khẩu:?$")


def test_citizen_registers_on_a_phone_and_sees_their_account(page):
    page.goto(f"{page.base_url}/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Đăng ký cho công dân").click()

    page.get_by_label("Số CCCD / số định danh cá nhân").fill("002 190 012345")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Ngày sinh").fill("1991-05-12")
    page.get_by_label("Số điện thoại di động").fill("+84 912 345 678")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()

    summary = page.get_by_role("alert")
    assert "Số CCCD không khớp với năm sinh 1991" in summary.inner_text()
    assert page.get_by_label("Số CCCD / số định danh cá nhân").get_attribute("aria-invalid") == "true"
    assert not User.objects.exists()

    page.get_by_label("Ngày sinh").fill("1990-05-12")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()

    page.get_by_role("heading", name="Tài khoản của tôi").wait_for()
    assert "002190012345" in page.content()
    assert User.objects.get().phone == "0912345678"
