"""The electronic receipt (biên lai điện tử) of a paid transaction, rendered on demand with core.pdf."""

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.formatting import format_datetime, format_number
from motcua.core.pdf import DocumentSpec, Field, PageSize, SignatureBlock, Table, render_document
from motcua.payments import selectors
from motcua.payments.constants import COUNTER_GATEWAY, TransactionStatus


def receipt_number(txn) -> str:
    return txn.counter_receipt_number or txn.reference


def render_receipt(txn) -> bytes:
    if txn.status != TransactionStatus.SUCCEEDED:
        raise ValueError("only a paid transaction has a receipt")
    dossier = txn.request.dossier
    agency = dossier.receiving_agency
    if txn.gateway == COUNTER_GATEWAY:
        how = txn.get_counter_method_display()
    else:
        how = _("Trực tuyến qua %(gateway)s") % {"gateway": selectors.gateway_label(txn.gateway)}
    body = [
        Field(_("Người nộp tiền"), dossier.applicant_name),
        Field(_("Mã hồ sơ"), dossier.code or str(dossier.pk)),
        Field(_("Thủ tục hành chính"), dossier.procedure.name),
        Table(
            header=[_("Nội dung thu"), _("Số tiền (đồng)")],
            rows=[[_("Phí, lệ phí giải quyết thủ tục hành chính"), format_number(txn.amount)]],
            column_weights=(3, 1),
        ),
        Field(_("Hình thức thanh toán"), how),
        Field(_("Mã giao dịch"), txn.reference),
    ]
    if txn.gateway_reference:
        body.append(Field(_("Mã giao dịch tại cổng thanh toán"), txn.gateway_reference))
    body.append(Field(_("Thời điểm thanh toán"), format_datetime(txn.settled_at)))
    signer = txn.recorded_by.full_name if txn.recorded_by else ""
    return render_document(
        DocumentSpec(
            title=_("BIÊN LAI THU PHÍ, LỆ PHÍ"),
            agency=agency.name if agency else "",
            page_size=PageSize.A5,
            number=receipt_number(txn),
            issued_on=timezone.localdate(txn.settled_at),
            body=body,
            signatures=[SignatureBlock(title=_("Người thu tiền"), name=signer, hint="")],
        )
    )
