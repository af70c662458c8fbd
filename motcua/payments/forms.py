from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.payments.constants import CounterMethod, ExemptionCategory


class StartPaymentForm(forms.Form):
    gateway = forms.ChoiceField(
        label=_("Chọn cổng thanh toán"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn cổng thanh toán."),
            "invalid_choice": _("Cổng thanh toán không khả dụng."),
        },
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, gateway_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gateway"].choices = gateway_choices


class ExemptionForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Tôi thuộc đối tượng được miễn"),
        choices=ExemptionCategory.choices,
        error_messages={"required": _("Vui lòng chọn đối tượng được miễn.")},
    )
    note = forms.CharField(
        label=_("Giải trình, giấy tờ chứng minh"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CounterPaymentForm(forms.Form):
    method = forms.ChoiceField(label=_("Hình thức nộp"), choices=CounterMethod.choices)
    receipt_number = forms.CharField(
        label=_("Số biên lai"), max_length=64, error_messages={"required": _("Vui lòng nhập số biên lai.")}
    )
