"""Follows the dossier log: accepted components and signed e-results go into the applicant's store."""

from django.dispatch import receiver

from motcua.documents import services
from motcua.documents.constants import RESULT_ACTIONS
from motcua.dossiers.constants import EventAction
from motcua.dossiers.services import event_committed


@receiver(event_committed, dispatch_uid="documents.fill_store")
def fill_store(sender, event, **kwargs):
    if event.action == EventAction.ACCEPT:
        services.store_accepted_dossier(event.dossier)
    elif event.action in RESULT_ACTIONS:
        services.store_results_of_dossier(event.dossier)
