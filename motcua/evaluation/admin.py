"""Targets are edited and weights added by the monitors (Sở Nội vụ, Văn phòng UBND tỉnh).

Snapshots are read-only.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from motcua.core.admin_views import ViewOnlyAdmin
from motcua.evaluation import selectors, services
from motcua.evaluation.models import AnnualTarget, EmulationWeights, EvaluationSnapshot


def _is_monitor(request) -> bool:
    return request.user.is_superuser or selectors.can_monitor(request.user)


class MonitorOnly:
    def has_module_permission(self, request):
        return _is_monitor(request)

    def has_view_permission(self, request, obj=None):
        return _is_monitor(request)


@admin.register(AnnualTarget)
class AnnualTargetAdmin(MonitorOnly, admin.ModelAdmin):
    list_display = ("agency", "year", "online_rate", "on_time_rate", "level34_coverage", "online_payment_rate")
    list_filter = ("year", "agency__level")
    list_select_related = ("agency",)

    def has_add_permission(self, request):
        return _is_monitor(request)

    def has_change_permission(self, request, obj=None):
        return _is_monitor(request)

    def has_delete_permission(self, request, obj=None):
        return _is_monitor(request)


class WeightsForm(forms.ModelForm):
    class Meta:
        model = EmulationWeights
        fields = ("effective_from", "online_rate", "on_time_rate", "evaluation", "reason")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.check_weights(**data)
            except services.EvaluationError as error:
                raise ValidationError(error.message, code=error.code) from error
        return data


@admin.register(EmulationWeights)
class EmulationWeightsAdmin(MonitorOnly, admin.ModelAdmin):
    """Only additions: every change of weights is a new row with who, when and why."""

    list_display = ("effective_from", "online_rate", "on_time_rate", "evaluation", "created_by", "created_at")
    form = WeightsForm
    form = WeightsForm

    def has_add_permission(self, request):
        return _is_monitor(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        obj.pk = services.add_weights(request.user, **form.cleaned_data).pk


@admin.register(EvaluationSnapshot)
class EvaluationSnapshotAdmin(MonitorOnly, ViewOnlyAdmin):
    list_display = ("agency", "year", "quarter", "dossiers", "total", "max_points", "rank", "computed_at")
    list_filter = ("year", "quarter", "rank", "agency__level")
