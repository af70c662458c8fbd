from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.organization.constants import Scheme, UnitLevel


class AdministrativeUnit(models.Model):
    """A province, district or commune with its official GSO code (QĐ 124/2004/QĐ-TTg)."""

    scheme = models.CharField(_("cấu trúc"), max_length=8, choices=Scheme.choices)
    code = models.CharField(_("mã đơn vị hành chính"), max_length=5)
    name = models.CharField(_("tên"), max_length=128)
    unit_type = models.CharField(_("loại"), max_length=32, blank=True, help_text=_("tỉnh, thành phố, huyện, xã, phường, thị trấn…"))
    level = models.CharField(_("cấp"), max_length=8, choices=UnitLevel.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("trực thuộc"))
    source = models.CharField(_("nguồn dữ liệu"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["scheme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="unit_code_unique_per_scheme"),
            models.CheckConstraint(condition=models.Q(scheme__in=Scheme.values), name="unit_scheme_valid"),
            models.CheckConstraint(
                condition=models.Q(level=UnitLevel.PROVINCE, parent__isnull=True)
                | (~models.Q(level=UnitLevel.PROVINCE) & models.Q(parent__isnull=False)),
                name="unit_only_province_has_no_parent",
            ),
            # GSO codes have 2, 3 and 5 digits by level (QĐ 124/2004/QĐ-TTg).
            models.CheckConstraint(
                condition=models.Q(level=UnitLevel.PROVINCE, code__regex=r"^[0-9]{2}$")
                | models.Q(level=UnitLevel.DISTRICT, code__regex=r"^[0-9]{3}$")
                | models.Q(level=UnitLevel.COMMUNE, code__regex=r"^[0-9]{5}$"),
                name="unit_code_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name
