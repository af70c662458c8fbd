"""Admin: workflow templates are edited here by the catalogue administrator; dossiers and their log are only read
(every change of a dossier goes through the services, with its event)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from motcua.core.admin_views import ViewOnlyAdmin, ViewOnlyInline
from motcua.dossiers import services
from motcua.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierNotification,
    WorkflowStep,
    WorkflowTemplate,
)


class WorkflowStepFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form.cleaned_data for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        kinds = [data["kind"] for data in sorted(kept, key=lambda data: data["position"])]
        try:
            services.check_workflow_steps(kinds)
        except services.DossierError as error:
            raise ValidationError(error.message) from error


class WorkflowStepInline(admin.TabularInline):
    model = WorkflowStep
    formset = WorkflowStepFormSet
    extra = 0
    ordering = ["position"]
    fields = ["position", "kind", "name", "role", "agency_selector", "agency", "working_days", "time_share"]
    raw_id_fields = ["agency"]


@admin.register(WorkflowTemplate)
class WorkflowTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "procedure", "updated_at"]
    search_fields = ["name", "procedure__code", "procedure__name"]
    raw_id_fields = ["procedure"]
    inlines = [WorkflowStepInline]


class DocumentInline(ViewOnlyInline):
    model = DossierDocument
    fields = ["position", "name", "required", "file", "original_name", "size", "source", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class EventInline(ViewOnlyInline):
    model = DossierEvent
    fields = [
        "at",
        "action",
        "from_status",
        "to_status",
        "step_name",
        "actor",
        "agency",
        "recipient",
        "deadline",
        "note",
    ]
    readonly_fields = fields
    ordering = ["at", "id"]


@admin.register(Dossier)
class DossierAdmin(ViewOnlyAdmin):
    list_display = ["__str__", "procedure", "applicant_name", "status", "channel", "receiving_agency", "due_at"]
    list_filter = ["status", "channel", "intake"]
    search_fields = ["code", "applicant_name", "applicant_cccd"]
    list_select_related = ["procedure", "receiving_agency"]
    show_full_result_count = False
    inlines = [DocumentInline, EventInline]


@admin.register(DossierEvent)
class DossierEventAdmin(ViewOnlyAdmin):
    list_display = ["at", "dossier", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    search_fields = ["dossier__code"]
    list_select_related = ["dossier", "actor"]
    show_full_result_count = False


@admin.register(DossierNotification)
class DossierNotificationAdmin(ViewOnlyAdmin):
    list_display = ["attempted_at", "recipient", "subject", "status"]
    list_filter = ["status"]
