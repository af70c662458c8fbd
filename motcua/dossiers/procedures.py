"""What the dossier lifecycle needs to know about a procedure, read from the catalogue in one place.

Offerings (which agency receives a procedure, at which online service level) come from the catalogue's selectors.
The catalogue has no selector yet for a procedure's channels (time limits) and required documents, so those are
read here from the procedure's relations, and nowhere else in this app.
"""

from dataclasses import dataclass
from decimal import Decimal

from motcua.catalog import selectors as catalogue
from motcua.catalog.constants import ServiceLevel
from motcua.dossiers.constants import Channel


@dataclass(frozen=True)
class ProcessingTime:
    value: Decimal
    unit: str


@dataclass(frozen=True)
class DocumentSlot:
    position: int
    name: str
    quantity_text: str
    required: bool


# The source lists conditional documents ("Trường hợp trẻ em bị bỏ rơi thì…"), documents shown at the desk and
# notes with a quantity of "0 bản" in the same table as the documents everyone hands in. Only the latter can be
# demanded before submission; the rest stay as optional slots the applicant fills when they apply.
_CONDITIONAL_START = "trường hợp"
_CONDITIONAL_ANYWHERE = "nếu có"
_SHOWN_NOT_SUBMITTED_GROUP = "xuất trình"


def _is_required(name: str, group: str, quantity_text: str) -> bool:
    text = name.lower().lstrip("-–+• ").strip()
    conditional = text.startswith(_CONDITIONAL_START) or _CONDITIONAL_ANYWHERE in text
    shown_only = _SHOWN_NOT_SUBMITTED_GROUP in group.lower()
    nothing_to_hand_in = quantity_text.strip().startswith("0 ")
    return not (conditional or shown_only or nothing_to_hand_in)


def document_slots(procedure) -> list[DocumentSlot]:
    return [
        DocumentSlot(
            position=document.position,
            name=document.name,
            quantity_text=document.quantity_text,
            required=_is_required(document.name, document.group, document.quantity_text),
        )
        for document in procedure.documents.order_by("position")
    ]


def processing_time(procedure, channel: str) -> ProcessingTime | None:
    """The legal time limit for the channel the dossier came by; the direct channel's when that one has none."""
    timed = [
        row
        for row in procedure.channels.order_by("position")
        if row.processing_time_value is not None and row.processing_time_unit
    ]
    for wanted in (channel, Channel.DIRECT):
        for row in timed:
            if row.kind == wanted:
                return ProcessingTime(row.processing_time_value, row.processing_time_unit)
    if timed:
        return ProcessingTime(timed[0].processing_time_value, timed[0].processing_time_unit)
    return None


def offering_at(procedure, agency):
    """The active offering of `procedure` at `agency` (the catalogue's "this agency receives it"), or None."""
    return next(
        (offering for offering in catalogue.procedure_offerings(procedure) if offering.agency_id == agency.pk), None
    )


def online_service_level(procedure, agency) -> int | None:
    """The online service level at this agency (1–4), or None when the agency does not receive the procedure."""
    offering = offering_at(procedure, agency)
    if offering is None:
        return None
    return offering.service_level or procedure.service_level or ServiceLevel.INFORMATION


def accepts_online(procedure, agency) -> bool:
    return (online_service_level(procedure, agency) or 0) >= ServiceLevel.PARTIAL
