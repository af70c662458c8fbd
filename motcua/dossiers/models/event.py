from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import DossierStatus, EventAction, StepKind


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("dossier events are append-only")

    def delete(self):
        raise AppendOnlyError("dossier events are append-only")


class DossierEvent(models.Model):
    """One thing that happened to a dossier. Never changed, never deleted: the truth for timelines and audits.

    On PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE on this table as well.
    """

    dossier = models.ForeignKey("dossiers.Dossier", models.PROTECT, related_name="events", verbose_name=_("hồ sơ"))
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dossier_events",
        verbose_name=_("người thực hiện"),
        help_text=_("Để trống khi hệ thống tự thực hiện."),
    )
    action = models.CharField(_("thao tác"), max_length=24, choices=EventAction.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=24, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=24, choices=DossierStatus.choices)
    step = models.ForeignKey(
        "dossiers.WorkflowStep", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("bước")
    )
    step_kind = models.CharField(_("loại bước"), max_length=16, choices=StepKind.choices, blank=True)
    step_name = models.CharField(_("tên bước"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "organization.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan thực hiện"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhận bàn giao"),
    )
    recipient_agency = models.ForeignKey(
        "organization.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan nhận bàn giao"),
    )
    deadline = models.DateTimeField(_("hạn của phần việc vừa hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    payload = models.JSONField(_("dữ liệu kèm theo"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký hồ sơ")
        verbose_name_plural = _("nhật ký hồ sơ")
        ordering = ["dossier", "at", "id"]
        indexes = [
            models.Index(fields=["dossier", "at", "id"], name="dossier_event_timeline"),
            models.Index(fields=["actor", "dossier"], name="dossier_event_actor"),
            models.Index(fields=["agency", "dossier"], name="dossier_event_agency"),
            models.Index(fields=["action", "at"], name="dossier_event_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("dossier events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("dossier events are append-only")
