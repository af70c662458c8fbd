"""The dossier code (mã số hồ sơ, Thông tư 01/2018/TT-VPCP Art. 19): ``<agency code>-YYMMDD-NNNN``.

Example: ``000.00.00.H22-210616-0001`` is the first dossier received on 16/06/2021 by UBND tỉnh Hà Giang.
"""

from dataclasses import dataclass
from datetime import date, datetime

from motcua.dossiers.constants import DAILY_SEQUENCE_MAX, DOSSIER_CODE_PATTERN


@dataclass(frozen=True)
class DossierCode:
    agency_code: str
    day: date
    number: int

    def __str__(self) -> str:
        return format_code(self.agency_code, self.day, self.number)


def format_code(agency_code: str, day: date, number: int) -> str:
    if not 1 <= number <= DAILY_SEQUENCE_MAX:
        raise ValueError(f"daily sequence number out of range: {number}")
    code = f"{agency_code}-{day:%y%m%d}-{number:04d}"
    if not DOSSIER_CODE_PATTERN.match(code):
        raise ValueError(f"not a valid agency code for a dossier code: {agency_code!r}")
    return code


def parse_code(text: str) -> DossierCode | None:
    """The parts of a dossier code, or None when the text is not one (wrong shape, impossible date, number 0000)."""
    match = DOSSIER_CODE_PATTERN.match(text.strip().upper())
    if not match:
        return None
    try:
        day = datetime.strptime(match["date"], "%y%m%d").date()
    except ValueError:
        return None
    number = int(match["number"])
    if number < 1:
        return None
    return DossierCode(agency_code=match["agency"], day=day, number=number)
