from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import TransactionStatus


class SandboxPayment(models.Model):
    """The sandbox gateway's own ledger: what the payer chose on its page, served back by its query API."""

    reference = models.CharField(_("mã giao dịch của đơn vị"), max_length=32, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=TransactionStatus.choices)
    gateway_reference = models.CharField(_("mã giao dịch sandbox"), max_length=64, unique=True)
    notify_url = models.URLField(_("địa chỉ nhận thông báo"), max_length=500)
    decided_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giao dịch sandbox")
        verbose_name_plural = _("giao dịch sandbox")

    def __str__(self):
        return self.reference
