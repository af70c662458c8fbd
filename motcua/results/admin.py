from django.contrib import admin

from motcua.core.admin_views import ViewOnlyAdmin
from motcua.results.models import DossierResult, PostalNotification, PostalOrder, ResultTemplate, SignedDocument


@admin.register(SignedDocument)
class SignedDocumentAdmin(ViewOnlyAdmin):
    """Read-only: a signed document is evidence; changing its record would make the verification page lie."""

    list_display = ("name", "kind", "dossier_code", "signer_name", "signed_at")
    list_filter = ("kind", "agency_code")
    search_fields = ("token", "dossier_code", "name", "procedure_code", "sha256")
    date_hierarchy = "signed_at"


@admin.register(ResultTemplate)
class ResultTemplateAdmin(admin.ModelAdmin):
    """The wording of a procedure's result; a procedure without one gets the default confirmation."""

    list_display = ("procedure_code", "title", "updated_at")
    search_fields = ("procedure_code", "title")


@admin.register(DossierResult)
class DossierResultAdmin(ViewOnlyAdmin):
    list_display = ("issued_number", "dossier", "source", "issued_on")
    list_filter = ("source", "year")
    search_fields = ("issued_number", "dossier__code")


@admin.register(PostalOrder)
class PostalOrderAdmin(ViewOnlyAdmin):
    list_display = ("dossier", "tracking_code", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("dossier__code", "tracking_code")


@admin.register(PostalNotification)
class PostalNotificationAdmin(ViewOnlyAdmin):
    list_display = ("subject", "recipient", "status", "attempted_at")
    list_filter = ("status",)
    search_fields = ("recipient", "subject", "event__order__dossier__code")
