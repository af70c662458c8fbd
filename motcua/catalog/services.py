"""Writes to the procedure catalogue: the importer, the demo service-level rule, service-level changes."""

import csv
import gzip
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import caching
from motcua.catalog.constants import (
    LEVEL_FIELDS,
    ONLINE_MODE_BY_SERVICE_LEVEL,
    PUBLISHED_FIELDS,
    ImportSkipReason,
    ServiceLevel,
)
from motcua.catalog.models import Channel, Offering, Procedure, RequiredDocument
from motcua.catalog.parsing import (
    ProcedureData,
    RecordRejected,
    normalise_raw_text,
    parse_record,
    record_fingerprint,
)

# Companion files published next to the catalogue (see the data README); used when present.
RAW_TEXT_FILE_NAME = "tthc_procedures_rawtext.jsonl.gz"
ONLINE_LIST_FILE_NAME = "dvc_truc_tuyen_list_2025.csv.gz"
GZIP_MAGIC = b"\x1f\x8b"
BATCH_SIZE = 500

SOURCE_FIELDS = [
    *PUBLISHED_FIELDS,
    "search_key",
    "name_key",
    *LEVEL_FIELDS.values(),
    "legal_basis_raw",
    "source",
    "source_origin",
    "source_license",
    "detail_url",
    "era",
    "has_online_channel",
    "in_online_list_2025",
    "popularity",
    "is_flagged",
    "flags",
    "raw_text",
    "content_hash",
    "updated_at",
]


@dataclass(frozen=True)
class SkippedLine:
    line: int
    reason: str
    message: str


@dataclass(frozen=True)
class DuplicateLine:
    line: int
    first_line: int
    key: str


@dataclass
class ImportReport:
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    flagged: int = 0
    skipped: list[SkippedLine] = field(default_factory=list)
    duplicates: list[DuplicateLine] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class _ParsedLine:
    line: int
    data: ProcedureData


def import_procedures(
    path: str | Path, *, raw_text_path: str | Path | None = None, online_list_path: str | Path | None = None
) -> ImportReport:
    """Imports a catalogue file (JSON lines, gzip or plain) idempotently.

    A record is identified by its national code, or by a local key derived from its source when it has none.
    Records whose content did not change since the last import are left alone (compared by content hash);
    malformed lines are reported with their number and skipped; the rest is written in one transaction.
    The companion files default to the ones published beside PATH, when they exist.
    """
    path = Path(path)
    raw_texts = _read_raw_texts(_companion(path, raw_text_path, RAW_TEXT_FILE_NAME))
    popularity = _read_popularity(_companion(path, online_list_path, ONLINE_LIST_FILE_NAME))

    report = ImportReport()
    parsed = _parse_lines(path, report)
    for item in parsed:
        item.data.attach_companions(popularity.get(item.data.code, 0), raw_texts.get(item.data.code))
    report.flagged = sum(1 for item in parsed if item.data.flags)

    with transaction.atomic():
        _write(parsed, report)
    caching.invalidate()
    return report


def apply_demo_service_levels() -> dict[int, int]:
    """The demo deployment's rule, for procedures whose level nobody has set yet.

    An online channel and a place on the 2025 national online list → level 4 (toàn trình); an online channel
    only → level 3 (một phần); otherwise level 2. Levels an administrator set are never overwritten.
    Returns how many procedures got each level.
    """
    unset = Procedure.objects.filter(service_level__isnull=True)
    rule = {
        ServiceLevel.FULL: unset.filter(has_online_channel=True, in_online_list_2025=True),
        ServiceLevel.PARTIAL: unset.filter(has_online_channel=True, in_online_list_2025=False),
        ServiceLevel.FORMS: unset.filter(has_online_channel=False),
    }
    now = timezone.now()
    with transaction.atomic():
        assigned = {
            int(level): queryset.update(
                service_level=level, online_mode=ONLINE_MODE_BY_SERVICE_LEVEL.get(level, ""), updated_at=now
            )
            for level, queryset in rule.items()
        }
    caching.invalidate()
    return assigned


