"""Search on the real national catalogue, imported once for this module."""

import unicodedata

import pytest

from motcua.catalog import selectors
from motcua.core.text import search_key

pytestmark = pytest.mark.django_db

BIRTH_REGISTRATION = "1.001193"


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sinh",
        unicodedata.normalize("NFC", "đăng ký khai sinh"),
        unicodedata.normalize("NFD", "đăng ký khai sinh"),
        "Đăng Ký Khai Sinh",
        "  đăng   ký khai    sinh ",
        BIRTH_REGISTRATION,
    ],
)
def test_birth_registration_is_the_first_result(real_catalogue, query):
    first = selectors.search_procedures(q=query).first()

    assert first.code == BIRTH_REGISTRATION
    assert first.name == "Thủ tục đăng ký khai sinh"


def test_words_in_any_order_still_find_it(real_catalogue):
    assert BIRTH_REGISTRATION in {p.code for p in selectors.search_procedures(q="khai sinh dang ky")}


def test_all_birth_registration_variants_are_found(real_catalogue):
    results = selectors.search_procedures(q="khai sinh")

    assert results.count() == 25
    assert all({"khai", "sinh"} <= set(search_key(p.name).split()) for p in results)


def test_commune_level_full_online_civil_status(real_catalogue):
    results = selectors.search_procedures(level="xa", field="Hộ tịch", service_level=4)

    assert results.count() > 0
    assert all(p.at_commune and p.field == "Hộ tịch" and p.service_level == 4 for p in results)


def test_headline_figures(real_catalogue):
    counts = selectors.catalogue_counts()

    assert counts.total == 2934
    assert counts.by_service_level == {1: 0, 2: 703, 3: 1189, 4: 1042}
    assert counts.online == 2231
    assert counts.fields == 158  # 159 distinct values in the source, one of them empty


def test_most_used_is_temporary_residence(real_catalogue):
    assert selectors.popular_procedures(1)[0].name == "Đăng ký tạm trú"
