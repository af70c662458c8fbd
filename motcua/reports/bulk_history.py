"""The bulk path of `generate_history`: the same planned dossiers, written with bulk_create instead of one
service call per step, for histories of a million dossiers.

    generate_bulk_history(*, dossiers, seed, batch_size=5000) -> int   how many dossiers were made

It draws the same plans as `services.generate_history` (same seed, same catalogue → same casts and plans, in the
same order) and writes, for each, the events the dossier services would have appended: same actions, from/to
statuses, times, agencies, workflow steps, deadlines, payloads, and codes from the same per-agency, per-day
sequence. It is a statistics history: no documents are attached (so no `attach` events and no files), no slips
or signed results are made, and no mail or `event_committed` signal is sent — the counters are rebuilt once at
the end. Batches are committed one by one, so memory stays bounded and a long run can be watched.
"""

import functools
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

from django.db import connection, transaction
from django.utils import timezone

from motcua.core import bulk
from motcua.core.text import search_key
from motcua.dossiers import deadlines
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.codes import format_code
from motcua.dossiers.constants import CHANNEL_OF_INTAKE, Channel, DossierStatus, EventAction, Intake
from motcua.dossiers.models import Dossier, DossierCodeSequence, DossierEvent
from motcua.dossiers.services import workflow
from motcua.reports.constants import SYNTHETIC_APPLICANT_NAMES, Outcome
from motcua.reports.models import SyntheticDossier
from motcua.reports.services import _REASON, Cast, DossierPlan, carried_out_draws, rebuild_counters

_INTAKE_OF_CHANNEL = {channel: intake for intake, channel in CHANNEL_OF_INTAKE.items() if intake != Intake.SELF_SERVICE}
_HOUR = timedelta(hours=1)
_PAYMENT_AMOUNT = 50000
_NAME_KEYS = {name: search_key(name) for name in SYNTHETIC_APPLICANT_NAMES}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


class _Codes:
    """The per-agency, per-day code sequence, continued from what the database already issued."""

    def __init__(self):
        self.last = {
            (agency_id, day): last
            for agency_id, day, last in DossierCodeSequence.objects.values_list("agency_id", "day", "last")
        }
        self.touched = set()

    def issue(self, agency, moment: datetime) -> str:
        key = (agency.pk, timezone.localdate(moment))
        self.last[key] = self.last.get(key, 0) + 1
        self.touched.add(key)
        return format_code(agency.code, key[1], self.last[key])

    def save(self) -> None:
        DossierCodeSequence.objects.bulk_create(
            [
                DossierCodeSequence(agency_id=agency_id, day=day, last=self.last[agency_id, day])
                for agency_id, day in self.touched
            ],
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last"],
            batch_size=5000,
        )
        self.touched.clear()


