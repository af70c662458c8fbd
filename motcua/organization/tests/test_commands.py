from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.organization.models import Agency

pytestmark = pytest.mark.django_db


def test_load_organization_prints_the_report():
    out = StringIO()

    call_command("load_organization", "deployments/ha-giang-2021.json", stdout=out)

    assert "Cơ quan: 225 (tạo mới 225, cập nhật 0, giữ nguyên 0)" in out.getvalue()
    assert Agency.objects.filter(code="000.00.00.H22").exists()


def test_load_organization_twice_reports_everything_unchanged():
    call_command("load_organization", "ha-giang-2021", stdout=StringIO())
    out = StringIO()

    call_command("load_organization", "ha-giang-2021", stdout=out)

    assert "Đơn vị hành chính: 205 (tạo mới 0, cập nhật 0, giữ nguyên 205)" in out.getvalue()


def test_unknown_file_is_a_command_error_not_a_traceback():
    with pytest.raises(CommandError, match="Không tìm thấy tệp triển khai"):
        call_command("load_organization", "deployments/khong-co.json")
