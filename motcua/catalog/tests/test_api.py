"""/api/v1/procedures, checked against the shapes docs/interfaces.md fixes, on the real catalogue."""

import unicodedata

import pytest

from motcua.catalog import selectors, services
from motcua.catalog.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/procedures"


def test_search_returns_count_and_results(client, real_catalogue):
    body = client.get(SEARCH, {"q": unicodedata.normalize("NFD", "đăng ký khai sinh")}).json()

    assert body["count"] >= 1
    first = body["results"][0]
    assert first["code"] == "1.001193"
    assert {"code", "name", "field", "levels", "service_level"} <= set(first)
    assert first["levels"] == ["xa"]
    assert first["url"] == "/thu-tuc/1.001193/"


def test_search_filters_and_pages(client, real_catalogue):
    everything = client.get(SEARCH, {"level": "xa", "field": "Hộ tịch", "service_level": 4}).json()
    second_page = client.get(SEARCH, {"level": "xa", "field": "Hộ tịch", "service_level": 4, "page": 2}).json()
    beyond = client.get(SEARCH, {"page": 999}).json()

    assert everything["count"] > 20
    assert len(everything["results"]) == 20
    assert second_page["count"] == everything["count"]
    assert {r["code"] for r in everything["results"]}.isdisjoint(r["code"] for r in second_page["results"])
    assert all("xa" in r["levels"] and r["service_level"] == 4 for r in everything["results"] + second_page["results"])
    assert beyond["results"] == [] and beyond["count"] == 2934


def test_cached_search_follows_a_service_level_change(client, real_catalogue):
    before = client.get(SEARCH, {"q": "1.000178"}).json()["results"][0]["service_level"]
    services.set_service_level(selectors.get_procedure("1.000178"), 3)
    after = client.get(SEARCH, {"q": "1.000178"}).json()["results"][0]["service_level"]

    assert (before, after) == (2, 3)


def test_detail_has_every_field_of_the_contract(client, real_catalogue):
    response = client.get(f"{SEARCH}/1.001193")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "1.001193"
    assert body["name"] == "Thủ tục đăng ký khai sinh"
    assert body["field"] == "Hộ tịch"
    assert body["levels"] == ["xa"]
    assert body["service_level"] == 4
    assert {c["channel"] for c in body["channels"]} == {"direct", "online", "postal"}
    for channel in body["channels"]:
        assert channel["processing_time"] == {"value": 1.0, "unit": None}  # the source gives no unit
        assert channel["fee_text"] == "Miễn phí"
    assert {"group", "name", "quantity"} <= set(body["documents"][0])
    assert body["results"] == [{"name": "Giấy khai sinh", "code": "KQ.G15.000031"}]
    assert "123/2015/NĐ-CP" in body["legal_basis"]


def test_detail_of_structured_time_and_central_level(client, real_catalogue):
    body = client.get(f"{SEARCH}/1.000178").json()

    assert body["levels"] == [] and body["other_levels"] == ["bo"]
    assert body["channels"][0]["processing_time"] == {"value": 60.0, "unit": "ngay_lam_viec"}


def test_detail_by_local_key(client):
    procedure = ProcedureFactory(code=None, local_key="LOCAL-00000000AB")

    body = client.get(f"{SEARCH}/LOCAL-00000000AB").json()

    assert (body["code"], body["local_key"], body["name"]) == (None, "LOCAL-00000000AB", procedure.name)


@pytest.mark.parametrize("code", ["9.999999", "LOCAL-FFFFFFFFFF", "x" * 500, "<script>"])
def test_unknown_code_is_a_json_404(client, code):
    response = client.get(f"{SEARCH}/{code}")

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy dữ liệu yêu cầu."}}


@pytest.mark.parametrize(
    "params",
    [
        {"level": "thon"},
        {"field": "Hộ\x00tịch"},
        {"service_level": 7},
        {"service_level": "abc"},
        {"page": 0},
        {"page": "x"},
        {"q": "a" * 10_000},
    ],
)
def test_invalid_parameters_are_a_json_400_in_vietnamese(client, params):
    response = client.get(SEARCH, params)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] in {"invalid_input", "invalid_search"}
    assert any(word in error["message"] for word in ("không hợp lệ", "quá dài"))


@pytest.mark.parametrize(
    "query", ["' OR 1=1 --", "<script>alert(1)</script>", "%%", "1.001193'; DROP TABLE x; --", "khai\x00 sinh"]
)
def test_hostile_queries_are_answered_normally(client, query):
    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert "count" in response.json()


def test_openapi_document_describes_both_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()

    assert {"/api/v1/procedures", "/api/v1/procedures/{code}"} <= set(document["paths"])
    search = document["paths"]["/api/v1/procedures"]["get"]
    assert {"q", "level", "field", "service_level", "page"} <= {p["name"] for p in search["parameters"]}
    detail_schema = document["components"]["schemas"]["ProcedureOut"]["properties"]
    assert {
        "code",
        "name",
        "field",
        "levels",
        "service_level",
        "channels",
        "documents",
        "results",
        "legal_basis",
    } <= set(detail_schema)
