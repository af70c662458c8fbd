"""What a document says, independent of how it is laid out: the input of `render_document`."""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm


class PageSize(enum.Enum):
    """Decree 30/2020 and Circular 01/2018: slips (Mẫu 01–05) on A5, registers and results on A4."""

    A5 = (148 * mm, 210 * mm)
    A4 = (210 * mm, 297 * mm)

    @property
    def width(self) -> float:
        return self.value[0]

    @property
    def height(self) -> float:
        return self.value[1]


@dataclass(frozen=True)
class Field:
    """A labelled line of a slip, e.g. "Mã hồ sơ: 000.00.01.H22-210616-0001"."""

    label: str
    value: str


@dataclass(frozen=True)
class Numbered:
    """Items numbered 1., 2., 3. in the body (the usual shape of a slip's content)."""

    items: Sequence["str | Field"]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    # Relative column widths (e.g. (1, 6, 2)); equal columns when empty.
    column_weights: Sequence[float] = ()

    def __post_init__(self):
        if self.column_weights and len(self.column_weights) != len(self.header):
            raise ValueError("column_weights must give one weight per column")
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError("every table row must have as many cells as the header")


@dataclass(frozen=True)
class SignatureBlock:
    """The signer's block: authority and title (upper case in the document), a hint, the signer's name."""

    title: str
    name: str = ""
    authority: str = ""  # "KT. GIÁM ĐỐC", "TL. CHỦ TỊCH"…
    hint: str = "(Ký, ghi rõ họ tên)"


Block = str | Field | Numbered | Table


@dataclass(frozen=True)
class DocumentSpec:
    title: str
    agency: str
    parent_agency: str = ""
    page_size: PageSize = PageSize.A5
    number: str = ""  # the document's number and symbol, printed as "Số: …"
    place: str = ""
    issued_on: date | None = None
    subtitle: str = ""
    body: Sequence[Block] = ()
    signatures: Sequence[SignatureBlock] = ()
    recipients: Sequence[str] = ()  # "Nơi nhận"
    qr_url: str = ""
    qr_caption: str = ""
    footer: str = ""
