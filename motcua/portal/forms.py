from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from motcua.catalog import selectors as catalog_selectors
from motcua.catalog.constants import LOCAL_LEVELS, MAX_QUERY_LENGTH, ServiceLevel
from motcua.core.text import nfc


class CatalogueFieldChoice(forms.CharField):
    """A field (lĩnh vực) of the catalogue, however the browser or a shared link encoded its Vietnamese.

    Not a ChoiceField: Django normalises a ChoiceField's choices on every form, which for the catalogue's
    158 fields cost more than a cached search page. The options are rendered by the `select_options` tag.
    """

    default_error_messages = {
        "invalid_choice": _("Lĩnh vực này không có trong danh mục thủ tục."),
        "null_characters_not_allowed": _("Lĩnh vực này không có trong danh mục thủ tục."),
    }

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [("", _("Tất cả các lĩnh vực")), *((name, name) for name in catalog_selectors.field_choices())]

    def to_python(self, value):
        return nfc(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and value not in catalog_selectors.field_choices():
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class ProcedureSearchForm(forms.Form):
    """The catalogue search of /thu-tuc/. Its URL parameters are fixed by docs/interfaces.md."""

    # Python names cannot hold the hyphens of the public parameters (linh-vuc, muc-do, co-quan).
    PARAMETER_NAMES = {"linh_vuc": "linh-vuc", "muc_do": "muc-do", "co_quan": "co-quan"}

    q = forms.CharField(
        label=_("Tìm thủ tục hành chính"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "Từ khóa tìm kiếm quá dài (tối đa %(limit_value)d ký tự). Hãy nhập vài từ trong tên thủ tục."
            ),
            "null_characters_not_allowed": _("Từ khóa tìm kiếm chứa ký tự không hợp lệ."),
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: đăng ký khai sinh, 1.001193"), "autocomplete": "off"}
        ),
    )
    cap = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        required=False,
        choices=[("", _("Tất cả các cấp")), *((level.value, level.label) for level in LOCAL_LEVELS)],
        error_messages={"invalid_choice": _("Cấp thực hiện không hợp lệ: hãy chọn cấp tỉnh, cấp huyện hoặc cấp xã.")},
    )
    linh_vuc = CatalogueFieldChoice(label=_("Lĩnh vực"), required=False, max_length=255)
    muc_do = forms.TypedChoiceField(
        label=_("Mức độ dịch vụ công trực tuyến"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tất cả các mức độ")), *ServiceLevel.choices],
        error_messages={"invalid_choice": _("Mức độ dịch vụ công trực tuyến phải từ 1 đến 4.")},
    )
    co_quan = forms.CharField(
        label=_("Mã cơ quan"),
        required=False,
        max_length=35,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[0-9A-Za-z.]+$", _("Mã cơ quan không hợp lệ."))],
        error_messages={
            "max_length": _("Mã cơ quan không hợp lệ."),
            "null_characters_not_allowed": _("Mã cơ quan không hợp lệ."),
        },
    )

    def add_prefix(self, field_name):
        return self.PARAMETER_NAMES.get(field_name, field_name)

    def search_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data["q"],
            "level": data["cap"] or None,
            "field": data["linh_vuc"] or None,
            "service_level": data["muc_do"],
            "agency_code": data["co_quan"] or None,
        }
