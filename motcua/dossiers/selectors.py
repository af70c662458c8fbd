"""Every read of dossiers: who may see what, inboxes, search, timelines, the control slip, the public lookup.

A dossier someone may not see does not exist for them: `get_dossier_for` raises Http404, never a 403.

    visible_dossiers(user) -> QuerySet                 everything `user` may open (lists, search)
    get_dossier_for(user, id_or_code) -> Dossier       or Http404
    my_dossiers(user, *, query="", cursor=None, size=25) -> Page       "Hồ sơ của tôi", newest first
    inbox(user, box, *, query="", cursor=None, size=25) -> Page        box: constants.InboxBox
    inbox_counts(user) -> {box: count}
    search(dossiers, query) -> QuerySet                code, part of a code, CCCD / tax code, or name
    search_visible(user, query) -> QuerySet            search among what `user` may see
    documents_of(dossier), document_slots(procedure), accepts_online(procedure, agency)
    deadline_flags(dossier) -> DeadlineFlags(overdue, due_soon)
    timeline(dossier, *, for_staff) -> [TimelineEntry]
    control_slip_rows(dossier) -> [ControlSlipRow]     Mẫu 05: giver, receiver, time, early / on time / late
    public_lookup(code) -> PublicLookup | None         no personal data; the name masked by mask_name
    resolutions_between, resolution_rows, handoff_rows, online_overdue_by_agency      the evaluation's reads
Page = (items, next_cursor, count); pass `next_cursor` back to get the following page.
"""

import base64
import binascii
import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.text import nfc, search_terms
from motcua.dossiers import deadlines, procedures
from motcua.dossiers.codes import parse_code
from motcua.dossiers.constants import (
    AGENCY_WIDE_ROLES,
    CLOCK_RUNNING_STATUSES,
    DUE_SOON_WORKING_DAYS,
    HANDOFF_ACTIONS,
    INBOX_PAGE_SIZE,
    NATIONAL_STATUS_CODE,
    SEARCH_MAX_LENGTH,
    STAFF_ONLY_ACTIONS,
    WAITING_CITIZEN_STATUSES,
    Channel,
    DocumentSource,
    DossierStatus,
    EventAction,
    InboxBox,
)
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole

# --- Who sees what -------------------------------------------------------------------------------------------


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class _Roles:
    """The user's agencies per role, read once per selector call (an inbox page asks about a dozen times).

    The ids are resolved first, so that the dossier queries get literal lists their indexes can use (a subquery
    inside an OR makes PostgreSQL scan the whole table)."""

    def __init__(self, user):
        self._by_role = organization.agency_ids_by_role(user)

    def ids(self, *roles: str) -> list[int]:
        return sorted(set().union(*(self._by_role.get(role, set()) for role in roles)))


def _current_scope(user, roles: _Roles) -> Q:
    """What staff work on now: dossiers received or handled by an agency where the user is a clerk, a leader or a
    monitor, and dossiers assigned to them."""
    wide = roles.ids(*AGENCY_WIDE_ROLES)
    return Q(receiving_agency__in=wide) | Q(handling_agency__in=wide) | Q(assignee=user)


