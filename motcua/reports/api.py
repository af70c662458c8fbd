"""/api/v1/stats: the public statistics (names fixed by docs/interfaces.md)."""

from datetime import date

from django.utils import timezone
from ninja import Query, Router, Schema

from motcua.api import error_response
from motcua.reports import selectors
from motcua.reports.indicators import ServiceIndicators, service_indicators

router = Router(tags=["Thống kê"])


class ErrorBody(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


class PeriodOut(Schema):
    date_from: date
    date_to: date


class ReceivedOut(Schema):
    online: int
    direct: int
    postal: int
    carried_over: int


class ResolvedOut(Schema):
    early: int
    on_time: int
    late: int


class PendingOut(Schema):
    in_time: int
    overdue: int


class CoverageOut(Schema):
    level34: int
    total: int
    partial: int
    full: int
    text: str


class OnlinePaymentsOut(Schema):
    online: int
    total: int
    rate: float | None
    text: str


class ComponentsOut(Schema):
    digitised: int
    reused: int


class ProcessingTimeOut(Schema):
    resolved: int
    average_days: float | None
    text: str


class IndicatorsOut(Schema):
    online_payments: OnlinePaymentsOut
    components: ComponentsOut
    e_results_issued: int
    satisfaction: dict[str, dict[str, int]]
    processing_time: ProcessingTimeOut


class SummaryOut(Schema):
    period: PeriodOut
    level: str | None
    agency: str | None
    received: ReceivedOut
    resolved: ResolvedOut
    pending: PendingOut
    withdrawn: int
    refused: int
    stopped: int
    online_rate: float | None
    online_rate_text: str
    service_level_coverage: CoverageOut
    indicators: IndicatorsOut


def _indicators(figures: ServiceIndicators, summary: selectors.Summary) -> dict:
    return {
        "online_payments": {
            "online": figures.online_payments,
            "total": figures.payments,
            "rate": figures.online_payment_rate,
            "text": figures.online_payment_rate_text,
        },
        "components": {"digitised": figures.digitised_components, "reused": figures.reused_components},
        "e_results_issued": figures.e_results_issued,
        "satisfaction": {
            row.criterion: {answer: count for answer, _, count in row.answers} for row in figures.satisfaction
        },
        "processing_time": {
            "resolved": summary.resolved.total,
            "average_days": summary.average_processing_days,
            "text": summary.average_processing_days_text,
        },
    }


@router.get(
    "/summary",
    response={200: SummaryOut, 400: ErrorOut},
    summary="Số liệu tổng hợp tình hình giải quyết hồ sơ",
    description="`from`, `to`: ngày (2021-12-31 hoặc 31/12/2021), mặc định là năm có số liệu mới nhất; "
    "`level`: `tinh`, `huyen` hoặc `xa`; `agency`: mã cơ quan (QCVN 102). Hồ sơ còn tồn được tính đến hết "
    "ngày `to`; `online_rate` là phần trăm hồ sơ tiếp nhận trực tuyến; `service_level_coverage`: số thủ tục "
    "được tiếp nhận tại các cơ quan của cấp hoặc cơ quan đã chọn và số thủ tục trong đó có DVC trực tuyến mức "
    "độ 3, 4. `indicators`: tỷ lệ khoản phí, lệ phí "
    "nộp trực tuyến, thành phần hồ sơ số hóa và tái sử dụng, kết quả điện tử đã cấp, mức độ hài lòng theo tiêu chí "
    "và thời gian giải quyết trung bình (ngày theo lịch, từ tiếp nhận đến có kết quả).",
)
def stats_summary(
    request,
    date_from: str = Query("", alias="from"),
    date_to: str = Query("", alias="to"),
    level: str = "",
    agency: str = "",
):
    try:
        query = selectors.check_query(date_from, date_to, level, agency, today=timezone.localdate())
    except selectors.InvalidStatsQuery as invalid:
        return error_response(request, 400, invalid.code, invalid.message)
    figures = selectors.summary(query.date_from, query.date_to, level=query.level, agency_code=query.agency_code)
    coverage = selectors.service_level_coverage(level=query.level, agency_code=query.agency_code)
    codes = [query.agency_code] if query.agency_code else None
    indicators = service_indicators(query.date_from, query.date_to, level=query.level, agency_codes=codes)
    return {
        "period": {"date_from": query.date_from, "date_to": query.date_to},
        "level": query.level,
        "agency": query.agency_code,
        "received": figures.received,
        "resolved": figures.resolved,
        "pending": figures.pending,
        "withdrawn": figures.withdrawn,
        "refused": figures.refused,
        "stopped": figures.stopped,
        "online_rate": figures.online_rate,
        "online_rate_text": figures.online_rate_text,
        "service_level_coverage": {
            "level34": coverage.level34,
            "total": coverage.total,
            "partial": coverage.partial,
            "full": coverage.full,
            "text": coverage.text,
        },
        "indicators": _indicators(indicators, figures),
    }
