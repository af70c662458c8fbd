from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import EXEMPTION_HELP_TEXT, ExemptionCategory, FeeStage


class PaymentRequest(models.Model):
    """What a dossier owes, from the moment staff ask for it (status 6) until one transaction pays it."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", models.PROTECT, related_name="payment_requests", verbose_name=_("hồ sơ")
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    stage = models.CharField(_("thời điểm nộp"), max_length=20, choices=FeeStage.choices, default=FeeStage.AT_RECEPTION)
    note = models.TextField(_("ghi chú"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người yêu cầu")
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    declared_exemption = models.CharField(
        _("đối tượng miễn do người nộp kê khai"),
        max_length=24,
        choices=ExemptionCategory.choices,
        blank=True,
        help_text=EXEMPTION_HELP_TEXT,
    )
    declared_exemption_note = models.TextField(_("giải trình của người nộp"), blank=True)
    declared_at = models.DateTimeField(_("kê khai lúc"), null=True, blank=True)
    # Set when a transaction pays the request or the clerk accepts the declared exemption; then it is closed.
    settled_at = models.DateTimeField(_("hoàn thành nghĩa vụ lúc"), null=True, blank=True)
    exemption_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ chấp nhận miễn"),
    )

    class Meta:
        verbose_name = _("yêu cầu nộp phí, lệ phí")
        verbose_name_plural = _("yêu cầu nộp phí, lệ phí")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payments_request_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(exemption_granted_by__isnull=True)
                | (models.Q(settled_at__isnull=False) & ~models.Q(declared_exemption="")),
                name="payments_exemption_granted_only_if_declared_and_settled",
            ),
            # One open request per dossier: a second "pay" page must never show a different amount.
            models.UniqueConstraint(
                fields=["dossier"], condition=models.Q(settled_at__isnull=True), name="payments_one_open_request"
            ),
        ]

    def __str__(self):
        return f"{self.dossier} — {self.amount}"
