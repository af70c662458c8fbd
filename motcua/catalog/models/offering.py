from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import ServiceLevel
from motcua.organization.constants import AgencyLevel


class Offering(models.Model):
    """Deployment data: this province offers a procedure at this agency, at this level.

    The catalogue says what a procedure is; an offering says where the province receives it.
    """

    procedure = models.ForeignKey(
        "catalog.Procedure", models.CASCADE, related_name="offerings", verbose_name=_("thủ tục")
    )
    agency = models.ForeignKey(
        "organization.Agency", models.PROTECT, related_name="procedure_offerings", verbose_name=_("cơ quan tiếp nhận")
    )
    level = models.CharField(_("cấp thực hiện"), max_length=8, choices=AgencyLevel.choices)
    service_level = models.PositiveSmallIntegerField(
        _("mức độ DVC trực tuyến tại cơ quan này"),
        choices=ServiceLevel.choices,
        null=True,
        blank=True,
        help_text=_("Để trống nếu áp dụng mức độ chung của thủ tục."),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("thủ tục áp dụng tại cơ quan")
        verbose_name_plural = _("thủ tục áp dụng tại cơ quan")
        ordering = ["procedure", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "agency"], name="offering_unique_per_agency"),
            models.CheckConstraint(
                condition=Q(service_level__isnull=True) | Q(service_level__gte=1, service_level__lte=4),
                name="offering_service_level_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.key} @ {self.agency}"

    @property
    def effective_service_level(self) -> int | None:
        return self.service_level or self.procedure.service_level
