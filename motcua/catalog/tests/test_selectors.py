import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog import selectors
from motcua.catalog.constants import ONLINE_MODE_BY_SERVICE_LEVEL, Level, ServiceLevel
from motcua.catalog.services import set_service_level
from motcua.catalog.tests.factories import OfferingFactory, ProcedureFactory
from motcua.organization.constants import AgencyLevel
from motcua.organization.tests.factories import DepartmentFactory, ProvinceAgencyFactory

pytestmark = pytest.mark.django_db


def codes(procedures) -> list[str]:
    return [procedure.code for procedure in procedures]


def test_search_matches_name_without_diacritics_and_in_nfd():
    wanted = ProcedureFactory(name="Đăng ký thường trú")
    ProcedureFactory(name="Đăng ký tạm trú")

    for query in ["dang ky thuong tru", "ĐĂNG KÝ THƯỜNG TRÚ", unicodedata.normalize("NFD", "đăng ký thường trú")]:
        assert codes(selectors.search_procedures(q=query)) == [wanted.code]


def test_every_word_must_match_from_its_start():
    ProcedureFactory(name="Cấp đổi thẻ căn cước")

    assert selectors.search_procedures(q="the can").count() == 1
    assert selectors.search_procedures(q="the can cuoc moi").count() == 0
    assert selectors.search_procedures(q="an").count() == 0  # "căn" and "cấp" contain "an" but do not start with it


def test_ranking_code_then_exact_name_then_prefix_then_phrase_then_words_apart():
    by_code = ProcedureFactory(code="1.004227", name="Xác nhận thông tin về cư trú", popularity=1)
    prefix = ProcedureFactory(name="Đăng ký thường trú cho người chưa thành niên", popularity=900)
    exact_name = ProcedureFactory(name="Đăng ký thường trú", popularity=2)
    # "Thủ tục …" is the same name: the generic leading word does not count.
    generic_name = ProcedureFactory(name="Thủ tục đăng ký thường trú", popularity=1)
    phrase = ProcedureFactory(name="Liên thông đăng ký thường trú", popularity=10_000)
    apart = ProcedureFactory(name="Đăng ký tạm trú và thường xuyên", popularity=99_999)

    assert selectors.search_procedures(q="1.004227").first() == by_code
    assert codes(selectors.search_procedures(q="dang ky thuong tru")) == [
        exact_name.code, generic_name.code, prefix.code, phrase.code, apart.code,
    ]  # fmt: skip


def test_without_query_most_used_come_first():
    rare, common = ProcedureFactory(popularity=1), ProcedureFactory(popularity=50)

    assert codes(selectors.search_procedures()) == [common.code, rare.code]


def test_filters_by_level_field_service_level_and_agency():
    commune = ProcedureFactory(at_province=False, at_commune=True, field="Hộ tịch", service_level=ServiceLevel.FORMS)
    province = ProcedureFactory(at_province=True, field="Đất đai")
    set_service_level(province, ServiceLevel.FULL)
    offering = OfferingFactory(procedure=province)
    OfferingFactory(procedure=commune, is_active=False)

    assert codes(selectors.search_procedures(level=Level.COMMUNE)) == [commune.code]
    assert codes(selectors.search_procedures(field="Đất đai")) == [province.code]
    assert codes(selectors.search_procedures(field=unicodedata.normalize("NFD", "Đất đai"))) == [province.code]
    assert codes(selectors.search_procedures(service_level=4)) == [province.code]
    assert codes(selectors.search_procedures(agency_code=offering.agency.code)) == [province.code]
    assert selectors.search_procedures(agency_code="000.00.99.H22").count() == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"q": "khai sinh " * 1000}, "quá dài"),
        ({"level": "thon"}, "Cấp thực hiện"),
        ({"service_level": 7}, "từ 1 đến 4"),
        ({"agency_code": "'; DROP TABLE"}, "Mã cơ quan"),
    ],
)
def test_unusable_parameters_raise_a_vietnamese_message(arguments, message):
    with pytest.raises(selectors.InvalidSearch, match=message):
        selectors.search_procedures(**arguments)


@pytest.mark.parametrize("query", ["' OR 1=1 --", "<script>alert(1)</script>", "%", "_", "\\", "\x00", "🙂" * 50])
def test_hostile_queries_are_plain_words(query):
    ProcedureFactory(name="Cấp phép")

    assert selectors.search_procedures(q=query).count() in (0, 1)


def test_search_is_two_queries_however_many_words():
    ProcedureFactory.create_batch(3, name="Đăng ký khai sinh lưu động")

    with CaptureQueriesContext(connection) as queries:
        results = selectors.search_procedures(q="đăng ký khai sinh lưu động ở xã biên giới")
        results.count()
        list(results[:20])

    assert len(queries) == 2


def test_get_procedure_by_code_or_local_key():
    national = ProcedureFactory()
    local = ProcedureFactory(code=None, local_key="LOCAL-0123456789")

    assert selectors.get_procedure(national.code) == national
    assert selectors.get_procedure("LOCAL-0123456789") == local
    assert selectors.get_procedure("9.999999") is None


