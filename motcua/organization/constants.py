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


# GSO unit codes (QĐ 124/2004/QĐ-TTg): 2 digits for a province, 3 for a district, 5 for a commune.
UNIT_CODE_LENGTH = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}

# Both data sources write the unit type as the first words of the name ("Thị trấn Phó Bảng"); longer
# prefixes come first so that "thị trấn" is not taken for "thị xã"'s sibling.
UNIT_TYPE_PREFIXES = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")

# QCVN 102:2016 agency code V1V2V3.Z1Z2.Y1Y2.MX1X2 (level 4 . level 3 . level 2 . level 1).
AGENCY_CODE_PATTERN = r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Y][0-9]{2}$"
LEVEL1_CODE_PATTERN = r"^[A-Y][0-9]{2}$"

# Level-2 numbers (Y1Y2) under a UBND tỉnh are split in two ranges (docs/decisions/0002-agency-codes.md):
# departments are numbered by the deployment file, areas (districts, or blocks of communes) by the GSO order.
DEPARTMENT_NUMBERS = range(1, 51)
AREA_NUMBERS = range(51, 100)
# Communes are numbered 01–99 (Z1Z2) within an area; a two-tier province's communes fill areas in blocks of 99.
COMMUNES_PER_AREA = 99

# Official names are stored data, written in Vietnamese whatever the interface language, so no gettext here.
PEOPLES_COMMITTEE_NAME = "Ủy ban nhân dân"
PEOPLES_COMMITTEE_SHORT_NAME = "UBND"
DESK_NAME_PREFIX = "Bộ phận Tiếp nhận và Trả kết quả"
