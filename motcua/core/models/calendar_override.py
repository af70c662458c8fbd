from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import calendar
from motcua.core.constants import CalendarOverrideKind
from motcua.core.formatting import format_date


class CalendarOverride(models.Model):
    """A deployment's change to the national working calendar, decided by the province (extra day off after a
    disaster, a Saturday worked to swap for a bridge day the `holidays` package does not know)."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại điều chỉnh"), max_length=16, choices=CalendarOverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    decision_number = models.CharField(
        _("số văn bản"),
        max_length=100,
        blank=True,
        help_text=_("Văn bản quyết định việc điều chỉnh, ví dụ 123/QĐ-UBND."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CalendarOverrideKind.values), name="core_calendaroverride_kind_valid"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="core_calendaroverride_reason_present"),
        ]

    def __str__(self) -> str:
        return f"{format_date(self.date)} — {self.get_kind_display()}"

    def clean(self) -> None:
        # An override that changes nothing is almost always a typo in the date; say so instead of storing it.
        if self.date is None or self.kind not in CalendarOverrideKind.values:
            return
        statutory_working = calendar.is_statutory_working_day(self.date)
        if self.kind == CalendarOverrideKind.DAY_OFF and not statutory_working:
            raise ValidationError(
                {
                    "date": ValidationError(
                        _("Ngày %(date)s đã là ngày nghỉ theo lịch chung, không cần nghỉ thêm."),
                        code="already_day_off",
                        params={"date": format_date(self.date)},
                    )
                }
            )
        if self.kind == CalendarOverrideKind.WORKING_DAY and statutory_working:
            raise ValidationError(
                {
                    "date": ValidationError(
                        _("Ngày %(date)s đã là ngày làm việc theo lịch chung, không cần làm bù."),
                        code="already_working_day",
                        params={"date": format_date(self.date)},
                    )
                }
            )
