from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import (
    LEVEL_FIELDS,
    LOCAL_LEVELS,
    ChannelKind,
    FlagReason,
    Level,
    OnlineMode,
    ServiceLevel,
    TimeUnit,
)


class Procedure(models.Model):
    """One administrative procedure (thủ tục hành chính) as published in the national catalogue.

    Everything but the service level comes from the imported source and is overwritten when the source changes;
    the service level is the province's decision and is never touched by an import.
    """

    code = models.CharField(_("mã thủ tục quốc gia"), max_length=32, unique=True, null=True, blank=True)
    local_key = models.CharField(
        _("mã nội bộ"),
        max_length=24,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Chỉ dùng cho thủ tục nguồn không ghi mã quốc gia; sinh cố định từ nguồn dữ liệu."),
    )
    name = models.TextField(_("tên thủ tục"))
    search_key = models.TextField(_("khóa tìm kiếm"), editable=False)
    # The name's key without the generic leading "Thủ tục", so that "đăng ký khai sinh" ranks as a name prefix.
    name_key = models.TextField(_("khóa xếp hạng theo tên"), editable=False)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True, db_index=True)

    at_ministry = models.BooleanField(Level.MINISTRY.label, default=False)
    at_province = models.BooleanField(Level.PROVINCE.label, default=False, db_index=True)
    at_district = models.BooleanField(Level.DISTRICT.label, default=False, db_index=True)
    at_commune = models.BooleanField(Level.COMMUNE.label, default=False, db_index=True)
    at_other = models.BooleanField(Level.OTHER.label, default=False)
    level_text = models.CharField(_("cấp thực hiện (như nguồn ghi)"), max_length=255, blank=True)

    procedure_type = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định công bố"), max_length=255, blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    implementing_agency = models.TextField(_("cơ quan thực hiện"), blank=True)
    competent_agency = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    authorised_agency = models.TextField(_("cơ quan được ủy quyền"), blank=True)
    coordinating_agency = models.TextField(_("cơ quan phối hợp"), blank=True)
    steps = models.TextField(_("trình tự thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    legal_basis = models.JSONField(_("căn cứ pháp lý (số hiệu văn bản)"), default=list, blank=True)
    legal_basis_raw = models.TextField(_("căn cứ pháp lý (văn bản gốc)"), blank=True)
    results = models.JSONField(_("kết quả thực hiện"), default=list, blank=True, help_text=_("Danh sách {ten, ma}."))

    source = models.CharField(_("nguồn dữ liệu"), max_length=500)
    source_origin = models.CharField(_("xuất xứ dữ liệu"), max_length=500, blank=True)
    source_license = models.CharField(_("giấy phép dữ liệu"), max_length=500, blank=True)
    detail_url = models.URLField(_("trang gốc"), max_length=500, blank=True)
    era = models.CharField(_("giai đoạn"), max_length=255, blank=True)

    has_online_channel = models.BooleanField(_("có kênh nộp trực tuyến"), default=False)
    in_online_list_2025 = models.BooleanField(_("trong danh sách DVC trực tuyến quốc gia 2025"), default=False)
    popularity = models.PositiveBigIntegerField(
        _("mức độ sử dụng"), default=0, db_index=True, help_text=_("Trọng số phổ biến theo danh sách quốc gia 2025.")
    )

    service_level = models.PositiveSmallIntegerField(
        _("mức độ dịch vụ công trực tuyến"), choices=ServiceLevel.choices, null=True, blank=True, db_index=True
    )
    online_mode = models.CharField(_("hình thức trực tuyến"), max_length=16, choices=OnlineMode.choices, blank=True)

    is_flagged = models.BooleanField(_("cần rà soát"), default=False, db_index=True)
    flags = models.JSONField(_("lý do cần rà soát"), default=list, blank=True)
    raw_text = models.JSONField(
        _("văn bản gốc"), null=True, blank=True, help_text=_("Giữ lại khi không tách được dữ liệu chắc chắn.")
    )
    content_hash = models.CharField(_("dấu nội dung nguồn"), max_length=64, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__isnull=False, local_key__isnull=True) | Q(code__isnull=True, local_key__isnull=False),
                name="procedure_has_code_or_local_key",
            ),
            models.CheckConstraint(condition=Q(code__isnull=True) | ~Q(code=""), name="procedure_code_not_empty"),
            models.CheckConstraint(
                condition=Q(service_level__isnull=True) | Q(service_level__gte=1, service_level__lte=4),
                name="procedure_service_level_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(service_level=ServiceLevel.PARTIAL, online_mode=OnlineMode.PARTIAL)
                | Q(service_level=ServiceLevel.FULL, online_mode=OnlineMode.FULL)
                | (Q(service_level__isnull=True) | Q(service_level__lte=ServiceLevel.FORMS)) & Q(online_mode=""),
                name="procedure_online_mode_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} — {self.name}"

    @property
    def key(self) -> str:
        """The identifier used in URLs: the national code, or the local key when the source gives none."""
        return self.code or self.local_key

    @property
    def levels(self) -> list[str]:
        return [level for level, attribute in LEVEL_FIELDS.items() if getattr(self, attribute)]

    @property
    def local_levels(self) -> list[str]:
        return [level for level in self.levels if level in LOCAL_LEVELS]

    @property
    def flag_labels(self) -> list[str]:
        return [FlagReason(flag).label if flag in FlagReason.values else flag for flag in self.flags]

    @property
    def allows_online_submission(self) -> bool:
        return (self.service_level or 0) >= ServiceLevel.PARTIAL

    def get_absolute_url(self) -> str:
        return reverse("portal:procedure-detail", args=[self.key])


class Channel(models.Model):
    """One row of the source's "Cách thức thực hiện" table: a way to submit, with its time limit and fee."""

    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="channels", verbose_name=_("thủ tục"))
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("hình thức nộp"), max_length=16, choices=ChannelKind.choices)
    kind_text = models.CharField(_("hình thức nộp (như nguồn ghi)"), max_length=255, blank=True)
    time_text = models.TextField(_("thời hạn giải quyết"), blank=True)
    processing_time_value = models.DecimalField(
        _("thời hạn (số)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    processing_time_unit = models.CharField(_("thời hạn (đơn vị)"), max_length=16, choices=TimeUnit.choices, blank=True)
    fee_text = models.TextField(_("phí, lệ phí"), blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    raw = models.TextField(_("văn bản gốc"), blank=True)
    parse_ok = models.BooleanField(_("tách dữ liệu chắc chắn"), default=True)

    class Meta:
        verbose_name = _("cách thức thực hiện")
        verbose_name_plural = _("cách thức thực hiện")
        ordering = ["procedure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "position"], name="channel_position_unique"),
            models.CheckConstraint(
                condition=Q(processing_time_value__isnull=True) | Q(processing_time_value__gte=0),
                name="channel_time_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(processing_time_unit="") | Q(processing_time_value__isnull=False),
                name="channel_time_unit_needs_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.time_text}"


class RequiredDocument(models.Model):
    """A dossier component (thành phần hồ sơ) with its quantity as the source writes it."""

    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="documents", verbose_name=_("thủ tục"))
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    group = models.TextField(_("nhóm giấy tờ"), blank=True)
    name = models.TextField(_("tên giấy tờ"))
    quantity_text = models.CharField(_("số lượng"), max_length=128, blank=True)
    form_name = models.TextField(_("mẫu đơn, tờ khai"), blank=True)
    form_url = models.URLField(_("đường dẫn mẫu đơn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["procedure", "position"]
        constraints = [models.UniqueConstraint(fields=["procedure", "position"], name="document_position_unique")]

    def __str__(self) -> str:
        return self.name
