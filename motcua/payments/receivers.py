"""Follows the dossier log: however a dossier was asked to pay, the applicant gets a request to pay online."""

from django.dispatch import receiver

from motcua.dossiers.constants import EventAction
from motcua.dossiers.services import event_committed
from motcua.payments import services


@receiver(event_committed, dispatch_uid="payments.open_request_for_fee_event")
def open_request_for_fee_event(sender, event, **kwargs):
    if event.action == EventAction.REQUEST_PAYMENT:
        services.open_request_for_fee_event(event)
