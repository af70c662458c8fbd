from django.contrib import admin

from motcua.feedback.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """Read-only: a rating is the citizen's word and is never edited."""

    list_display = (
        "dossier",
        "agency",
        "overall",
        "convenience",
        "on_time",
        "staff_attitude",
        "needs_attention",
        "created_at",
    )
    list_filter = ("needs_attention", "overall", "agency")
    list_select_related = ("dossier", "agency")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
