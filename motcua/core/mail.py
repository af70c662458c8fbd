"""E-mail to applicants about one logged event (a dossier change, a postal step), sent at most once.

    send_once(log, *, event, recipient, compose)

`log` is the manager of the owning app's `core.models.MailLog` table (its own `event`, one row per event).
A failure is logged as such and the next run of the task tries again; a sent mail is never sent twice.
"""

from collections.abc import Callable

from django.core.mail import send_mail
from django.db.models import Manager

from motcua.core.constants import NotificationStatus


def send_once(log: Manager, *, event, recipient: str, compose: Callable[[], tuple[str, str]]) -> None:
    if not recipient or log.filter(event=event, status=NotificationStatus.SENT).exists():
        return
    subject, body = compose()
    try:
        send_mail(subject, body, None, [recipient])
    except OSError as error:
        status, error_text = NotificationStatus.FAILED, str(error)
    else:
        status, error_text = NotificationStatus.SENT, ""
    log.update_or_create(
        event=event, defaults={"recipient": recipient, "subject": subject, "status": status, "error": error_text}
    )
