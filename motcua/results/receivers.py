"""Follows the dossier log: the leader's approval issues the dossier's signed e-result."""

from django.dispatch import receiver

from motcua.dossiers.services import event_committed
from motcua.results import services


@receiver(event_committed, dispatch_uid="results.issue_result_for_event")
def issue_result_for_event(sender, event, **kwargs):
    services.issue_result_for_event(event)
