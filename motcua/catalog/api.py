"""/api/v1/procedures: the public catalogue for integrators (names fixed by docs/interfaces.md)."""

from typing import Annotated

from django.http import Http404
from ninja import Query, Router, Schema, Status

from motcua.api import error_response
from motcua.catalog import selectors
from motcua.catalog.constants import PAGE_SIZE, Level
from motcua.catalog.models import Procedure

router = Router(tags=["Thủ tục hành chính"])


class ProcessingTime(Schema):
    value: float | None
    unit: str | None


class ChannelOut(Schema):
    channel: str
    channel_text: str
    processing_time: ProcessingTime
    time_text: str
    fee_text: str
    description: str


class DocumentOut(Schema):
    group: str
    name: str
    quantity: str
    form: str


class ResultOut(Schema):
    name: str
    code: str | None


class AgenciesOut(Schema):
    implementing: str
    competent: str
    authorised: str
    coordinating: str


class ProcedureSummaryOut(Schema):
    code: str | None
    local_key: str | None
    name: str
    field: str
    levels: list[str]
    service_level: int | None
    online_mode: str | None
    url: str


class ProcedureOut(ProcedureSummaryOut):
    level_text: str
    other_levels: list[str]
    procedure_type: str
    decision_number: str
    applicants: str
    agencies: AgenciesOut
    steps: str
    conditions: str
    channels: list[ChannelOut]
    documents: list[DocumentOut]
    results: list[ResultOut]
    legal_basis: list[str]
    has_online_channel: bool
    in_online_list_2025: bool
    flags: list[str]
    source: str
    source_url: str


class ProcedurePageOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[ProcedureSummaryOut]


class ErrorBody(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


def _summary(procedure: Procedure) -> dict:
    return {
        "code": procedure.code,
        "local_key": procedure.local_key,
        "name": procedure.name,
        "field": procedure.field,
        "levels": procedure.local_levels,
        "service_level": procedure.service_level,
        "online_mode": procedure.online_mode or None,
        "url": procedure.get_absolute_url(),
    }


@router.get(
    "",
    response={200: ProcedurePageOut, 400: ErrorOut},
    summary="Tìm thủ tục hành chính",
    description="`q` khớp tên thủ tục có dấu, không dấu (NFC hoặc NFD) hoặc mã thủ tục; mọi từ đều phải khớp. "
    "Kết quả xếp theo độ liên quan: đúng mã, tên bắt đầu bằng từ khóa, rồi thủ tục được dùng nhiều.",
)
def list_procedures(
    request,
    q: str = "",
    level: Annotated[Level | None, Query(description="Cấp thực hiện: tinh, huyen, xa (và bo, khac)")] = None,
    field: Annotated[str | None, Query(description="Lĩnh vực, đúng như trong danh mục", max_length=255)] = None,
    service_level: Annotated[int | None, Query(ge=1, le=4, description="Mức độ dịch vụ công trực tuyến 1–4")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
):
    try:
        found = selectors.search_page(q=q, level=level, field=field, service_level=service_level, page=page)
    except selectors.InvalidSearch as invalid:
        return error_response(request, 400, "invalid_search", invalid.message)
    results = [_summary(procedure) for procedure in found.procedures]
    return Status(200, {"count": found.count, "page": page, "page_size": PAGE_SIZE, "results": results})


@router.get(
    "/{code}",
    response={200: ProcedureOut, 404: ErrorOut},
    summary="Chi tiết thủ tục hành chính",
    description="`code` là mã thủ tục quốc gia (ví dụ 1.001193), "
    "hoặc mã nội bộ LOCAL-… với thủ tục nguồn không ghi mã.",
)
def get_procedure(request, code: str):
    procedure = selectors.get_procedure(code)
    if procedure is None:
        raise Http404
    return Status(200, _detail(procedure))


def _detail(procedure: Procedure) -> dict:
    return {
        **_summary(procedure),
        "level_text": procedure.level_text,
        "other_levels": [level for level in procedure.levels if level not in procedure.local_levels],
        "procedure_type": procedure.procedure_type,
        "decision_number": procedure.decision_number,
        "applicants": procedure.applicants,
        "agencies": {
            "implementing": procedure.implementing_agency,
            "competent": procedure.competent_agency,
            "authorised": procedure.authorised_agency,
            "coordinating": procedure.coordinating_agency,
        },
        "steps": procedure.steps,
        "conditions": procedure.conditions,
        "channels": [
            {
                "channel": channel.kind,
                "channel_text": channel.kind_text,
                "processing_time": {
                    "value": channel.processing_time_value,
                    "unit": channel.processing_time_unit or None,
                },
                "time_text": channel.time_text,
                "fee_text": channel.fee_text,
                "description": channel.description,
            }
            for channel in procedure.channels.all()
        ],
        "documents": [
            {
                "group": document.group,
                "name": document.name,
                "quantity": document.quantity_text,
                "form": document.form_name,
            }
            for document in procedure.documents.all()
        ],
        "results": [{"name": result["ten"], "code": result["ma"]} for result in procedure.results],
        "legal_basis": procedure.legal_basis,
        "has_online_channel": procedure.has_online_channel,
        "in_online_list_2025": procedure.in_online_list_2025,
        "flags": procedure.flags,
        "source": procedure.source,
        "source_url": procedure.detail_url,
    }
