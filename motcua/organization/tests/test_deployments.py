import json

import pytest

from motcua.organization.constants import AgencyKind, Scheme
from motcua.organization.deployments import DEPLOYMENTS_DIR, DeploymentError, read_deployment


def minimal(**changes):
    data = {
        "name": "Tỉnh thử",
        "scheme": "2cap",
        "province_code": "08",
        "level1_code": "H60",
        "departments": [{"number": 1, "name": "Văn phòng Ủy ban nhân dân tỉnh"}],
    }
    data.update(changes)
    return data


def test_ha_giang_file_describes_a_three_tier_province_with_h22():
    deployment = read_deployment(DEPLOYMENTS_DIR / "ha-giang-2021.json")

    assert (deployment.scheme, deployment.province_code, deployment.level1_code) == (Scheme.THREE_TIER, "02", "H22")
    assert deployment.level1_code_confirmed
    assert deployment.units_file.name == "ha_giang_2023.csv"
    assert [d.number for d in deployment.departments if d.under is None] == list(range(1, 20))


def test_tuyen_quang_file_marks_its_level1_code_unconfirmed():
    deployment = read_deployment("tuyen-quang-2025")

    assert (deployment.scheme, deployment.province_code, deployment.level1_code) == (Scheme.TWO_TIER, "08", "H60")
    assert not deployment.level1_code_confirmed
    assert deployment.units_file is None


def test_service_centre_sits_under_the_provincial_office():
    centre = next(d for d in read_deployment("ha-giang-2021").departments if d.kind == AgencyKind.SERVICE_CENTRE)

    assert (centre.under, centre.number) == (1, 1)


def test_bare_name_and_project_relative_path_find_the_same_file_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    assert read_deployment("ha-giang-2021") == read_deployment("deployments/ha-giang-2021.json")


def test_names_are_stored_in_nfc():
    decomposed = "Va\u0306n pho\u0300ng"

    deployment = read_deployment(minimal(departments=[{"number": 1, "name": decomposed}]))

    assert deployment.departments[0].name == "Văn phòng"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scheme": "4cap"}, "Cấu trúc"),
        ({"province_code": "8"}, "Mã tỉnh"),
        ({"level1_code": "H6"}, "Mã cấp 1"),
        ({"level1_code_confirmed": "no"}, "level1_code_confirmed"),
        ({"unit_file": "x.csv"}, "unit_file"),
        ({"departments": []}, "departments"),
        ({"departments": [{"number": 51, "name": "Sở A"}]}, "từ 1 đến 50"),
        ({"departments": [{"number": True, "name": "Sở A"}]}, "số nguyên dương"),
        ({"departments": [{"number": 1, "name": "Sở A"}, {"number": 1, "name": "Sở B"}]}, "bị trùng"),
        ({"departments": [{"number": 1, "under": 2, "name": "Trung tâm"}]}, "không có cơ quan nào"),
        ({"departments": [{"number": 1, "name": "UBND", "kind": "ubnd"}]}, "Loại cơ quan"),
        ({"departments": [{"number": 1, "name": "Sở A", "code": "000.00.01.H60"}]}, "code"),
        ({"name": "  "}, "name"),
    ],
)
def test_bad_deployment_is_refused_with_a_vietnamese_reason(changes, message):
    with pytest.raises(DeploymentError, match=message):
        read_deployment(minimal(**changes))


def test_missing_file_is_a_clear_error():
    with pytest.raises(DeploymentError, match="Không tìm thấy tệp triển khai"):
        read_deployment("khong-co-tinh-nay")


def test_broken_json_is_a_clear_error(tmp_path):
    path = tmp_path / "hong.json"
    path.write_text('{"name": ', encoding="utf-8")

    with pytest.raises(DeploymentError, match="Không đọc được"):
        read_deployment(path)


def test_json_that_is_not_an_object_is_refused(tmp_path):
    path = tmp_path / "mang.json"
    path.write_text(json.dumps([1, 2]), encoding="utf-8")

    with pytest.raises(DeploymentError, match="đối tượng JSON"):
        read_deployment(path)
