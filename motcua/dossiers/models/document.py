from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import DocumentSource


class DossierDocument(models.Model):
    """One dossier component (thành phần hồ sơ) and the file that fulfils it, if any yet.

    The slots are laid out from the procedure's required documents when the dossier is created; the file is
    checked by `motcua.dossiers.uploads` (type sniffed from content, size limit) before it is stored.
    """

    dossier = models.ForeignKey("dossiers.Dossier", models.CASCADE, related_name="documents", verbose_name=_("hồ sơ"))
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.TextField(_("tên giấy tờ"))
    quantity_text = models.CharField(_("số lượng"), max_length=128, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)
    file = models.FileField(_("tệp"), max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    source = models.CharField(_("nguồn"), max_length=16, choices=DocumentSource.choices, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đính kèm"),
    )
    uploaded_at = models.DateTimeField(_("đính kèm lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["dossier", "position"]
        # Statistics count the components filled in a period.
        indexes = [models.Index(fields=["uploaded_at"], name="dossiers_document_uploaded")]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_document_position_unique"),
            models.CheckConstraint(
                condition=Q(file="", source="", size=0, uploaded_at__isnull=True)
                | (~Q(file="") & ~Q(source="") & Q(size__gt=0, uploaded_at__isnull=False)),
                name="dossier_document_file_described",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_file(self) -> bool:
        return bool(self.file)
