"""Dossier benchmark at 100,000 open dossiers: `.venv/bin/python bench/dossiers.py` (after `scripts/pg-test start`).

One run:
  1. recreates the PostgreSQL database motcua_bench_dossiers on the test cluster, migrates it, loads the demo
     organisation and catalogue (`load_demo --history 0`);
  2. bulk-creates 100,000 open dossiers (one submit or accept event each, valid codes, spread over the agencies
     that receive procedures and over the open statuses) — the fast path for the READ measurements, never the
     services; every row is marked as bench data (e-mail @bench.invalid, event payload {"bench": true});
     then submits a few hundred more through the real services for the WRITE measurements;
  3. measures, with a baseline in the same run:
     (a) in-process p50/p95 of selectors.inbox for every box (first page and a deep page via the cursor),
         selectors.inbox_counts and search by code / CCCD / name, for a clerk, a specialist and a leader of the
         busiest agency, against a bare Django request (/healthz) served in-process;
     (b) the staff inbox page /mot-cua/ over HTTP (gunicorn + wrk, c=16, a logged-in session cookie) against the
         /__bench__/baseline view of bench/wsgi.py, as bench/run.py does;
     (c) the accept transition (services.do_accept) with and without rendering the receipt slip (Mẫu 01)
         synchronously, to show what acceptance would pay if it waited for the PDF;
  4. prints the tables and writes bench/results/dossiers.md and dossiers.json.
The figures are informative: no target, exit status 0 unless the run breaks.
"""

import argparse
import datetime
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
# Run as a script, this file sees bench/ on its path, not the project root.
sys.path.insert(0, str(BASE_DIR))

from bench import run as http_bench  # noqa: E402  (needs the project root on the path)

RESULTS_DIR = BASE_DIR / "bench" / "results"
BENCH_DATABASE = "motcua_bench_dossiers"
BENCH_EMAIL_DOMAIN = "bench.invalid"
BENCH_PASSWORD = "Bench-hoso-2026!"
BATCH_SIZE = 5_000
# Share of the open dossiers held by the busiest agency (the provincial service centre), the rest spread evenly.
BUSY_AGENCY_SHARE = 0.30
EXTRA_SPECIALISTS = 4
# Open statuses in a real province's one-stop system at any moment (shares of the open dossiers).
STATUS_MIX = {
    "submitted": 0.08,
    "received": 0.12,
    "processing": 0.55,
    "supplement_requested": 0.08,
    "awaiting_payment": 0.03,
    "resolved": 0.14,
}
# Running dossiers: this share is past its appointment, this share due within two working days.
OVERDUE_SHARE = 0.06
DUE_SOON_SHARE = 0.10
# Open dossiers were received within this many days (about 600 a day at the busiest agency).
RECEIVED_WITHIN_DAYS = 45
CHANNEL_MIX = {"counter": 0.55, "online": 0.40, "postal": 0.05}
WARMUP_ROUNDS = 3
# Smallest body the upload check accepts as a PDF: the bench measures acceptance, not file handling.
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Timing:
    key: str
    label: str
    p50_ms: float
    p95_ms: float
    rows: int | None = None  # the count the selector reported, to show how much it had to look at
    ratio: float = 0.0


# --- Database and data ------------------------------------------------------------------------------------


def bench_database_url() -> str:
    started = subprocess.run(
        [BASE_DIR / "scripts" / "pg-test", "start"], check=True, capture_output=True, text=True
    )
    cluster_url = started.stdout.strip().splitlines()[-1]
    return cluster_url.rsplit("/", 1)[0] + "/" + BENCH_DATABASE


def recreate_database(database_url: str) -> None:
    maintenance_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        database = sql.Identifier(BENCH_DATABASE)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(database))


def setup_django(database_url: str, media_root: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media_root)
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def load_portal() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    # No synthetic 2021 history: the bench makes its own open dossiers.
    call_command("load_demo", history=0, catalogue=str(http_bench.CATALOGUE_PATH), stdout=io.StringIO())


@dataclass
class Cast:
    busy_agency: object
    clerk: object
    leader: object
    specialists: list
    citizen: object
    bench_submitter: object


