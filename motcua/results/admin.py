from django.contrib import admin

from motcua.results.models import SignedDocument


@admin.register(SignedDocument)
class SignedDocumentAdmin(admin.ModelAdmin):
    """Read-only: a signed document is evidence; changing its record would make the verification page lie."""

    list_display = ("name", "kind", "dossier_code", "signer_name", "signed_at")
    list_filter = ("kind", "agency_code")
    search_fields = ("token", "dossier_code", "name", "procedure_code", "sha256")
    date_hierarchy = "signed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
