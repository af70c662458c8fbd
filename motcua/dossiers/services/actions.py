"""Which transitions an actor may start on a dossier now: the buttons a page shows."""

from motcua.dossiers.constants import EventAction
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import intake, processing, reception

_CHECKS = {
    EventAction.SAVE_DRAFT: intake.check_save_draft,
    EventAction.ATTACH: intake.check_attach_document,
    EventAction.SUBMIT: intake.check_submit_online,
    EventAction.ACCEPT: reception.check_accept,
    EventAction.REQUEST_SUPPLEMENT: reception.check_request_supplement,
    EventAction.PROVIDE_SUPPLEMENT: reception.check_provide_supplement,
    EventAction.REFUSE: reception.check_refuse,
    EventAction.ASSIGN: processing.check_assign,
    EventAction.APPRAISE: processing.check_appraise,
    EventAction.TRANSFER: processing.check_transfer,
    EventAction.RETURN_TO_PREVIOUS: processing.check_return_to_previous_step,
    EventAction.APPROVE: processing.check_approve,
    EventAction.REQUEST_PAYMENT: processing.check_request_payment,
    EventAction.CONFIRM_PAYMENT: processing.check_confirm_payment,
    EventAction.STOP: processing.check_stop,
    EventAction.RESOLVE: processing.check_mark_resolved,
    EventAction.RETURN_RESULT: processing.check_return_result,
    EventAction.WITHDRAW: processing.check_withdraw,
    EventAction.APOLOGISE: processing.check_issue_apology,
}


def available_actions(actor, dossier: Dossier) -> list[str]:
    """The EventAction values `actor` may perform on `dossier` as it is now (an unlocked read: the transition
    itself checks again under the row lock)."""
    allowed = []
    for action, check in _CHECKS.items():
        try:
            check(actor, dossier)
        except DossierError:
            continue
        allowed.append(action)
    return allowed
