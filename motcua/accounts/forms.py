"""Forms only gather input; the services decide what is valid, so every rule lives in one place."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import Gender

# Built per request, in the visitor's language, not once at import.
_password_rules_html = lazy(password_validators_help_text_html, str)

PASSWORD_MISMATCH_MESSAGE = _("Hai lần nhập mật khẩu không giống nhau.")


class IdentifierAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Số CCCD, mã số thuế, tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường."
        ),
        "inactive": _("Tài khoản này đang bị khóa. Vui lòng liên hệ Bộ phận Một cửa."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Số CCCD, mã số thuế hoặc tên đăng nhập")
        self.fields["username"].help_text = _("Công dân nhập số CCCD 12 chữ số; doanh nghiệp nhập mã số thuế.")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = _("Mật khẩu")


class _RegistrationForm(forms.Form):
    """Password twice; the service receives every other field under the same name."""

    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_password_rules_html(),
    )
    password_confirm = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password_confirm") != cleaned["password"]:
            self.add_error("password_confirm", ValidationError(PASSWORD_MISMATCH_MESSAGE, code="password_mismatch"))
        return cleaned

    def service_arguments(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "password_confirm"}


_PHONE_FIELD = forms.CharField(
    label=_("Số điện thoại di động"),
    max_length=20,
    help_text=_("Ví dụ 0912345678 hoặc +84 912 345 678."),
    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
)
_EMAIL_FIELD = forms.CharField(
    label=_("Thư điện tử (nếu có)"),
    required=False,
    max_length=254,
    help_text=_("Để nhận thông báo về hồ sơ."),
    widget=forms.EmailInput(attrs={"autocomplete": "email"}),
)


class CitizenRegistrationForm(_RegistrationForm):
    field_order = ["cccd", "full_name", "birth_date", "gender", "phone", "email", "password", "password_confirm"]

    cccd = forms.CharField(
        label=_("Số CCCD / số định danh cá nhân"),
        max_length=20,
        help_text=_("12 chữ số in trên thẻ Căn cước công dân."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Như ghi trên thẻ Căn cước công dân."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    gender = forms.ChoiceField(
        label=_("Giới tính (không bắt buộc)"),
        choices=Gender.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    phone = _PHONE_FIELD
    email = _EMAIL_FIELD


class BusinessRegistrationForm(_RegistrationForm):
    field_order = ["tax_code", "name", "representative", "phone", "email", "password", "password_confirm"]

    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=20,
        help_text=_("10 chữ số; chi nhánh, đơn vị phụ thuộc ghi thêm 3 chữ số, ví dụ 0100109106-001."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    representative = forms.CharField(label=_("Người đại diện theo pháp luật"), max_length=255)
    phone = _PHONE_FIELD
    email = _EMAIL_FIELD
