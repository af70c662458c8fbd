from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.organization.models import AdministrativeUnit, Agency, Desk, Membership


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_type", "level", "scheme", "parent"]
    list_filter = ["scheme", "level", "unit_type"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


class DeskInline(admin.TabularInline):
    model = Desk
    extra = 0
    fields = ["name", "address", "phone", "opening_hours"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "admin_unit", "is_active"]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["admin_unit"]
    autocomplete_fields = ["admin_unit", "parent"]
    inlines = [DeskInline]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_code", "agency", "phone", "opening_hours"]
    list_filter = ["agency__level"]
    search_fields = ["name", "agency__code", "agency__name"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]

    @admin.display(description=_("mã cơ quan"), ordering="agency__code")
    def agency_code(self, desk: Desk) -> str:
        return desk.agency.code


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "is_active", "created_at"]
    list_filter = ["role", "is_active", "agency__level"]
    search_fields = ["user__username", "user__full_name", "agency__code", "agency__name"]
    list_select_related = ["user", "agency"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["user"]