def prepare_cast() -> Cast:
    from motcua.accounts import selectors as accounts
    from motcua.accounts import services as account_services
    from motcua.organization import selectors as organization
    from motcua.organization.constants import StaffRole

    # The demo accounts of the provincial service centre (accounts.services.DEMO_STAFF).
    clerk = accounts.get_user_by_identifier("tinh.motcua")
    leader = accounts.get_user_by_identifier("tinh.lanhdao")
    specialist = accounts.get_user_by_identifier("tinh.chuyenvien")
    busy_agency = organization.agencies_where(clerk, StaffRole.CLERK).get()
    specialists = [specialist] + [
        account_services.create_staff(
            username=f"bench.chuyenvien{number}",
            full_name=f"Chuyên viên đo hiệu năng {number}",
            email=f"chuyenvien{number}@{BENCH_EMAIL_DOMAIN}",
            password=BENCH_PASSWORD,
            agency=busy_agency,
            roles=[StaffRole.SPECIALIST],
        )
        for number in range(1, EXTRA_SPECIALISTS + 1)
    ]
    # Who typed the bulk rows in: a catalogue administrator, a role with no inbox, so no measured inbox holds more
    # than the staff roles give it.
    bench_submitter = account_services.create_staff(
        username="bench.nhaplieu",
        full_name="Dữ liệu đo hiệu năng",
        email=f"nhaplieu@{BENCH_EMAIL_DOMAIN}",
        password=BENCH_PASSWORD,
        agency=busy_agency,
        roles=[StaffRole.CATALOGUE_ADMIN],
    )
    citizen = accounts.get_user_by_identifier(account_services.DEMO_CITIZEN["cccd"])
    return Cast(busy_agency, clerk, leader, specialists, citizen, bench_submitter)