def _visible(user, *, only_pks: list[int] | None = None) -> QuerySet[Dossier]:
    """What `user` may see; with `only_pks`, only among those dossiers (each reason then reads a handful of rows
    instead of everything the user's agencies ever held)."""
    if not _signed_in(user):
        return Dossier.objects.none()
    dossiers = Dossier.objects.all() if only_pks is None else Dossier.objects.filter(pk__in=only_pks)
    if user.is_superuser:
        return dossiers
    events = DossierEvent.objects.all() if only_pks is None else DossierEvent.objects.filter(dossier_id__in=only_pks)
    roles = _Roles(user)
    wide = roles.ids(*AGENCY_WIDE_ROLES)
    postal = roles.ids(StaffRole.POSTAL)
    # One indexed lookup per reason to see a dossier, combined with UNION: an OR of these would scan the table.
    reasons = [
        dossiers.filter(applicant=user).values("pk"),
        dossiers.filter(submitter=user).values("pk"),
        dossiers.filter(assignee=user).values("pk"),
        events.filter(actor=user).order_by().values("dossier_id"),
    ]
    if wide:
        reasons += [
            dossiers.filter(receiving_agency__in=wide).values("pk"),
            dossiers.filter(handling_agency__in=wide).values("pk"),
            events.filter(agency__in=wide).order_by().values("dossier_id"),
        ]
    if postal:
        reasons.append(dossiers.filter(channel=Channel.POSTAL, receiving_agency__in=postal).values("pk"))
    own = Q(applicant=user) | Q(submitter=user)
    return dossiers.filter(Q(pk__in=reasons[0].union(*reasons[1:])) & (own | ~Q(status=DossierStatus.DRAFT)))


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Citizens: their own. Clerks, leaders, monitors: what their agencies received, handle or once handled
    (liên thông). Postal staff: postal dossiers of their agencies. Specialists: what was given to them or what they
    worked on. Drafts stay with their owner and whoever typed them. Everyone else: nothing."""
    return _visible(user)


def get_dossier_for(user, id_or_code) -> Dossier:
    """The dossier with this id or code if `user` may see it; Http404 otherwise (unknown and forbidden alike)."""
    key = str(id_or_code or "").strip()
    if key.isdigit() and len(key) <= 18:
        pk = int(key)
    else:
        parsed = parse_code(key)
        pk = Dossier.objects.filter(code=str(parsed)).values_list("pk", flat=True).first() if parsed else None
    dossier = None
    if pk is not None:
        dossier = (
            _visible(user, only_pks=[pk])
            .select_related("procedure", "receiving_agency", "handling_agency", "current_step", "assignee", "applicant")
            .first()
        )
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


def documents_of(dossier: Dossier) -> list[DossierDocument]:
    return list(dossier.documents.order_by("position"))


def document_slots(procedure) -> list[procedures.DocumentSlot]:
    """The components an e-form asks for, before a dossier exists (same positions as the dossier's slots)."""
    return procedures.document_slots(procedure)


def accepts_online(procedure, agency) -> bool:
    """Whether `agency` takes `procedure` online (service level 3 or 4 there)."""
    return procedures.accepts_online(procedure, agency)


# --- Search and paging ---------------------------------------------------------------------------------------

_ID_NUMBER = re.compile(r"^(?P<cccd>\d{12})$|^(?P<base>\d{10})(?:-?(?P<branch>\d{3}))?$")
_CODE_FRAGMENT = re.compile(r"^[0-9A-Z.]*-[0-9-]*$")


def _search_text(query: str) -> str:
    text = nfc((query or "").replace("\x00", ""))
    if len(text) > SEARCH_MAX_LENGTH:
        raise DossierError(
            _("Từ khóa tìm kiếm quá dài (tối đa %(limit)s ký tự).") % {"limit": SEARCH_MAX_LENGTH}, code="too_long"
        )
    return text


def _exact_match(text: str) -> Q | None:
    """A whole dossier code, or a CCCD / tax code: the few dossiers it names, or None for any other text."""
    compact = text.replace(" ", "").upper()
    parsed = parse_code(compact)
    if parsed:
        return Q(code=str(parsed))
    identifier = _ID_NUMBER.match(compact)
    if identifier:
        # Stored as written by the services: a CCCD, or a tax code as 0100109106 or 0100109106-001.
        number = identifier["cccd"] or "-".join(filter(None, (identifier["base"], identifier["branch"])))
        return Q(applicant_cccd=number)
    return None


def search(dossiers: QuerySet[Dossier], query: str) -> QuerySet[Dossier]:
    """Narrow `dossiers` to those matching a code (whole or a part with its dash), a CCCD / tax code, or a name
    (with or without diacritics)."""
    text = _search_text(query)
    if not text:
        return dossiers
    exact = _exact_match(text)
    if exact is not None:
        return dossiers.filter(exact)
    compact = text.replace(" ", "").upper()
    if _CODE_FRAGMENT.match(compact):
        # Clerks type the beginning ("000.00.46.H22-2106") or the end ("210616-0001") of a code.
        return dossiers.filter(code__contains=compact)
    for term in search_terms(text):
        dossiers = dossiers.filter(applicant_name_key__contains=term)
    return dossiers


def search_visible(user, query: str) -> QuerySet[Dossier]:
    """`search(visible_dossiers(user), query)`. A whole code or a CCCD is looked up first and only the dossiers it
    names are checked against what the user may see, instead of gathering all of that first."""
    text = _search_text(query)
    exact = _exact_match(text) if text else None
    if exact is None:
        return search(visible_dossiers(user), text)
    return _visible(user, only_pks=list(Dossier.objects.filter(exact).values_list("pk", flat=True)))


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None
    count: int


def _encode_cursor(value, pk: int) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, datetime) else value, pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, is_datetime: bool):
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if is_datetime:
            value = datetime.fromisoformat(value)
        pk = int(pk)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        return value, pk
    except (ValueError, TypeError, binascii.Error):
        # A tampered or stale cursor restarts the list rather than failing.
        return None


