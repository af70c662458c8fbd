from pathlib import Path

import pytest

from motcua.core.pdf import FontsUnavailable, fonts, render_document
from motcua.core.pdf.tests.factories import DocumentSpecFactory

LIBERATION_SERIF = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


def test_registered_family_covers_every_vietnamese_letter():
    family = fonts.font_family()

    assert family.source.is_file()
    assert fonts.fonts_missing_reason() == ""


def test_no_font_directory_names_the_packages_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, str(tmp_path))

    family, reason = fonts._register_first_available()

    assert family is None
    assert "fonts-noto-core" in reason and "fonts-dejavu-core" in reason


@pytest.mark.skipif(not LIBERATION_SERIF.is_file(), reason="needs fonts-liberation to have a face without Vietnamese")
def test_face_without_vietnamese_letters_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "NotoSerif-Regular.ttf").symlink_to(LIBERATION_SERIF)
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, str(tmp_path))

    family, _reason = fonts._register_first_available()

    assert family is None


def test_rendering_without_fonts_fails_loudly(monkeypatch):
    monkeypatch.setattr(fonts, "_FAMILY", None)
    monkeypatch.setattr(fonts, "_MISSING_REASON", "no Vietnamese font")

    with pytest.raises(FontsUnavailable, match="no Vietnamese font"):
        render_document(DocumentSpecFactory())
