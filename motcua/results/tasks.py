"""Work done after a postal tracking step has committed: the e-mail to the applicant (issue 4, return by post).

Scheduled by the services with transaction.on_commit; without a broker Celery runs it in-process at once.
"""

from celery import shared_task
from django.utils.translation import gettext as _

from motcua.core import mail
from motcua.core.formatting import format_datetime
from motcua.dossiers import selectors as dossier_selectors
from motcua.results.constants import PostalStatus
from motcua.results.models import PostalEvent, PostalNotification


@shared_task
def notify_postal_event(event_id: int) -> None:
    """Send the e-mail for one postal step once; a failed attempt is logged and tried again by the next run."""
    events = PostalEvent.objects.select_related("order__dossier__procedure", "order__dossier__applicant")
    event = events.filter(pk=event_id).first()
    if event is None:
        return
    mail.send_once(
        PostalNotification.objects,
        event=event,
        recipient=dossier_selectors.applicant_email(event.order.dossier),
        compose=lambda: _message(event),
    )


def _message(event: PostalEvent) -> tuple[str, str]:
    order = event.order
    dossier = order.dossier
    reference = dossier.code or _("số %(id)s") % {"id": dossier.pk}
    state = PostalStatus(event.status).label
    subject = _("Hồ sơ %(reference)s: %(state)s") % {"reference": reference, "state": state}
    lines = [
        _("Kính gửi %(name)s,") % {"name": dossier.applicant_name},
        "",
        _("Kết quả giải quyết hồ sơ “%(procedure)s” gửi qua dịch vụ bưu chính công ích vừa được cập nhật.")
        % {"procedure": dossier.procedure.name},
        _("Trạng thái chuyển phát: %(state)s (lúc %(at)s).") % {"state": state, "at": format_datetime(event.at)},
        _("Mã số hồ sơ: %(reference)s.") % {"reference": reference},
        _("Địa chỉ nhận: %(address)s.") % {"address": order.address},
    ]
    if order.tracking_code:
        lines.append(_("Mã bưu gửi: %(code)s.") % {"code": order.tracking_code})
    if event.note:
        lines.append(_("Ghi chú: %(note)s") % {"note": event.note})
    if event.status == PostalStatus.FAILED:
        lines.append(_("Kết quả đã được hoàn trả về Bộ phận Một cửa; Ông/Bà có thể chọn lại hình thức nhận kết quả."))
    return subject, "\n".join(lines + dossier_selectors.mail_footer(dossier))
