"""The English interface: Vietnamese by default, English on request, from a committed and complete catalogue."""

import ast
import gettext
import re
from html import unescape

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from motcua.catalog.tests.factories import ProcedureFactory

CATALOGUE = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES"
SEARCH = "/thu-tuc/"

# What a visitor sees first on every page: navigation, search, login.
KEY_MSGIDS = [
    "Trang chủ",
    "Thủ tục hành chính",
    "Tra cứu hồ sơ",
    "Thống kê",
    "Đăng nhập",
    "Đăng xuất",
    "Điều hướng chính",
    "Bỏ qua, đến nội dung chính",
    "Cổng Dịch vụ công",
    "Tìm thủ tục hành chính",
    "Tìm kiếm",
    "Lọc kết quả",
    "Cấp thực hiện",
    "Lĩnh vực",
    "Số CCCD, mã số thuế hoặc tên đăng nhập",
    "Mật khẩu",
    "Mới đăng ký",
    "Được tiếp nhận",
    "Đã trả kết quả",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Page fragments cached by another test must not decide which language a page is rendered in."""
    cache.clear()
    yield
    cache.clear()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def read_po(path) -> dict[str, list[str]]:
    """msgid -> its msgstr forms for the current entries; a fuzzy translation is not served, so it counts as empty."""
    entries: dict[str, list[str]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        fuzzy = False
        keyword = None
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = "fuzzy" in line
            elif line.startswith('"') and keyword:
                fields[keyword] += ast.literal_eval(line)
            elif line[:1].isalpha():
                keyword, quoted = line.split(" ", 1)
                fields[keyword] = ast.literal_eval(quoted)
        if fields.get("msgid"):  # the header and obsolete (#~) entries have none
            forms = [value for key, value in fields.items() if key.startswith("msgstr")]
            entries[fields["msgid"]] = [""] * len(forms) if fuzzy else forms
    return entries


@pytest.mark.django_db
def test_pages_are_vietnamese_when_the_visitor_states_no_preference(client):
    for url in ("/", SEARCH):
        response = client.get(url)

        page = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="vi">' in page
        assert "Trang chủ" in page and "Đăng nhập" in page
        assert '<button name="language" value="en"' in page


@pytest.mark.django_db
def test_home_page_is_english_once_the_visitor_chooses_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")

    page = response.content.decode()
    text = text_of(response)
    assert '<html lang="en">' in page
    assert 'aria-label="Main navigation"' in page
    for label in ("Home", "Administrative procedures", "Track a dossier", "Statistics", "Log in"):
        assert f">{label}<" in page
    assert "Catalogue of administrative procedures" in text
    assert "Look up administrative procedures, prepare your dossier and submit it online." in text
    assert "Trang chủ" not in text and "Đăng nhập" not in text
    assert '<button name="language" value="vi"' in page


@pytest.mark.django_db
def test_language_switch_turns_the_procedure_search_english_and_back(client):
    ProcedureFactory(name="Thủ tục đăng ký khai sinh")

    switched = client.post("/i18n/setlang/", {"language": "en", "next": SEARCH})
    assert switched.status_code == 302 and switched.url == SEARCH

    english = client.get(SEARCH, {"q": "khai sinh"})
    page = english.content.decode()
    text = text_of(english)
    assert '<html lang="en">' in page
    assert "<title>Search administrative procedures" in page
    assert re.search(r'<label for="id_q">Search administrative procedures</label>', page)
    assert ">Search</button>" in page
    assert "Filter results" in text and "All levels" in text
    assert "Thủ tục đăng ký khai sinh" in text  # catalogue data stays as published, in Vietnamese
    assert "Tìm thấy" not in text and "Lọc kết quả" not in text

    client.post("/i18n/setlang/", {"language": "vi", "next": SEARCH})
    vietnamese = client.get(SEARCH, {"q": "khai sinh"})
    assert '<html lang="vi">' in vietnamese.content.decode()
    assert "Lọc kết quả" in text_of(vietnamese)


@pytest.mark.parametrize("msgid", KEY_MSGIDS)
def test_key_interface_strings_have_an_english_translation(msgid):
    with translation.override("en"):
        english = translation.gettext(msgid)

    assert english and english != msgid
    assert not re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", english, re.IGNORECASE)


def test_every_catalogue_entry_is_translated():
    untranslated = [msgid for msgid, forms in read_po(CATALOGUE / "django.po").items() if not all(forms)]

    assert untranslated == []


def test_committed_mo_file_matches_the_po_file():
    """`make run` on a machine without gettext serves the committed .mo: it must not lag behind the .po."""
    with (CATALOGUE / "django.mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    stale = []
    for msgid, forms in read_po(CATALOGUE / "django.po").items():
        served = compiled.gettext(msgid) if len(forms) == 1 else compiled.ngettext(msgid, msgid, 2)
        if served != forms[-1]:
            stale.append(msgid)

    assert stale == []
