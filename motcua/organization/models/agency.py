from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.organization.constants import AGENCY_CODE_PATTERN, AgencyKind, AgencyLevel, StaffRole

# The level-1 body itself: every group below level 1 is zero.
_LEVEL1_BODY = models.Q(code__startswith="000.00.00.")


class Agency(models.Model):
    """A state body (cơ quan) identified by its QCVN 102:2016 code, e.g. 000.00.00.H22 = UBND tỉnh Hà Giang."""

    code = models.CharField(_("mã định danh (QCVN 102)"), max_length=35, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=128, blank=True)
    kind = models.CharField(_("loại cơ quan"), max_length=16, choices=AgencyKind.choices)
    level = models.CharField(_("cấp"), max_length=8, choices=AgencyLevel.choices)
    admin_unit = models.ForeignKey(
        "organization.AdministrativeUnit", models.PROTECT, related_name="agencies", verbose_name=_("địa bàn")
    )
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("cơ quan cấp trên"))
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=AGENCY_CODE_PATTERN), name="agency_code_qcvn102"),
            models.CheckConstraint(condition=models.Q(kind__in=AgencyKind.values), name="agency_kind_valid"),
            models.CheckConstraint(condition=models.Q(level__in=AgencyLevel.values), name="agency_level_valid"),
            models.CheckConstraint(
                condition=(_LEVEL1_BODY & models.Q(parent__isnull=True))
                | (~_LEVEL1_BODY & models.Q(parent__isnull=False)),
                name="agency_only_level1_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Desk(models.Model):
    """A one-stop desk (Bộ phận tiếp nhận và trả kết quả) where dossiers are received and results returned."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="desks", verbose_name=_("cơ quan"))
    name = models.CharField(_("tên bộ phận"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    opening_hours = models.CharField(_("giờ làm việc"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("bộ phận một cửa")
        verbose_name_plural = _("bộ phận một cửa")
        ordering = ["agency__code", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="desk_name_unique_per_agency")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A staff member's role at an agency. Permissions in later modules are decided from these rows.

    Revoking a role deactivates the row instead of deleting it, so who held which role stays on record.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships", verbose_name=_("cán bộ"))
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="memberships", verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=32, choices=StaffRole.choices)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)
    created_at = models.DateTimeField(_("ngày phân công"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = _("phân công cán bộ")
        ordering = ["agency__code", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique"),
            models.CheckConstraint(condition=models.Q(role__in=StaffRole.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"
