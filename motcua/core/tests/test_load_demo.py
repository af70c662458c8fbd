from io import StringIO

import pytest
from django.core.management import call_command

from motcua.accounts import selectors as account_selectors
from motcua.catalog import selectors as catalog_selectors
from motcua.organization import selectors as organization_selectors
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.reports import selectors as report_selectors


@pytest.fixture
def demo_output(settings, tmp_path):
    settings.MOTCUA_PKI_DIR = tmp_path / "pki"
    settings.MEDIA_ROOT = tmp_path / "media"
    first, second = StringIO(), StringIO()
    call_command("load_demo", history=3, stdout=first)
    call_command("load_demo", history=3, stdout=second)
    return first.getvalue(), second.getvalue()


@pytest.mark.django_db(transaction=True)
def test_demo_is_ha_giang_2021_with_the_real_catalogue_and_working_accounts(demo_output):
    first, second = demo_output

    assert organization_selectors.province_agency().code == "000.00.00.H22"
    assert organization_selectors.agencies_for_level(AgencyLevel.DISTRICT).count() == 11
    assert organization_selectors.agencies_for_level(AgencyLevel.COMMUNE).count() == 193
    assert "đăng ký khai sinh" in catalog_selectors.get_procedure("1.001193").name.lower()
    clerk = account_selectors.get_user_by_identifier("tinh.motcua")
    assert organization_selectors.has_role(clerk, StaffRole.CLERK)
    assert clerk.check_password("HaGiang@2021")
    assert "tinh.motcua" in first and "HaGiang@2021" in first
    birth_registration = catalog_selectors.get_procedure("1.001193")
    commune = organization_selectors.agencies_for_level(AgencyLevel.COMMUNE).first()
    assert commune.pk in {offering.agency_id for offering in catalog_selectors.procedure_offerings(birth_registration)}

    assert "Lịch sử giả lập" in first and "Lịch sử giả lập" not in second
    assert report_selectors.has_synthetic_history()

    # A second run changes nothing.
    assert "tạo mới 0, cập nhật 0" in second
    assert "Danh mục TTHC: 2934 thủ tục (tạo mới 0, cập nhật 0" in second
    assert "thêm 0 thủ tục–cơ quan" in second
