from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import DAILY_SEQUENCE_MAX


class DossierCodeSequence(models.Model):
    """The last daily number issued by a receiving agency. Locked row by row, so codes have no gaps and no twins."""

    agency = models.ForeignKey(
        "organization.Agency", models.PROTECT, related_name="+", verbose_name=_("cơ quan tiếp nhận")
    )
    day = models.DateField(_("ngày tiếp nhận"))
    last = models.PositiveSmallIntegerField(_("số thứ tự cuối"), default=0)

    class Meta:
        verbose_name = _("số thứ tự hồ sơ trong ngày")
        verbose_name_plural = _("số thứ tự hồ sơ trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_sequence_per_agency_day"),
            models.CheckConstraint(
                condition=models.Q(last__lte=DAILY_SEQUENCE_MAX), name="dossier_sequence_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%d/%m/%Y}: {self.last}"
