import re
from datetime import date
from io import BytesIO

import openpyxl
import pytest

from motcua.accounts.tests.factories import CitizenFactory
from motcua.dossiers.tests.factories import staff
from motcua.organization.constants import StaffRole
from motcua.reports import dashboard, selectors, views_leader
from motcua.reports.tests.leader_factories import COMMUNE_CODE, DISTRICT_CODE, province_history

QUARTER = {"tu": "2021-01-01", "den": "2021-03-31"}
PROVINCE_CODE = "000.00.00.H22"


@pytest.fixture
def province(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return province_history()


@pytest.mark.parametrize(
    ("code", "root", "inside"),
    [
        ("000.01.51.H22", "000.00.00.H22", True),
        ("000.01.51.H22", "000.00.51.H22", True),
        ("000.00.51.H22", "000.00.51.H22", True),
        ("000.01.52.H22", "000.00.51.H22", False),
        ("000.00.51.H22", "000.01.51.H22", False),
        ("000.01.51.H60", "000.00.00.H22", False),
    ],
)
def test_subtree_follows_the_agency_code(code, root, inside):
    assert dashboard.in_subtree(code, root) is inside


def test_child_root_is_one_code_group_further():
    assert dashboard.child_root("000.01.51.H22", "000.00.00.H22") == "000.00.51.H22"
    assert dashboard.child_root("001.00.07.H22", "000.00.00.H22") == "000.00.07.H22"
    assert dashboard.child_root("000.01.51.H22", "000.00.51.H22") == "000.01.51.H22"
    assert dashboard.child_root("000.00.51.H22", "000.00.51.H22") == "000.00.51.H22"


def test_scope_of_province_monitor_district_leader_and_citizen(province):
    assert dashboard.leader_scope(province.monitor()).roots == (PROVINCE_CODE,)
    assert dashboard.leader_scope(province.district_leader()).roots == (DISTRICT_CODE,)
    assert dashboard.leader_scope(staff(province.commune.agency, StaffRole.MONITOR)).roots == (COMMUNE_CODE,)
    assert dashboard.leader_scope(CitizenFactory()) is None
    assert dashboard.leader_scope(staff(province.department.agency, StaffRole.CLERK)) is None


def test_areas_of_the_province_sum_to_the_engine_total(province):
    period = (date(2021, 1, 1), date(2021, 3, 31))
    rows = dashboard.agency_rows(*period, dashboard.Scope((PROVINCE_CODE,)))
    areas = dashboard.areas(rows, PROVINCE_CODE, dashboard.agency_names())
    district = next(area for area in areas if area.code == DISTRICT_CODE)
    assert district.summary == dashboard.add_summaries(
        selectors.summary(*period, agency_code=code) for code in (DISTRICT_CODE, COMMUNE_CODE)
    )
    assert dashboard.add_summaries(area.summary for area in areas) == selectors.summary(*period)


def test_monthly_figures_add_up_to_the_new_dossiers_of_the_period(province):
    trend = dashboard.monthly(date(2021, 1, 1), date(2021, 3, 31), dashboard.Scope((DISTRICT_CODE,)))
    assert [month.month for month in trend] == [date(2021, 1, 1), date(2021, 2, 1), date(2021, 3, 1)]
    assert [month.summary.received.new for month in trend] == [1, 1, 2]


def test_procedure_figures_of_a_district_add_up_to_its_total_for_any_period(province):
    subtree = dashboard.Scope((DISTRICT_CODE,))
    for period in ((date(2021, 1, 1), date(2021, 3, 31)), (date(2021, 1, 10), date(2021, 2, 20))):
        rows = dashboard.busiest_procedures(*period, DISTRICT_CODE)
        assert dashboard.add_summaries(row.summary for row in rows) == dashboard.add_summaries(
            row.summary for row in dashboard.agency_rows(*period, subtree)
        )
    procedure = province.district.procedure
    [row] = [row for row in rows if row.code == (procedure.code or procedure.local_key)]
    assert (row.name, row.summary.received.new, row.summary.received.carried_over) == (procedure.name, 1, 1)


def test_a_district_page_lists_its_busiest_procedures_and_the_province_page_does_not(client, province):
    client.force_login(province.monitor())
    district = client.get(f"/bao-cao/don-vi/{DISTRICT_CODE}/", QUARTER).content.decode()
    assert "Thủ tục tiếp nhận nhiều nhất" in district
    assert province.district.procedure.name in district
    assert "Thủ tục tiếp nhận nhiều nhất" not in client.get("/bao-cao/", QUARTER).content.decode()


def test_leaders_see_the_service_indicators_of_the_subtree_they_look_at(client, province):
    names = dashboard.agency_names()
    assert set(views_leader._codes_of(dashboard.Scope((DISTRICT_CODE,)), names)) == {DISTRICT_CODE, COMMUNE_CODE}
    assert views_leader._codes_of(dashboard.Scope((PROVINCE_CODE,)), names) is None
    client.force_login(province.district_leader())
    page = client.get(f"/bao-cao/don-vi/{DISTRICT_CODE}/", QUARTER).content.decode()
    assert "Chỉ số dịch vụ" in page and "Mức độ hài lòng của người dân, tổ chức" in page


def test_monitor_sees_province_then_district_then_commune(client, province):
    client.force_login(province.monitor())
    page = client.get("/bao-cao/", QUARTER).content.decode()
    assert "Ủy ban nhân dân tỉnh Hà Giang" in page
    assert f'href="/bao-cao/don-vi/{DISTRICT_CODE}/?tu=2021-01-01&amp;den=2021-03-31"' in page
    assert "Từ ngày 01/01/2021 đến ngày 31/03/2021" in page
    assert "<svg" in page and "<script" not in page
    # SVG coordinates in Vietnamese decimal commas ("12,5") would draw nothing.
    bars = re.findall(r'<rect class="received" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"', page)
    assert len(bars) == 3
    assert all(re.fullmatch(r"\d+(\.\d+)?", value) for bar in bars for value in bar)
    district = client.get(f"/bao-cao/don-vi/{DISTRICT_CODE}/", QUARTER).content.decode()
    assert f'href="/bao-cao/don-vi/{COMMUNE_CODE}/' in district
    assert 'aria-current="page">Ủy ban nhân dân huyện Đồng Văn' in district
    commune = client.get(f"/bao-cao/don-vi/{COMMUNE_CODE}/", QUARTER)
    assert commune.status_code == 200
    assert "Ủy ban nhân dân xã Lũng Cú" in commune.content.decode()


def test_dashboard_lists_worst_on_time_and_overdue_agencies_in_vietnamese_formats(client, province):
    client.force_login(province.monitor())
    page = client.get("/bao-cao/", QUARTER).content.decode()
    assert "Cơ quan có tỷ lệ giải quyết đúng hạn thấp nhất" in page
    # The district UBND resolved its only dossier late (0%); three of five resolved in time overall (60%).
    assert "<td>0%</td>" in page
    assert "60%" in page
    assert "Hồ sơ đang quá hạn theo cơ quan" in page


def test_district_leader_cannot_open_another_area(client, province):
    client.force_login(province.district_leader())
    assert client.get("/bao-cao/", QUARTER).status_code == 200
    assert client.get(f"/bao-cao/don-vi/{province.department.agency.code}/").status_code == 404
    assert client.get(f"/bao-cao/don-vi/{PROVINCE_CODE}/").status_code == 404


@pytest.mark.parametrize("path", ["/bao-cao/", f"/bao-cao/don-vi/{DISTRICT_CODE}/", "/bao-cao/bieu-06/"])
def test_citizens_clerks_and_visitors_get_not_found(client, province, path):
    assert client.get(path).status_code == 404
    client.force_login(CitizenFactory())
    assert client.get(path).status_code == 404
    client.force_login(staff(province.department.agency, StaffRole.CLERK))
    assert client.get(path).status_code == 404


def test_unknown_area_is_not_found(client, province):
    client.force_login(province.monitor())
    assert client.get("/bao-cao/don-vi/000.09.99.H22/").status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu": "31/02/2021"}, "Ngày bắt đầu không hợp lệ"),
        ({"tu": "2021-04-01", "den": "2021-03-01"}, "Ngày bắt đầu phải trước"),
        ({"nhom": "tinh"}, "Cách nhóm không hợp lệ"),
        ({"dinh-dang": "docx"}, "Định dạng tệp không hợp lệ"),
        ({"tu": "\x00", "dinh-dang": "xlsx"}, "Ngày bắt đầu không hợp lệ"),
    ],
)
def test_bad_parameters_get_a_vietnamese_message(client, province, params, message):
    client.force_login(province.monitor())
    response = client.get("/bao-cao/bieu-06/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_bad_dates_on_the_dashboard_get_a_vietnamese_message(client, province):
    client.force_login(province.monitor())
    response = client.get("/bao-cao/", {"den": "hôm qua"})
    assert response.status_code == 400
    assert "Ngày kết thúc không hợp lệ" in response.content.decode()


def test_bieu06_page_shows_the_table_and_downloads(client, province):
    client.force_login(province.monitor())
    page = client.get("/bao-cao/bieu-06/", {**QUARTER, "nhom": "linh-vuc"}).content.decode()
    assert "Lĩnh vực, công việc giải quyết theo cấp" in page
    assert "dinh-dang=xlsx" in page and "dinh-dang=pdf" in page
    assert "Trực tiếp, dịch vụ bưu chính" in page


def test_district_leader_downloads_a_workbook_of_its_subtree_only(client, province):
    client.force_login(province.district_leader())
    response = client.get("/bao-cao/bieu-06/", {**QUARTER, "dinh-dang": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bieu-06_2021-01-01_2021-03-31.xlsx"'
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    names = {row[1] for row in sheet.iter_rows(values_only=True)}
    assert {"Ủy ban nhân dân huyện Đồng Văn", "Ủy ban nhân dân xã Lũng Cú"} <= names
    assert province.department.agency.name not in names


def test_pdf_download(client, province):
    client.force_login(province.monitor())
    response = client.get("/bao-cao/bieu-06/", {**QUARTER, "dinh-dang": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
