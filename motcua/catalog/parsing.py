"""Turning one record of the national catalogue export into clean, NFC, typed procedure data.

Pure functions, no database: the importer (services.import_procedures) decides what to write. Where the source
is unsure (no unit, cells not split) the data is kept as written and the record is flagged; nothing is guessed.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from motcua.catalog.constants import (
    LOCAL_KEY_PREFIX,
    MAX_PROCESSING_DAYS,
    PROCEDURE_KEY_PATTERN,
    TIME_UNIT_DAYS,
    ChannelKind,
    FlagReason,
    ImportSkipReason,
    Level,
    TimeUnit,
)
from motcua.core.text import nfc, search_key

# Results sometimes arrive as "Quyết định …Mã: KQ.G01.00262" with the code glued to the name by the crawler.
GLUED_RESULT_CODE = re.compile(r"^(?P<name>.*?)\s*Mã:\s*(?P<code>KQ\.[0-9A-Za-z.]+)\s*$", re.DOTALL)
GENERIC_NAME_PREFIX = "thu tuc "
BLANK_LINES = re.compile(r"\n{3,}")

CHANNEL_KINDS = {
    "trực tiếp": ChannelKind.DIRECT,
    "trực tuyến": ChannelKind.ONLINE,
    "dịch vụ bưu chính": ChannelKind.POSTAL,
}
# The source's own Vietnamese words (not our translatable labels, which change with the language).
TIME_UNITS = {
    "ngày làm việc": TimeUnit.WORKING_DAY,
    "ngày": TimeUnit.DAY,
    "giờ": TimeUnit.HOUR,
    "tháng": TimeUnit.MONTH,
}

# Column limits of the models; a longer value is a broken record, reported rather than cut.
MAX_LENGTHS = {
    "linh_vuc": 255,
    "cap_thuc_hien": 255,
    "loai_thu_tuc": 255,
    "so_quyet_dinh_cong_bo": 255,
    "source": 500,
    "source_origin": 500,
    "source_license": 500,
    "detail_url": 500,
    "era": 255,
    "hinh_thuc_nop": 255,
    "so_luong": 128,
    "mau_don_url": 500,
}


class RecordRejected(Exception):
    def __init__(self, reason: ImportSkipReason, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    @property
    def message(self) -> str:
        return f"{self.reason.label}: {self.detail}" if self.detail else str(self.reason.label)


@dataclass(frozen=True)
class ChannelData:
    kind: str
    kind_text: str
    time_text: str
    processing_time_value: Decimal | None
    processing_time_unit: str
    fee_text: str
    description: str
    raw: str
    parse_ok: bool


@dataclass(frozen=True)
class DocumentData:
    group: str
    name: str
    quantity_text: str
    form_name: str
    form_url: str


@dataclass
class ProcedureData:
    code: str | None
    local_key: str | None
    name: str
    field: str
    levels: tuple[str, ...]
    level_text: str
    procedure_type: str
    decision_number: str
    applicants: str
    implementing_agency: str
    competent_agency: str
    authorised_agency: str
    coordinating_agency: str
    steps: str
    conditions: str
    legal_basis: list[str]
    results: list[dict]
    source: str
    source_origin: str
    source_license: str
    detail_url: str
    era: str
    has_online_channel: bool
    in_online_list_2025: bool
    channels: tuple[ChannelData, ...]
    documents: tuple[DocumentData, ...]
    flags: list[str]
    popularity: int = 0
    legal_basis_raw: str = ""
    raw_text: dict | None = None

    @property
    def key(self) -> str:
        return self.code or self.local_key

    @property
    def search_key(self) -> str:
        return procedure_search_key(self.name, self.code)

    @property
    def name_key(self) -> str:
        return procedure_name_key(self.name)

    def attach_companions(self, popularity: int, source_raw_text: dict | None) -> None:
        """Adds what the companion files know: the 2025 popularity weight and the unsplit source text."""
        self.popularity = popularity
        self.legal_basis_raw = legal_basis_text(source_raw_text)
        # The unsplit text is kept where parsing was unsure, so an administrator can check the parsed fields.
        self.raw_text = source_raw_text if self.flags and source_raw_text else None

    def content_hash(self) -> str:
        encoded = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def procedure_search_key(name: str, code: str | None) -> str:
    """What the catalogue search matches words against: the name and the national code."""
    return search_key(f"{name} {code or ''}")


def procedure_name_key(name: str) -> str:
    """The name's key without the generic leading "Thủ tục", used to rank names that start with the query."""
    return search_key(name).removeprefix(GENERIC_NAME_PREFIX)


