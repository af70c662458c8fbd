from django.contrib import admin

from motcua.documents.models import DocumentReuse, StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    """Read-only: the store is filled by the dossier events and the reception desk, never by hand."""

    list_display = ("name", "owner", "source", "source_dossier_code", "issued_on", "created_at")
    list_filter = ("source",)
    search_fields = ("name", "source_dossier_code", "owner__username", "sha256")
    list_select_related = ("owner",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DocumentReuse)
class DocumentReuseAdmin(admin.ModelAdmin):
    list_display = ("stored_document", "dossier", "position", "reused_by", "reused_at")
    list_select_related = ("stored_document", "dossier", "reused_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
