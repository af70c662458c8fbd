import pytest
from django.core.management import CommandError, call_command

from motcua.organization import services as organization_services
from motcua.results.signatures import load_signing_key


@pytest.fixture
def ha_giang(db):
    return organization_services.load_deployment("ha-giang-2021")


def test_command_names_the_certificate_after_the_deployments_service_centre(ha_giang, tmp_path, capsys, settings):
    call_command("ensure_demo_pki", directory=str(tmp_path))

    key = load_signing_key(tmp_path / "demo-agency.p12", settings.MOTCUA_SIGNING_PKCS12_PASSWORD)
    assert key.common_name == "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"
    assert "O=Ủy ban nhân dân tỉnh Hà Giang" in key.subject
    assert "L=Tỉnh Hà Giang" in key.subject
    assert "Đã tạo CA trình diễn" in capsys.readouterr().out


def test_second_run_changes_nothing(tmp_path, capsys, db):
    arguments = {"directory": str(tmp_path), "agency_name": "Trung tâm PVHCC", "organization": "UBND tỉnh"}
    call_command("ensure_demo_pki", **arguments)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    capsys.readouterr()

    call_command("ensure_demo_pki", **arguments)

    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
    assert "Đã có sẵn CA trình diễn" in capsys.readouterr().out


def test_without_deployment_or_names_the_command_explains_what_is_missing(tmp_path, db):
    with pytest.raises(CommandError, match="nạp dữ liệu triển khai trước"):
        call_command("ensure_demo_pki", directory=str(tmp_path))
