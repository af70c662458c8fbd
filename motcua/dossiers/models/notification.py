from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import MailLog


class DossierNotification(MailLog):
    """Delivery log of the e-mail sent to the applicant for one event; one row per event keeps sending idempotent."""

    event = models.OneToOneField(
        "dossiers.DossierEvent", models.PROTECT, related_name="notification", verbose_name=_("sự kiện")
    )

    class Meta:
        verbose_name = _("thông báo cho công dân")
        verbose_name_plural = _("thông báo cho công dân")
