from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.constants import NotificationStatus


class PostalNotification(models.Model):
    """Delivery log of the e-mail telling the applicant about one postal tracking step; one row per step keeps
    sending idempotent (the dossier's own log is keyed by dossier events, which a postal step is not)."""

    event = models.OneToOneField(
        "results.PostalEvent", models.PROTECT, related_name="notification", verbose_name=_("diễn biến chuyển phát")
    )
    recipient = models.EmailField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    status = models.CharField(_("kết quả"), max_length=8, choices=NotificationStatus.choices)
    error = models.TextField(_("lỗi"), blank=True)
    attempted_at = models.DateTimeField(_("gửi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông báo chuyển phát kết quả")
        verbose_name_plural = _("thông báo chuyển phát kết quả")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values), name="results_postal_notification_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
