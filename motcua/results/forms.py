from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.core.formatting import format_number
from motcua.results.constants import PDF_HEADER_WINDOW, PDF_MAGIC


def upload_limit_bytes() -> int:
    return settings.MOTCUA_UPLOAD_MAX_BYTES


def upload_limit_text() -> str:
    return _("%(size)s MB") % {"size": format_number(upload_limit_bytes() / (1024 * 1024))}


class VerificationUploadForm(forms.Form):
    tep = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        error_messages={
            "required": _("Vui lòng chọn tệp PDF cần kiểm tra."),
            "empty": _("Tệp đã chọn rỗng (0 byte)."),
            "invalid": _("Không nhận được tệp; vui lòng chọn lại."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    @classmethod
    def refused(cls, message: str) -> "VerificationUploadForm":
        """A bound form whose only error is `message`, for an upload refused before it could be read."""
        form = cls(data={}, files={})
        form.full_clean()
        form.errors["tep"] = form.error_class([message])
        return form

    def clean_tep(self) -> bytes:
        upload = self.cleaned_data["tep"]
        if upload.size > upload_limit_bytes():
            raise forms.ValidationError(
                _("Tệp vượt quá dung lượng cho phép (%(limit)s).") % {"limit": upload_limit_text()}, code="too_large"
            )
        data = upload.read()
        if PDF_MAGIC not in data[:PDF_HEADER_WINDOW]:
            raise forms.ValidationError(_("Tệp này không phải tệp PDF."), code="not_pdf")
        return data
