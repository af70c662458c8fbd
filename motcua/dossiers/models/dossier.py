from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import (
    CHANNEL_OF_INTAKE,
    CLOCK_RUNNING_STATUSES,
    CODED_STATUSES,
    FINAL_STATUSES,
    NATIONAL_CHANNEL_CODE,
    NATIONAL_STATUS_CODE,
    Channel,
    DossierStatus,
    Intake,
    SupplementStage,
)
from motcua.organization.constants import StaffRole


def _intake_matches_channel() -> Q:
    condition = Q()
    for intake, channel in CHANNEL_OF_INTAKE.items():
        condition |= Q(intake=intake, channel=channel)
    return condition


class Dossier(models.Model):
    """One dossier (hồ sơ): the small row every inbox, lookup and report reads.

    Changed only by `motcua.dossiers.services`; every change appends a DossierEvent in the same transaction.
    """

    procedure = models.ForeignKey(
        "catalog.Procedure", models.PROTECT, related_name="dossiers", verbose_name=_("thủ tục")
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=8, choices=Channel.choices)
    intake = models.CharField(_("hình thức nhập hồ sơ"), max_length=16, choices=Intake.choices)
    status = models.CharField(
        _("trạng thái"), max_length=24, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    code = models.CharField(_("mã số hồ sơ"), max_length=64, unique=True, null=True, blank=True)

    # Who: the account the dossier belongs to (empty for a walk-in without an account) and who typed it in.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("tài khoản chủ hồ sơ"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="entered_dossiers", verbose_name=_("người nhập hồ sơ")
    )
    # Personal data as declared on this dossier; the account may change later, the dossier must not.
    applicant_name = models.CharField(_("họ tên người nộp / tên tổ chức"), max_length=255, blank=True)
    applicant_name_key = models.CharField(_("khóa tìm kiếm tên"), max_length=255, blank=True, editable=False)
    applicant_cccd = models.CharField(_("số CCCD / mã số thuế"), max_length=14, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)

    # Where: the desk that received it and the agency that handles it now (they differ in liên thông).
    receiving_agency = models.ForeignKey(
        "organization.Agency", models.PROTECT, related_name="received_dossiers", verbose_name=_("cơ quan tiếp nhận")
    )
    handling_agency = models.ForeignKey(
        "organization.Agency",
        models.PROTECT,
        related_name="handled_dossiers",
        verbose_name=_("cơ quan đang giải quyết"),
    )
    agency_due_at = models.DateTimeField(_("hạn xử lý của cơ quan đang giải quyết"), null=True, blank=True)

    # The workflow position: which step, whose turn (a person, or any holder of the role at the step's agency).
    workflow = models.ForeignKey(
        "dossiers.WorkflowTemplate",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quy trình"),
    )
    current_step = models.ForeignKey(
        "dossiers.WorkflowStep",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bước hiện tại"),
    )
    step_agency = models.ForeignKey(
        "organization.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan thực hiện bước hiện tại"),
    )
    step_role = models.CharField(
        _("vai trò thực hiện bước hiện tại"), max_length=32, choices=StaffRole.choices, blank=True
    )
    step_started_at = models.DateTimeField(_("bắt đầu bước lúc"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
        verbose_name=_("cán bộ đang xử lý"),
    )

    # When.
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    status_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True)
    paused_at = models.DateTimeField(_("tạm dừng tính thời gian từ"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)

    # Supplement request (Mẫu 02): at reception at most once (Decree 61 Art. 15), or after appraisal (Art. 19.4).
    supplement_stage = models.CharField(
        _("giai đoạn yêu cầu bổ sung"), max_length=16, choices=SupplementStage.choices, blank=True
    )
    supplement_items = models.JSONField(_("giấy tờ cần bổ sung"), default=list, blank=True)
    supplement_reason = models.TextField(_("lý do yêu cầu bổ sung"), blank=True)
    supplement_requested_at = models.DateTimeField(_("yêu cầu bổ sung lúc"), null=True, blank=True)
    reception_supplements = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung khi tiếp nhận"), default=0)
    supplements = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)

    decision_reason = models.TextField(_("lý do từ chối / dừng xử lý / rút hồ sơ"), blank=True)
    result_summary = models.TextField(_("kết quả giải quyết"), blank=True)
    result_recipient = models.CharField(_("người nhận kết quả"), max_length=255, blank=True)

    # Apology and new appointment (Mẫu 04): at most once per dossier (Decree 61 Art. 19.9).
    apology_issued_at = models.DateTimeField(_("xin lỗi lúc"), null=True, blank=True)
    apology_reason = models.TextField(_("lý do chậm"), blank=True)
    apology_previous_due_at = models.DateTimeField(_("hẹn trả trước khi hẹn lại"), null=True, blank=True)

    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["receiving_agency", "status", "submitted_at"], name="dossier_desk_status"),
            models.Index(fields=["assignee", "status", "due_at"], name="dossier_assignee_status"),
            models.Index(fields=["step_agency", "step_role", "status", "due_at"], name="dossier_step_pool"),
            models.Index(
                fields=["handling_agency", "due_at", "id"],
                condition=Q(status__in=sorted(CLOCK_RUNNING_STATUSES)),
                name="dossier_running_by_handler",
            ),
            models.Index(
                fields=["receiving_agency", "due_at", "id"],
                condition=Q(status__in=sorted(CLOCK_RUNNING_STATUSES)),
                name="dossier_running_by_desk",
            ),
            models.Index(fields=["handling_agency", "status", "status_changed_at"], name="dossier_handler_status"),
            models.Index(fields=["applicant", "-id"], name="dossier_applicant_recent"),
            models.Index(fields=["applicant_cccd"], name="dossier_applicant_cccd"),
        ]
        constraints = [
            models.CheckConstraint(condition=_intake_matches_channel(), name="dossier_intake_matches_channel"),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(CODED_STATUSES))
                | Q(code__isnull=False, received_at__isnull=False, due_at__isnull=False),
                name="dossier_received_has_code_and_due",
            ),
            models.CheckConstraint(
                condition=Q(code__isnull=True) | Q(received_at__isnull=False, due_at__isnull=False),
                name="dossier_code_only_when_received",
            ),
            models.CheckConstraint(
                condition=Q(status=DossierStatus.DRAFT, submitted_at__isnull=True, code__isnull=True)
                | (~Q(status=DossierStatus.DRAFT) & Q(submitted_at__isnull=False) & ~Q(applicant_name="")),
                name="dossier_submitted_is_dated_and_named",
            ),
            models.CheckConstraint(
                condition=~Q(status=DossierStatus.SUPPLEMENT_REQUESTED)
                | (Q(supplement_requested_at__isnull=False) & ~Q(supplement_stage="")),
                name="dossier_supplement_request_recorded",
            ),
            models.CheckConstraint(condition=Q(reception_supplements__lte=1), name="dossier_one_reception_supplement"),
            models.CheckConstraint(
                condition=~Q(status__in=[DossierStatus.RESOLVED, DossierStatus.RETURNED])
                | Q(resolved_at__isnull=False),
                name="dossier_resolved_is_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status=DossierStatus.RETURNED) | Q(returned_at__isnull=False),
                name="dossier_returned_is_dated",
            ),
            models.CheckConstraint(
                condition=Q(apology_issued_at__isnull=True, apology_previous_due_at__isnull=True)
                # Spelled out: a comparison with NULL would let a half-recorded apology through the CHECK.
                | Q(
                    apology_issued_at__isnull=False,
                    apology_previous_due_at__isnull=False,
                    due_at__isnull=False,
                    apology_previous_due_at__lt=F("due_at"),
                ),
                name="dossier_apology_postpones_due",
            ),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"

    @property
    def status_code(self) -> int | None:
        return NATIONAL_STATUS_CODE.get(self.status)

    @property
    def channel_code(self) -> int:
        return NATIONAL_CHANNEL_CODE[self.channel]

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_assisted(self) -> bool:
        return self.intake == Intake.ASSISTED
