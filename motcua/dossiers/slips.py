"""The official slips of a dossier (Thông tư 01/2018/TT-VPCP, Mẫu 01–05) as A5 PDFs, built from its event log.

Each slip belongs to the event that issued it (Mẫu 01 to the acceptance, 02 to a supplement request, 03 to a
refusal or a stop, 04 to the apology); the control slip (Mẫu 05) is the dossier's record as of its latest event.
A slip is rendered on its first download and the bytes are kept in the default storage under
slips/<dossier>/<kind>-<event>.pdf, so accepting a dossier never waits for ReportLab and a slip, once printed,
reads the same every time it is downloaded again.

Slips are legal documents in Vietnamese whatever language the interface is in (like motcua.core.pdf.wording):
their fixed wording is not translated, and the labels they borrow are rendered in the deployment's language.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import TimeUnit
from motcua.core.formatting import format_datetime, format_number
from motcua.core.pdf import DocumentSpec, Field, Numbered, SignatureBlock, Table, render_document
from motcua.dossiers import procedures, selectors, selectors_web
from motcua.dossiers.constants import DocumentSource, EventAction, Intake, Timeliness
from motcua.dossiers.models import Dossier, DossierEvent


class SlipKind(models.TextChoices):
    RECEIPT = "mau-01", _("Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "mau-02", _("Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "mau-03", _("Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "mau-04", _("Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    CONTROL = "mau-05", _("Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ")


# The events that issue each slip. A stop after appraisal is notified on the refusal form (Decree 61 Art. 19.8).
SLIP_ACTIONS: dict[str, frozenset[str]] = {
    SlipKind.RECEIPT: frozenset({EventAction.ACCEPT}),
    SlipKind.SUPPLEMENT: frozenset({EventAction.REQUEST_SUPPLEMENT}),
    SlipKind.REFUSAL: frozenset({EventAction.REFUSE, EventAction.STOP}),
    SlipKind.APOLOGY: frozenset({EventAction.APOLOGISE}),
    SlipKind.CONTROL: frozenset(EventAction.values),
}
# The control slip is the agencies' internal record; the applicant receives the others.
APPLICANT_SLIPS = (SlipKind.RECEIPT, SlipKind.SUPPLEMENT, SlipKind.REFUSAL, SlipKind.APOLOGY)

_TITLES = {
    SlipKind.RECEIPT: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    SlipKind.SUPPLEMENT: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    SlipKind.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    SlipKind.APOLOGY: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    SlipKind.CONTROL: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}
_FORM_NUMBERS = {
    SlipKind.RECEIPT: "01",
    SlipKind.SUPPLEMENT: "02",
    SlipKind.REFUSAL: "03",
    SlipKind.APOLOGY: "04",
    SlipKind.CONTROL: "05",
}
_STOP_TITLE = "Thông báo dừng giải quyết hồ sơ"


@dataclass(frozen=True)
class IssuedSlip:
    kind: str
    label: str
    event_id: int
    at: datetime


def issued_slips(dossier: Dossier, *, for_staff: bool) -> list[IssuedSlip]:
    """The slips a dossier has, in the order they were issued; the control slip last and only for staff."""
    kinds = {action: kind for kind in APPLICANT_SLIPS for action in SLIP_ACTIONS[kind]}
    slips = [
        IssuedSlip(kind=kind, label=str(SlipKind(kind).label), event_id=event.pk, at=event.at)
        for event in selectors_web.events_of(dossier, kinds)
        for kind in [kinds[event.action]]
    ]
    latest = current_control_slip_event(dossier) if for_staff else None
    if latest is not None:
        control = SlipKind.CONTROL
        slips.append(IssuedSlip(kind=control, label=str(control.label), event_id=latest.pk, at=latest.at))
    return slips


def current_control_slip_event(dossier: Dossier) -> DossierEvent | None:
    """The control slip exists once the dossier has a code and is always printed as of its latest event."""
    return selectors_web.latest_event(dossier, SLIP_ACTIONS[SlipKind.CONTROL]) if dossier.code else None


def storage_name(dossier: Dossier, kind: str, event_id: int) -> str:
    return f"slips/{dossier.pk}/{kind}-{event_id}.pdf"


def slip_pdf(dossier: Dossier, kind: str, event_id: int) -> bytes | None:
    """The slip's PDF, rendered and stored on first use; None when the dossier has no such slip."""
    if kind not in SlipKind.values:
        return None
    event = selectors_web.event_of(dossier, event_id, SLIP_ACTIONS[kind])
    if event is None or (kind == SlipKind.CONTROL and not dossier.code):
        return None
    name = storage_name(dossier, kind, event.pk)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    pdf = render_slip(dossier, kind, event)
    saved_as = default_storage.save(name, ContentFile(pdf))
    if saved_as != name:
        # Another request rendered the same slip at the same moment; keep one copy.
        default_storage.delete(saved_as)
    return pdf


