from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core import services
from motcua.core.models import CalendarOverride

WEEKDAY_NAMES = (
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "kind", "reason", "decision_number")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("reason", "decision_number")
    fields = ("date", "kind", "reason", "decision_number")
    ordering = ("-date",)

    @admin.display(description=_("thứ"), ordering="date")
    def weekday(self, override: CalendarOverride) -> str:
        return WEEKDAY_NAMES[override.date.weekday()]

    def save_model(self, request, obj, form, change):
        services.calendar_override_save(override=obj)

    def delete_model(self, request, obj):
        services.calendar_override_delete(override=obj)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            services.calendar_override_delete(override=override)
