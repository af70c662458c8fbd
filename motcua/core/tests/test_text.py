import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import nfc, search_key, search_terms, strip_diacritics

VIETNAMESE_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789 .,-/()\t\n"), max_size=80
)
any_text = st.text(max_size=80)


@given(vietnamese_text | any_text)
def test_nfc_and_nfd_spellings_give_the_same_search_key(text):
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(unicodedata.normalize("NFC", text))


@given(vietnamese_text | any_text)
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


@given(vietnamese_text | any_text)
def test_nfc_is_idempotent_and_composed(text):
    stored = nfc(text)

    assert nfc(stored) == stored
    assert unicodedata.is_normalized("NFC", stored)
    assert stored == stored.strip() and "  " not in stored


@given(vietnamese_text)
def test_vietnamese_search_key_is_plain_lowercase_ascii(text):
    key = search_key(text)

    assert key.isascii()
    assert key == key.lower()
    assert not any(unicodedata.combining(character) for character in key)


@given(any_text)
def test_search_key_never_keeps_a_combining_mark(text):
    assert not any(unicodedata.combining(character) for character in search_key(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐỒNG ĐĂNG KÝ", "dong dang ky"),
        ("đường", "duong"),
        (unicodedata.normalize("NFD", "Thủ tục đăng ký thường trú"), "thu tuc dang ky thuong tru"),
        ("Mã 1.001193, lĩnh vực Hộ tịch.", "ma 1.001193 linh vuc ho tich"),
        ("  nhiều   khoảng\ttrắng\n", "nhieu khoang trang"),
    ],
)
def test_search_key_examples(text, key):
    assert search_key(text) == key


def test_d_with_stroke_is_stripped_though_unicode_does_not_decompose_it():
    assert unicodedata.normalize("NFD", "đĐ") == "đĐ"
    assert strip_diacritics("đĐ") == "dD"


@given(st.text(max_size=10_000))
def test_search_terms_are_bounded_distinct_and_clean(query):
    terms = search_terms(query)

    assert len(terms) <= 12
    assert len(terms) == len(set(terms))
    assert all(term and not term.startswith(".") and not term.endswith(".") for term in terms)


def test_search_terms_keep_procedure_codes_whole():
    assert search_terms("thủ tục 1.001193.") == ["thu", "tuc", "1.001193"]