def local_key_for(source: str) -> str:
    """A stable key for a record without a national code: the same source always gives the same key."""
    return LOCAL_KEY_PREFIX + hashlib.sha256(nfc(source).encode("utf-8")).hexdigest()[:10].upper()


def record_fingerprint(record: dict) -> str:
    """The record's content apart from where it was found: two sources publishing the same text collide."""
    content = {key: value for key, value in record.items() if key not in {"source", "duplicate_of_previous_in_source"}}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(unicodedata.normalize("NFC", encoded).encode("utf-8")).hexdigest()


def parse_record(record: object) -> ProcedureData:
    if not isinstance(record, dict):
        raise RecordRejected(ImportSkipReason.NOT_AN_OBJECT)
    name = _line(record, "ten_tthc")
    if not name:
        raise RecordRejected(ImportSkipReason.MISSING_NAME)
    code = _code(record.get("ma_tthc"))
    source = _line(record, "source")
    if code is None and not source:
        raise RecordRejected(ImportSkipReason.NO_KEY)

    flags: list[str] = []
    if code is None:
        flags.append(FlagReason.NO_NATIONAL_CODE)
    levels = _levels(record.get("cap_thuc_hien_codes"), flags)
    channels = tuple(_channel(row, flags) for row in _list(record, "cach_thuc_thuc_hien"))
    if not channels:
        flags.append(FlagReason.NO_CHANNEL)
    documents = _documents(_list(record, "thanh_phan_ho_so"), flags)

    return ProcedureData(
        code=code,
        local_key=None if code else local_key_for(source),
        name=name,
        field=_line(record, "linh_vuc"),
        levels=levels,
        level_text=_line(record, "cap_thuc_hien"),
        procedure_type=_line(record, "loai_thu_tuc"),
        decision_number=_line(record, "so_quyet_dinh_cong_bo"),
        applicants=_line(record, "doi_tuong_thuc_hien"),
        implementing_agency=_block(record.get("co_quan_thuc_hien")),
        competent_agency=_block(record.get("co_quan_co_tham_quyen")),
        authorised_agency=_block(record.get("co_quan_duoc_uy_quyen")),
        coordinating_agency=_block(record.get("co_quan_phoi_hop")),
        steps=_block(record.get("trinh_tu_thuc_hien")),
        conditions=_block(record.get("yeu_cau_dieu_kien")),
        legal_basis=_distinct(nfc(_scalar(number)) for number in _list(record, "can_cu_phap_ly_so_hieu")),
        results=[_result(item) for item in _list(record, "ket_qua")],
        source=source,
        source_origin=_line(record, "source_origin"),
        source_license=_line(record, "source_license"),
        detail_url=_url(_line(record, "detail_url")),
        era=_line(record, "era"),
        has_online_channel=any(channel.kind == ChannelKind.ONLINE for channel in channels),
        in_online_list_2025=record.get("co_trong_ds_dvc_truc_tuyen_2025") is True,
        channels=channels,
        documents=documents,
        flags=_distinct(flags),
    )


def legal_basis_text(source_raw_text: dict | None) -> str:
    if not source_raw_text:
        return ""
    if isinstance(source_raw_text.get("can_cu_phap_ly"), str):
        return _block(source_raw_text["can_cu_phap_ly"])
    items = source_raw_text.get("can_cu_phap_ly_items")
    if isinstance(items, list):
        return "\n".join(
            _block(item.get("trich_yeu")) for item in items if isinstance(item, dict) and item.get("trich_yeu")
        )
    return ""


