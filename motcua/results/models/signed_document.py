from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.results.constants import SHA256_PATTERN, TOKEN_PATTERN, DocumentKind


class SignedDocument(models.Model):
    """A PDF the system signed: the stored bytes, what they are, who signed and the token of their QR code.

    The dossier is referenced by code and the procedure by code and name, as printed on the document, so that the
    record stays readable whatever happens to the rows it came from.
    """

    token = models.CharField(_("mã xác thực"), max_length=32, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    name = models.CharField(_("tên văn bản"), max_length=300)
    issued_number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=40, blank=True, db_index=True)
    procedure_code = models.CharField(_("mã thủ tục"), max_length=40, blank=True)
    procedure_name = models.CharField(_("tên thủ tục"), max_length=1000, blank=True)
    agency_code = models.CharField(_("mã cơ quan ký"), max_length=40)
    signer_name = models.CharField(_("người ký"), max_length=300)
    signer_subject = models.CharField(_("chủ thể chứng thư số"), max_length=1000)
    certificate_fingerprint = models.CharField(_("vân tay chứng thư số (SHA-256)"), max_length=64)
    reason = models.CharField(_("lý do ký"), max_length=300, blank=True)
    location = models.CharField(_("nơi ký"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    file = models.FileField(_("tệp đã ký"), max_length=200)
    created_at = models.DateTimeField(_("thời điểm lưu"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đã ký số")
        verbose_name_plural = _("văn bản đã ký số")
        ordering = ["-signed_at"]
        # Statistics count the e-results signed in a period.
        indexes = [models.Index(fields=["signed_at"], name="results_signed_at")]
        constraints = [
            models.CheckConstraint(condition=models.Q(token__regex=TOKEN_PATTERN), name="results_token_format"),
            models.CheckConstraint(condition=models.Q(sha256__regex=SHA256_PATTERN), name="results_sha256_format"),
            models.CheckConstraint(
                condition=models.Q(certificate_fingerprint__regex=SHA256_PATTERN),
                name="results_fingerprint_format",
            ),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="results_size_positive"),
            models.CheckConstraint(condition=models.Q(kind__in=DocumentKind.values), name="results_kind_known"),
            models.CheckConstraint(condition=~models.Q(name=""), name="results_name_present"),
        ]

    def __str__(self):
        return f"{self.name} ({self.token})"
