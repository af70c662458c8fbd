"""Pre-aggregated statistics: counters maintained from the dossier events, so that a summary over any period reads
a few thousand counter rows instead of replaying millions of events.

Each change is counted twice, in the same transaction: per day and procedure (the daily counters, exact to the
day) and per month and field (the monthly roll-ups: 30 to 90 times fewer rows on the bench's million dossiers).
A period reads its whole months from the roll-ups and only its odd days from the daily counters, so a year costs
about what a month does (docs/decisions/0004)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import Channel
from motcua.organization.constants import AgencyLevel
from motcua.reports.constants import Metric


class Counted(models.Model):
    """A number kept for a receiving agency (with that agency's level) and a field. Level and field are copied so
    that filters need no join."""

    agency = models.ForeignKey(
        "organization.Agency", models.PROTECT, related_name="+", verbose_name=_("cơ quan tiếp nhận")
    )
    level = models.CharField(_("cấp"), max_length=8, choices=AgencyLevel.choices)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    count = models.IntegerField(_("số lượng"), default=0)

    class Meta:
        abstract = True


class CounterDimensions(Counted):
    """Where, when and how a dossier was received: the day, the procedure (whose field `field` is) and the
    channel."""

    day = models.DateField(_("ngày"))
    procedure = models.ForeignKey("catalog.Procedure", models.PROTECT, related_name="+", verbose_name=_("thủ tục"))
    channel = models.CharField(_("kênh tiếp nhận"), max_length=8, choices=Channel.choices)

    class Meta:
        abstract = True


class DailyCounter(CounterDimensions):
    """How many dossiers entered (received) or left (resolved, withdrawn, refused, stopped) on `day`."""

    metric = models.CharField(_("chỉ tiêu"), max_length=24, choices=Metric.choices)

    class Meta:
        verbose_name = _("bộ đếm theo ngày")
        verbose_name_plural = _("bộ đếm theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure", "channel", "metric"], name="reports_daily_counter_key"
            ),
            models.CheckConstraint(condition=models.Q(count__gte=0), name="reports_daily_counter_not_negative"),
            models.CheckConstraint(condition=models.Q(metric__in=Metric.values), name="reports_daily_counter_metric"),
        ]
        indexes = [models.Index(fields=["level", "day"], name="reports_daily_level_day")]


class DueCounter(CounterDimensions):
    """Changes, made on `day`, to the number of open dossiers due on `due_day`: +1 when an appointment is set,
    −1 when it moves away or the dossier leaves. Open dossiers overdue at the end of day T are the sum over
    day ≤ T and due_day ≤ T, whatever happened later."""

    due_day = models.DateField(_("ngày hẹn trả"))

    class Meta:
        verbose_name = _("bộ đếm hạn trả")
        verbose_name_plural = _("bộ đếm hạn trả")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "due_day", "agency", "procedure", "channel"], name="reports_due_counter_key"
            ),
        ]
        indexes = [
            models.Index(fields=["level", "day", "due_day"], name="reports_due_level_day"),
            # A period ending mid-month reads the changes of earlier months due within that month.
            models.Index(fields=["due_day"], name="reports_due_due_day"),
        ]


class RollupDimensions(Counted):
    """The daily dimensions without procedure and channel (the received metrics already name the channel): what
    every published figure is grouped by."""

    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))

    class Meta:
        abstract = True


class MonthlyCounter(RollupDimensions):
    """The DailyCounter rows of one month added up by agency, field and metric."""

    metric = models.CharField(_("chỉ tiêu"), max_length=24, choices=Metric.choices)

    class Meta:
        verbose_name = _("bộ đếm theo tháng")
        verbose_name_plural = _("bộ đếm theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["month", "agency", "field", "metric"], name="reports_monthly_counter_key"),
            models.CheckConstraint(condition=models.Q(count__gte=0), name="reports_monthly_counter_not_negative"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="reports_monthly_counter_first_day"),
        ]
        indexes = [models.Index(fields=["level", "month"], name="reports_monthly_level_month")]


class MonthlyDueCounter(RollupDimensions):
    """The DueCounter rows of one month (of the change) added up by the month of the appointment: the open
    dossiers overdue at a month's end are the sum over month ≤ it and due_month ≤ it."""

    due_month = models.DateField(_("tháng hẹn trả"))

    class Meta:
        verbose_name = _("bộ đếm hạn trả theo tháng")
        verbose_name_plural = _("bộ đếm hạn trả theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "due_month", "agency", "field"], name="reports_monthly_due_counter_key"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1, due_month__day=1), name="reports_monthly_due_counter_first_day"
            ),
        ]
        indexes = [models.Index(fields=["level", "month", "due_month"], name="reports_monthly_due_level")]


class CountedEvent(models.Model):
    """The dossier events already added to the counters: a replayed event is never counted twice."""

    event = models.OneToOneField(
        "dossiers.DossierEvent", models.PROTECT, primary_key=True, related_name="+", verbose_name=_("sự kiện")
    )

    class Meta:
        verbose_name = _("sự kiện đã đếm")
        verbose_name_plural = _("sự kiện đã đếm")


class SyntheticDossier(models.Model):
    """Dossiers made up by `generate_history` for demos and benchmarks (the dossier model has no such flag)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", models.PROTECT, primary_key=True, related_name="+", verbose_name=_("hồ sơ")
    )
    seed = models.BigIntegerField(_("hạt giống ngẫu nhiên"))

    class Meta:
        verbose_name = _("hồ sơ giả lập")
        verbose_name_plural = _("hồ sơ giả lập")
