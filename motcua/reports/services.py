"""Writes of the statistics: the counters kept from the dossier events, their rebuild, synthetic history.

    on_event_committed(sender, event, **kwargs)   receiver of dossiers' `event_committed` (connected in apps.py)
    count_event(event) -> bool                    adds one event to the counters; False when already counted
    rebuild_counters() -> int                     recomputes every counter from the event log; events counted
    play(plan, cast) -> int                       drives one planned dossier through the dossier services
    generate_history(*, dossiers, seed) -> int    synthetic, lifecycle-valid dossiers over 2021; how many made
    carried_out_draws(seed, dossiers, carry_out)  the history's plans in order, for the service and bulk paths

What is counted (from the event log only)
    A dossier enters once, on its SUBMIT event (online, postal, or the counter's submit-and-accept), in the
    metric of its channel; it leaves at most once, on RESOLVE (early / on time / late as the event recorded it),
    WITHDRAW, REFUSE or STOP. Every event that sets an appointment (payload `due_at` / `new_due_at`) moves the
    dossier between "due on day D" counters; leaving removes it. The dossier's receiving agency, that agency's
    level, the procedure, its field and the channel are the dimensions; the day is the local date of the event.
    RESOLVE also adds the minutes from the dossier's reception to its result (the average processing time).
    Every change goes to the daily counter and, in the same transaction, to the monthly roll-up of its agency
    and field (see models.counters).
"""

import operator
import random
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.accounts import selectors as accounts
from motcua.accounts import services as account_services
from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.catalog.models import Offering
from motcua.core import bulk
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import Channel, EventAction
from motcua.dossiers.models import DossierEvent
from motcua.organization import selectors as organization
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.reports.constants import (
    CLOSING_METRIC,
    DUE_PAYLOAD_KEYS,
    ENTRY_ACTION,
    HISTORY_AGENCIES_PER_LEVEL,
    HISTORY_BORROWED_LEVEL,
    HISTORY_LEVEL_WEIGHTS,
    HISTORY_PROCEDURES_PER_AGENCY,
    HISTORY_PROCEDURES_PER_LEVEL,
    HISTORY_YEAR,
    LATE_SHARE,
    ON_DUE_DAY_SHARE,
    ONLINE_ONLY_OUTCOMES,
    ONLINE_SHARE_BY_LEVEL,
    OUTCOME_WEIGHTS,
    POSTAL_SHARE,
    RECEIVED_METRIC,
    RESOLVED_METRIC,
    SYNTHETIC_APPLICANT_NAMES,
    SYNTHETIC_STAFF_PREFIX,
    Metric,
    Outcome,
)
from motcua.reports.models import (
    CountedEvent,
    DailyCounter,
    DueCounter,
    MonthlyCounter,
    MonthlyDueCounter,
    SyntheticDossier,
)

T = TypeVar("T")

# Only these actions change a counter; the rebuild reads nothing else.
_COUNTED_ACTIONS = (
    ENTRY_ACTION,
    EventAction.RESOLVE,
    *CLOSING_METRIC,
    EventAction.ACCEPT,
    EventAction.CONFIRM_PAYMENT,
    EventAction.PROVIDE_SUPPLEMENT,
    EventAction.APOLOGISE,
)


@dataclass(frozen=True)
class Dimensions:
    agency_id: int
    level: str
    procedure_id: int
    field: str
    channel: str


@dataclass(frozen=True)
class Delta:
    """+n (or −n) on one counter: a DailyCounter when `metric` is set, else the DueCounter of `due_day`."""

    day: date
    metric: str = ""
    due_day: date | None = None
    count: int = 1


def _local_day(moment: datetime) -> date:
    return timezone.localdate(moment)


def _due_in(payload: dict) -> datetime | None:
    for key in DUE_PAYLOAD_KEYS:
        if payload.get(key):
            return parse_datetime(payload[key])
    return None


