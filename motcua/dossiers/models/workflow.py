from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import AgencySelector, StepKind
from motcua.organization.constants import StaffRole


class WorkflowTemplate(models.Model):
    """The ordered processing steps of a procedure. The template without a procedure is the deployment default."""

    procedure = models.ForeignKey(
        "catalog.Procedure",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="workflow_templates",
        verbose_name=_("thủ tục"),
        help_text=_("Để trống: quy trình mặc định cho các thủ tục chưa có quy trình riêng."),
    )
    name = models.CharField(_("tên quy trình"), max_length=255)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("quy trình xử lý")
        verbose_name_plural = _("quy trình xử lý")
        constraints = [
            # NULLs never collide in a plain unique index, so the single default template is made unique as 0.
            models.UniqueConstraint(Coalesce(F("procedure"), Value(0)), name="workflow_one_per_procedure"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkflowStep(models.Model):
    template = models.ForeignKey(WorkflowTemplate, models.CASCADE, related_name="steps", verbose_name=_("quy trình"))
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại bước"), max_length=16, choices=StepKind.choices)
    name = models.CharField(_("tên bước"), max_length=255, blank=True)
    role = models.CharField(_("vai trò thực hiện"), max_length=32, choices=StaffRole.choices)
    agency_selector = models.CharField(
        _("cơ quan thực hiện"), max_length=16, choices=AgencySelector.choices, default=AgencySelector.HANDLING
    )
    agency = models.ForeignKey(
        "organization.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan chỉ định"),
    )
    working_days = models.DecimalField(
        _("thời gian (ngày làm việc)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    time_share = models.PositiveSmallIntegerField(
        _("tỷ lệ thời gian (%)"),
        null=True,
        blank=True,
        help_text=_("Phần trăm thời hạn giải quyết của thủ tục dành cho bước này."),
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="workflow_step_position_unique"),
            models.CheckConstraint(
                condition=Q(agency_selector=AgencySelector.NAMED, agency__isnull=False)
                | (~Q(agency_selector=AgencySelector.NAMED) & Q(agency__isnull=True)),
                name="workflow_step_named_agency_given",
            ),
            models.CheckConstraint(
                condition=Q(working_days__isnull=True) | Q(time_share__isnull=True),
                name="workflow_step_one_time_allotment",
            ),
            models.CheckConstraint(
                condition=Q(time_share__isnull=True) | Q(time_share__gte=1, time_share__lte=100),
                name="workflow_step_share_is_percent",
            ),
            models.CheckConstraint(
                condition=Q(working_days__isnull=True) | Q(working_days__gt=0), name="workflow_step_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(StepKind(self.kind).label)