def apply_demo_offerings(receivers: Mapping[str, Iterable]) -> int:
    """The demo deployment's rule for where procedures are received: every procedure of a level is offered at
    each receiving agency of that level (`receivers` maps tinh/huyen/xa to agencies: the province's service
    centre, each district UBND, each commune UBND). Existing offerings, including an administrator's edits, are
    kept. Returns how many offerings were created.
    """
    created = 0
    with transaction.atomic():
        for level, agencies in receivers.items():
            procedure_ids = list(Procedure.objects.filter(**{LEVEL_FIELDS[level]: True}).values_list("pk", flat=True))
            for agency in agencies:
                existing = set(
                    Offering.objects.filter(agency=agency, procedure_id__in=procedure_ids).values_list(
                        "procedure_id", flat=True
                    )
                )
                missing = [
                    Offering(procedure_id=pk, agency=agency, level=level) for pk in procedure_ids if pk not in existing
                ]
                Offering.objects.bulk_create(missing, batch_size=2000)
                created += len(missing)
    if created:
        caching.invalidate()
    return created


def set_processing_time(channel: Channel, *, value: Decimal | None, unit: str) -> Channel:
    """The catalogue admin states a time limit the source left without a unit (never guessed by the importer).

    It stays until an import brings a changed source record, whose own text then replaces it.
    """
    channel.processing_time_value = value
    channel.processing_time_unit = unit
    channel.full_clean()
    channel.save(update_fields=["processing_time_value", "processing_time_unit"])
    caching.invalidate()
    return channel


def set_service_level(procedure: Procedure, service_level: int | None) -> Procedure:
    """The province's decision for one procedure; the online mode follows from the level."""
    if service_level is not None and service_level not in ServiceLevel.values:
        raise ValueError(_("Mức độ dịch vụ công trực tuyến phải từ 1 đến 4."))
    procedure.service_level = service_level
    procedure.online_mode = ONLINE_MODE_BY_SERVICE_LEVEL.get(service_level, "")
    procedure.save(update_fields=["service_level", "online_mode", "updated_at"])
    caching.invalidate()
    return procedure


def save_offering(offering: Offering) -> Offering:
    """Creates or changes where the province receives a procedure (deployment data, edited in the admin)."""
    offering.full_clean()
    offering.save()
    caching.invalidate()
    return offering


def delete_offering(offering: Offering) -> None:
    offering.delete()
    caching.invalidate()


def _companion(path: Path, given: str | Path | None, default_name: str) -> Path | None:
    if given is not None:
        return Path(given)
    candidate = path.with_name(default_name)
    return candidate if candidate.exists() else None


def _open_binary(path: Path):
    with open(path, "rb") as probe:
        compressed = probe.read(2) == GZIP_MAGIC
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def _parse_lines(path: Path, report: ImportReport) -> list[_ParsedLine]:
    parsed: list[_ParsedLine] = []
    first_line_by_key: dict[str, int] = {}
    first_line_by_fingerprint: dict[str, int] = {}
    with _open_binary(path) as lines:
        for number, raw_line in enumerate(lines, start=1):
            if not raw_line.strip():
                continue
            report.lines += 1
            try:
                record = _decode(raw_line)
                data = parse_record(record)
            except RecordRejected as rejected:
                report.skipped.append(SkippedLine(number, rejected.reason, rejected.message))
                continue
            # The same procedure published twice (same code, or same content under another source path).
            fingerprint = record_fingerprint(record)
            first_line = first_line_by_key.get(data.key) or first_line_by_fingerprint.get(fingerprint)
            if first_line is not None:
                report.duplicates.append(DuplicateLine(number, first_line, data.key))
                continue
            first_line_by_key[data.key] = number
            first_line_by_fingerprint[fingerprint] = number
            parsed.append(_ParsedLine(number, data))
    return parsed