@pytest.mark.parametrize("key", ["", "../etc/passwd", "x" * 10_000, "<script>", "1.001193' OR '1'='1"])
def test_get_procedure_refuses_malformed_keys_without_a_query(key, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.get_procedure(key) is None


def test_field_choices_are_distinct_and_alphabetical_without_diacritics():
    for field in ["Đất đai", "Hộ tịch", "Chứng thực", "Hộ tịch", ""]:
        ProcedureFactory(field=field)

    assert selectors.field_choices() == ["Chứng thực", "Đất đai", "Hộ tịch"]


def test_popular_procedures_excludes_unranked_and_is_limited():
    ProcedureFactory(popularity=0)
    ranked = [ProcedureFactory(popularity=weight) for weight in (10, 30, 20)]

    assert codes(selectors.popular_procedures(2)) == [ranked[1].code, ranked[2].code]


def test_catalogue_counts_and_their_refresh_after_a_change():
    procedures = [
        ProcedureFactory(field="Hộ tịch"),
        ProcedureFactory(field="Đất đai"),
        ProcedureFactory(is_flagged=True),
    ]
    set_service_level(procedures[0], ServiceLevel.FULL)
    set_service_level(procedures[1], ServiceLevel.PARTIAL)

    counts = selectors.catalogue_counts()
    assert (counts.total, counts.online, counts.full_online, counts.fields, counts.flagged) == (3, 2, 1, 2, 1)
    assert counts.by_service_level == {1: 0, 2: 0, 3: 1, 4: 1}

    set_service_level(procedures[2], ServiceLevel.FULL)
    assert selectors.catalogue_counts().full_online == 2


def test_procedure_offerings_lists_active_ones_with_their_agency(django_assert_num_queries):
    active = OfferingFactory()
    OfferingFactory(procedure=active.procedure, is_active=False)

    with django_assert_num_queries(1):
        offerings = selectors.procedure_offerings(active.procedure)
        assert [offering.agency.name for offering in offerings] == [active.agency.name]


def test_search_page_is_answered_from_cache_until_the_catalogue_changes(django_assert_num_queries):
    procedure = ProcedureFactory(name="Đăng ký tạm trú")
    first = selectors.search_page(q="tam tru")

    with django_assert_num_queries(0):
        again = selectors.search_page(q="tam tru")
    set_service_level(procedure, ServiceLevel.FULL)
    changed = selectors.search_page(q="tam tru")

    assert first.count == again.count == 1
    assert (first.procedures[0].service_level, changed.procedures[0].service_level) == (None, ServiceLevel.FULL)


def test_search_page_beyond_the_last_is_empty():
    ProcedureFactory()

    assert selectors.search_page(page=2) == selectors.SearchPage(count=1, procedures=[])


def test_records_without_code_do_not_rank_as_a_code_match():
    national = ProcedureFactory(name="Đăng ký kết hôn", popularity=5)
    ProcedureFactory(code=None, local_key="LOCAL-00000000CD", name="Liên thông đăng ký kết hôn", popularity=1)

    assert selectors.search_procedures(q="ket hon").first() == national


def test_receiving_places_group_communes_under_their_district_in_level_order():
    procedure = ProcedureFactory()
    province = ProvinceAgencyFactory()
    district = DepartmentFactory(
        parent=province,
        code="000.00.52.H22",
        name="Ủy ban nhân dân huyện Đồng Văn",
        short_name="UBND huyện Đồng Văn",
        level="huyen",
    )
    communes = [
        DepartmentFactory(parent=district, code=f"000.0{n}.52.H22", name=f"UBND xã {n}", level="xa") for n in (1, 2)
    ]
    for agency, level in ((communes[1], "xa"), (communes[0], "xa"), (province, "tinh")):
        OfferingFactory(procedure=procedure, agency=agency, level=level)

    places = selectors.receiving_places(procedure)

    assert [(place.level, place.count) for place in places] == [("tinh", 1), ("xa", 2)]
    assert places[1].groups == [("UBND huyện Đồng Văn", ["UBND xã 1", "UBND xã 2"])]  # GSO (code) order


def offered(service_level: int, *agencies, offering_level: int | None = None, is_active: bool = True):
    procedure = ProcedureFactory(
        service_level=service_level, online_mode=ONLINE_MODE_BY_SERVICE_LEVEL.get(service_level, "")
    )
    for agency in agencies:
        OfferingFactory(procedure=procedure, agency=agency, service_level=offering_level, is_active=is_active)
    return procedure


def test_offered_coverage_counts_each_offered_procedure_once_at_its_best_level_in_scope(db):
    department, other = DepartmentFactory(), DepartmentFactory()
    commune = DepartmentFactory(level=AgencyLevel.COMMUNE)
    offered(ServiceLevel.FORMS, department, commune)
    offered(ServiceLevel.PARTIAL, department, other)
    offered(ServiceLevel.FULL, commune)
    offered(ServiceLevel.FORMS, department, offering_level=ServiceLevel.FULL)  # this desk takes it fully online
    offered(ServiceLevel.FULL, department, is_active=False)
    offered(ServiceLevel.FULL)  # in the catalogue, not offered here

    assert selectors.offered_coverage() == selectors.OfferedCoverage(offered=4, partial=1, full=2)
    assert selectors.offered_coverage(level=AgencyLevel.COMMUNE) == selectors.OfferedCoverage(2, 0, 1)
    assert selectors.offered_coverage(agency_code=other.code) == selectors.OfferedCoverage(1, 1, 0)
    by_agency = selectors.offered_coverage_by_agency()
    assert by_agency[department.code] == selectors.OfferedCoverage(offered=3, partial=1, full=1)
    assert by_agency[commune.code].online == 1
    assert department.code in by_agency and len(by_agency) == 3


def test_offered_coverage_follows_a_change_of_service_level_at_once(db):
    department = DepartmentFactory()
    procedure = offered(ServiceLevel.FORMS, department)
    assert selectors.offered_coverage().online == 0
    set_service_level(procedure, ServiceLevel.FULL)
    assert selectors.offered_coverage().online == 1
