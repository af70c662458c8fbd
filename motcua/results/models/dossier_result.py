from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.results.constants import ResultSource


class ResultUpload(models.Model):
    """The result document a specialist prepared outside the system; signed as it is when the leader approves."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", models.PROTECT, related_name="result_upload", verbose_name=_("hồ sơ")
    )
    file = models.FileField(_("tệp PDF"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"))

    class Meta:
        verbose_name = _("kết quả do chuyên viên tải lên")
        verbose_name_plural = _("kết quả do chuyên viên tải lên")
        constraints = [models.CheckConstraint(condition=models.Q(size__gt=0), name="results_upload_size_positive")]


class IssueCounter(models.Model):
    """The last issued number of an agency in a year; its row lock serialises issuing at that agency."""

    agency_code = models.CharField(_("mã cơ quan"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ cấp số kết quả")
        verbose_name_plural = _("sổ cấp số kết quả")
        constraints = [models.UniqueConstraint(fields=["agency_code", "year"], name="results_one_counter_per_year")]


class DossierResult(models.Model):
    """The dossier's e-result: the signed document and its issued number. One per dossier, never re-issued."""

    dossier = models.OneToOneField("dossiers.Dossier", models.PROTECT, related_name="e_result", verbose_name=_("hồ sơ"))
    document = models.OneToOneField(
        "results.SignedDocument", models.PROTECT, related_name="dossier_result", verbose_name=_("văn bản đã ký")
    )
    source = models.CharField(_("nguồn"), max_length=8, choices=ResultSource.choices)
    agency_code = models.CharField(_("mã cơ quan cấp"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm cấp"))
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    issued_number = models.CharField(_("số, ký hiệu"), max_length=100)
    issued_on = models.DateField(_("ngày cấp"))

    class Meta:
        verbose_name = _("kết quả điện tử của hồ sơ")
        verbose_name_plural = _("kết quả điện tử của hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency_code", "year", "sequence"], name="results_issued_number_unique"),
            models.CheckConstraint(condition=models.Q(sequence__gt=0), name="results_sequence_positive"),
            models.CheckConstraint(condition=models.Q(source__in=ResultSource.values), name="results_source_known"),
        ]

    def __str__(self):
        return self.issued_number
