"""Every write to a dossier. Views, the API, admin actions and other apps call these and nothing else.

How a transition works
    Each transition X has `check_X(actor, dossier)`, which raises DossierError when the actor may not do X or the
    dossier's state does not allow it (use it to decide which buttons to show, or call `available_actions`), and
    `X(actor, dossier, ..., expected_version=None)`, which in one transaction locks the dossier row
    (select_for_update), runs `check_X` again on the locked row, validates the input, writes the new state and
    appends a DossierEvent. Mail and the `event_committed` signal run after commit (tasks.process_event).
    Any DossierError (`.code` machine-readable, `.message` Vietnamese) means nothing was stored. Pass
    `expected_version=dossier.version` from a form to refuse acting on a dossier someone changed meanwhile
    (DossierConflict). `dossier` may be a Dossier or its id; the functions return the updated Dossier.

Intake (services.intake)
    create_draft(actor, *, procedure, agency, applicant=ApplicantData(), on_behalf_of=None) -> Dossier
        Online draft; by a citizen for themself, or by a clerk / postal worker for `on_behalf_of` (nộp hộ).
        Document slots are laid out from the procedure (`selectors.document_slots`); position identifies them.
    save_draft(actor, dossier, *, applicant: ApplicantData)
    attach_document(actor, dossier, *, position, upload, source=None) -> DossierDocument
        PDF/JPEG/PNG by content, size ≤ settings.MOTCUA_UPLOAD_MAX_BYTES; replaces the slot's previous file.
    submit_online(actor, dossier)                                  draft → submitted (1); level ≥ 3 only
    submit_assisted(actor, *, procedure, agency, applicant, files={position: upload}, on_behalf_of=None)
    receive_postal(actor, *, procedure, agency, applicant, files, handed_over_at, on_behalf_of=None)
                                                                   submitted (1), legal time = hand-over
Reception (services.reception)
    receive_at_counter(actor, *, procedure, agency, applicant, files, on_behalf_of=None)   → received (2)
    accept(actor, dossier, *, note="")                             submitted → received (2): code, due_at
    request_supplement(actor, dossier, *, items, reason)           → supplement_requested (5), Mẫu 02;
                                                                   once at reception, or at appraisal (pauses)
    provide_supplement(actor, dossier, *, note="")                 → submitted, or processing with the
                                                                   clock restarted (Art. 19.4)
    refuse(actor, dossier, *, reason)                              → refused (3), Mẫu 03
Processing (services.processing)
    assign(actor, dossier, *, specialist, note="")                 leader → specialist, → processing (4)
    appraise(actor, dossier, *, opinion)                           specialist forwards to the next step
    approve(actor, dossier, *, note="", result_summary="")         leader; result goes to the desk
    transfer(actor, dossier, *, to_agency, working_days, note="")  liên thông, per-agency deadline
    return_to_previous_step(actor, dossier, *, reason)
    request_payment(actor, dossier, *, amount, note="")            → awaiting_payment (6), clock paused
    confirm_payment(actor_or_None, dossier, *, reference="")       back, due date extended by the wait
    stop(actor, dossier, *, reason)                                → stopped (8)
    mark_resolved(actor, dossier, *, note="")                      → resolved (9), result at the desk
    return_result(actor, dossier, *, recipient_name, note="")      → returned (10)
    withdraw(actor, dossier, *, reason)                            → withdrawn (7), before resolved
    issue_apology(actor, dossier, *, reason, new_due_at)           Mẫu 04, once, ≥ 1 working day before due
Workflow
    check_workflow_steps(kinds) validates a template's step kinds (admin uses it); default_workflow().

After commit
    Connect a receiver to `event_committed` (signal, kwarg `event`: the DossierEvent) to render slips
    (Mẫu 01 on ACCEPT, 02 on REQUEST_SUPPLEMENT, 03 on REFUSE, 04 on APOLOGISE) or sync with other systems.
"""

from motcua.dossiers.errors import DossierConflict, DossierError
from motcua.dossiers.services.actions import available_actions
from motcua.dossiers.services.intake import (
    ApplicantData,
    attach_document,
    check_attach,
    check_save_draft,
    check_submit_online,
    create_draft,
    receive_postal,
    save_draft,
    submit_assisted,
    submit_online,
)
from motcua.dossiers.services.processing import (
    appraise,
    approve,
    assign,
    check_appraise,
    check_approve,
    check_assign,
    check_confirm_payment,
    check_issue_apology,
    check_mark_resolved,
    check_request_payment,
    check_return_result,
    check_return_to_previous_step,
    check_stop,
    check_transfer,
    check_withdraw,
    confirm_payment,
    issue_apology,
    mark_resolved,
    request_payment,
    return_result,
    return_to_previous_step,
    stop,
    transfer,
    withdraw,
)
from motcua.dossiers.services.reception import (
    accept,
    check_accept,
    check_provide_supplement,
    check_refuse,
    check_request_supplement,
    provide_supplement,
    receive_at_counter,
    refuse,
    request_supplement,
)
from motcua.dossiers.services.workflow import check_workflow_steps, default_workflow
from motcua.dossiers.signals import event_committed

__all__ = [
    "ApplicantData",
    "DossierConflict",
    "DossierError",
    "accept",
    "appraise",
    "approve",
    "assign",
    "attach_document",
    "available_actions",
    "check_accept",
    "check_appraise",
    "check_approve",
    "check_assign",
    "check_attach",
    "check_confirm_payment",
    "check_issue_apology",
    "check_mark_resolved",
    "check_provide_supplement",
    "check_refuse",
    "check_request_payment",
    "check_request_supplement",
    "check_return_result",
    "check_return_to_previous_step",
    "check_save_draft",
    "check_stop",
    "check_submit_online",
    "check_transfer",
    "check_withdraw",
    "check_workflow_steps",
    "confirm_payment",
    "create_draft",
    "default_workflow",
    "event_committed",
    "issue_apology",
    "mark_resolved",
    "provide_supplement",
    "receive_at_counter",
    "receive_postal",
    "refuse",
    "request_payment",
    "request_supplement",
    "return_result",
    "return_to_previous_step",
    "save_draft",
    "stop",
    "submit_assisted",
    "submit_online",
    "transfer",
    "withdraw",
]
