"""Work done after a postal tracking step has committed: the e-mail to the applicant (issue 4, return by post).

Scheduled by the services with transaction.on_commit; without a broker Celery runs it in-process at once.
"""

from celery import shared_task
from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core import mail
from motcua.core.formatting import format_datetime
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
        recipient=_recipient(event.order.dossier),
        compose=lambda: _message(event),
    )


def _recipient(dossier) -> str:
    if dossier.applicant_email:
        return dossier.applicant_email
    return dossier.applicant.email if dossier.applicant else ""


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
    if dossier.code:
        lines += [
            "",
            _("Tra cứu tiến độ: %(url)s") % {"url": f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu/?ma={dossier.code}"},
        ]
    lines += ["", settings.MOTCUA_DEPLOYMENT_NAME]
    return subject, "\n".join(lines)