def _decode(raw_line: bytes) -> object:
    try:
        return json.loads(raw_line.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError as error:
        raise RecordRejected(ImportSkipReason.BAD_JSON, "không phải UTF-8") from error
    except json.JSONDecodeError as error:
        raise RecordRejected(ImportSkipReason.BAD_JSON, f"{error.msg} (cột {error.colno})") from error


def _read_raw_texts(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    texts = {}
    with _open_binary(path) as lines:
        for raw_line in lines:
            try:
                record = json.loads(raw_line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(record, dict) and record.get("ma_tthc") and isinstance(record.get("raw"), dict):
                texts[record["ma_tthc"]] = normalise_raw_text(record["raw"])
    return texts


def _read_popularity(path: Path | None) -> dict[str, int]:
    if path is None:
        return {}
    with _open_binary(path) as binary:
        rows = csv.DictReader(io.TextIOWrapper(binary, encoding="utf-8"))
        return {row["ma_tthc"]: int(row["weight_popularity"]) for row in rows if _is_weight(row)}


def _is_weight(row: dict) -> bool:
    return bool(row.get("ma_tthc")) and str(row.get("weight_popularity", "")).isdigit()


def _write(parsed: list[_ParsedLine], report: ImportReport) -> None:
    existing = {
        (code or local_key): (pk, content_hash)
        for pk, code, local_key, content_hash in Procedure.objects.values_list(
            "pk", "code", "local_key", "content_hash"
        )
    }
    new_rows: list[tuple[Procedure, ProcedureData]] = []
    changed_rows: list[tuple[Procedure, ProcedureData]] = []
    for item in parsed:
        data = item.data
        content_hash = data.content_hash()
        current = existing.get(data.key)
        if current is not None and current[1] == content_hash:
            report.unchanged += 1
            continue
        procedure = _procedure_from(data, content_hash)
        if current is None:
            new_rows.append((procedure, data))
        else:
            procedure.pk = current[0]
            changed_rows.append((procedure, data))

    Procedure.objects.bulk_create([procedure for procedure, _data in new_rows], batch_size=BATCH_SIZE)
    if changed_rows:
        Procedure.objects.bulk_update(
            [procedure for procedure, _data in changed_rows], SOURCE_FIELDS, batch_size=BATCH_SIZE
        )
        changed_ids = [procedure.pk for procedure, _data in changed_rows]
        Channel.objects.filter(procedure_id__in=changed_ids).delete()
        RequiredDocument.objects.filter(procedure_id__in=changed_ids).delete()
    _create_children(new_rows + changed_rows)
    report.created = len(new_rows)
    report.updated = len(changed_rows)


def _procedure_from(data: ProcedureData, content_hash: str) -> Procedure:
    return Procedure(
        code=data.code,
        local_key=data.local_key,
        name=data.name,
        search_key=data.search_key,
        name_key=data.name_key,
        field=data.field,
        **{attribute: level in data.levels for level, attribute in LEVEL_FIELDS.items()},
        level_text=data.level_text,
        procedure_type=data.procedure_type,
        decision_number=data.decision_number,
        applicants=data.applicants,
        implementing_agency=data.implementing_agency,
        competent_agency=data.competent_agency,
        authorised_agency=data.authorised_agency,
        coordinating_agency=data.coordinating_agency,
        steps=data.steps,
        conditions=data.conditions,
        legal_basis=data.legal_basis,
        legal_basis_raw=data.legal_basis_raw,
        results=data.results,
        source=data.source,
        source_origin=data.source_origin,
        source_license=data.source_license,
        detail_url=data.detail_url,
        era=data.era,
        has_online_channel=data.has_online_channel,
        in_online_list_2025=data.in_online_list_2025,
        popularity=data.popularity,
        is_flagged=bool(data.flags),
        flags=data.flags,
        raw_text=data.raw_text,
        content_hash=content_hash,
        updated_at=timezone.now(),
    )


def _create_children(rows: list[tuple[Procedure, ProcedureData]]) -> None:
    channels = [
        Channel(procedure_id=procedure.pk, position=position, **vars(channel))
        for procedure, data in rows
        for position, channel in enumerate(data.channels, start=1)
    ]
    documents = [
        RequiredDocument(procedure_id=procedure.pk, position=position, **vars(document))
        for procedure, data in rows
        for position, document in enumerate(data.documents, start=1)
    ]
    Channel.objects.bulk_create(channels, batch_size=BATCH_SIZE)
    RequiredDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
