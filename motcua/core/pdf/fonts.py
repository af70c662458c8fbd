"""Unicode TrueType fonts for Vietnamese documents, found and registered once per process.

ReportLab's built-in Type 1 fonts cover Latin-1 only, so "Độc lập" would come out as boxes: every document uses an
embedded TrueType family instead. Administrative documents are set in a serif face (Decree 30/2020 asks for Times
New Roman); the candidates below are the Debian fonts with full Vietnamese coverage, best first. Liberation Serif is
metrically Times New Roman but lacks most Vietnamese letters, so it is not a candidate.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Every precomposed letter Vietnamese needs beyond ASCII; a face missing any of them is skipped.
VIETNAMESE_LETTERS = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)

FONT_DIRS_ENV = "MOTCUA_PDF_FONT_DIRS"
DEFAULT_FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu")

# (family name, regular, bold, italic, bold italic) file names, best first.
CANDIDATE_FAMILIES = (
    ("NotoSerif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"),
    ("DejaVuSerif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
    ("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
)


class FontsUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: Path


def font_dirs() -> list[Path]:
    configured = os.environ.get(FONT_DIRS_ENV, "")
    dirs = [part for part in configured.split(os.pathsep) if part] or list(DEFAULT_FONT_DIRS)
    return [Path(directory) for directory in dirs]


def _find(file_name: str, dirs: list[Path]) -> Path | None:
    for directory in dirs:
        path = directory / file_name
        if path.is_file():
            return path
    return None


def _covers_vietnamese(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(letter) in glyphs for letter in VIETNAMESE_LETTERS)


def _register_family(family: str, files: tuple[str, str, str, str], dirs: list[Path]) -> FontFamily | None:
    paths = [_find(name, dirs) for name in files]
    if paths[0] is None:
        return None
    regular = TTFont(family, str(paths[0]))
    if not _covers_vietnamese(regular):
        return None
    pdfmetrics.registerFont(regular)
    names = [family]
    for suffix, path in zip(("Bold", "Italic", "BoldItalic"), paths[1:], strict=True):
        # A missing style falls back to the regular face rather than to a Latin-1 Type 1 font.
        name = f"{family}-{suffix}" if path else family
        if path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    addMapping(family, 0, 0, names[0])
    addMapping(family, 1, 0, names[1])
    addMapping(family, 0, 1, names[2])
    addMapping(family, 1, 1, names[3])
    return FontFamily(*names, source=paths[0])


def _register_first_available() -> tuple[FontFamily | None, str]:
    dirs = font_dirs()
    for family, *files in CANDIDATE_FAMILIES:
        registered = _register_family(family, tuple(files), dirs)
        if registered:
            return registered, ""
    wanted = ", ".join(files[0] for _family, *files in CANDIDATE_FAMILIES)
    searched = ", ".join(str(directory) for directory in dirs)
    return None, (
        f"No TrueType font with Vietnamese coverage found (looked for {wanted} in {searched}). "
        f"Install the Debian packages fonts-noto-core or fonts-dejavu-core, or set {FONT_DIRS_ENV}."
    )


# Registered at import: parsing a TrueType file costs milliseconds, too much to repeat for every document.
_FAMILY, _MISSING_REASON = _register_first_available()


def font_family() -> FontFamily:
    """The registered family; raises FontsUnavailable (with the packages to install) when there is none."""
    if _FAMILY is None:
        raise FontsUnavailable(_MISSING_REASON)
    return _FAMILY


def fonts_missing_reason() -> str:
    """Empty when a Vietnamese family is registered, otherwise what to install (for start-up checks)."""
    return _MISSING_REASON
