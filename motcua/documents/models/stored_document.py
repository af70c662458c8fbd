from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.documents.constants import NAME_MAX, SHA256_PATTERN, StoredSource


class StoredDocument(models.Model):
    """One document kept in a citizen's store, with where it came from. Written only by `documents.services`."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="stored_documents", verbose_name=_("chủ sở hữu")
    )
    name = models.CharField(_("loại, tên giấy tờ"), max_length=NAME_MAX)
    issuer = models.CharField(_("cơ quan cấp"), max_length=NAME_MAX, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=24, choices=StoredSource.choices)
    source_dossier_code = models.CharField(_("mã hồ sơ nguồn"), max_length=64, blank=True)
    digitised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ số hóa"),
    )
    file = models.FileField(_("tệp"), max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    original_sha256 = models.CharField(
        _("mã băm SHA-256 của bản quét gốc"),
        max_length=64,
        blank=True,
        help_text=_("Tệp cán bộ quét từ bản giấy, trước khi ký số (bản lưu trong kho là bản đã ký)."),
    )
    signed_document = models.ForeignKey(
        "results.SignedDocument",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bản sao điện tử có chữ ký số"),
    )
    arrived_signed = models.BooleanField(
        _("tệp PDF đã có chữ ký số khi số hóa"),
        default=False,
        help_text=_("Được giữ nguyên: đóng dấu xác thực sẽ làm hỏng chữ ký số sẵn có."),
    )
    created_at = models.DateTimeField(_("lưu vào kho lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ trong kho dữ liệu")
        verbose_name_plural = _("giấy tờ trong kho dữ liệu")
        ordering = ["owner", "-created_at", "-pk"]
        constraints = [
            # The same file is kept once per citizen, however many dossiers carried it.
            models.UniqueConstraint(fields=["owner", "sha256"], name="documents_owner_sha256_unique"),
            models.CheckConstraint(condition=Q(sha256__regex=SHA256_PATTERN), name="documents_sha256_format"),
            models.CheckConstraint(condition=Q(size__gt=0), name="documents_size_positive"),
            models.CheckConstraint(condition=~Q(name=""), name="documents_name_present"),
            models.CheckConstraint(condition=Q(source__in=StoredSource.values), name="documents_source_known"),
            models.CheckConstraint(
                condition=Q(source=StoredSource.DIGITISED, digitised_by__isnull=False)
                | (~Q(source=StoredSource.DIGITISED) & Q(digitised_by__isnull=True)),
                name="documents_digitised_by_clerk",
            ),
            models.CheckConstraint(
                condition=Q(original_sha256="") | Q(original_sha256__regex=SHA256_PATTERN),
                name="documents_original_sha256_format",
            ),
            # Only a clerk's digitisation signs a copy, and a file that arrived signed is not signed again.
            models.CheckConstraint(
                condition=Q(source=StoredSource.DIGITISED) | Q(signed_document__isnull=True, arrived_signed=False),
                name="documents_signature_only_digitised",
            ),
            models.CheckConstraint(
                condition=Q(signed_document__isnull=True) | Q(arrived_signed=False),
                name="documents_signed_once",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(valid_until__gte=models.F("issued_on")),
                name="documents_validity_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentReuse(models.Model):
    """A dossier component filled from the store instead of an upload (Decree 107: not asked for again)."""

    stored_document = models.ForeignKey(
        StoredDocument, models.PROTECT, related_name="reuses", verbose_name=_("giấy tờ trong kho")
    )
    dossier = models.ForeignKey("dossiers.Dossier", models.CASCADE, related_name="+", verbose_name=_("hồ sơ"))
    position = models.PositiveSmallIntegerField(_("thứ tự thành phần"))
    reused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người chọn")
    )
    reused_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần tái sử dụng giấy tờ")
        verbose_name_plural = _("lần tái sử dụng giấy tờ")
        ordering = ["-reused_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.stored_document} → {self.dossier_id}/{self.position}"
