from django.contrib import admin

from motcua.core.admin_views import ViewOnlyAdmin, ViewOnlyInline
from motcua.payments.models import FeeExemption, FeeSchedule, PaymentEvent, PaymentRequest, PaymentTransaction


class FeeExemptionInline(admin.TabularInline):
    model = FeeExemption
    extra = 0


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ("procedure", "channel", "amount", "stage")
    list_filter = ("channel", "stage")
    search_fields = ("procedure__name", "procedure__code")
    autocomplete_fields = ("procedure",)
    inlines = [FeeExemptionInline]


@admin.register(PaymentRequest)
class PaymentRequestAdmin(ViewOnlyAdmin):
    list_display = ("dossier", "amount", "stage", "declared_exemption", "requested_at", "settled_at")
    list_filter = ("declared_exemption", "stage")
    search_fields = ("dossier__code",)


class PaymentEventInline(ViewOnlyInline):
    model = PaymentEvent
    fields = ("received_at", "source", "signature_ok", "outcome", "reason", "params")
    readonly_fields = fields


@admin.register(PaymentTransaction)
class PaymentTransactionAdmin(ViewOnlyAdmin):
    list_display = ("reference", "gateway", "status", "amount", "credited", "created_at", "settled_at")
    list_filter = ("gateway", "status", "credited")
    search_fields = ("reference", "gateway_reference", "counter_receipt_number", "request__dossier__code")
    inlines = [PaymentEventInline]


@admin.register(PaymentEvent)
class PaymentEventAdmin(ViewOnlyAdmin):
    list_display = ("received_at", "gateway", "source", "signature_ok", "outcome", "transaction")
    list_filter = ("gateway", "source", "outcome", "signature_ok")
