from django import template

from motcua.results import selectors
from motcua.results.constants import DeliveryMethod, PostalStatus
from motcua.results.forms import (
    CounterReturnForm,
    DeliveryChoiceForm,
    DispatchForm,
    ResultUploadForm,
    upload_limit_text,
)

register = template.Library()


@register.inclusion_tag("results/includes/panel.html", takes_context=True)
def result_panel(context, dossier):
    """The "Kết quả giải quyết" block of a dossier page, with the forms the viewer may use."""
    user = context["request"].user
    panel = selectors.result_panel(dossier, user)
    delivery = panel.delivery
    choice = DeliveryChoiceForm(
        initial={"phuong_thuc": delivery.method, "dia_chi": delivery.address} if delivery else {"dia_chi": dossier.applicant_address}
    )
    if not panel.full_online:
        choice.fields["phuong_thuc"].choices = [c for c in DeliveryMethod.choices if c[0] != DeliveryMethod.ONLINE]
    return {
        "dossier": dossier,
        "panel": panel,
        "choice_form": choice,
        "upload_form": ResultUploadForm(),
        "upload_limit": upload_limit_text(),
        "counter_form": CounterReturnForm(initial={"nguoi_nhan": dossier.applicant_name}),
        "dispatch_form": DispatchForm(),
        "delivered": PostalStatus.DELIVERED,
    }
