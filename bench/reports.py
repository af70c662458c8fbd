"""Statistics on a large history: `.venv/bin/python bench/reports.py --dossiers 1000000` (after
`scripts/pg-test start`).

One run:
  1. recreates the PostgreSQL database motcua_bench_reports on the test cluster, migrates it and loads the demo
     organisation and catalogue without history (`load_demo --history 0`);
  2. generates the synthetic 2021 history through the bulk path (reports.bulk_history.generate_bulk_history: the
     events of the dossier services, bulk-inserted, then the counters rebuilt) and reports the time it took and
     the disk it added (pg_database_size before and after, after VACUUM ANALYZE);
  3. scores 2021 for the evaluation (evaluation.services.recompute_year, timed on its own) and, since weights
     cannot be backdated through the service, stores one set of emulation weights effective 01/01/2021 as bench
     data (reason names the bench);
  4. measures in-process p50/p95, interleaved round by round, beside two baselines in the same run — one indexed
     single-row read (for the engine's reads) and GET /__bench__/baseline through the portal's middleware (for
     the page and the API): the province summary for a quarter and for 15/02–20/11 (odd days at both ends),
     summary_by_agency for the year, Biểu 06 for the year (by agency, province scope), the emulation ranking of
     the year, the public /thong-ke/ page for the year and for 15/02–20/11, and GET /api/v1/stats/summary for the
     year via the Django test client;
  5. prints the table and writes bench/results/reports.md and reports.json; drops the database unless --keep.
With --keep the database stays; --reuse then measures it again with the current code (migrations applied, counters
rebuilt and timed) without generating anything: for trying a change of the engine on a million dossiers.
Exit status 1 when a measured p95 misses the issue's 500 ms target.
"""

import argparse
import datetime
import io
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
# Run as a script, this file sees bench/ on its path, not the project root.
sys.path.insert(0, str(BASE_DIR))

from bench import run as http_bench  # noqa: E402  (needs the project root on the path)

RESULTS_DIR = BASE_DIR / "bench" / "results"
BENCH_DATABASE = "motcua_bench_reports"
TARGET_P95_MS = 500.0
WARMUP_ROUNDS = 2
YEAR = 2021
SEED = 2021
PAGE_URL = f"/thong-ke/?tu-ngay=01/01/{YEAR}&den-ngay=31/12/{YEAR}"
ODD_PAGE_URL = f"/thong-ke/?tu-ngay=15/02/{YEAR}&den-ngay=20/11/{YEAR}"
API_URL = f"/api/v1/stats/summary?from={YEAR}-01-01&to={YEAR}-12-31"
BASELINE_URL = "/__bench__/baseline"
# Pages and API calls are compared with the baseline view, reads of the engine with the baseline read.
HTTP_SCENARIOS = ("baseline_view", "thong_ke", "thong_ke_odd_days", "api_summary")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--iterations", type=int, default=30, help="measured rounds per scenario")
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--keep", action="store_true", help="keep the bench database (it is dropped by default)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the history a --keep run left: migrate, rebuild the counters (timed), score, measure",
    )
    return parser.parse_args()


def cluster_url() -> str:
    started = subprocess.run([BASE_DIR / "scripts" / "pg-test", "start"], check=True, capture_output=True, text=True)
    return started.stdout.strip().splitlines()[-1]


def maintenance(url: str, statement: sql.Composable) -> None:
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(statement)


