from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.evaluation.constants import YEAR_MAX, YEAR_MIN

RATE_FIELDS = ("online_rate", "on_time_rate", "level34_coverage", "online_payment_rate")


def _rate_field(label):
    return models.DecimalField(label, max_digits=5, decimal_places=2, help_text=_("Phần trăm, từ 0 đến 100."))


class AnnualTarget(models.Model):
    """The year's targets an agency must answer for (Plan 161/KH-UBND), in percent."""

    agency = models.ForeignKey("organization.Agency", models.CASCADE, related_name="+", verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    online_rate = _rate_field(_("tỷ lệ hồ sơ trực tuyến"))
    on_time_rate = _rate_field(_("tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn"))
    level34_coverage = _rate_field(_("tỷ lệ TTHC mức độ 3, 4"))
    online_payment_rate = _rate_field(_("tỷ lệ hồ sơ thanh toán trực tuyến"))

    class Meta:
        verbose_name = _("chỉ tiêu năm")
        verbose_name_plural = _("chỉ tiêu năm")
        ordering = ["-year", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="evaluation_target_once_a_year"),
            models.CheckConstraint(condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="evaluation_target_year"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0, f"{name}__lte": 100}), name=f"evaluation_target_{name}_percent"
                )
                for name in RATE_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.year}"
