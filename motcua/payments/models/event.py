from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import EventOutcome, EventSource


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("payment events are append-only")

    def delete(self):
        raise AppendOnlyError("payment events are append-only")


class PaymentEvent(models.Model):
    """Everything a gateway (or the reconciliation job) told us, as received, with what we made of it."""

    transaction = models.ForeignKey(
        "payments.PaymentTransaction",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("giao dịch"),
    )
    gateway = models.CharField(_("cổng thanh toán"), max_length=32)
    source = models.CharField(_("nguồn"), max_length=16, choices=EventSource.choices)
    params = models.JSONField(_("dữ liệu nhận được"), default=dict)
    signature_ok = models.BooleanField(_("chữ ký hợp lệ"), null=True)
    outcome = models.CharField(_("kết quả xử lý"), max_length=20, choices=EventOutcome.choices)
    reason = models.TextField(_("lý do"), blank=True)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký thanh toán")
        verbose_name_plural = _("nhật ký thanh toán")
        ordering = ["received_at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("payment events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("payment events are append-only")

    def __str__(self):
        return f"{self.gateway} {self.source} {self.outcome}"
