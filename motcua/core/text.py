"""Vietnamese text normalisation.

People type Vietnamese in NFC (precomposed), NFD (decomposed, common from macOS and some phone keyboards) or
without diacritics at all. Everything we store is NFC; search compares diacritics-free keys.
"""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w.]+", re.UNICODE)


def nfc(text: str) -> str:
    """The canonical stored form: NFC, trimmed, inner whitespace collapsed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def strip_diacritics(text: str) -> str:
    # đ/Đ are letters of their own, not d + a combining mark, so NFD does not split them.
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(text: str) -> str:
    """Lower-case, diacritics-free, punctuation-free form used for matching.

    Dots are kept so that procedure codes such as ``1.001193`` stay searchable as one token.
    """
    folded = strip_diacritics(unicodedata.normalize("NFC", text or "")).casefold()
    return _WHITESPACE.sub(" ", _NON_WORD.sub(" ", folded)).strip(" .")


def search_terms(query: str, max_terms: int = 12) -> list[str]:
    """Split a user query into distinct search-key tokens (bounded, so a 10,000-character query stays cheap)."""
    seen: list[str] = []
    for token in search_key(query).split():
        token = token.strip(".")
        if token and token not in seen:
            seen.append(token)
        if len(seen) >= max_terms:
            break
    return seen
