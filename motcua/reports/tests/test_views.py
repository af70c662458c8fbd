import pytest

from motcua.dossiers.constants import Channel
from motcua.dossiers.tests.factories import make_desk
from motcua.reports import services
from motcua.reports.constants import Outcome
from motcua.reports.tests.factories import local, make_cast
from motcua.reports.tests.indicator_factories import components, paid

URL = "/thong-ke/"


@pytest.fixture
def history(db, django_capture_on_commit_callbacks):
    province, district = make_cast("tinh"), make_cast("huyen")
    received = [(province, Channel.ONLINE)] * 2 + [(province, Channel.DIRECT)] + [(district, Channel.DIRECT)] * 5
    with django_capture_on_commit_callbacks(execute=True):
        for day, (cast, channel) in enumerate(received, start=1):
            services.play(services.DossierPlan(channel, Outcome.RETURNED, local(2021, 3, day), pace=0.3), cast)
    return province, district


def test_page_shows_headline_figures_by_level_agency_and_month_in_vietnamese_formats(client, history):
    response = client.get(URL, {"tu-ngay": "2021-01-01", "den-ngay": "2021-12-31"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Từ ngày 01/01/2021 đến ngày 31/12/2021" in page
    assert "25% (cấp tỉnh 66,67%, cấp huyện 0%, cấp xã 0%)" in page
    assert "03/2021" in page
    assert history[0].agency.name in page
    assert "<script" not in page


def test_page_filters_by_level(client, history):
    page = client.get(URL, {"tu-ngay": "2021-01-01", "den-ngay": "2021-12-31", "cap": "huyen"}).content.decode()
    assert "hồ sơ phải giải quyết (0 kỳ trước chuyển sang, 5 tiếp nhận mới)" in page


def test_bad_dates_get_a_vietnamese_message_and_the_default_figures(client, history):
    response = client.get(URL, {"tu-ngay": "31/02/2021"})
    assert response.status_code == 400
    assert "Ngày bắt đầu không hợp lệ" in response.content.decode()


def test_page_works_with_no_figures_at_all(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "0%" in response.content.decode()


def test_page_shows_the_service_indicators_of_the_period(client, db):
    desk = make_desk()
    paid(desk, local(2021, 3, 4))
    paid(desk, local(2021, 4, 1, 0))
    components(desk, local(2021, 3, 10))

    page = client.get(URL, {"tu-ngay": "2021-03-01", "den-ngay": "2021-03-31"}).content.decode()

    assert "Chỉ số dịch vụ" in page
    assert "<strong>0%</strong> khoản phí, lệ phí nộp trực tuyến (0/1 khoản đã nộp)" in page
    assert "<strong>2</strong> thành phần hồ sơ được số hóa từ bản giấy" in page
    assert "<strong>1</strong> thành phần hồ sơ tái sử dụng từ kho dữ liệu" in page
    assert "<strong>—</strong> ngày giải quyết trung bình" in page
    assert '<th scope="row">Thái độ của cán bộ, công chức</th><td>0</td><td>0</td><td>0</td>' in page


def test_page_shows_the_service_indicators_in_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    page = client.get(URL, {"tu-ngay": "2021-03-01", "den-ngay": "2021-03-31"}).content.decode()
    assert "Service indicators" in page
    assert "fee payments made online (0 of 0 payments)" in page
    assert '<th scope="row">Attitude of civil servants</th><td>0</td>' in page
