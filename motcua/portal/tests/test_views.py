"""The public catalogue pages on the real national catalogue (imported once for this module)."""

import re
import unicodedata
from html import unescape

import pytest

from motcua.catalog import selectors as catalog_selectors
from motcua.catalog import services as catalog_services
from motcua.catalog.tests.factories import OfferingFactory, ProcedureFactory
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

SEARCH = "/thu-tuc/"


def text_of(response) -> str:
    """The page as a reader sees it: tags removed, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def result_links(response) -> list[tuple[str, str]]:
    return re.findall(r'<li class="procedure-item">\s*<a href="([^"]+)">([^<]+)</a>', response.content.decode())


def test_home_has_labelled_search_box_popular_procedures_and_vietnamese_figures(client, real_catalogue):
    response = client.get("/")
    page = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="vi">' in page
    assert re.search(r'<label for="id_q">Tìm thủ tục hành chính</label>', page)
    assert re.search(r'<input type="search" name="q"[^>]*id="id_q"', page)
    assert 'action="/thu-tuc/"' in page
    assert result_links(response)[0] == ("/thu-tuc/1.004194/", "Đăng ký tạm trú")
    text = text_of(response)
    assert "2.934 thủ tục hành chính" in text
    assert "76,04% thủ tục có dịch vụ công trực tuyến mức độ 3, 4 (2.231 thủ tục)" in text
    assert "35,51% thủ tục trực tuyến toàn trình (1.042 thủ tục)" in text


@pytest.mark.parametrize(
    "query", ["dang ky khai sinh", "đăng ký khai sinh", unicodedata.normalize("NFD", "đăng ký khai sinh"), "1.001193"]
)
def test_search_lists_birth_registration_first_with_a_result_count(client, real_catalogue, query):
    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert result_links(response)[0] == ("/thu-tuc/1.001193/", "Thủ tục đăng ký khai sinh")
    assert re.search(r"Tìm thấy \d+ thủ tục", text_of(response))


def test_search_filters_and_count(client, real_catalogue):
    response = client.get(SEARCH, {"q": "khai sinh", "cap": "xa", "linh-vuc": "Hộ tịch", "muc-do": "4"})

    expected = catalog_selectors.search_procedures(q="khai sinh", level="xa", field="Hộ tịch", service_level=4).count()
    assert f"Tìm thấy {expected} thủ tục" in text_of(response)
    page = response.content.decode()
    assert '<option value="xa" selected>' in page
    assert '<option value="4" selected>' in page
    assert '<option value="Hộ tịch" selected>' in page


def test_search_pages_keep_the_query(client, real_catalogue):
    first = client.get(SEARCH, {"q": "khai sinh"})
    second = client.get(SEARCH, {"q": "khai sinh", "trang": "2"})
    nonsense = client.get(SEARCH, {"q": "khai sinh", "trang": "abc"})

    assert "Tìm thấy 25 thủ tục" in text_of(first)
    assert 'href="?q=khai+sinh&amp;trang=2" rel="next"' in first.content.decode()
    assert len(result_links(first)) == 20 and len(result_links(second)) == 5
    assert "Trang 2/2" in text_of(second)
    assert result_links(nonsense) == result_links(first)


def test_search_without_match_says_so(client, real_catalogue):
    text = text_of(client.get(SEARCH, {"q": "khai sinh sao hỏa"}))

    assert "Tìm thấy 0 thủ tục" in text
    assert "Không có thủ tục nào khớp" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"cap": "bo"}, "Cấp thực hiện không hợp lệ"),
        ({"cap": "thon"}, "Cấp thực hiện không hợp lệ"),
        ({"muc-do": "5"}, "Mức độ dịch vụ công trực tuyến phải từ 1 đến 4"),
        ({"muc-do": "abc"}, "Mức độ dịch vụ công trực tuyến phải từ 1 đến 4"),
        ({"linh-vuc": "Không có lĩnh vực này"}, "Lĩnh vực này không có trong danh mục"),
        ({"co-quan": "<b>x</b>"}, "Mã cơ quan không hợp lệ"),
        ({"q": "khai\x00sinh"}, "Từ khóa tìm kiếm chứa ký tự không hợp lệ"),
        ({"linh-vuc": "Hộ\x00tịch"}, "Lĩnh vực này không có trong danh mục"),
        ({"q": "khai sinh " * 1000}, "Từ khóa tìm kiếm quá dài (tối đa 200 ký tự)"),
    ],
)
def test_invalid_search_gets_a_friendly_message_not_an_error_page(client, real_catalogue, params, message):
    response = client.get(SEARCH, params)

    assert response.status_code == 400
    assert message in text_of(response)
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("query", ["' OR 1=1 --", "<script>alert('x')</script>", '"><img src=x onerror=alert(1)>'])
def test_hostile_query_is_escaped_and_searched_as_words(client, real_catalogue, query):
    response = client.get(SEARCH, {"q": query})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page or "&quot;&gt;&lt;img" in page or "&#x27; OR 1=1 --" in page


def test_agency_filter_lists_what_the_agency_offers(client, real_catalogue):
    offering = OfferingFactory()

    response = client.get(SEARCH, {"co-quan": offering.agency.code})

    assert result_links(response) == [(f"/thu-tuc/{offering.procedure.code}/", offering.procedure.name)]
    assert f"Đang lọc theo cơ quan có mã {offering.agency.code}" in text_of(response)


def test_detail_shows_what_a_citizen_needs(client, real_catalogue):
    response = client.get("/thu-tuc/1.001193/")
    text = text_of(response)

    assert response.status_code == 200
    assert "<h1>Thủ tục đăng ký khai sinh</h1>" in response.content.decode()
    for heading in ["Thành phần hồ sơ", "Cách nộp, thời hạn giải quyết, phí và lệ phí", "Cơ quan thực hiện",
                    "Trình tự thực hiện", "Kết quả thực hiện", "Căn cứ pháp lý"]:  # fmt: skip
        assert f">{heading}</h2>" in response.content.decode()
    assert "Giấy tờ phải nộp" in text and "Giấy tờ phải xuất trình" in text
    assert "1 bản chính" in text
    assert "1 (nguồn không ghi đơn vị thời gian)" in text
    assert "Miễn phí" in text
    assert "123/2015/NĐ-CP" in text
    assert "Giấy khai sinh (mã KQ.G15.000031)" in text
    assert "Cấp xã" in text and "Mức độ 4 — trực tuyến toàn trình" in text


def test_detail_shows_structured_time_in_vietnamese(client, real_catalogue):
    text = text_of(client.get("/thu-tuc/1.000178/"))

    assert "60 ngày làm việc" in text
    assert "Cấp bộ" in text


def test_online_submission_entry_only_from_level_three(client, real_catalogue, django_user_model):
    full_online = client.get("/thu-tuc/1.001193/").content.decode()
    catalog_services.set_service_level(catalog_selectors.get_procedure("1.001193"), 2)
    offline = client.get("/thu-tuc/1.001193/").content.decode()

    assert 'href="/tai-khoan/dang-nhap/?next=%2Fnop-ho-so%2F1.001193%2F"' in full_online
    assert "Nộp hồ sơ trực tuyến" in full_online and "Bạn cần đăng nhập" in full_online
    assert "Nộp hồ sơ trực tuyến</a>" not in offline
    assert "chưa nhận hồ sơ trực tuyến" in offline


def test_signed_in_citizen_goes_straight_to_the_submission_page(client, real_catalogue, admin_user):
    client.force_login(admin_user)

    assert 'href="/nop-ho-so/1.001193/"' in client.get("/thu-tuc/1.001193/").content.decode()


def test_detail_of_a_record_without_national_code(client, real_catalogue):
    procedure = catalog_selectors.search_procedures(q="dang ky thuong tru").filter(code__isnull=True).first()

    response = client.get(f"/thu-tuc/{procedure.local_key}/")

    assert response.status_code == 200
    assert "mã nội bộ, nguồn không ghi mã quốc gia" in text_of(response)
    assert "Lưu ý về dữ liệu" in text_of(response)


def test_detail_lists_the_agencies_that_receive_it(client, real_catalogue):
    offering = OfferingFactory(procedure=ProcedureFactory())

    text = text_of(client.get(f"/thu-tuc/{offering.procedure.code}/"))

    assert "Nơi tiếp nhận hồ sơ" in text and offering.agency.name in text


def test_cached_detail_page_shows_a_new_offering_at_once(client, real_catalogue):
    client.get("/thu-tuc/1.001193/")
    offering = OfferingFactory.build(procedure=catalog_selectors.get_procedure("1.001193"), agency=DepartmentFactory())

    catalog_services.save_offering(offering)

    assert offering.agency.name in text_of(client.get("/thu-tuc/1.001193/"))


def test_cached_home_figures_follow_a_service_level_change(client, real_catalogue):
    assert "35,51% thủ tục trực tuyến toàn trình (1.042 thủ tục)" in text_of(client.get("/"))

    catalog_services.set_service_level(catalog_selectors.get_procedure("1.000178"), 4)

    assert "thủ tục trực tuyến toàn trình (1.043 thủ tục)" in text_of(client.get("/"))


@pytest.mark.parametrize("key", ["9.999999", "LOCAL-0000000000", "không-có", "x" * 300])
def test_unknown_procedure_is_the_404_page(client, real_catalogue, key):
    response = client.get(f"/thu-tuc/{key}/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in text_of(response)


def test_pages_are_in_english_when_chosen(client, real_catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/thu-tuc/1.001193/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