def event_deltas(
    action: str,
    at: datetime,
    payload: dict,
    channel: str,
    previous_due: datetime | None,
    received_at: datetime | None,
) -> list[Delta]:
    """What one event changes in the counters, given the appointment the dossier had just before it and the time
    it was received."""
    day = _local_day(at)
    deltas = []
    if action == ENTRY_ACTION:
        deltas.append(Delta(day, metric=RECEIVED_METRIC[channel]))
    leaving = action == EventAction.RESOLVE or action in CLOSING_METRIC
    if action == EventAction.RESOLVE:
        deltas.append(Delta(day, metric=RESOLVED_METRIC[payload["timeliness"]]))
        if received_at is not None:
            # A result cannot come before the reception; a clock set wrong must not make the sum negative.
            minutes = max(int((at - received_at).total_seconds() // 60), 0)
            deltas.append(Delta(day, metric=Metric.PROCESSING_MINUTES, count=minutes))
    elif action in CLOSING_METRIC:
        deltas.append(Delta(day, metric=CLOSING_METRIC[action]))
    new_due = None if leaving else _due_in(payload)
    if previous_due is not None and (leaving or new_due is not None):
        deltas.append(Delta(day, due_day=_local_day(previous_due), count=-1))
    if new_due is not None:
        deltas.append(Delta(day, due_day=_local_day(new_due)))
    return deltas


def _dimensions(dossier) -> Dimensions:
    return Dimensions(
        agency_id=dossier.receiving_agency_id,
        level=dossier.receiving_agency.level,
        procedure_id=dossier.procedure_id,
        field=dossier.procedure.field,
        channel=dossier.channel,
    )


def _due_before(event) -> datetime | None:
    earlier = (
        DossierEvent.objects.filter(dossier_id=event.dossier_id, action__in=_COUNTED_ACTIONS)
        .filter(Q(at__lt=event.at) | Q(at=event.at, id__lt=event.id))
        .order_by("-at", "-id")
        .values_list("payload", flat=True)
    )
    for payload in earlier:
        due = _due_in(payload)
        if due is not None:
            return due
    return None


def _month(day: date) -> date:
    return day.replace(day=1)


def _bump(model, key: dict, defaults: dict, count: int) -> None:
    # Most changes land on a row that exists already: one UPDATE. Only a new row costs the get_or_create, whose
    # savepoint also settles two first writers racing for it.
    if model.objects.filter(**key).update(count=F("count") + count):
        return
    counter, _ = model.objects.get_or_create(**key, defaults=defaults)
    model.objects.filter(pk=counter.pk).update(count=F("count") + count)


def _add(dimensions: Dimensions, delta: Delta) -> None:
    daily = {
        "day": delta.day,
        "agency_id": dimensions.agency_id,
        "procedure_id": dimensions.procedure_id,
        "channel": dimensions.channel,
    }
    monthly = {"month": _month(delta.day), "agency_id": dimensions.agency_id, "field": dimensions.field}
    level = {"level": dimensions.level}
    if delta.metric:
        _bump(DailyCounter, daily | {"metric": delta.metric}, level | {"field": dimensions.field}, delta.count)
        _bump(MonthlyCounter, monthly | {"metric": delta.metric}, level, delta.count)
    else:
        _bump(DueCounter, daily | {"due_day": delta.due_day}, level | {"field": dimensions.field}, delta.count)
        _bump(MonthlyDueCounter, monthly | {"due_month": _month(delta.due_day)}, level, delta.count)


def count_event(event) -> bool:
    """Add `event` to the counters once; a replay (a retried task) changes nothing and returns False."""
    if event.action not in _COUNTED_ACTIONS:
        return False
    dossier = event.dossier
    deltas = event_deltas(
        event.action, event.at, event.payload, dossier.channel, _due_before(event), dossier.received_at
    )
    if not deltas:
        return False
    dimensions = _dimensions(dossier)
    with transaction.atomic():
        _, created = CountedEvent.objects.get_or_create(event_id=event.pk)
        if not created:
            return False
        for delta in deltas:
            _add(dimensions, delta)
    return True


def on_event_committed(sender, event, **kwargs) -> None:
    count_event(event)


def _counted_events() -> Iterator[dict]:
    return (
        DossierEvent.objects.filter(action__in=_COUNTED_ACTIONS)
        .order_by("dossier_id", "at", "id")
        .values(
            "id",
            "dossier_id",
            "at",
            "action",
            "payload",
            "dossier__channel",
            "dossier__received_at",
            "dossier__receiving_agency_id",
            "dossier__receiving_agency__level",
            "dossier__procedure_id",
            "dossier__procedure__field",
        )
        .iterator(chunk_size=5000)
    )


@transaction.atomic
def rebuild_counters() -> int:
    """Throw the counters away and recount every event in one pass over the log (after a change of the rules,
    or to check the incremental counters). Returns how many events were counted."""
    daily, due = Counter(), Counter()
    counted = []
    current_dossier, current_due = None, None
    for row in _counted_events():
        if row["dossier_id"] != current_dossier:
            current_dossier, current_due = row["dossier_id"], None
        deltas = event_deltas(
            row["action"], row["at"], row["payload"], row["dossier__channel"], current_due, row["dossier__received_at"]
        )
        current_due = _due_in(row["payload"]) or current_due
        if not deltas:
            continue
        counted.append(row["id"])
        dimensions = Dimensions(
            agency_id=row["dossier__receiving_agency_id"],
            level=row["dossier__receiving_agency__level"],
            procedure_id=row["dossier__procedure_id"],
            field=row["dossier__procedure__field"],
            channel=row["dossier__channel"],
        )
        for delta in deltas:
            if delta.metric:
                daily[(dimensions, delta.day, delta.metric)] += delta.count
            else:
                due[(dimensions, delta.day, delta.due_day)] += delta.count
    for model in (DailyCounter, DueCounter, MonthlyCounter, MonthlyDueCounter, CountedEvent):
        model.objects.all().delete()
    monthly, monthly_due = Counter(), Counter()
    for (dims, day, metric), count in daily.items():
        monthly[(dims.agency_id, dims.level, dims.field, _month(day), metric)] += count
    for (dims, day, due_day), count in due.items():
        monthly_due[(dims.agency_id, dims.level, dims.field, _month(day), _month(due_day))] += count
    dimensions = tuple(item.name for item in fields(Dimensions))
    values = operator.attrgetter(*dimensions)
    bulk.insert_rows(
        DailyCounter,
        (*dimensions, "day", "metric", "count"),
        ((*values(dims), day, metric, count) for (dims, day, metric), count in daily.items()),
    )
    bulk.insert_rows(
        DueCounter,
        (*dimensions, "day", "due_day", "count"),
        ((*values(dims), day, due_day, count) for (dims, day, due_day), count in due.items() if count),
    )
    rolled_up = ("agency_id", "level", "field", "month")
    bulk.insert_rows(MonthlyCounter, (*rolled_up, "metric", "count"), ((*key, n) for key, n in monthly.items()))
    bulk.insert_rows(
        MonthlyDueCounter, (*rolled_up, "due_month", "count"), ((*key, n) for key, n in monthly_due.items() if n)
    )
    bulk.insert_rows(CountedEvent, ("event_id",), ((pk,) for pk in counted))
    return len(counted)


# --- Synthetic history ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    """Who acts on a synthetic dossier: one staff account holding every desk role at `agency`."""

    agency: object
    procedure: object
    staff: object


@dataclass(frozen=True)
class DossierPlan:
    channel: str
    outcome: str
    start: datetime
    # Share of the time allowed (acceptance to appointment) the processing takes: above 1 the result is late.
    pace: float = 0.5
    # Days the applicant takes to pay a fee, for PAID_PROCESSING.
    wait_days: int = 2


@contextmanager
def _clock(moment: datetime):
    """The dossier services stamp events with timezone.now(); a history of 2021 needs 2021's time."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _files(procedure) -> dict:
    slots = dossier_selectors.document_slots(procedure)
    slots = [slot for slot in slots if slot.required] or slots[:1]
    return {
        slot.position: SimpleUploadedFile(f"giay-to-{slot.position}.pdf", _PDF, content_type="application/pdf")
        for slot in slots
    }


_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_REASON = "Hồ sơ giả lập"


def _intake(plan: DossierPlan, cast: Cast, applicant):
    common = {
        "procedure": cast.procedure,
        "agency": cast.agency,
        "applicant": applicant,
        "files": _files(cast.procedure),
    }
    with _clock(plan.start):
        if plan.channel == Channel.ONLINE:
            return dossier_services.do_submit_assisted(cast.staff, **common)
        if plan.channel == Channel.POSTAL:
            return dossier_services.do_receive_postal(cast.staff, handed_over_at=plan.start, **common)
        return dossier_services.do_receive_at_counter(cast.staff, **common)


def play(plan: DossierPlan, cast: Cast) -> int:
    """Drive one dossier from intake to `plan.outcome` through the dossier services, at the planned times."""
    staff, hour = cast.staff, timedelta(hours=1)
    applicant = dossier_services.ApplicantData(name=SYNTHETIC_APPLICANT_NAMES[plan.start.day % 5])
    dossier = _intake(plan, cast, applicant)
    moment = plan.start + hour
    if plan.outcome == Outcome.WAITING:
        return dossier.pk
    if plan.outcome == Outcome.REFUSED:
        with _clock(moment):
            return dossier_services.do_refuse(staff, dossier, reason=_REASON).pk
    if plan.channel != Channel.DIRECT:
        with _clock(moment):
            dossier = dossier_services.do_accept(staff, dossier)
    if plan.outcome == Outcome.WITHDRAWN:
        with _clock(moment + hour):
            return dossier_services.do_withdraw(staff, dossier, reason=_REASON).pk
    with _clock(moment + hour):
        dossier = dossier_services.do_assign(staff, dossier, specialist=staff)
    if plan.outcome == Outcome.STOPPED:
        with _clock(moment + 2 * hour):
            return dossier_services.do_stop(staff, dossier, reason=_REASON).pk
    if plan.outcome == Outcome.PAID_PROCESSING:
        with _clock(moment + 2 * hour):
            dossier = dossier_services.do_request_payment(staff, dossier, amount=50000)
        with _clock(moment + timedelta(days=plan.wait_days)):
            return dossier_services.do_confirm_payment(staff, dossier, reference=_REASON).pk
    if plan.outcome == Outcome.PROCESSING:
        return dossier.pk
    assigned = moment + hour
    done = max(dossier.received_at + (dossier.due_at - dossier.received_at) * plan.pace, assigned + 3 * hour)
    steps = (
        (assigned + (done - assigned) * 0.6, dossier_services.do_appraise, {"opinion": _REASON}),
        (assigned + (done - assigned) * 0.8, dossier_services.do_approve, {}),
        (done, dossier_services.do_mark_resolved, {}),
    )
    for at, step, options in steps:
        with _clock(at):
            dossier = step(staff, dossier, **options)
    if plan.outcome == Outcome.RETURNED:
        with _clock(done + hour):
            dossier = dossier_services.do_return_result(staff, dossier, recipient_name=applicant.name)
    return dossier.pk


def _history_casts(rng: random.Random) -> dict[str, list[Cast]]:
    """A few agencies per level, each with procedures of its level and a synthetic staff account. A demo
    deployment may have no offerings yet: the missing ones are added to the catalogue (as the admin would)."""
    casts: dict[str, list[Cast]] = {}
    for level in AgencyLevel.values:
        agencies = list(organization.agencies_for_level(level))
        catalogue_level = level if catalog.search_procedures(level=level).exists() else HISTORY_BORROWED_LEVEL[level]
        procedures = [
            procedure
            for procedure in catalog.search_procedures(level=catalogue_level)[:HISTORY_PROCEDURES_PER_LEVEL]
            if dossier_selectors.document_slots(procedure)
        ]
        if not agencies or not procedures:
            continue
        for agency in rng.sample(agencies, min(len(agencies), HISTORY_AGENCIES_PER_LEVEL)):
            staff = _synthetic_staff(agency)
            for procedure in rng.sample(procedures, min(len(procedures), HISTORY_PROCEDURES_PER_AGENCY)):
                if not any(offering.agency_id == agency.pk for offering in catalog.procedure_offerings(procedure)):
                    catalog_services.save_offering(Offering(procedure=procedure, agency=agency, level=level))
                casts.setdefault(level, []).append(Cast(agency=agency, procedure=procedure, staff=staff))
    return casts


def _synthetic_staff(agency):
    username = f"{SYNTHETIC_STAFF_PREFIX}-{agency.code}".lower().replace(".", "-")
    existing = accounts.get_user_by_identifier(username)
    if existing is not None:
        return existing
    return account_services.create_staff(
        username=username,
        full_name=f"Cán bộ giả lập {agency.code}",
        email=f"{username}@gia-lap.invalid",
        password=secrets.token_urlsafe(24),
        agency=agency,
        roles=[StaffRole.CLERK, StaffRole.LEADER, StaffRole.SPECIALIST, StaffRole.POSTAL],
    )


def _plan(rng: random.Random, level: str, cast: Cast) -> DossierPlan:
    if rng.random() < ONLINE_SHARE_BY_LEVEL[level] and dossier_selectors.accepts_online(cast.procedure, cast.agency):
        channel = Channel.ONLINE
    else:
        channel = Channel.POSTAL if rng.random() < POSTAL_SHARE else Channel.DIRECT
    outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
    if channel == Channel.DIRECT and outcome in ONLINE_ONLY_OUTCOMES:
        outcome = Outcome.PROCESSING
    day = date(HISTORY_YEAR, 1, 4) + timedelta(days=rng.randrange(360))
    start = timezone.make_aware(datetime.combine(day, time(7, 30)) + timedelta(minutes=rng.randrange(540)))
    timing = rng.random()
    if timing < LATE_SHARE:
        pace = rng.uniform(1.05, 2.5)
    elif timing < LATE_SHARE + ON_DUE_DAY_SHARE:
        pace = rng.uniform(0.98, 1.0)
    else:
        pace = rng.uniform(0.1, 0.9)
    return DossierPlan(channel=channel, outcome=outcome, start=start, pace=pace, wait_days=rng.randint(1, 5))


def _draw(rng: random.Random, casts: dict[str, list[Cast]]) -> tuple[str, Cast, DossierPlan] | None:
    """The next dossier's level, cast and plan, drawn from `rng` in the order both history generators rely on;
    None once no level has a cast left."""
    levels = [level for level in AgencyLevel.values if casts.get(level)]
    if not levels:
        return None
    level = rng.choices(levels, weights=[HISTORY_LEVEL_WEIGHTS[level] for level in levels])[0]
    cast = rng.choice(casts[level])
    return level, cast, _plan(rng, level, cast)


def carried_out_draws(seed: int, dossiers: int, carry_out: Callable[[Cast, DossierPlan], T]) -> Iterator[T]:
    """The plans of the synthetic history of `seed`, drawn in order and each handed to `carry_out`, until
    `dossiers` were carried out (or twice as many tried); yields what `carry_out` returns. A plan the catalogue
    cannot carry out (DossierError: most often a procedure whose time limit the catalogue does not state) drops
    its cast, which is never drawn again. The service path and the bulk path both draw through here, so one seed
    gives them the same history."""
    rng = random.Random(seed)
    casts = _history_casts(rng)
    made = attempts = 0
    while made < dossiers and attempts < 2 * dossiers:
        attempts += 1
        drawn = _draw(rng, casts)
        if drawn is None:
            return
        level, cast, plan = drawn
        try:
            carried_out = carry_out(cast, plan)
        except dossier_services.DossierError:
            casts[level].remove(cast)
            continue
        made += 1
        yield carried_out


def generate_history(*, dossiers: int, seed: int) -> int:
    """`dossiers` synthetic dossiers over 2021, each its own transaction, recorded in SyntheticDossier. A plan
    the catalogue cannot carry out (a procedure without a usable time limit) is skipped. Returns how many were
    made. The same seed on the same catalogue gives the same history."""

    def play_marked(cast: Cast, plan: DossierPlan) -> int:
        with transaction.atomic():
            dossier_id = play(plan, cast)
            SyntheticDossier.objects.create(dossier_id=dossier_id, seed=seed)
        return dossier_id

    return sum(1 for _ in carried_out_draws(seed, dossiers, play_marked))
