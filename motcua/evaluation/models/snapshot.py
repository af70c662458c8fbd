from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.evaluation.constants import WHOLE_YEAR, YEAR_MAX, YEAR_MIN, StaffClass, UnitRank


def _index_field(number: int):
    return models.DecimalField(
        _("chỉ số %(number)d") % {"number": number}, max_digits=2, decimal_places=1, null=True, blank=True
    )


def _period_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(condition=Q(quarter__gte=WHOLE_YEAR, quarter__lte=4), name=f"{prefix}_quarter"),
        models.CheckConstraint(condition=Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name=f"{prefix}_year"),
        models.CheckConstraint(condition=Q(total__lte=models.F("max_points")), name=f"{prefix}_total_within_max"),
    ]


class PeriodScores(models.Model):
    """What unit and staff scores share: the agency and period, the per-dossier indices (1, 2, 3, 4, 7), how many
    dossiers they average over, and the most points the indices with data could give."""

    agency = models.ForeignKey("organization.Agency", models.CASCADE, related_name="+", verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), help_text=_("0 là cả năm."))
    dossiers = models.PositiveIntegerField(_("số hồ sơ được đánh giá"))
    index_1 = _index_field(1)
    index_2 = _index_field(2)
    index_3 = _index_field(3)
    index_4 = _index_field(4)
    index_7 = _index_field(7)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa của các chỉ số có dữ liệu"))
    computed_at = models.DateTimeField(_("tính lúc"), auto_now=True)

    class Meta:
        abstract = True


class EvaluationSnapshot(PeriodScores):
    """A unit's scores for one quarter (1–4) or year (quarter 0), computed by services.recompute_year.

    An index is empty when there was no data for it; max_points counts only the indices that have a score.
    """

    index_5 = _index_field(5)
    index_6 = _index_field(6)
    index_8 = _index_field(8)
    index_9 = _index_field(9)
    total = models.DecimalField(_("tổng điểm"), max_digits=4, decimal_places=1)
    rank = models.CharField(_("xếp loại"), max_length=16, choices=UnitRank.choices, blank=True)
    online_rate = models.DecimalField(_("tỷ lệ trực tuyến (%)"), max_digits=5, decimal_places=2, null=True)
    on_time_rate = models.DecimalField(_("tỷ lệ đúng hạn (%)"), max_digits=5, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("kết quả đánh giá đơn vị")
        verbose_name_plural = _("kết quả đánh giá đơn vị")
        ordering = ["year", "quarter", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "quarter"], name="evaluation_unit_period_once"),
            *_period_constraints("evaluation_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.quarter}/{self.year}"

    @property
    def index_scores(self) -> list:
        """The nine index scores in order, None where there was no data."""
        return [getattr(self, f"index_{number}") for number in range(1, 10)]


class StaffEvaluationSnapshot(PeriodScores):
    """A staff member's scores (indices 1, 2, 3, 4 and 7) over the dossiers they acted on, per agency and period."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("cán bộ"))
    total = models.DecimalField(_("tổng điểm"), max_digits=3, decimal_places=1)
    classification = models.CharField(_("phân loại"), max_length=16, choices=StaffClass.choices, blank=True)

    class Meta:
        verbose_name = _("kết quả đánh giá cán bộ")
        verbose_name_plural = _("kết quả đánh giá cán bộ")
        ordering = ["year", "quarter", "agency", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "agency", "year", "quarter"], name="evaluation_staff_period_once"),
            *_period_constraints("evaluation_staff"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} — {self.quarter}/{self.year}"
