from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.constants import NotificationStatus


class DossierNotification(models.Model):
    """Delivery log of the e-mail sent to the applicant for one event; one row per event keeps sending idempotent."""

    event = models.OneToOneField(
        "dossiers.DossierEvent", models.PROTECT, related_name="notification", verbose_name=_("sự kiện")
    )
    recipient = models.EmailField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    status = models.CharField(_("kết quả"), max_length=8, choices=NotificationStatus.choices)
    error = models.TextField(_("lỗi"), blank=True)
    attempted_at = models.DateTimeField(_("gửi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông báo cho công dân")
        verbose_name_plural = _("thông báo cho công dân")

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
