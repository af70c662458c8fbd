from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from motcua.accounts import selectors
from motcua.accounts.models import User
from motcua.accounts.validators import normalise_phone, parse_cccd, parse_tax_code


class UserAdminForm(UserChangeForm):
    """Accepts identifiers as people type them and stores the canonical form, as the registration services do."""

    class Meta(UserChangeForm.Meta):
        model = User

    def clean_cccd(self):
        return parse_cccd(self.cleaned_data["cccd"]).number if self.cleaned_data.get("cccd") else None

    def clean_tax_code(self):
        return parse_tax_code(self.cleaned_data["tax_code"]).number if self.cleaned_data.get("tax_code") else None

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"]) if self.cleaned_data.get("phone") else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cccd") and cleaned.get("birth_date"):
            try:
                parse_cccd(cleaned["cccd"], birth_date=cleaned["birth_date"], gender=cleaned.get("gender"))
            except ValidationError as error:
                self.add_error("cccd", error)
        return cleaned


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminForm
    list_display = ["username", "full_name", "kind", "phone", "email", "is_active", "date_joined"]
    list_filter = ["kind", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "cccd", "tax_code", "full_name", "email", "phone"]
    ordering = ["username"]
    readonly_fields = ["roles", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("kind", "username", "password")}),
        (
            _("Thông tin cá nhân, tổ chức"),
            {"fields": ("full_name", "cccd", "birth_date", "gender", "tax_code", "representative", "phone", "email")},
        ),
        (_("Vai trò tại cơ quan"), {"fields": ("roles",)}),
        (
            _("Quyền trong trang quản trị"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Mốc thời gian"), {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(description=_("vai trò"))
    def roles(self, user: User):
        assignments = selectors.get_roles(user)
        manage_link = format_html(
            '<a href="{}?user__id__exact={}">{}</a>',
            reverse("admin:organization_membership_changelist"),
            user.pk,
            _("Phân công vai trò"),
        )
        if not assignments:
            return format_html("<p>{}</p>{}", _("Chưa có vai trò nào."), manage_link)
        items = format_html_join("", "<li>{} — {}</li>", ((role.role_label, role.agency_name) for role in assignments))
        return format_html("<ul>{}</ul>{}", items, manage_link)