def bulk_create_dossiers(cast: Cast, total: int, rng: random.Random) -> dict[str, int]:
    """`total` open dossiers straight into the tables (valid codes, one event each): bench data for reads."""
    from django.db import connection
    from django.utils import timezone

    from motcua.catalog.models import Offering
    from motcua.core.text import search_key
    from motcua.dossiers import services
    from motcua.dossiers.codes import format_code
    from motcua.dossiers.constants import Channel, DossierStatus, EventAction, Intake, StepKind, SupplementStage
    from motcua.dossiers.models import Dossier, DossierCodeSequence, DossierEvent
    from motcua.reports.constants import SYNTHETIC_APPLICANT_NAMES

    procedures_at: dict[int, list[int]] = {}
    for agency_id, procedure_id in Offering.objects.filter(is_active=True).values_list("agency_id", "procedure_id"):
        procedures_at.setdefault(agency_id, []).append(procedure_id)
    if cast.busy_agency.pk not in procedures_at:
        raise RuntimeError("the busiest agency receives no procedure in the demo catalogue")
    other_agencies = sorted(set(procedures_at) - {cast.busy_agency.pk})
    workflow = services.default_workflow()
    steps = {step.kind: step for step in workflow.steps.all()}
    agency_objects = {agency.pk: agency for agency in type(cast.busy_agency).objects.filter(pk__in=procedures_at)}

    now = timezone.now()
    statuses, status_weights = zip(*STATUS_MIX.items(), strict=True)
    channels, channel_weights = zip(*CHANNEL_MIX.items(), strict=True)
    dossiers: list[Dossier] = []
    for _number in range(total):
        busy = rng.random() < BUSY_AGENCY_SHARE
        agency_id = cast.busy_agency.pk if busy else rng.choice(other_agencies)
        status = rng.choices(statuses, status_weights)[0]
        channel = rng.choices(channels, channel_weights)[0]
        if status == "submitted" and channel == "counter":
            channel = "online"  # the desk accepts a walk-in at once: "new" dossiers came online or by post
        intake, channel_value = {
            "counter": (Intake.COUNTER, Channel.DIRECT),
            "online": (rng.choice([Intake.SELF_SERVICE, Intake.ASSISTED]), Channel.ONLINE),
            "postal": (Intake.POSTAL, Channel.POSTAL),
        }[channel]
        name = rng.choice(SYNTHETIC_APPLICANT_NAMES)
        # 12 digits beginning with Hà Giang's province code, as a CCCD does.
        cccd = f"002{rng.randrange(10**9):09d}"
        dossier = Dossier(
            procedure_id=rng.choice(procedures_at[agency_id]),
            channel=channel_value,
            intake=intake,
            status=status,
            applicant=None,
            submitter=cast.bench_submitter,
            applicant_name=name,
            applicant_name_key=search_key(name),
            applicant_cccd=cccd,
            applicant_email=f"{cccd}@{BENCH_EMAIL_DOMAIN}",
            receiving_agency_id=agency_id,
            handling_agency_id=agency_id,
        )
        at_reception = status == "supplement_requested" and rng.random() < 0.5
        if status == "submitted" or at_reception:
            dossier.submitted_at = now - datetime.timedelta(hours=rng.uniform(0.5, 72))
            if at_reception:
                dossier.supplement_stage = SupplementStage.RECEPTION
                dossier.supplement_requested_at = dossier.submitted_at + datetime.timedelta(hours=0.25)
                dossier.reception_supplements = dossier.supplements = 1
                dossier.supplement_items = ["Bản sao Căn cước công dân"]
            dossiers.append(dossier)
            continue
        received_at = now - datetime.timedelta(hours=rng.uniform(2, RECEIVED_WITHIN_DAYS * 24))
        draw = rng.random()
        if draw < OVERDUE_SHARE:
            due_at = received_at + (now - received_at) * rng.uniform(0.1, 0.9)
        elif draw < OVERDUE_SHARE + DUE_SOON_SHARE:
            due_at = now + datetime.timedelta(hours=rng.uniform(0.5, 40))
        else:
            due_at = now + datetime.timedelta(days=rng.uniform(2, 40))
        dossier.submitted_at = received_at - datetime.timedelta(minutes=rng.uniform(5, 600))
        dossier.received_at = received_at
        dossier.due_at = dossier.agency_due_at = due_at
        dossier.workflow = workflow
        if status == "received":
            step, assignee = steps[StepKind.ASSIGN], None
        elif status == "processing":
            draw = rng.random()
            if busy and draw < 0.7:
                step, assignee = steps[StepKind.APPRAISE], rng.choice(cast.specialists)
            elif draw < 0.9:
                step, assignee = steps[StepKind.APPROVE], None
            else:
                step, assignee = steps[StepKind.RESOLVE], None
        elif status == "resolved":
            step, assignee = steps[StepKind.RETURN], None
            dossier.resolved_at = now - datetime.timedelta(hours=rng.uniform(1, 72))
        else:  # waiting for the citizen at appraisal: a supplement or a fee
            step = steps[StepKind.APPRAISE]
            assignee = rng.choice(cast.specialists) if busy else None
            dossier.paused_at = now - datetime.timedelta(hours=rng.uniform(1, 120))
            if status == "supplement_requested":
                dossier.supplement_stage = SupplementStage.APPRAISAL
                dossier.supplement_requested_at = dossier.paused_at
                dossier.supplements = 1
                dossier.supplement_items = ["Bản sao Căn cước công dân"]
        dossier.current_step = step
        dossier.step_role = step.role
        dossier.step_agency_id = agency_id
        dossier.step_started_at = received_at
        dossier.assignee = assignee
        dossiers.append(dossier)

    # Codes in acceptance order, gap-free per agency and day, with the sequence rows a real acceptance continues.
    coded = sorted((d for d in dossiers if d.received_at), key=lambda d: (d.receiving_agency_id, d.received_at))
    last_number: dict[tuple[int, datetime.date], int] = {}
    for dossier in coded:
        day = timezone.localdate(dossier.received_at)
        key = (dossier.receiving_agency_id, day)
        last_number[key] = last_number.get(key, 0) + 1
        dossier.code = format_code(agency_objects[dossier.receiving_agency_id].code, day, last_number[key])
    Dossier.objects.bulk_create(dossiers, batch_size=BATCH_SIZE)
    DossierCodeSequence.objects.bulk_create(
        [DossierCodeSequence(agency_id=agency, day=day, last=last) for (agency, day), last in last_number.items()],
        batch_size=BATCH_SIZE,
    )
    events = []
    for dossier in dossiers:
        accepted = dossier.code is not None
        events.append(
            DossierEvent(
                dossier=dossier,
                at=dossier.received_at if accepted else dossier.submitted_at,
                actor=cast.bench_submitter,
                action=EventAction.ACCEPT if accepted else EventAction.SUBMIT,
                from_status=DossierStatus.SUBMITTED if accepted else DossierStatus.DRAFT,
                to_status=DossierStatus.RECEIVED if accepted else DossierStatus.SUBMITTED,
                agency_id=dossier.receiving_agency_id,
                payload={"bench": True, **({"code": dossier.code} if accepted else {})},
            )
        )
    DossierEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    with connection.cursor() as cursor:
        # Fresh planner statistics, as a live database has after autovacuum.
        cursor.execute("VACUUM ANALYZE")
    counts: dict[str, int] = {}
    for dossier in dossiers:
        counts[dossier.status] = counts.get(dossier.status, 0) + 1
    counts["busy_agency"] = sum(1 for dossier in dossiers if dossier.receiving_agency_id == cast.busy_agency.pk)
    counts["agencies"] = 1 + len(other_agencies)
    return counts