def render_slip(dossier: Dossier, kind: str, event: DossierEvent) -> bytes:
    builders = {
        SlipKind.RECEIPT: _receipt,
        SlipKind.SUPPLEMENT: _supplement,
        SlipKind.REFUSAL: _refusal,
        SlipKind.APOLOGY: _apology,
        SlipKind.CONTROL: _control,
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_document(builders[kind](dossier, event))


# --- Shared parts --------------------------------------------------------------------------------------------


def _reference(dossier: Dossier) -> Field:
    if dossier.code:
        return Field("Mã hồ sơ", dossier.code)
    return Field("Số hồ sơ trên hệ thống", str(dossier.pk))


def _moment(value: datetime | None) -> str:
    """ "14 giờ 30 phút, ngày 16/06/2021", as slips write a time."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _event_moment(event: DossierEvent, key: str) -> datetime | None:
    value = event.payload.get(key)
    return datetime.fromisoformat(value) if value else None


def _place(agency) -> str:
    """ "Hà Giang" from the unit "Tỉnh Hà Giang": documents are dated at the place without its unit type."""
    unit = agency.admin_unit
    prefix = f"{unit.unit_type} ".lower()
    return unit.name[len(prefix) :] if unit.unit_type and unit.name.lower().startswith(prefix) else unit.name


def _frame(dossier: Dossier, kind: str, agency, issued_at: datetime, **fields) -> dict:
    return {
        "title": _TITLES[kind],
        "agency": agency.name,
        "parent_agency": agency.parent.name if agency.parent_id else "",
        "place": _place(agency),
        "issued_on": timezone.localdate(issued_at),
        "qr_url": selectors.lookup_url(dossier),
        "qr_caption": "Quét mã để tra cứu tiến độ hồ sơ",
        "footer": f"Mẫu số {_FORM_NUMBERS[kind]}, Thông tư số 01/2018/TT-VPCP",
        **fields,
    }


def _applicant(dossier: Dossier) -> list:
    """The applicant's lines, the empty ones left out and the contacts on one line, so an A5 slip keeps to a page."""
    lines = [Field("Ông/Bà/Tổ chức", dossier.applicant_name)]
    if dossier.applicant_cccd:
        lines.append(Field("Số CCCD/Mã số thuế", dossier.applicant_cccd))
    if dossier.applicant_address:
        lines.append(Field("Địa chỉ", dossier.applicant_address))
    contacts = ", ".join(filter(None, (dossier.applicant_phone, dossier.applicant_email)))
    if contacts:
        lines.append(Field("Điện thoại, thư điện tử", contacts))
    return lines


def _actor(event: DossierEvent) -> str:
    return str(event.actor) if event.actor else ""


def _processing_time(dossier: Dossier) -> str:
    limit = procedures.processing_time(dossier.procedure, dossier.channel)
    if limit is None:
        return "Theo quy định của thủ tục"
    decimals = 0 if limit.value == limit.value.to_integral_value() else 1
    return f"{format_number(limit.value, decimals)} {str(TimeUnit(limit.unit).label).lower()}"


# --- The five forms ------------------------------------------------------------------------------------------


def _receipt(dossier: Dossier, event: DossierEvent) -> DocumentSpec:
    received_at = _event_moment(event, "received_at") or event.at
    due_at = _event_moment(event, "due_at") or dossier.due_at
    code = event.payload.get("code") or dossier.code
    documents = [document for document in selectors.documents_of(dossier) if document.has_file]
    rows = [
        [str(number), document.name, document.quantity_text, str(DocumentSource(document.source).label)]
        for number, document in enumerate(documents, start=1)
    ]
    intake = "" if dossier.intake == Intake.COUNTER else f" ({Intake(dossier.intake).label.lower()})"
    return DocumentSpec(
        **_frame(
            dossier,
            SlipKind.RECEIPT,
            dossier.receiving_agency,
            event.at,
            number=code,
            body=[
                Field("Mã hồ sơ", code),
                f"{dossier.receiving_agency.name} tiếp nhận hồ sơ của:",
                *_applicant(dossier),
                Field("Nội dung yêu cầu giải quyết", dossier.procedure.name),
                Field("Hình thức nộp", f"{dossier.get_channel_display()}{intake}"),
                "Thành phần hồ sơ:",
                Table(header=("STT", "Tên giấy tờ", "Số lượng", "Hình thức"), rows=rows, column_weights=(1.4, 7, 3, 3)),
                Field("Số lượng hồ sơ", "01 bộ"),
                Field("Thời gian giải quyết hồ sơ theo quy định", _processing_time(dossier)),
                Field("Thời gian nhận hồ sơ", _moment(received_at)),
                Field("Thời gian trả kết quả giải quyết hồ sơ", _moment(due_at)),
                Field("Nhận kết quả tại", dossier.receiving_agency.name),
            ],
            # The receiver signs; an online applicant is not at the desk to sign, and a single block leaves the
            # QR code beside it rather than below, which keeps the receipt on one A5 sheet.
            signatures=[SignatureBlock(title="Người tiếp nhận hồ sơ", name=_actor(event))],
        )
    )


def _supplement(dossier: Dossier, event: DossierEvent) -> DocumentSpec:
    agency = event.agency or dossier.receiving_agency
    items = event.payload.get("items", [])
    return DocumentSpec(
        **_frame(
            dossier,
            SlipKind.SUPPLEMENT,
            agency,
            event.at,
            body=[
                _reference(dossier),
                f"{agency.name} đã nhận hồ sơ đề nghị giải quyết thủ tục hành chính của:",
                *_applicant(dossier),
                Field("Nội dung yêu cầu giải quyết", dossier.procedure.name),
                Field("Thời gian nộp hồ sơ", _moment(dossier.submitted_at)),
                "Sau khi kiểm tra, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
                Numbered(items=list(items)),
                Field("Lý do", event.note),
                "Ông/Bà bổ sung trực tuyến tại mục “Hồ sơ của tôi” trên Cổng Dịch vụ công, hoặc nộp trực tiếp "
                f"tại {dossier.receiving_agency.name}. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, "
                "Ông/Bà liên hệ cán bộ hướng dẫn dưới đây.",
            ],
            signatures=[SignatureBlock(title="Người hướng dẫn", name=_actor(event))],
        )
    )


def _refusal(dossier: Dossier, event: DossierEvent) -> DocumentSpec:
    agency = event.agency or dossier.receiving_agency
    stopped = event.action == EventAction.STOP
    reason_intro = (
        "Sau khi thẩm định, hồ sơ của Ông/Bà không đủ điều kiện giải quyết; cơ quan dừng giải quyết hồ sơ với lý do:"
        if stopped
        else "Sau khi kiểm tra, đối chiếu với quy định, hồ sơ của Ông/Bà không đủ điều kiện tiếp nhận, giải quyết "
        "với lý do:"
    )
    return DocumentSpec(
        **_frame(
            dossier,
            SlipKind.REFUSAL,
            agency,
            event.at,
            subtitle=f"({_STOP_TITLE})" if stopped else "",
            body=[
                _reference(dossier),
                f"{agency.name} đã nhận hồ sơ đề nghị giải quyết thủ tục hành chính của:",
                *_applicant(dossier),
                Field("Nội dung yêu cầu giải quyết", dossier.procedure.name),
                Field("Thời gian nộp hồ sơ", _moment(dossier.submitted_at)),
                reason_intro,
                event.note,
                "Xin thông báo để Ông/Bà biết và thực hiện.",
            ],
            signatures=[
                SignatureBlock(title="Người xử lý hồ sơ" if stopped else "Người tiếp nhận hồ sơ", name=_actor(event))
            ],
        )
    )


def _apology(dossier: Dossier, event: DossierEvent) -> DocumentSpec:
    agency = event.agency or dossier.handling_agency
    return DocumentSpec(
        **_frame(
            dossier,
            SlipKind.APOLOGY,
            agency,
            event.at,
            body=[
                _reference(dossier),
                f"Ngày {timezone.localtime(dossier.received_at):%d/%m/%Y}, {dossier.receiving_agency.name} tiếp nhận "
                "hồ sơ đề nghị giải quyết thủ tục hành chính của:",
                *_applicant(dossier),
                Field("Nội dung yêu cầu giải quyết", dossier.procedure.name),
                Field("Thời gian hẹn trả kết quả", _moment(_event_moment(event, "previous_due_at"))),
                "Tuy nhiên đến nay, hồ sơ của Ông/Bà chưa được giải quyết kịp thời theo hẹn.",
                Field("Lý do", event.note),
                f"{agency.name} xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả vào: "
                f"{_moment(_event_moment(event, 'new_due_at'))}.",
                "Rất mong nhận được sự thông cảm của Ông/Bà.",
            ],
            signatures=[SignatureBlock(title="Thủ trưởng cơ quan", name=_actor(event))],
        )
    )


def _control(dossier: Dossier, event: DossierEvent) -> DocumentSpec:
    def party(name: str, agency: str) -> str:
        return f"{name} ({agency})" if name and agency else name or agency

    rows = [
        [
            str(number),
            party(row.giver_name, row.giver_agency),
            party(row.receiver_name, row.receiver_agency),
            format_datetime(row.at),
            str(Timeliness(row.timeliness).label) if row.timeliness else "",
        ]
        for number, row in enumerate(selectors.control_slip_rows(dossier), start=1)
        if row.at <= event.at
    ]
    return DocumentSpec(
        **_frame(
            dossier,
            SlipKind.CONTROL,
            dossier.receiving_agency,
            event.at,
            number=dossier.code,
            body=[
                Field("Mã hồ sơ", dossier.code),
                Field("Ông/Bà/Tổ chức", dossier.applicant_name),
                Field("Nội dung yêu cầu giải quyết", dossier.procedure.name),
                Field("Thời gian nhận hồ sơ", _moment(dossier.received_at)),
                Field("Thời gian trả kết quả", _moment(dossier.due_at)),
                Field("Cơ quan giải quyết", dossier.handling_agency.name),
                Table(
                    header=("STT", "Bên giao", "Bên nhận", "Thời gian giao, nhận", "Kết quả"),
                    rows=rows,
                    column_weights=(1.4, 5, 5, 3.4, 2.4),
                ),
            ],
        )
    )
