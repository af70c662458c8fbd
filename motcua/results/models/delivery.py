from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.results.constants import DeliveryMethod, PostalStatus


class Delivery(models.Model):
    """How the applicant wants the result, and how it was handed over."""

    dossier = models.OneToOneField("dossiers.Dossier", models.PROTECT, related_name="delivery", verbose_name=_("hồ sơ"))
    method = models.CharField(_("hình thức nhận kết quả"), max_length=12, choices=DeliveryMethod.choices)
    address = models.CharField(_("địa chỉ nhận qua bưu chính"), max_length=500, blank=True)
    chosen_at = models.DateTimeField(_("chọn lúc"))
    recipient_name = models.CharField(_("người nhận"), max_length=255, blank=True)
    recipient_id_number = models.CharField(_("số giấy tờ tùy thân đã xuất trình"), max_length=20, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("người trao")
    )
    handed_over_at = models.DateTimeField(_("trao lúc"), null=True, blank=True)
    first_downloaded_at = models.DateTimeField(_("tải về lần đầu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hình thức nhận kết quả")
        verbose_name_plural = _("hình thức nhận kết quả")
        constraints = [
            models.CheckConstraint(condition=models.Q(method__in=DeliveryMethod.values), name="results_method_known"),
            models.CheckConstraint(
                condition=~models.Q(method=DeliveryMethod.POSTAL) | ~models.Q(address=""),
                name="results_postal_needs_address",
            ),
        ]


class PostalOrder(models.Model):
    """The result sent by post (dịch vụ bưu chính công ích), with its tracking state."""

    dossier = models.ForeignKey("dossiers.Dossier", models.PROTECT, related_name="postal_orders", verbose_name=_("hồ sơ"))
    address = models.CharField(_("địa chỉ nhận"), max_length=500)
    status = models.CharField(_("trạng thái"), max_length=12, choices=PostalStatus.choices, default=PostalStatus.REQUESTED)
    tracking_code = models.CharField(_("mã bưu gửi"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("đơn chuyển phát kết quả")
        verbose_name_plural = _("đơn chuyển phát kết quả")
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=PostalStatus.values), name="results_postal_status_known"),
            models.CheckConstraint(condition=~models.Q(address=""), name="results_postal_address_present"),
            # A failed delivery ends its order; only one order per dossier may still be under way.
            models.UniqueConstraint(
                fields=["dossier"], condition=~models.Q(status="that-bai"), name="results_one_live_postal_order"
            ),
        ]


class PostalEvent(models.Model):
    """One step of a postal order's tracking, kept as the log."""

    order = models.ForeignKey(PostalOrder, models.CASCADE, related_name="events", verbose_name=_("đơn chuyển phát"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=PostalStatus.choices)
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người cập nhật")
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("diễn biến chuyển phát")
        verbose_name_plural = _("diễn biến chuyển phát")
        ordering = ["at", "id"]
