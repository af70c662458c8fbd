from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.constants import NotificationStatus


class MailLog(models.Model):
    """One e-mail to an applicant about one event, as `core.mail.send_once` logs it. Each app that mails adds the
    one-to-one `event` its mails are about: one row per event is what keeps sending idempotent."""

    recipient = models.EmailField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    status = models.CharField(_("kết quả"), max_length=8, choices=NotificationStatus.choices)
    error = models.TextField(_("lỗi"), blank=True)
    attempted_at = models.DateTimeField(_("gửi lúc"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
