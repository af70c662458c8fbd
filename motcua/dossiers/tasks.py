"""Work done after a dossier change has committed: the hook for other apps and the e-mail to the applicant.

Scheduled by the services with transaction.on_commit; without a broker Celery runs them in-process at once.
"""

from celery import shared_task
from django.utils.translation import gettext as _

from motcua.core import mail
from motcua.core.formatting import format_datetime
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.constants import APPLICANT_NOTIFIED_ACTIONS, DossierStatus, EventAction
from motcua.dossiers.models import DossierEvent, DossierNotification
from motcua.dossiers.signals import event_committed, notification_lines


@shared_task
def process_event(event_id: int) -> None:
    event = DossierEvent.objects.select_related("dossier__procedure", "dossier__applicant").filter(pk=event_id).first()
    if event is None:
        return
    event_committed.send(sender=DossierEvent, event=event)
    if event.action in APPLICANT_NOTIFIED_ACTIONS:
        notify_applicant(event)


def _message(event: DossierEvent) -> tuple[str, str]:
    dossier = event.dossier
    reference = dossier.code or _("số %(id)s") % {"id": dossier.pk}
    subject = _("Hồ sơ %(reference)s: %(status)s") % {
        "reference": reference,
        "status": DossierStatus(dossier.status).label,
    }
    lines = [
        _("Kính gửi %(name)s,") % {"name": dossier.applicant_name},
        "",
        _("Hồ sơ “%(procedure)s” của Ông/Bà vừa được cập nhật: %(action)s.")
        % {"procedure": dossier.procedure.name, "action": EventAction(event.action).label.lower()},
        _("Trạng thái hiện nay: %(status)s.") % {"status": DossierStatus(event.to_status).label},
    ]
    if dossier.code:
        lines.append(_("Mã số hồ sơ: %(code)s.") % {"code": dossier.code})
    if dossier.due_at:
        lines.append(_("Ngày hẹn trả kết quả: %(due)s.") % {"due": format_datetime(dossier.due_at)})
    if event.action == EventAction.REQUEST_SUPPLEMENT:
        lines.append(_("Giấy tờ cần bổ sung:"))
        lines.extend(f"- {item}" for item in event.payload.get("items", []))
    if event.note:
        lines.append(_("Nội dung: %(note)s") % {"note": event.note})
    for _receiver, extra_lines in notification_lines.send(sender=DossierEvent, event=event):
        lines += ["", *extra_lines]
    return subject, "\n".join(lines + dossier_selectors.mail_footer(dossier))


def notify_applicant(event: DossierEvent) -> None:
    mail.send_once(
        DossierNotification.objects,
        event=event,
        recipient=dossier_selectors.applicant_email(event.dossier),
        compose=lambda: _message(event),
    )
