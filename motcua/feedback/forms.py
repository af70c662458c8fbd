from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.feedback.constants import COMMENT_MAX, Criterion, Satisfaction
from motcua.feedback.services import RatingAnswers

_CHOOSE = _("Vui lòng chọn mức độ hài lòng.")


class RatingForm(forms.Form):
    overall = forms.ChoiceField(label=Criterion.OVERALL.label, choices=Satisfaction.choices, widget=forms.RadioSelect)
    convenience = forms.ChoiceField(
        label=Criterion.CONVENIENCE.label, choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    on_time = forms.ChoiceField(label=Criterion.ON_TIME.label, choices=Satisfaction.choices, widget=forms.RadioSelect)
    staff_attitude = forms.ChoiceField(
        label=Criterion.STAFF_ATTITUDE.label, choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Ý kiến khác (không bắt buộc)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Ý kiến khác dài quá %(limit_value)d ký tự."),
            "null_characters_not_allowed": _("Ý kiến khác chứa ký tự không hợp lệ."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Criterion.values:
            self.fields[criterion].error_messages.update({"required": _CHOOSE, "invalid_choice": _CHOOSE})

    def answers(self) -> RatingAnswers:
        return RatingAnswers(**self.cleaned_data)