class _Life:
    """One planned dossier lived in memory: the row as the services would leave it and the events they append."""

    def __init__(self, plan: DossierPlan, cast: Cast, codes: _Codes, workflows: "_Workflows"):
        self.plan, self.cast, self.codes, self.workflows = plan, cast, codes, workflows
        # Each event as the column values of its row (attribute names), not a model instance: a million
        # dossiers append seven million of them, and they are only ever written.
        self.events: list[dict] = []
        intake = _INTAKE_OF_CHANNEL[plan.channel]
        name = SYNTHETIC_APPLICANT_NAMES[plan.start.day % 5]
        self.dossier = Dossier(
            procedure=cast.procedure,
            channel=plan.channel,
            intake=intake,
            submitter=cast.staff,
            receiving_agency=cast.agency,
            handling_agency=cast.agency,
            applicant_name=name,
            applicant_name_key=_NAME_KEYS[name],
            created_at=plan.start,
            status_changed_at=plan.start,
            version=0,
        )

    def record(
        self,
        action: str,
        at: datetime,
        change,
        *,
        agency=None,
        recipient=None,
        recipient_agency=None,
        note: str = "",
        payload: dict | None = None,
    ) -> dict:
        """`change(dossier)` applies the transition; the event takes the step the dossier was at before it. What
        the event says about the dossier after the change (the next step's agency) the caller adds to it."""
        dossier = self.dossier
        from_status = dossier.status if self.events else ""
        step, deadline = dossier.current_step, dossier.step_due_at
        change(dossier)
        if dossier.status != from_status:
            dossier.status_changed_at = at
        dossier.version += 1
        dossier.updated_at = at
        step_kind, step_name = self.workflows.kind_and_label(step)
        self.events.append(
            {
                "at": at,
                "actor_id": self.cast.staff.pk,
                "action": action,
                "from_status": from_status,
                "to_status": dossier.status,
                "step_id": step.pk if step else None,
                "step_kind": step_kind,
                "step_name": step_name,
                "agency_id": agency.pk if agency else None,
                "recipient_id": recipient.pk if recipient else None,
                "recipient_agency_id": recipient_agency.pk if recipient_agency else None,
                "deadline": deadline,
                "note": note,
                "payload": payload or {},
            }
        )
        return self.events[-1]

    def live(self) -> None:
        plan, dossier, agency = self.plan, self.dossier, self.cast.agency
        start, staff = plan.start, self.cast.staff
        draft = _set(status=DossierStatus.DRAFT)
        self.record(EventAction.CREATE, start, draft, agency=agency, payload={"intake": dossier.intake})
        postal = {"handed_over_at": _iso(start)} if plan.channel == Channel.POSTAL else None
        self.record(
            EventAction.SUBMIT,
            start,
            _set(status=DossierStatus.SUBMITTED, submitted_at=start),
            agency=agency,
            recipient_agency=agency,
            payload=postal,
        )
        if plan.channel == Channel.DIRECT:
            self._accept(start)
        moment = start + _HOUR
        if plan.outcome == Outcome.WAITING:
            return
        if plan.outcome == Outcome.REFUSED:
            refuse = _set(status=DossierStatus.REFUSED, decision_reason=_REASON)
            self.record(EventAction.REFUSE, moment, refuse, agency=agency, note=_REASON)
            return
        if plan.channel != Channel.DIRECT:
            self._accept(moment)
        if plan.outcome == Outcome.WITHDRAWN:
            withdraw = _close(DossierStatus.WITHDRAWN)
            self.record(EventAction.WITHDRAW, moment + _HOUR, withdraw, agency=agency, note=_REASON)
            return
        self._advance(EventAction.ASSIGN, moment + _HOUR, status=DossierStatus.PROCESSING, assignee=staff)
        if plan.outcome == Outcome.STOPPED:
            stop = _close(DossierStatus.STOPPED)
            self.record(EventAction.STOP, moment + 2 * _HOUR, stop, agency=dossier.handling_agency, note=_REASON)
            return
        if plan.outcome == Outcome.PAID_PROCESSING:
            self._pay(moment + 2 * _HOUR, moment + timedelta(days=plan.wait_days))
            return
        if plan.outcome == Outcome.PROCESSING:
            return
        assigned = moment + _HOUR
        done = max(dossier.received_at + (dossier.due_at - dossier.received_at) * plan.pace, assigned + 3 * _HOUR)
        self._advance(EventAction.APPRAISE, assigned + (done - assigned) * 0.6, note=_REASON)
        self._advance(EventAction.APPROVE, assigned + (done - assigned) * 0.8, payload={"result_summary": ""})
        self._advance(EventAction.RESOLVE, done, status=DossierStatus.RESOLVED)
        if plan.outcome == Outcome.RETURNED:
            name = dossier.applicant_name
            self.record(
                EventAction.RETURN_RESULT,
                done + _HOUR,
                _close(DossierStatus.RETURNED, returned_at=done + _HOUR, result_recipient=name, decision_reason=""),
                agency=agency,
                payload={"recipient_name": name},
            )

    def _accept(self, at: datetime) -> None:
        dossier = self.dossier
        # A postal dossier was legally received at the hand-over (no supplement in a synthetic history); the
        # services read that time back from the database, in UTC, and the payload keeps it so.
        received_at = dossier.submitted_at.astimezone(UTC) if dossier.intake == Intake.POSTAL else at

        def accept(dossier):
            dossier.received_at = received_at
            dossier.due_at = deadlines.due_at_for_receipt(dossier.procedure, dossier.channel, received_at)
            dossier.code = self.codes.issue(dossier.receiving_agency, received_at)
            dossier.status = DossierStatus.RECEIVED
            dossier.workflow = self.cast_workflow()
            workflow.enter_step(dossier, self.steps()[1], at)

        event = self.record(EventAction.ACCEPT, at, accept, agency=dossier.receiving_agency)
        event["recipient_agency_id"] = dossier.step_agency_id
        event["payload"] = {"code": dossier.code, "received_at": _iso(received_at), "due_at": _iso(dossier.due_at)}

    def _advance(
        self,
        action: str,
        at: datetime,
        *,
        status: str | None = None,
        assignee=None,
        note: str = "",
        payload: dict | None = None,
    ) -> None:
        dossier = self.dossier
        from_agency = dossier.step_agency
        following = self.steps()[self.steps().index(dossier.current_step) + 1]
        payload = dict(payload or {})

        def advance(dossier):
            if status is not None:
                dossier.status = status
            if status == DossierStatus.RESOLVED:
                dossier.resolved_at = at
                payload["timeliness"] = deadlines.timeliness(at, dossier.due_at)
            workflow.enter_step(dossier, following, at, assignee=assignee)

        event = self.record(action, at, advance, agency=from_agency, recipient=assignee, note=note, payload=payload)
        event["recipient_agency_id"] = dossier.step_agency_id

    def _pay(self, requested: datetime, paid: datetime) -> None:
        dossier = self.dossier
        resume = dossier.status
        self.record(
            EventAction.REQUEST_PAYMENT,
            requested,
            _set(status=DossierStatus.AWAITING_PAYMENT, paused_at=requested),
            agency=dossier.step_agency,
            payload={"amount": _PAYMENT_AMOUNT, "resume_status": resume},
        )

        def confirm(dossier):
            dossier.status = resume
            dossier.due_at = deadlines.extended_for_pause(
                dossier.procedure, dossier.channel, dossier.due_at, dossier.paused_at, paid
            )
            dossier.paused_at = None

        event = self.record(EventAction.CONFIRM_PAYMENT, paid, confirm, agency=dossier.receiving_agency)
        event["payload"] = {"reference": _REASON, "due_at": _iso(dossier.due_at)}

    def cast_workflow(self):
        return self.workflows.template(self.cast.procedure)

    def steps(self):
        return self.workflows.steps(self.cast.procedure)


