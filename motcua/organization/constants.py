from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    """Which administrative structure a unit belongs to; both can live in one database."""

    THREE_TIER = "3cap", _("Ba cấp (trước 01/07/2025)")
    TWO_TIER = "2cap", _("Hai cấp (từ 01/07/2025)")


class UnitLevel(models.TextChoices):
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")


class AgencyLevel(models.TextChoices):
    """The level an agency serves at; the catalogue's `cap_thuc_hien` uses the same words."""

    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    DEPARTMENT = "so", _("Sở, ban, ngành")
    SERVICE_CENTRE = "pvhcc", _("Trung tâm Phục vụ hành chính công")
    DIVISION = "phong", _("Phòng chuyên môn")
    OTHER = "khac", _("Cơ quan khác")


class StaffRole(models.TextChoices):
    CLERK = "clerk", _("Cán bộ một cửa")
    POSTAL = "postal", _("Nhân viên bưu điện")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    LEADER = "leader", _("Lãnh đạo")
    CATALOGUE_ADMIN = "catalogue_admin", _("Quản trị danh mục TTHC")
    MONITOR = "monitor", _("Theo dõi, giám sát")
