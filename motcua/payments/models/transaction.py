from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import CURRENCY, CounterMethod, TransactionStatus


class PaymentTransaction(models.Model):
    """One attempt to pay a request, through one gateway (or at the counter)."""

    request = models.ForeignKey(
        "payments.PaymentRequest", models.PROTECT, related_name="transactions", verbose_name=_("yêu cầu nộp")
    )
    reference = models.CharField(_("mã giao dịch"), max_length=32, unique=True)
    idempotency_key = models.CharField(_("khóa chống trùng"), max_length=64, unique=True)
    gateway = models.CharField(_("cổng thanh toán"), max_length=32)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=TransactionStatus.choices, default=TransactionStatus.CREATED
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    currency = models.CharField(_("tiền tệ"), max_length=3, default=CURRENCY, editable=False)
    # The one transaction that paid the request; any later success is money to give back, never a second credit.
    credited = models.BooleanField(_("được ghi nhận cho hồ sơ"), default=False)
    gateway_reference = models.CharField(_("mã giao dịch tại cổng"), max_length=64, blank=True)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người nộp")
    )
    counter_method = models.CharField(
        _("hình thức nộp tại quầy"), max_length=16, choices=CounterMethod.choices, blank=True
    )
    counter_receipt_number = models.CharField(_("số biên lai tại quầy"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ thu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    settled_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="payments_txn_status_created"),
            # Statistics count the payments settled in a period.
            models.Index(fields=["settled_at"], name="payments_txn_settled"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payments_txn_amount_positive"),
            models.CheckConstraint(condition=models.Q(currency=CURRENCY), name="payments_txn_currency_vnd"),
            models.CheckConstraint(
                condition=~models.Q(credited=True) | models.Q(status=TransactionStatus.SUCCEEDED),
                name="payments_txn_credited_only_if_succeeded",
            ),
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(credited=True), name="payments_one_credit_per_request"
            ),
        ]

    def __str__(self):
        return self.reference