def recreate_database(url: str) -> None:
    database = sql.Identifier(BENCH_DATABASE)
    maintenance(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
    maintenance(url, sql.SQL("CREATE DATABASE {}").format(database))


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    maintenance(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DATABASE)))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def database_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def vacuum_analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def timed(operation: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = operation()
    return result, time.perf_counter() - started


def prepare(options) -> dict:
    from django.core.management import call_command

    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.reports.bulk_history import generate_bulk_history

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", history=0, catalogue=str(http_bench.CATALOGUE_PATH), stdout=io.StringIO())
    vacuum_analyze()
    size_before = database_size()
    made, generation_seconds = timed(
        lambda: generate_bulk_history(dossiers=options.dossiers, seed=SEED, batch_size=options.batch_size)
    )
    vacuum_analyze()
    size_after = database_size()
    return {
        "dossiers_requested": options.dossiers,
        "dossiers_made": made,
        "dossier_rows": Dossier.objects.count(),
        "event_rows": DossierEvent.objects.count(),
        "generation_seconds": round(generation_seconds, 1),
        "dossiers_per_second": round(made / generation_seconds),
        "database_bytes_before": size_before,
        "database_bytes_after": size_after,
        "history_bytes": size_after - size_before,
    }


def reuse(options) -> dict:
    """The history of an earlier --keep run, brought up to the current code: new migrations, counters rebuilt."""
    from django.core.management import call_command

    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.reports import services

    call_command("migrate", interactive=False, verbosity=0)
    _, rebuild_seconds = timed(services.rebuild_counters)
    vacuum_analyze()
    return {
        "reused": True,
        "dossiers_requested": options.dossiers,
        "dossiers_made": Dossier.objects.count(),
        "dossier_rows": Dossier.objects.count(),
        "event_rows": DossierEvent.objects.count(),
        "rebuild_counters_seconds": round(rebuild_seconds, 1),
        "database_bytes_after": database_size(),
    }


def prepare_ranking() -> float:
    from motcua.accounts import selectors as accounts
    from motcua.evaluation import services as evaluation
    from motcua.evaluation.models import EmulationWeights

    _, seconds = timed(lambda: evaluation.recompute_year(YEAR))
    # add_weights refuses a backdated change, and a 2021 ranking needs weights in force in 2021.
    EmulationWeights.objects.get_or_create(
        effective_from=datetime.date(YEAR, 1, 1),
        reason="Trọng số dùng để đo hiệu năng (bench/reports.py)",
        defaults={
            "online_rate": 40,
            "on_time_rate": 40,
            "evaluation": 20,
            "created_by": accounts.get_user_by_identifier("tinh.lanhdao"),
        },
    )
    return seconds


def baseline_client():
    """A test client whose requests go through the portal's own middleware to the bench's baseline view, so that
    the pages and the baseline differ only by what their views do."""
    from django.test import Client
    from django.test.client import ClientHandler

    class BaselineHandler(ClientHandler):
        def resolve_request(self, request):
            request.urlconf = "bench.urls"
            return super().resolve_request(request)

    client = Client()
    client.handler = BaselineHandler()
    return client


def scenarios() -> dict[str, tuple[str, Callable[[], object]]]:
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client

    from motcua.evaluation import selectors as evaluation
    from motcua.evaluation.constants import WHOLE_YEAR
    from motcua.reports import bieu06, dashboard, selectors

    year = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    quarter = (datetime.date(YEAR, 4, 1), datetime.date(YEAR, 6, 30))
    # Starts and ends mid-month: the odd days come from the daily counters, the months between from the roll-ups.
    odd_days = (datetime.date(YEAR, 2, 15), datetime.date(YEAR, 11, 20))
    province = dashboard.Scope(roots=(dashboard.province_root(dashboard_root_code()),))
    client, baseline_view = Client(), baseline_client()

    def get_ok(url: str, through=client):
        response = through.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return {
        "baseline": (
            "baseline: one indexed single-row read (as /__bench__/baseline)",
            lambda: ContentType.objects.get(app_label="dossiers", model="dossier"),
        ),
        "baseline_view": (
            f"baseline view: GET {BASELINE_URL} (one indexed read, a small template, the portal's middleware)",
            lambda: get_ok(BASELINE_URL, through=baseline_view),
        ),
        "summary_quarter": ("selectors.summary, province, Q2/2021", lambda: selectors.summary(*quarter)),
        "summary_odd_days": ("selectors.summary, province, 15/02–20/11/2021", lambda: selectors.summary(*odd_days)),
        "by_agency_year": ("selectors.summary_by_agency, 2021", lambda: selectors.summary_by_agency(*year)),
        "bieu06_year": (
            "bieu06.build, 2021, by agency, province scope",
            lambda: bieu06.build(*year, bieu06.Grouping.AGENCY, province),
        ),
        "ranking_year": ("evaluation emulation_ranking, 2021", lambda: evaluation.emulation_ranking(YEAR, WHOLE_YEAR)),
        "thong_ke": (f"GET {PAGE_URL}", lambda: get_ok(PAGE_URL)),
        "thong_ke_odd_days": (f"GET {ODD_PAGE_URL}", lambda: get_ok(ODD_PAGE_URL)),
        "api_summary": (f"GET {API_URL}", lambda: get_ok(API_URL)),
    }


def dashboard_root_code() -> str:
    from motcua.organization import selectors as organization
    from motcua.organization.constants import AgencyLevel

    return organization.agencies_for_level(AgencyLevel.PROVINCE).first().code


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(iterations: int) -> list[dict]:
    cases = scenarios()
    wall: dict[str, list[float]] = {key: [] for key in cases}
    for round_number in range(WARMUP_ROUNDS + iterations):
        for key, (_label, operation) in cases.items():
            _, seconds = timed(operation)
            if round_number >= WARMUP_ROUNDS:
                wall[key].append(seconds * 1000)
    read, view = statistics.median(wall["baseline"]), statistics.median(wall["baseline_view"])
    return [
        {
            "key": key,
            "label": label,
            "p50_ms": round(statistics.median(wall[key]), 2),
            "p95_ms": round(percentile(wall[key], 0.95), 2),
            "p50_ratio": round(statistics.median(wall[key]) / (view if key in HTTP_SCENARIOS else read), 1),
            "ratio_to": "baseline_view" if key in HTTP_SCENARIOS else "baseline",
            "meets_target": key.startswith("baseline") or percentile(wall[key], 0.95) < TARGET_P95_MS,
        }
        for key, (label, _operation) in cases.items()
    ]


def render_markdown(report: dict) -> str:
    history = report["history"]
    lines = [
        f"# Thống kê trên lịch sử lớn — {report['measured_at']}",
        "",
        f"PostgreSQL {report['postgresql']}, {history['dossiers_made']:,} hồ sơ giả lập năm {YEAR} "
        f"({history['event_rows']:,} sự kiện), {report['iterations']} vòng đo xen kẽ sau {WARMUP_ROUNDS} vòng "
        "khởi động.",
        "",
        "| Bước chuẩn bị | Thời gian | Dung lượng |",
        "|---|---:|---:|",
        (
            f"| lịch sử của lần chạy --keep trước, rebuild_counters | {history['rebuild_counters_seconds']} s "
            f"| {history['database_bytes_after'] / 2**20:,.0f} MiB (cả CSDL) |"
            if history.get("reused")
            else f"| generate_bulk_history ({history['dossiers_per_second']:,} hồ sơ/s, gồm rebuild_counters) "
            f"| {history['generation_seconds']} s | {history['history_bytes'] / 2**20:,.0f} MiB |"
        ),
        f"| evaluation.services.recompute_year({YEAR}) | {report['recompute_year_seconds']:.1f} s | |",
        "",
        f"| Phép đo | p50 (ms) | p95 (ms) | p50 ÷ baseline | p95 < {TARGET_P95_MS:.0f} ms |",
        "|---|---:|---:|---:|:---:|",
    ]
    for row in report["timings"]:
        verdict = "" if row["key"].startswith("baseline") else ("đạt" if row["meets_target"] else "KHÔNG đạt")
        ratio = f"{row['p50_ratio']} ({row['ratio_to']})"
        lines.append(f"| {row['label']} | {row['p50_ms']} | {row['p95_ms']} | {ratio} | {verdict} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    options = parse_arguments()
    url = cluster_url().rsplit("/", 1)[0] + "/" + BENCH_DATABASE
    if not options.reuse:
        recreate_database(url)
    setup_django(url)
    try:
        from django.db import connection

        history = reuse(options) if options.reuse else prepare(options)
        print(json.dumps(history, indent=2))
        recompute_seconds = prepare_ranking()
        report = {
            "measured_at": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "postgresql": connection.cursor().connection.info.server_version,
            "iterations": options.iterations,
            "history": history,
            "recompute_year_seconds": round(recompute_seconds, 1),
            "timings": measure(options.iterations),
        }
    finally:
        if not (options.keep or options.reuse):
            drop_database(url)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "reports.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown = render_markdown(report)
    (RESULTS_DIR / "reports.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0 if all(row["meets_target"] for row in report["timings"]) else 1


if __name__ == "__main__":
    sys.exit(main())
