from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.evaluation.constants import REASON_MAX


class ImmutableError(Exception):
    pass


class EmulationWeights(models.Model):
    """The weights of the emulation score from `effective_from` on. Never changed: a change is a new row, so that
    a past period's ranking is reproduced with the weights that were in force at its end."""

    effective_from = models.DateField(_("áp dụng từ ngày"))
    online_rate = models.PositiveSmallIntegerField(_("trọng số tỷ lệ trực tuyến"))
    on_time_rate = models.PositiveSmallIntegerField(_("trọng số tỷ lệ đúng hạn"))
    evaluation = models.PositiveSmallIntegerField(_("trọng số điểm đánh giá"))
    reason = models.TextField(_("lý do thay đổi"), max_length=REASON_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người thay đổi")
    )
    created_at = models.DateTimeField(_("thay đổi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("trọng số thi đua")
        verbose_name_plural = _("trọng số thi đua")
        ordering = ["-effective_from", "-id"]
        get_latest_by = ["effective_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(online_rate__gt=0) | Q(on_time_rate__gt=0) | Q(evaluation__gt=0),
                name="evaluation_weights_not_all_zero",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="evaluation_weights_reason_given"),
        ]

    def __str__(self) -> str:
        return f"{self.effective_from:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("emulation weights are never changed; add a new row")
        super().save(*args, **kwargs)
