import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.results.constants import TEMPLATE_PLACEHOLDERS


def validate_placeholders(text: str) -> None:
    """Only the known placeholders, written {name}: anything else would fail or print raw when the result is issued."""
    try:
        names = [name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise ValidationError(_("Dấu ngoặc nhọn { } không cân đối."), code="unbalanced") from error
    unknown = sorted({name for name in names if name not in TEMPLATE_PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Trường thay thế không hợp lệ: %(unknown)s. Chỉ dùng: %(known)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in TEMPLATE_PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


class ResultTemplate(models.Model):
    """The wording of the result a procedure issues when the specialist uploads none."""

    procedure_code = models.CharField(_("mã thủ tục"), max_length=32, unique=True)
    title = models.CharField(_("tên văn bản kết quả"), max_length=300, validators=[validate_placeholders])
    body = models.TextField(
        _("nội dung"),
        validators=[validate_placeholders],
        help_text=_(
            "Các đoạn cách nhau một dòng trống. Trường thay thế: {ho_ten}, {ma_ho_so}, {ten_thu_tuc}, {ma_thu_tuc}, "
            "{ngay}, {co_quan}, {so}."
        ),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu kết quả giải quyết")
        verbose_name_plural = _("mẫu kết quả giải quyết")
        ordering = ["procedure_code"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(procedure_code=""), name="results_template_procedure_present"),
            models.CheckConstraint(condition=~models.Q(title=""), name="results_template_title_present"),
        ]

    def __str__(self):
        return f"{self.procedure_code}: {self.title}"