def submit_through_services(cast: Cast, how_many: int) -> list:
    """`how_many` online dossiers at the busiest agency, drafted, attached and submitted by the real services, for
    the first procedure taken online there that the services can carry through acceptance (one trial dossier)."""
    from motcua.catalog.models import Offering
    from motcua.dossiers import selectors, services

    for offering in Offering.objects.filter(agency=cast.busy_agency, is_active=True).select_related("procedure"):
        procedure = offering.procedure
        if not selectors.accepts_online(procedure, cast.busy_agency):
            continue
        try:
            services.do_accept(cast.clerk, submit_online(cast, procedure, 0))
        except services.DossierError:
            continue  # most often a procedure whose time limit the catalogue does not state
        return [submit_online(cast, procedure, number) for number in range(1, how_many + 1)]
    raise RuntimeError("no procedure the services can take online and accept at the busiest agency")


def submit_online(cast: Cast, procedure, number: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.dossiers import selectors, services

    slots = selectors.document_slots(procedure)
    dossier = services.do_create_draft(cast.citizen, procedure=procedure, agency=cast.busy_agency)
    positions = [slot.position for slot in slots if slot.required] or [slots[0].position]
    for position in positions:
        upload = SimpleUploadedFile(f"giay-to-{number}-{position}.pdf", MINIMAL_PDF, content_type="application/pdf")
        services.do_attach_document(cast.citizen, dossier, position=position, upload=upload)
    return services.do_submit_online(cast.citizen, dossier)


# --- In-process measurements -------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def deep_cursor(user, box: str) -> tuple[str | None, int]:
    """The cursor half-way down the box, reached with large pages; and how many rows lie before it."""
    from motcua.dossiers import selectors

    page = selectors.inbox(user, box, size=1)
    target, walked, cursor = page.count // 2, 0, None
    while walked + 500 <= target:
        page = selectors.inbox(user, box, cursor=cursor, size=500)
        walked += len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    return cursor, walked


def search_everything(user, query: str):
    """What the inbox's "Tất cả hồ sơ" tab runs (views.staff.inbox): search over what the user may open."""
    from motcua.dossiers import selectors
    from motcua.dossiers.constants import INBOX_PAGE_SIZE

    found = selectors.search_visible(user, query).select_related(
        "procedure", "receiving_agency", "assignee"
    )
    return selectors.keyset_page(found, "id", None, INBOX_PAGE_SIZE, descending=True)


def read_scenarios(cast: Cast) -> dict[str, tuple[str, Callable[[], object]]]:
    from django.test import Client

    from motcua.dossiers import selectors
    from motcua.dossiers.constants import InboxBox
    from motcua.dossiers.models import Dossier

    client = Client()
    if client.get("/healthz").status_code != 200:
        raise RuntimeError("the /healthz baseline does not answer 200")
    scenarios: dict[str, tuple[str, Callable[[], object]]] = {
        "baseline": ("baseline: bare Django request /healthz, in-process", lambda: client.get("/healthz")),
    }
    people = {"clerk": cast.clerk, "specialist": cast.specialists[0], "leader": cast.leader}
    sample = coded_sample(cast, Dossier, 2)
    for role, user in people.items():
        for box in InboxBox.values:
            scenarios[f"{role}:{box}:first"] = (
                f"{role}: inbox {box}, first page",
                lambda user=user, box=box: selectors.inbox(user, box),
            )
            cursor, depth = deep_cursor(user, box)
            if cursor:
                scenarios[f"{role}:{box}:deep"] = (
                    f"{role}: inbox {box}, page after row {depth:,}",
                    lambda user=user, box=box, cursor=cursor: selectors.inbox(user, box, cursor=cursor),
                )
        scenarios[f"{role}:counts"] = (
            f"{role}: inbox_counts (5 boxes)",
            lambda user=user: selectors.inbox_counts(user),
        )
        for kind, query in (
            ("code", sample.code),
            ("cccd", sample.applicant_cccd),
            ("name", sample.applicant_name),
        ):
            scenarios[f"{role}:search_{kind}"] = (
                f"{role}: search by {kind} (all visible)",
                lambda user=user, query=query: search_everything(user, query),
            )
    return scenarios


def coded_sample(cast: Cast, dossier_model, fraction_denominator: int):
    """A bench dossier of the busiest agency with a code, taken from the middle of its rows rather than an end."""
    coded = dossier_model.objects.filter(receiving_agency=cast.busy_agency, code__isnull=False).order_by("pk")
    return coded[coded.count() // fraction_denominator]


def count_of(result) -> int | None:
    if isinstance(result, dict):
        return sum(result.values())
    return getattr(result, "count", None)


def measure_interleaved(
    scenarios: dict[str, tuple[str, Callable[[], object]]], iterations: int
) -> dict[str, Timing]:
    """Every scenario once per round, so that load from others on the shared machine falls on all alike."""
    wall: dict[str, list[float]] = {key: [] for key in scenarios}
    rows: dict[str, int | None] = {}
    for round_number in range(WARMUP_ROUNDS + iterations):
        for key, (_label, operation) in scenarios.items():
            started = time.perf_counter()
            result = operation()
            elapsed = (time.perf_counter() - started) * 1000
            if round_number >= WARMUP_ROUNDS:
                wall[key].append(elapsed)
            rows[key] = count_of(result)
    timings = {
        key: Timing(key, label, statistics.median(wall[key]), percentile(wall[key], 0.95), rows[key])
        for key, (label, _operation) in scenarios.items()
    }
    for timing in timings.values():
        timing.ratio = timing.p50_ms / timings["baseline"].p50_ms
    return timings


def measure_acceptance(cast: Cast, submitted: list, baseline: Timing) -> dict[str, Timing]:
    """do_accept alone, and do_accept followed by rendering Mẫu 01 in the same call, alternating dossiers."""
    from motcua.dossiers import selectors_web, services, slips
    from motcua.dossiers.constants import EventAction

    def accept_only(dossier):
        services.do_accept(cast.clerk, dossier)

    def accept_and_render(dossier):
        accepted = services.do_accept(cast.clerk, dossier)
        event = selectors_web.latest_event(accepted, {EventAction.ACCEPT})
        slips.render_slip(accepted, slips.SlipKind.RECEIPT, event)

    variants = {
        "accept": ("do_accept (slip rendered later, on first download)", accept_only),
        "accept_render": ("do_accept + render Mẫu 01 synchronously", accept_and_render),
    }
    wall: dict[str, list[float]] = {key: [] for key in variants}
    for index, dossier in enumerate(submitted):
        key = list(variants)[index % 2]
        started = time.perf_counter()
        variants[key][1](dossier)
        elapsed = (time.perf_counter() - started) * 1000
        if index >= 2 * WARMUP_ROUNDS:
            wall[key].append(elapsed)
    return {
        key: Timing(
            key,
            label,
            statistics.median(wall[key]),
            percentile(wall[key], 0.95),
            len(wall[key]),
            statistics.median(wall[key]) / baseline.p50_ms,
        )
        for key, (label, _operation) in variants.items()
    }


# --- HTTP measurements -------------------------------------------------------------------------------------


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def cookie_script(cookie: str, name: str) -> Path:
    script = RESULTS_DIR / f"dossiers-{name}.lua.tmp"
    script.write_text(f'wrk.headers["Cookie"] = "{cookie}"\n', encoding="ascii")
    return script


def fetch_ok(url: str, cookie: str | None) -> None:
    """A benchmark of the login redirect or an error page would measure the wrong thing."""
    import urllib.request

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200 or response.geturl() != url or not response.read():
            raise RuntimeError(f"{url} did not answer the page itself (landed on {response.geturl()})")


def measure_http(database_url: str, cast: Cast, sample_code: str, options) -> dict[str, dict]:
    cookies = {
        "clerk": session_cookie(cast.clerk),
        "specialist": session_cookie(cast.specialists[0]),
        "leader": session_cookie(cast.leader),
    }
    endpoints = [
        ("baseline", "baseline (1 indexed read + small template)", "/__bench__/baseline", None),
        ("clerk_new", "clerk: /mot-cua/ new online (default tab)", "/mot-cua/?hop=moi", "clerk"),
        ("clerk_overdue", "clerk: overdue tab", "/mot-cua/?hop=qua-han", "clerk"),
        ("leader_mine", "leader: my turn tab", "/mot-cua/?hop=cua-toi", "leader"),
        ("specialist_mine", "specialist: my turn tab", "/mot-cua/?hop=cua-toi", "specialist"),
        ("clerk_search_code", "clerk: search a code, all dossiers", f"/mot-cua/?hop=tat-ca&q={sample_code}", "clerk"),
        ("baseline", "baseline (1 indexed read + small template)", "/__bench__/baseline", None),
    ]
    port = http_bench.free_loopback_port()
    server = http_bench.start_gunicorn(database_url, port, workers=options.workers)
    measured: dict[str, dict] = {}
    try:
        base_url = f"http://127.0.0.1:{port}"
        http_bench.wait_until_ready(server, base_url)
        for key, label, path, person in endpoints:
            cookie = cookies.get(person)
            fetch_ok(base_url + path, cookie)
            script = cookie_script(cookie, key) if cookie else None
            print(f"http {key}: warm-up {options.warmup} s, then {options.duration} s at c={options.connections}",
                  flush=True)  # fmt: skip
            http_bench.run_wrk(base_url + path, options.warmup, options.connections, script)
            app_processes = [server.pid, *http_bench.child_processes(server.pid)]
            database_processes = http_bench.database_backends(database_url)
            app_before = http_bench.cpu_seconds(app_processes)
            database_before = http_bench.cpu_seconds(database_processes)
            output = http_bench.run_wrk(base_url + path, options.duration, options.connections, script)
            measurement = http_bench.parse_wrk(
                output,
                http_bench.cpu_seconds(app_processes) - app_before,
                http_bench.cpu_seconds(database_processes) - database_before,
            )
            if measurement.errors:
                raise RuntimeError(f"{path}: {measurement.errors} failed requests; see {http_bench.LOG_PATH}")
            measured.setdefault(key, {"label": label, "path": path, "runs": []})["runs"].append(asdict(measurement))
    finally:
        http_bench.stop(server)
        for script in RESULTS_DIR.glob("dossiers-*.lua.tmp"):
            script.unlink()
    baseline_runs = measured["baseline"]["runs"]
    baseline_rps = statistics.mean(run["requests_per_second"] for run in baseline_runs)
    for row in measured.values():
        runs = row["runs"]
        row["requests_per_second"] = statistics.mean(run["requests_per_second"] for run in runs)
        row["p50_ms"] = max(run["p50_ms"] for run in runs)
        row["p99_ms"] = max(run["p99_ms"] for run in runs)
        row["cpu_ms"] = statistics.mean(run["app_cpu_ms"] + run["database_cpu_ms"] for run in runs)
        row["ratio"] = row["requests_per_second"] / baseline_rps
    row_baseline = measured["baseline"]
    row_baseline["drift"] = abs(baseline_runs[0]["requests_per_second"] - baseline_runs[-1]["requests_per_second"]) / (
        baseline_rps
    )
    return measured


# --- Report ------------------------------------------------------------------------------------------------


def render_markdown(report: dict) -> str:
    data = report["data"]
    lines = [
        f"Measured {report['measured_at']} on {report['machine']}, commit {report['commit']}; "
        f"{report['database']}.",
        f"Load average (1/5/15 min) before: {http_bench.format_load(report['load_average_before'])}, "
        f"after: {http_bench.format_load(report['load_average_after'])} (machine shared with other jobs).",
        f"Data: {data['open_dossiers']:,} open bench dossiers over {data['agencies']} agencies "
        f"({data['busy_agency']:,} at the busiest, {report['busy_agency']}); statuses "
        + ", ".join(f"{status} {count:,}" for status, count in data["statuses"].items())
        + f"; plus {report['service_dossiers']} submitted through the real services for the acceptance rows.",
        "",
        f"In-process, {report['iterations']} interleaved rounds after {WARMUP_ROUNDS} warm-up rounds; "
        "ratio = p50 / p50 of the baseline (a bare Django request to /healthz in the same process).",
        "",
        "| scenario | rows matched | p50 ms | p95 ms | × baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for timing in report["in_process"].values():
        rows = "—" if timing["rows"] is None else f"{timing['rows']:,}"
        lines.append(
            f"| {timing['label']} | {rows} | {timing['p50_ms']:.1f} | {timing['p95_ms']:.1f} | {timing['ratio']:.1f} |"
        )
    lines += [
        "",
        "Acceptance (services.do_accept on dossiers submitted through the services, alternating the two variants; "
        "mail goes to the in-memory backend, Celery runs eagerly as without a broker):",
        "",
        "| scenario | samples | p50 ms | p95 ms | × baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for timing in report["acceptance"].values():
        lines.append(
            f"| {timing['label']} | {timing['rows']} | {timing['p50_ms']:.1f} | {timing['p95_ms']:.1f} | "
            f"{timing['ratio']:.1f} |"
        )
    http = report["http"]
    lines += [
        "",
        f"HTTP: {report['server']}; {report['load']}. Baseline measured first and last "
        f"(drift {http['baseline']['drift']:.0%}).",
        "",
        "| page | path | req/s | p50 ms | p99 ms | vs baseline | server CPU ms/req | vs baseline by CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in http.values():
        # Throughput if server CPU (gunicorn + its PostgreSQL backends) were the only limit: other load cancels out.
        cpu_ratio = http["baseline"]["cpu_ms"] / row["cpu_ms"]
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['requests_per_second']:,.0f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['ratio']:.0%} | {row['cpu_ms']:.2f} | {cpu_ratio:.1%} |"
        )
    return "\n".join(lines) + "\n"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000, help="open bench dossiers to bulk-create")
    parser.add_argument("--accepted", type=int, default=300, help="dossiers submitted and accepted by the services")
    parser.add_argument("--iterations", type=int, default=30, help="in-process rounds measured")
    parser.add_argument("--duration", type=int, default=8, help="seconds measured per HTTP page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured HTTP load per page first")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def main() -> int:
    options = parse_arguments()
    http_bench.ensure_wrk()
    database_url = bench_database_url()
    recreate_database(database_url)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-dossiers-") as scratch:
        setup_django(database_url, Path(scratch))
        started = time.monotonic()
        load_portal()
        cast = prepare_cast()
        print(f"portal loaded in {time.monotonic() - started:.0f} s", flush=True)
        started = time.monotonic()
        counts = bulk_create_dossiers(cast, options.dossiers, random.Random(options.seed))
        print(f"{options.dossiers:,} bench dossiers in {time.monotonic() - started:.0f} s: {counts}", flush=True)
        submitted = submit_through_services(cast, options.accepted)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        load_before = os.getloadavg()
        scenarios = read_scenarios(cast)
        in_process = measure_interleaved(scenarios, options.iterations)
        acceptance = measure_acceptance(cast, submitted, in_process["baseline"])
        print("in-process done; HTTP next", flush=True)
        sample_code = coded_sample(cast, type(submitted[0]), 3).code
        connection.close()
        http = measure_http(database_url, cast, sample_code, options)
        load_after = os.getloadavg()
    statuses = {key: value for key, value in counts.items() if key not in ("busy_agency", "agencies")}
    report = {
        "measured_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": http_bench.machine_description(),
        "commit": http_bench.git_commit(),
        "database": f"PostgreSQL {http_bench.postgres_version(database_url)} (database {BENCH_DATABASE})",
        "server": f"gunicorn {options.workers} sync workers, DB_CONN_MAX_AGE=600, DEBUG off",
        "load": f"wrk -t1 -c{options.connections}, {options.warmup} s warm-up + {options.duration} s per page",
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in load_after],
        "busy_agency": cast.busy_agency.name,
        "iterations": options.iterations,
        "service_dossiers": len(submitted),
        "data": {
            "open_dossiers": options.dossiers,
            "agencies": counts["agencies"],
            "busy_agency": counts["busy_agency"],
            "statuses": statuses,
        },
        "in_process": {key: asdict(timing) for key, timing in in_process.items()},
        "acceptance": {key: asdict(timing) for key, timing in acceptance.items()},
        "http": http,
    }
    markdown = render_markdown(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "dossiers.md").write_text(markdown, encoding="utf-8")
    as_json = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    (RESULTS_DIR / "dossiers.json").write_text(as_json, encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
