"""Admin pages for records that only services write (logs, dossiers, payments, signed documents).

They may be looked at in the admin, never added, changed or deleted there: a change made in the admin would skip
the service that checks rights, locks the row and writes the audit event.
"""

from django.contrib import admin


class ViewOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViewOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
