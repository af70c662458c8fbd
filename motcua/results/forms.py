from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.core.formatting import format_number
from motcua.results.constants import PDF_HEADER_WINDOW, PDF_MAGIC, DeliveryMethod, PostalStatus


def upload_limit_bytes() -> int:
    return settings.MOTCUA_UPLOAD_MAX_BYTES


def upload_limit_text() -> str:
    return _("%(size)s MB") % {"size": format_number(upload_limit_bytes() / (1024 * 1024))}


def too_large_message() -> str:
    return _("Tệp vượt quá dung lượng cho phép (%(limit)s).") % {"limit": upload_limit_text()}


def _pdf_file_field(label: str, required_message: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        error_messages={
            "required": required_message,
            "empty": _("Tệp đã chọn rỗng (0 byte)."),
            "invalid": _("Không nhận được tệp; vui lòng chọn lại."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class _SizeLimitedUploadForm(forms.Form):
    def clean_tep(self) -> bytes:
        upload = self.cleaned_data["tep"]
        if upload.size > upload_limit_bytes():
            raise forms.ValidationError(too_large_message(), code="too_large")
        return upload.read()


class VerificationUploadForm(_SizeLimitedUploadForm):
    tep = _pdf_file_field(_("Tệp PDF cần kiểm tra"), _("Vui lòng chọn tệp PDF cần kiểm tra."))

    @classmethod
    def refused(cls, message: str) -> "VerificationUploadForm":
        """A bound form whose only error is `message`, for an upload refused before it could be read."""
        form = cls(data={}, files={})
        form.full_clean()
        form.errors["tep"] = form.error_class([message])
        return form

    def clean_tep(self) -> bytes:
        data = super().clean_tep()
        if PDF_MAGIC not in data[:PDF_HEADER_WINDOW]:
            raise forms.ValidationError(_("Tệp này không phải tệp PDF."), code="not_pdf")
        return data


class DeliveryChoiceForm(forms.Form):
    phuong_thuc = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"),
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn một hình thức nhận kết quả."), "invalid_choice": _("Vui lòng chọn một hình thức nhận kết quả.")},
    )
    dia_chi = forms.CharField(label=_("Địa chỉ nhận qua bưu chính"), required=False, max_length=500)


class ResultUploadForm(_SizeLimitedUploadForm):
    tep = _pdf_file_field(_("Tệp PDF kết quả"), _("Vui lòng chọn tệp PDF kết quả."))


class CounterReturnForm(forms.Form):
    nguoi_nhan = forms.CharField(
        label=_("Họ tên người nhận"), max_length=255, error_messages={"required": _("Vui lòng ghi họ tên người nhận kết quả.")}
    )
    so_giay_to = forms.CharField(
        label=_("Số CCCD/giấy tờ tùy thân đã xuất trình"),
        max_length=40,
        error_messages={"required": _("Vui lòng ghi số giấy tờ tùy thân người nhận đã xuất trình.")},
    )
    ghi_chu = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)


class DispatchForm(forms.Form):
    ma_buu_gui = forms.CharField(label=_("Mã bưu gửi (nếu có)"), required=False, max_length=40)


class PostalEventForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái mới"),
        choices=PostalStatus.choices,
        error_messages={"required": _("Vui lòng chọn trạng thái mới."), "invalid_choice": _("Vui lòng chọn trạng thái mới.")},
    )
    ghi_chu = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


def first_error(form: forms.Form) -> str:
    return next(iter(message for messages in form.errors.values() for message in messages))
