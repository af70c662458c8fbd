"""Reads only the dossier pages need, beside the domain's `selectors`: drafts to resume, the events a slip is
printed from, and the people a leader may hand a dossier to.

    drafts_for(user, procedure) -> [Dossier]             the user's unsent drafts of one procedure, newest first
    events_of(dossier, actions) -> [DossierEvent]        the dossier's events of these kinds, oldest first
    event_of(dossier, event_id, actions) -> DossierEvent | None
    latest_event(dossier, actions) -> DossierEvent | None
    staff_holding(role, agency) -> [User]                active accounts holding `role` at `agency`, by name
"""

from collections.abc import Iterable

from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.organization import selectors as organization_selectors


def drafts_for(user, procedure) -> list[Dossier]:
    if not user.is_authenticated:
        return []
    return list(
        Dossier.objects.filter(submitter=user, procedure=procedure, status=DossierStatus.DRAFT)
        .select_related("receiving_agency")
        .order_by("-id")
    )


def events_of(dossier: Dossier, actions: Iterable[str]) -> list[DossierEvent]:
    return list(
        dossier.events.filter(action__in=list(actions)).select_related("actor", "agency").order_by("at", "id")
    )


def event_of(dossier: Dossier, event_id: int, actions: Iterable[str]) -> DossierEvent | None:
    if not 0 < event_id < 2**63:
        return None  # not an id the database could hold; PostgreSQL would refuse to compare it
    return (
        dossier.events.filter(pk=event_id, action__in=list(actions))
        .select_related("actor", "agency", "recipient", "recipient_agency")
        .first()
    )


def latest_event(dossier: Dossier, actions: Iterable[str]) -> DossierEvent | None:
    return dossier.events.filter(action__in=list(actions)).only("pk", "at").order_by("-at", "-id").first()


def staff_holding(role: str, agency) -> list:
    return organization_selectors.staff_holding(role, agency)