class _Workflows:
    """Each procedure's workflow template and steps, and each step's kind and label, read once per run."""

    def __init__(self):
        self.known: dict[int, tuple] = {}
        self.step_names: dict[int | None, tuple[str, str]] = {None: ("", "")}

    def _of(self, procedure) -> tuple:
        if procedure.pk not in self.known:
            template = workflow.workflow_for(procedure)
            self.known[procedure.pk] = (template, workflow.steps_of(template))
        return self.known[procedure.pk]

    def template(self, procedure):
        return self._of(procedure)[0]

    def steps(self, procedure) -> list:
        return self._of(procedure)[1]

    def kind_and_label(self, step) -> tuple[str, str]:
        key = step.pk if step else None
        if key not in self.step_names:
            self.step_names[key] = (step.kind, step.label)
        return self.step_names[key]


def _set(**fields):
    def change(dossier):
        for name, value in fields.items():
            setattr(dossier, name, value)

    return change


def _close(status: str, **fields):
    def change(dossier):
        _set(status=status, paused_at=None, **({"decision_reason": _REASON} | fields))(dossier)
        workflow.leave_workflow(dossier)

    return change


def _planned_value(instance, add, *, attname):
    return getattr(instance, attname)


@contextmanager
def _planned_clock_fields():
    """Keep the times the plan gave `created_at`, `updated_at`, `status_changed_at`: bulk_create would stamp
    them with the real now (auto_now), where the services, run under the 2021 clock, stamp the planned times."""
    with ExitStack() as stack:
        for name in ("created_at", "updated_at", "status_changed_at"):
            field = Dossier._meta.get_field(name)
            planned = functools.partial(_planned_value, attname=field.attname)
            stack.enter_context(mock.patch.object(field, "pre_save", planned))
        yield


