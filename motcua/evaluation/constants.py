"""Vocabulary of the evaluation (Circular 01/2018/TT-VPCP Arts. 13–15) and of the emulation ranking."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.organization.constants import AgencyLevel


class Index(models.IntegerChoices):
    """The nine indices of Art. 13, each scored 2 / 1 / 0."""

    TOTAL_TIME = 1, _("Tổng thời gian giải quyết so với quy định")
    UNIT_TIME = 2, _("Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết")
    DESK_CONTACTS = 3, _("Số lần liên hệ với Bộ phận Một cửa để hoàn thiện hồ sơ")
    AGENCY_CONTACTS = 4, _("Số cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ")
    END_TO_END = 5, _("Thực hiện tiếp nhận, thẩm định, phê duyệt, trả kết quả tại Bộ phận Một cửa")
    PUBLICATION = 6, _("Công khai thủ tục hành chính")
    STAFF_ATTITUDE = 7, _("Thái độ của cán bộ, công chức, viên chức")
    FEEDBACK_RESPONSE = 8, _("Tiếp thu, giải trình ý kiến phản ánh, kiến nghị")
    ONLINE_SERVICE = 9, _("Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến")


# Indices the One-stop system has no data for yet (they need evaluation slips, on-site checks or a complaints
# register): shown as "chưa có dữ liệu" and left out of the totals, as Art. 15 says for insufficient data.
INDICES_WITHOUT_DATA = frozenset(
    {Index.AGENCY_CONTACTS, Index.END_TO_END, Index.PUBLICATION, Index.FEEDBACK_RESPONSE}
)
# Art. 14: scored per dossier and averaged (rounded to one decimal), for staff and for units.
PER_DOSSIER_INDICES = (
    Index.TOTAL_TIME,
    Index.UNIT_TIME,
    Index.DESK_CONTACTS,
    Index.AGENCY_CONTACTS,
    Index.STAFF_ATTITUDE,
)
# Art. 14: scored once per agency.
PER_AGENCY_INDICES = (Index.END_TO_END, Index.PUBLICATION, Index.FEEDBACK_RESPONSE, Index.ONLINE_SERVICE)
STAFF_INDICES = PER_DOSSIER_INDICES
UNIT_INDICES = tuple(Index)
MAX_INDEX_POINTS = 2


class UnitRank(models.TextChoices):
    EXCELLENT = "xuat_sac", _("Xuất sắc")
    GOOD = "tot", _("Tốt")
    FAIR = "kha", _("Khá")
    AVERAGE = "trung_binh", _("Trung bình")
    WEAK = "yeu", _("Yếu")


class StaffClass(models.TextChoices):
    COMPLETED = "hoan_thanh", _("Hoàn thành 100% nhiệm vụ")
    MOSTLY = "70_100", _("Hoàn thành từ 70% đến dưới 100% nhiệm vụ")
    BELOW = "duoi_70", _("Hoàn thành dưới 70% nhiệm vụ")


# Art. 15 thresholds on the full scale (9 indices = 18 points for a unit, 5 indices = 10 points for staff),
# highest first. A total over fewer indices is scaled to the full scale before it is classified.
UNIT_RANK_THRESHOLDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(15), UnitRank.EXCELLENT),
    (Decimal(12), UnitRank.GOOD),
    (Decimal(9), UnitRank.FAIR),
    (Decimal(6), UnitRank.AVERAGE),
    (Decimal(0), UnitRank.WEAK),
)
STAFF_CLASS_THRESHOLDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(5), StaffClass.COMPLETED),
    (Decimal("3.5"), StaffClass.MOSTLY),
    (Decimal(0), StaffClass.BELOW),
)

# Index 9 (Art. 13.9): share of eligible procedures at level 3/4 and of dossiers received online, in percent.
ONLINE_COVERAGE_FULL = Decimal(20)
ONLINE_DOSSIERS_FULL = Decimal(30)
ONLINE_DOSSIERS_PARTIAL = Decimal(15)

# A quarter is 1–4; a whole year is stored as quarter 0.
WHOLE_YEAR = 0
QUARTERS = (1, 2, 3, 4)
YEAR_MIN = 2018
YEAR_MAX = 2100


class Indicator(models.TextChoices):
    """The normalised indicators (0–1) of the emulation score."""

    ONLINE_RATE = "online_rate", _("Tỷ lệ hồ sơ trực tuyến")
    ON_TIME_RATE = "on_time_rate", _("Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn")
    EVALUATION = "evaluation", _("Điểm đánh giá theo Thông tư 01/2018/TT-VPCP")


REASON_MAX = 1000

# The ranking tables, one per group of agencies, named as Biểu 06 (Circular 01/2020/TT-VPCP) groups its rows.
RANKING_GROUPS = (
    (AgencyLevel.PROVINCE, _("Sở, ban, ngành")),
    (AgencyLevel.DISTRICT, _("Huyện, thị xã, thành phố")),
    (AgencyLevel.COMMUNE, _("Xã, phường, thị trấn")),
)
