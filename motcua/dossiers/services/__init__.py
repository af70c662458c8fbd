"""Every write to a dossier. Views, the API, admin actions and other apps call these and nothing else.

How a transition works (Zulip style)
    Each transition X has `check_X(actor, dossier)`, which raises DossierError when the actor may not do X or the
    dossier's state does not allow it (pages use it, or `available_actions(actor, dossier)`, to decide which
    buttons to show), and `do_X(actor, dossier, ..., expected_version=None)`, which in one transaction locks the
    dossier row (select_for_update), runs `check_X` again on the locked row, validates the input, writes the new
    state and appends a DossierEvent. Mail and the `event_committed` signal run after commit (tasks.process_event).
    A DossierError (`.code` machine-readable, `.message` Vietnamese) means nothing was stored. Pass
    `expected_version=dossier.version` from a form to refuse acting on a dossier changed meanwhile
    (DossierConflict, a DossierError). `dossier` may be a Dossier or its id; do_X returns the updated Dossier.
    Reads (inboxes, search, timeline, control slip Mẫu 05, public lookup) are in `motcua.dossiers.selectors`.

Intake
    do_create_draft(actor, *, procedure, agency, applicant=ApplicantData(), on_behalf_of=None) -> Dossier
        online draft: a citizen's own, or typed by a clerk / postal worker for `on_behalf_of` (nộp hộ, may be
        None for a person without an account); component slots come from `selectors.document_slots(procedure)`
        and are addressed by `position`
    do_save_draft(actor, dossier, *, applicant)
    do_attach_document(actor, dossier, *, position, upload, source=None) -> DossierDocument
        PDF / JPEG / PNG by content, at most settings.MOTCUA_UPLOAD_MAX_BYTES; replaces the slot's file
    do_submit_online(actor, dossier)                          draft → submitted (1); service level ≥ 3 only
    do_submit_assisted(actor, *, procedure, agency, applicant, files, on_behalf_of=None)    → submitted (1)
        files = {position: upload}; create + attach + submit in one transaction, intake "assisted"
    do_receive_postal(actor, *, procedure, agency, applicant, files, handed_over_at, on_behalf_of=None)
        → submitted (1); the hand-over record's time is the legal submission time
Reception
    do_receive_at_counter(actor, *, procedure, agency, applicant, files, on_behalf_of=None) → received (2)
    do_accept(actor, dossier, *, note="")                     submitted → received (2): code and due_at (Mẫu 01)
    do_request_supplement(actor, dossier, *, items, reason)   → supplement_requested (5) (Mẫu 02): once at
                                                              reception (clerk), or at appraisal (pauses)
    do_provide_supplement(actor, dossier, *, note="")         → submitted, or processing with the clock restarted
    do_refuse(actor, dossier, *, reason)                      → refused (3) (Mẫu 03)
Processing
    do_assign(actor, dossier, *, specialist, note="")         leader gives it to a specialist → processing (4)
    do_appraise(actor, dossier, *, opinion)                   specialist forwards to the next step
    do_approve(actor, dossier, *, note="", result_summary="") leader; by default the result goes to the desk
    do_transfer(actor, dossier, *, to_agency, working_days, note="")   liên thông with the agency's own deadline
    do_return_to_previous_step(actor, dossier, *, reason)
    do_request_payment(actor, dossier, *, amount, note="")    → awaiting_payment (6), clock paused
    do_confirm_payment(actor or None, dossier, *, reference="")   resumes; due date moved by the wait
    do_stop(actor, dossier, *, reason)                        → stopped (8)
    do_mark_resolved(actor, dossier, *, note="")              → resolved (9): result ready at the desk
    do_return_result(actor, dossier, *, recipient_name, note="")   → returned (10)
    do_withdraw(actor, dossier, *, reason)                    → withdrawn (7), any time before resolved
    do_issue_apology(actor, dossier, *, reason, new_due_at)   Mẫu 04: once, ≥ 1 working day before due_at
Workflow
    check_workflow_steps(kinds) validates a template's shape (the admin uses it); default_workflow().

After commit
    Connect a receiver to `event_committed` (kwarg `event`, a DossierEvent) to render slips — Mẫu 01 on
    EventAction.ACCEPT, 02 on REQUEST_SUPPLEMENT, 03 on REFUSE, 04 on APOLOGISE — or to sync other systems.
    Receivers must be idempotent.
"""

from motcua.dossiers.errors import DossierConflict, DossierError
from motcua.dossiers.services.actions import available_actions
from motcua.dossiers.services.intake import (
    ApplicantData,
    attach_files_then,
    check_attach_document,
    check_save_draft,
    check_submit_online,
    do_attach_document,
    do_create_draft,
    do_receive_postal,
    do_save_draft,
    do_submit_assisted,
    do_submit_online,
)
from motcua.dossiers.services.processing import (
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
    do_appraise,
    do_approve,
    do_assign,
    do_confirm_payment,
    do_issue_apology,
    do_mark_resolved,
    do_request_payment,
    do_return_result,
    do_return_to_previous_step,
    do_stop,
    do_transfer,
    do_withdraw,
)
from motcua.dossiers.services.reception import (
    check_accept,
    check_provide_supplement,
    check_refuse,
    check_request_supplement,
    do_accept,
    do_provide_supplement,
    do_receive_at_counter,
    do_refuse,
    do_request_supplement,
)
from motcua.dossiers.services.workflow import check_workflow_steps, default_workflow
from motcua.dossiers.signals import event_committed

__all__ = [
    "ApplicantData",
    "DossierConflict",
    "DossierError",
    "do_accept",
    "do_appraise",
    "do_approve",
    "do_assign",
    "do_attach_document",
    "attach_files_then",
    "available_actions",
    "check_accept",
    "check_appraise",
    "check_approve",
    "check_assign",
    "check_attach_document",
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
    "do_confirm_payment",
    "do_create_draft",
    "default_workflow",
    "event_committed",
    "do_issue_apology",
    "do_mark_resolved",
    "do_provide_supplement",
    "do_receive_at_counter",
    "do_receive_postal",
    "do_refuse",
    "do_request_payment",
    "do_request_supplement",
    "do_return_result",
    "do_return_to_previous_step",
    "do_save_draft",
    "do_stop",
    "do_submit_assisted",
    "do_submit_online",
    "do_transfer",
    "do_withdraw",
]