def _write(lives: list[_Life], seed: int, codes: _Codes) -> None:
    with transaction.atomic():
        made = [life.dossier for life in lives]
        _insert_dossiers(made)
        events = []
        for life, dossier in zip(lives, made, strict=True):
            for event in life.events:
                event["dossier_id"] = dossier.pk
                events.append(event)
        _insert(DossierEvent, events)
        _insert(SyntheticDossier, [{"dossier_id": dossier.pk, "seed": seed} for dossier in made])
        codes.save()


# On PostgreSQL the rows go through COPY (core.bulk), the dossiers with their ids drawn from their own sequence in
# row order, as bulk_create would give them.


def _insert_dossiers(dossiers: list[Dossier]) -> None:
    """Insert the lived dossiers and give each its id."""
    if connection.vendor != "postgresql":
        with _planned_clock_fields():
            Dossier.objects.bulk_create(dossiers, batch_size=len(dossiers))
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [Dossier._meta.db_table, Dossier._meta.pk.column, len(dossiers)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
    for dossier, pk in zip(dossiers, ids, strict=True):
        dossier.pk = pk
    fields = Dossier._meta.concrete_fields
    bulk.copy_rows(Dossier, fields, ([getattr(dossier, field.attname) for field in fields] for dossier in dossiers))


def _insert(model, rows: list[dict]) -> None:
    """Insert `rows`: column values by attribute name, the automatic id left to the database."""
    if rows:
        names = list(rows[0])
        bulk.insert_rows(model, names, ([row[name] for name in names] for row in rows))


@contextmanager
def _online_intake_read_once():
    """Whether an agency takes a procedure online is a catalogue read (its offerings, a query each time); the
    plans ask it for every online draw, and the catalogue does not change during a run."""
    known = {}
    read = dossier_selectors.accepts_online

    def accepts_online(procedure, agency):
        key = (procedure.pk, agency.pk)
        if key not in known:
            known[key] = read(procedure, agency)
        return known[key]

    with mock.patch.object(dossier_selectors, "accepts_online", accepts_online):
        yield


@contextmanager
def _legal_times_read_once():
    """The services read a procedure's time limit from the catalogue at every deadline (a query each time); a
    run of a million dossiers over a few dozen procedures reads each (procedure, channel) once instead."""
    known = {}
    read = deadlines.legal_time

    def legal_time(procedure, channel):
        key = (procedure.pk, channel)
        if key not in known:
            known[key] = read(procedure, channel)
        return known[key]

    with mock.patch.object(deadlines, "legal_time", legal_time):
        yield


def generate_bulk_history(*, dossiers: int, seed: int, batch_size: int = 5000) -> int:
    """`dossiers` synthetic dossiers over 2021 with the events of `services.generate_history`, written in
    batches of `batch_size`, then the counters rebuilt from the log. Returns how many were made."""
    with _legal_times_read_once(), _online_intake_read_once():
        made = _generate(dossiers, seed, batch_size)
    rebuild_counters()
    return made


def _generate(dossiers: int, seed: int, batch_size: int) -> int:
    codes, workflows = _Codes(), _Workflows()

    def live(cast: Cast, plan: DossierPlan) -> _Life:
        # The same DossierError, from the same deadline rule, as the service path raises for this plan.
        life = _Life(plan, cast, codes, workflows)
        life.live()
        return life

    lives, made = [], 0
    for life in carried_out_draws(seed, dossiers, live):
        lives.append(life)
        if len(lives) >= batch_size:
            _write(lives, seed, codes)
            made += len(lives)
            lives = []
    if lives:
        _write(lives, seed, codes)
        made += len(lives)
    return made
