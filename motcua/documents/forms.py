from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.documents.constants import NAME_MAX


class PickForm(forms.Form):
    stored_document = forms.TypedChoiceField(
        label=_("Giấy tờ trong kho dữ liệu"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn một giấy tờ."),
            "invalid_choice": _("Giấy tờ đã chọn không có trong kho dữ liệu của bạn."),
        },
    )

    def __init__(self, *args, stored_documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stored_document"].choices = [(document.pk, document.name) for document in stored_documents]


_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DigitiseForm(forms.Form):
    position = forms.TypedChoiceField(
        label=_("Thành phần hồ sơ"),
        coerce=int,
        error_messages={
            "required": _("Vui lòng chọn thành phần hồ sơ."),
            "invalid_choice": _("Vui lòng chọn thành phần hồ sơ."),
        },
    )
    upload = forms.FileField(
        label=_("Tệp bản số hóa (PDF, JPEG, PNG)"),
        error_messages={"required": _("Vui lòng chọn tệp bản số hóa."), "empty": _("Tệp đính kèm rỗng (0 byte).")},
    )
    name = forms.CharField(label=_("Loại, tên giấy tờ (nếu khác tên thành phần)"), required=False, max_length=NAME_MAX)
    issuer = forms.CharField(label=_("Cơ quan cấp"), required=False, max_length=NAME_MAX)
    issued_on = forms.DateField(
        label=_("Ngày cấp"),
        required=False,
        input_formats=_DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
    )
    valid_until = forms.DateField(
        label=_("Có giá trị đến"),
        required=False,
        input_formats=_DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
    )

    def __init__(self, *args, components, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [(component.position, component.name) for component in components]