def keyset_page(
    dossiers: QuerySet[Dossier], order_field: str, cursor: str | None, size: int, *, descending=False
) -> Page:
    """One page ordered by (`order_field`, id), continued after `cursor`: constant cost however deep one pages,
    using the (…, order_field, id) indexes."""
    count = dossiers.count()
    is_datetime = order_field != "id"
    direction = "-" if descending else ""
    ordered = dossiers.order_by(f"{direction}{order_field}", f"{direction}id")
    position = _decode_cursor(cursor, is_datetime) if cursor else None
    if position is not None:
        value, pk = position
        after = "lt" if descending else "gt"
        if order_field == "id":
            ordered = ordered.filter(**{f"id__{after}": pk})
        else:
            ordered = ordered.filter(
                Q(**{f"{order_field}__{after}": value}) | Q(**{order_field: value, f"id__{after}": pk})
            )
    rows = list(ordered[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = _encode_cursor(getattr(last, order_field), last.pk)
    return Page(items=rows, next_cursor=next_cursor, count=count)


def my_dossiers(user, *, query: str = "", cursor: str | None = None, size: int = INBOX_PAGE_SIZE) -> Page:
    """ "Hồ sơ của tôi": the citizen's own dossiers, newest first."""
    if not _signed_in(user):
        return Page(items=[], next_cursor=None, count=0)
    own = Dossier.objects.filter(Q(applicant=user) | Q(submitter=user)).select_related("procedure")
    return keyset_page(search(own, query), "id", cursor, size, descending=True)


# --- Inboxes -------------------------------------------------------------------------------------------------


def _due_soon_limit(now: datetime) -> datetime:
    return deadlines.after_working_days(now, DUE_SOON_WORKING_DAYS)


def _box_filter(user, box: str, now: datetime, roles: _Roles) -> tuple[Q, str]:
    """The condition of a box and the field it is ordered by."""
    if box == InboxBox.NEW_ONLINE:
        return Q(status=DossierStatus.SUBMITTED, receiving_agency__in=roles.ids(StaffRole.CLERK)), "submitted_at"
    if box == InboxBox.MINE:
        turn = Q(assignee=user)
        for role in StaffRole.values:
            turn |= Q(assignee__isnull=True, step_role=role, step_agency__in=roles.ids(role))
        in_staff_hands = [DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.RESOLVED]
        return turn & Q(status__in=in_staff_hands), "due_at"
    if box == InboxBox.DUE_SOON:
        running = Q(status__in=CLOCK_RUNNING_STATUSES, due_at__gte=now, due_at__lte=_due_soon_limit(now))
        return running & _current_scope(user, roles), "due_at"
    if box == InboxBox.OVERDUE:
        return Q(status__in=CLOCK_RUNNING_STATUSES, due_at__lt=now) & _current_scope(user, roles), "due_at"
    if box == InboxBox.WAITING_CITIZEN:
        return Q(status__in=WAITING_CITIZEN_STATUSES) & _current_scope(user, roles), "status_changed_at"
    raise Http404(_("Không có hộp hồ sơ này."))


def inbox(user, box: str, *, query: str = "", cursor: str | None = None, size: int = INBOX_PAGE_SIZE) -> Page:
    """A staff inbox page: new_online (submitted, to check), mine (my turn), due_soon, overdue, waiting_citizen."""
    if not _signed_in(user):
        return Page(items=[], next_cursor=None, count=0)
    condition, order_field = _box_filter(user, box, timezone.now(), _Roles(user))
    dossiers = Dossier.objects.filter(condition).select_related("procedure", "receiving_agency", "assignee")
    return keyset_page(search(dossiers, query), order_field, cursor, size)


def inbox_counts(user) -> dict[str, int]:
    if not _signed_in(user):
        return {box: 0 for box in InboxBox.values}
    now, roles = timezone.now(), _Roles(user)
    return {box: Dossier.objects.filter(_box_filter(user, box, now, roles)[0]).count() for box in InboxBox.values}


@dataclass(frozen=True)
class DeadlineFlags:
    overdue: bool
    due_soon: bool


def deadline_flags(dossier: Dossier, now: datetime | None = None) -> DeadlineFlags:
    if dossier.due_at is None or dossier.status not in CLOCK_RUNNING_STATUSES:
        return DeadlineFlags(overdue=False, due_soon=False)
    now = now or timezone.now()
    overdue = deadlines.is_overdue(now, dossier.due_at)
    return DeadlineFlags(overdue=overdue, due_soon=not overdue and dossier.due_at <= _due_soon_limit(now))


# --- Timeline and control slip -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    action: str
    action_label: str
    status: str
    status_label: str
    status_code: int | None
    actor_name: str
    agency_name: str
    note: str
    payload: dict


def _events(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("actor", "agency", "recipient", "recipient_agency").order_by("at", "id")


def timeline(dossier: Dossier, *, for_staff: bool) -> list[TimelineEntry]:
    """What happened, oldest first. The applicant's view leaves out internal hand-offs, opinions and staff names."""
    entries = []
    for event in _events(dossier):
        if not for_staff and event.action in STAFF_ONLY_ACTIONS:
            continue
        entries.append(
            TimelineEntry(
                at=event.at,
                action=event.action,
                action_label=str(EventAction(event.action).label),
                status=event.to_status,
                status_label=str(DossierStatus(event.to_status).label),
                status_code=NATIONAL_STATUS_CODE.get(event.to_status),
                actor_name=str(event.actor) if for_staff and event.actor else "",
                agency_name=event.agency.name if event.agency else "",
                note=event.note,
                payload=event.payload if for_staff else {},
            )
        )
    return entries


@dataclass(frozen=True)
class ControlSlipRow:
    """One hand-off of the Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)."""

    at: datetime
    action_label: str
    giver_name: str
    giver_agency: str
    receiver_name: str
    receiver_agency: str
    deadline: datetime | None
    timeliness: str | None
    note: str


def control_slip_rows(dossier: Dossier) -> list[ControlSlipRow]:
    rows = []
    for event in _events(dossier).filter(action__in=HANDOFF_ACTIONS):
        receiver_name = str(event.recipient) if event.recipient else event.payload.get("recipient_name", "")
        rows.append(
            ControlSlipRow(
                at=event.at,
                action_label=str(EventAction(event.action).label),
                giver_name=str(event.actor) if event.actor else "",
                giver_agency=event.agency.name if event.agency else "",
                receiver_name=receiver_name,
                receiver_agency=event.recipient_agency.name if event.recipient_agency else "",
                deadline=event.deadline,
                timeliness=deadlines.timeliness(event.at, event.deadline),
                note=event.note,
            )
        )
    return rows


# --- Public lookup -------------------------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "Nguyễn V*** A**": the family name, then initials only; the stars do not tell lengths."""
    words = nfc(name).split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}**"
    middle = [f"{word[0]}***" for word in words[1:-1]]
    return " ".join([words[0], *middle, f"{words[-1][0]}**"])


@dataclass(frozen=True)
class PublicStatusChange:
    at: datetime
    status: str
    status_label: str
    status_code: int


@dataclass(frozen=True)
class PublicLookup:
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    status_label: str
    status_code: int | None
    channel: str
    channel_code: int
    receiving_agency: str
    received_at: datetime | None
    due_at: datetime | None
    returned_at: datetime | None
    applicant: str
    timeline: list[PublicStatusChange]


def public_lookup(code: str) -> PublicLookup | None:
    """Progress of a dossier by its code, for anyone: no personal data beyond a masked name."""
    parsed = parse_code(str(code or "")[:80])
    if parsed is None:
        return None
    dossier = Dossier.objects.select_related("procedure", "receiving_agency").filter(code=str(parsed)).first()
    if dossier is None:
        return None
    changes = [
        PublicStatusChange(
            at=at,
            status=status,
            status_label=str(DossierStatus(status).label),
            status_code=NATIONAL_STATUS_CODE[status],
        )
        for at, status, previous in dossier.events.order_by("at", "id").values_list("at", "to_status", "from_status")
        if status != previous and status in NATIONAL_STATUS_CODE
    ]
    return PublicLookup(
        code=dossier.code,
        procedure_code=dossier.procedure.key,
        procedure_name=dossier.procedure.name,
        status=dossier.status,
        status_label=str(DossierStatus(dossier.status).label),
        status_code=dossier.status_code,
        channel=dossier.channel,
        channel_code=dossier.channel_code,
        receiving_agency=dossier.receiving_agency.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        returned_at=dossier.returned_at,
        applicant=mask_name(dossier.applicant_name),
        timeline=changes,
    )


# --- Statistics ----------------------------------------------------------------------------------------------


def _received_by(level: str | None, agency_codes: Collection[str] | None, prefix: str = "") -> Q:
    condition = Q()
    if level:
        condition &= Q(**{f"{prefix}receiving_agency__level": level})
    if agency_codes is not None:
        condition &= Q(**{f"{prefix}receiving_agency__code__in": agency_codes})
    return condition


def component_sources(
    since: datetime, until: datetime, *, level: str | None = None, agency_codes: Collection[str] | None = None
) -> dict[str, int]:
    """{DocumentSource: number of dossier components} filled in [since, until) by each source, every source
    present: a clerk's scan of a paper original is "digitised", a document taken from the applicant's store is
    "reused". A component filled again counts once, by its latest file."""
    filled = DossierDocument.objects.filter(
        _received_by(level, agency_codes, prefix="dossier__"), uploaded_at__gte=since, uploaded_at__lt=until
    )
    counts = dict(filled.order_by().values_list("source").annotate(total=Count("pk")))
    return {source: counts.get(source, 0) for source in DocumentSource.values}


# --- Evaluation --------------------------------------------------------------------------------------------


def resolutions_between(start: datetime, end: datetime) -> QuerySet[DossierEvent]:
    """The RESOLVE events in [start, end), in the log's order (dossier, time, id)."""
    return DossierEvent.objects.filter(action=EventAction.RESOLVE, at__gte=start, at__lt=end)


def resolution_rows(resolutions: QuerySet[DossierEvent], *, chunk_size: int) -> Iterator[tuple]:
    """(dossier id, receiving agency id, its code, channel, supplement requests, time, payload) of each
    resolution, streamed `chunk_size` rows at a time."""
    return resolutions.values_list(
        "dossier_id",
        "dossier__receiving_agency_id",
        "dossier__receiving_agency__code",
        "dossier__channel",
        "dossier__supplements",
        "at",
        "payload",
    ).iterator(chunk_size=chunk_size)


def handoff_rows(dossier_ids: QuerySet, *, chunk_size: int) -> Iterator[tuple]:
    """(dossier id, actor id or None, time, deadline) of every hand-off (the control slip's rows) of the dossiers
    `dossier_ids` (a subquery of ids) names, streamed."""
    handoffs = DossierEvent.objects.filter(dossier_id__in=dossier_ids, action__in=HANDOFF_ACTIONS)
    return handoffs.values_list("dossier_id", "actor_id", "at", "deadline").iterator(chunk_size=chunk_size)


def online_overdue_by_agency(end: datetime) -> dict[int, int]:
    """Per receiving agency id: online dossiers received before `end` and still running past an appointment
    before it."""
    overdue = Dossier.objects.filter(
        channel=Channel.ONLINE, status__in=CLOCK_RUNNING_STATUSES, due_at__lt=end, received_at__lt=end
    )
    return dict(overdue.order_by().values_list("receiving_agency_id").annotate(total=Count("pk")))


# --- E-mail to the applicant -----------------------------------------------------------------------------------


def lookup_url(dossier: Dossier) -> str:
    """Where the applicant follows the dossier: the public lookup by code, or (before a code exists) their page."""
    if dossier.code:
        return f"{settings.MOTCUA_PUBLIC_URL}{reverse('dossiers:lookup')}?ma={dossier.code}"
    return f"{settings.MOTCUA_PUBLIC_URL}{reverse('dossiers:detail', args=[dossier.pk])}"


def applicant_email(dossier: Dossier) -> str:
    """The address given on the dossier, else the applicant account's ("" when there is neither)."""
    if dossier.applicant_email:
        return dossier.applicant_email
    return dossier.applicant.email if dossier.applicant else ""


def mail_footer(dossier: Dossier) -> list[str]:
    """The closing lines of every e-mail about the dossier: where to follow it, once it has a code, and who wrote."""
    follow = ["", _("Tra cứu tiến độ: %(url)s") % {"url": lookup_url(dossier)}] if dossier.code else []
    return [*follow, "", settings.MOTCUA_DEPLOYMENT_NAME]