def normalise_raw_text(value: object) -> object:
    """NFC throughout a JSON value, so stored raw text compares and searches like everything else."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [normalise_raw_text(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise_raw_text(item) for key, item in value.items()}
    return value


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, f"giá trị không phải văn bản: {str(value)[:40]}")
    return str(value)


def _line(record: dict, key: str) -> str:
    text = nfc(_scalar(record.get(key)))
    limit = MAX_LENGTHS.get(key)
    if limit and len(text) > limit:
        raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, f"trường {key} dài quá {limit} ký tự")
    return text


def _block(value: object) -> str:
    """NFC text that keeps its line breaks (steps and conditions are written as lists)."""
    text = unicodedata.normalize("NFC", _scalar(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _list(record: dict, key: str) -> list:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, f"trường {key} không phải danh sách")
    return value


def _code(value: object) -> str | None:
    if value is None:
        return None
    code = nfc(_scalar(value))
    if not code:
        return None
    if not PROCEDURE_KEY_PATTERN.match(code) or code.upper().startswith(LOCAL_KEY_PREFIX):
        raise RecordRejected(ImportSkipReason.BAD_CODE, code[:40])
    return code


def _url(value: str) -> str:
    return value if value.startswith(("https://", "http://")) else ""


def _distinct(values) -> list:
    return list(dict.fromkeys(value for value in values if value))


def _levels(value: object, flags: list[str]) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list):
        raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, "trường cap_thuc_hien_codes không phải danh sách")
    codes = [nfc(_scalar(code)).casefold() for code in value]
    if not codes:
        flags.append(FlagReason.NO_LEVEL)
    if any(code not in Level.values for code in codes):
        flags.append(FlagReason.UNKNOWN_LEVEL)
    return tuple(level for level in Level.values if level in codes)


def _channel(row: object, flags: list[str]) -> ChannelData:
    if not isinstance(row, dict):
        raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, "một dòng cách thức thực hiện không phải đối tượng")
    kind_text = _line(row, "hinh_thuc_nop")
    kind = CHANNEL_KINDS.get(kind_text.casefold())
    if kind is None:
        kind = ChannelKind.OTHER
        flags.append(FlagReason.UNKNOWN_CHANNEL)
    parse_ok = row.get("parse_ok") is not False
    if not parse_ok:
        flags.append(FlagReason.CHANNEL_NOT_SPLIT)
    value, unit = _processing_time(row, flags)
    return ChannelData(
        kind=kind,
        kind_text=kind_text,
        time_text=_block(row.get("thoi_han")),
        processing_time_value=value,
        processing_time_unit=unit,
        fee_text=_block(row.get("phi_le_phi")),
        description=_block(row.get("mo_ta")),
        raw=_block(row.get("raw")),
        parse_ok=parse_ok,
    )


def _processing_time(row: dict, flags: list[str]) -> tuple[Decimal | None, str]:
    unit_text = nfc(_scalar(row.get("thoi_han_don_vi"))).casefold()
    unit = TIME_UNITS.get(unit_text, "")
    if unit_text and not unit:
        flags.append(FlagReason.UNKNOWN_TIME_UNIT)
    number_text = nfc(_scalar(row.get("thoi_han_so"))).replace(",", ".")
    if not number_text:
        flags.append(FlagReason.TIME_NOT_NUMERIC)
        return None, ""
    try:
        value = Decimal(number_text)
    except InvalidOperation:
        flags.append(FlagReason.TIME_NOT_NUMERIC)
        return None, ""
    if not value.is_finite() or value < 0 or value * Decimal(TIME_UNIT_DAYS.get(unit, 1)) > MAX_PROCESSING_DAYS:
        raise RecordRejected(ImportSkipReason.ABSURD_TIME, f"{number_text} {unit_text}".strip())
    if value != value.quantize(Decimal("0.01")):
        flags.append(FlagReason.TIME_NOT_NUMERIC)
        return None, ""
    if not unit and not unit_text:
        flags.append(FlagReason.TIME_WITHOUT_UNIT)
    return value.quantize(Decimal("0.01")), unit


def _documents(rows: list, flags: list[str]) -> tuple[DocumentData, ...]:
    documents = []
    for row in rows:
        if not isinstance(row, dict):
            raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, "một thành phần hồ sơ không phải đối tượng")
        name = _block(row.get("ten_giay_to"))
        if not name:
            flags.append(FlagReason.DOCUMENT_WITHOUT_NAME)
            continue
        form_url = _url(_line(row, "mau_don_url"))
        documents.append(
            DocumentData(
                group=_block(row.get("nhom")),
                name=name,
                quantity_text=_line(row, "so_luong"),
                form_name=_block(row.get("mau_don_tep_doan")),
                form_url=form_url,
            )
        )
    return tuple(documents)


def _result(item: object) -> dict:
    if not isinstance(item, dict):
        raise RecordRejected(ImportSkipReason.BAD_STRUCTURE, "một kết quả thực hiện không phải đối tượng")
    name = _block(item.get("ten"))
    code = nfc(_scalar(item.get("ma"))) or None
    glued = GLUED_RESULT_CODE.match(name) if code is None else None
    if glued:
        name, code = glued["name"].strip(), glued["code"]
    return {"ten": name, "ma": code}
