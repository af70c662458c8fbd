from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.constants import NotificationStatus
from motcua.core.models import MailLog


class PostalNotification(MailLog):
    """Delivery log of the e-mail telling the applicant about one postal tracking step; one row per step keeps
    sending idempotent (the dossier's own log is keyed by dossier events, which a postal step is not)."""

    event = models.OneToOneField(
        "results.PostalEvent", models.PROTECT, related_name="notification", verbose_name=_("diễn biến chuyển phát")
    )

    class Meta:
        verbose_name = _("thông báo chuyển phát kết quả")
        verbose_name_plural = _("thông báo chuyển phát kết quả")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values), name="results_postal_notification_status"
            ),
        ]
