from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import Channel
from motcua.payments.constants import EXEMPTION_HELP_TEXT, ExemptionCategory, FeeStage


class FeeSchedule(models.Model):
    """The structured amount the admin sets for a procedure on one channel (the catalogue only has the fee text)."""

    procedure = models.ForeignKey(
        "catalog.Procedure", models.CASCADE, related_name="fee_schedules", verbose_name=_("thủ tục")
    )
    channel = models.CharField(_("kênh nộp hồ sơ"), max_length=8, choices=Channel.choices)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), help_text=_("0 nếu thủ tục được miễn phí, lệ phí."))
    stage = models.CharField(_("thời điểm nộp"), max_length=20, choices=FeeStage.choices, default=FeeStage.AT_RECEPTION)
    note = models.TextField(_("ghi chú, căn cứ thu"), blank=True)

    class Meta:
        verbose_name = _("mức phí, lệ phí")
        verbose_name_plural = _("mức phí, lệ phí")
        constraints = [models.UniqueConstraint(fields=["procedure", "channel"], name="payments_one_fee_per_channel")]

    def __str__(self):
        return f"{self.procedure} — {self.get_channel_display()}"


class FeeExemption(models.Model):
    """A group of people who do not pay this fee."""

    schedule = models.ForeignKey(FeeSchedule, models.CASCADE, related_name="exemptions", verbose_name=_("mức phí"))
    category = models.CharField(
        _("đối tượng miễn"), max_length=24, choices=ExemptionCategory.choices, help_text=EXEMPTION_HELP_TEXT
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("trường hợp miễn phí, lệ phí")
        verbose_name_plural = _("trường hợp miễn phí, lệ phí")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "category"], name="payments_one_exemption_per_category")
        ]

    def __str__(self):
        return self.get_category_display()
