"""What the dossier pages share: who counts as staff, opening a dossier for a page, attaching files as one step."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404

from motcua.accounts.constants import AccountKind
from motcua.dossiers import selectors, services
from motcua.dossiers.constants import OTHER_DOCUMENTS_SLOT_NAME
from motcua.dossiers.errors import DossierError
from motcua.dossiers.forms import DocumentsForm, Slot, SupplementForm, add_dossier_error
from motcua.dossiers.models import Dossier
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole

# Roles that work on dossiers and so have the one-stop pages (catalogue administrators do not).
DOSSIER_ROLES = frozenset(
    {StaffRole.CLERK, StaffRole.POSTAL, StaffRole.SPECIALIST, StaffRole.LEADER, StaffRole.MONITOR}
)


def is_staff_member(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or organization.roles_of(user) & DOSSIER_ROLES))


def is_citizen(user) -> bool:
    return user.is_authenticated and user.kind in (AccountKind.CITIZEN, AccountKind.BUSINESS)


def staff_required(view: Callable) -> Callable:
    """Anonymous visitors are sent to log in; signed-in people without a dossier role get a 404."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def own_dossier(user, pk) -> Dossier:
    """A dossier on the applicant's side of the counter: its owner's or the one who typed it in; 404 otherwise."""
    dossier = selectors.get_dossier_for(user, pk)
    if user.pk not in (dossier.applicant_id, dossier.submitter_id):
        raise Http404
    return dossier


def procedure_slots(procedure) -> list[Slot]:
    """The upload controls of a dossier that does not exist yet: the procedure's components, then the slot for
    other documents that every dossier gets after them."""
    slots = [
        Slot(position=slot.position, name=slot.name, quantity_text=slot.quantity_text, required=slot.required)
        for slot in selectors.document_slots(procedure)
    ]
    other = max((slot.position for slot in slots), default=0) + 1
    return [*slots, Slot(position=other, name=OTHER_DOCUMENTS_SLOT_NAME, quantity_text="", required=False)]


def dossier_slots(dossier: Dossier) -> list[Slot]:
    return [Slot.of_document(document) for document in selectors.documents_of(dossier)]


def provide_supplement(request, dossier: Dossier) -> tuple[bool, tuple[SupplementForm, DocumentsForm]]:
    """Hand in a supplement from a posted form: the uploaded files and the note, all of it or nothing.
    Returns whether it was accepted, and the bound forms to show again when it was not."""
    supplement_form = SupplementForm(request.POST)
    documents_form = DocumentsForm(request.POST, request.FILES, slots=dossier_slots(dossier))
    if supplement_form.is_valid() and documents_form.is_valid():
        note = supplement_form.cleaned_data["note"]
        try:
            services.attach_files_then(
                request.user,
                dossier,
                documents_form.uploads(),
                lambda saved, expected: services.do_provide_supplement(
                    request.user, saved, note=note, expected_version=expected
                ),
                version=supplement_form.cleaned_data["version"],
            )
        except DossierError as error:
            add_dossier_error(supplement_form, error)
        else:
            return True, (supplement_form, documents_form)
    return False, (supplement_form, documents_form)


@dataclass(frozen=True)
class ErrorLink:
    """One line of a page's error summary; `anchor` is the id of the field it is about ("" for the whole form)."""

    message: str
    anchor: str


def error_links(*forms) -> list[ErrorLink]:
    links = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        links += [ErrorLink(str(error), "") for error in form.non_field_errors()]
        for field in form:
            links += [ErrorLink(f"{field.label}: {error}", field.auto_id) for error in field.errors]
    return links
