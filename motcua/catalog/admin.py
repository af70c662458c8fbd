from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.catalog import services
from motcua.catalog.constants import LEVEL_FIELDS, PUBLISHED_FIELDS, Level
from motcua.catalog.models import Channel, Offering, Procedure, RequiredDocument
from motcua.core.admin_views import ViewOnlyInline
from motcua.core.text import search_key


class ChannelInline(admin.TabularInline):
    """Imported rows; only the structured time limit is editable, because the source sometimes gives a number
    without a unit (e.g. "1" for khai sinh) and the province must state what its legal text says."""

    model = Channel
    extra = 0
    can_delete = False
    fields = ["kind", "time_text", "processing_time_value", "processing_time_unit", "fee_text", "parse_ok"]
    readonly_fields = ["kind", "time_text", "fee_text", "parse_ok"]

    def has_add_permission(self, request, obj=None):
        return False


class RequiredDocumentInline(ViewOnlyInline):
    model = RequiredDocument
    fields = ["group", "name", "quantity_text", "form_name"]


class OfferingInline(admin.TabularInline):
    model = Offering
    extra = 0
    raw_id_fields = ["agency"]
    fields = ["agency", "level", "service_level", "is_active"]


class LevelFilter(admin.SimpleListFilter):
    title = _("cấp thực hiện")
    parameter_name = "cap"

    def lookups(self, request, model_admin):
        return Level.choices

    def queryset(self, request, queryset):
        if self.value() in LEVEL_FIELDS:
            return queryset.filter(**{LEVEL_FIELDS[self.value()]: True})
        return queryset


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "field", "service_level", "online_mode", "in_online_list_2025", "is_flagged"]
    list_display_links = ["key", "name"]
    list_filter = [
        "service_level",
        "online_mode",
        LevelFilter,
        "has_online_channel",
        "in_online_list_2025",
        "is_flagged",
        "era",
    ]
    search_fields = ["code", "local_key", "search_key"]
    list_per_page = 50
    show_full_result_count = False
    inlines = [ChannelInline, RequiredDocumentInline, OfferingInline]
    fieldsets = [
        (_("Mức độ dịch vụ công trực tuyến (do tỉnh quyết định)"), {"fields": ["service_level", "online_mode"]}),
        (
            _("Thông tin thủ tục (từ CSDL quốc gia về TTHC)"),
            {"fields": ["code", "local_key", *PUBLISHED_FIELDS]},
        ),
        (
            _("Nguồn và chất lượng dữ liệu"),
            {
                "classes": ["collapse"],
                "fields": [
                    "flag_list",
                    "source",
                    "source_origin",
                    "source_license",
                    "detail_url",
                    "era",
                    "has_online_channel",
                    "in_online_list_2025",
                    "popularity",
                    "legal_basis_raw",
                    "raw_text",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Only the service level is the province's to decide; everything else is refreshed by the importer.
        editable = {"service_level"}
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"] if name not in editable]

    @admin.display(description=_("lý do cần rà soát"))
    def flag_list(self, obj):
        return "; ".join(str(label) for label in obj.flag_labels) or "—"

    @admin.display(description=_("mã"), ordering="code")
    def key(self, obj):
        return obj.key

    def get_search_results(self, request, queryset, search_term):
        # Administrators type with diacritics, NFD or none: compare on the same key the portal searches.
        return super().get_search_results(request, queryset, search_key(search_term) or search_term)

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        services.set_service_level(obj, form.cleaned_data.get("service_level"))

    def save_formset(self, request, form, formset, change):
        # Inline rows go through the services too: they validate and invalidate the catalogue caches.
        if formset.model is Channel:
            for channel in formset.save(commit=False):
                services.set_processing_time(
                    channel, value=channel.processing_time_value, unit=channel.processing_time_unit or ""
                )
        elif formset.model is Offering:
            for offering in formset.save(commit=False):
                services.save_offering(offering)
            for offering in formset.deleted_objects:
                services.delete_offering(offering)
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["procedure", "agency", "level", "service_level", "is_active"]
    list_filter = ["level", "service_level", "is_active"]
    search_fields = ["procedure__code", "procedure__search_key", "agency__code", "agency__name"]
    autocomplete_fields = ["procedure"]
    raw_id_fields = ["agency"]
    list_select_related = ["procedure", "agency"]

    def save_model(self, request, obj, form, change):
        services.save_offering(obj)

    def delete_model(self, request, obj):
        services.delete_offering(obj)

    def delete_queryset(self, request, queryset):
        for offering in queryset:
            services.delete_offering(offering)
