from django import forms
from django.utils.translation import gettext_lazy as _


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
