"""Load benchmark of the public catalogue: `make bench`.

One run installs wrk if missing, prepares a PostgreSQL database with the real catalogue, serves the app with
gunicorn on loopback (bench/wsgi.py adds the baseline view to the same server), measures every endpoint with wrk,
prints the table against the targets and writes it to bench/results/latest.md and latest.json.
Exit status: 0 when every target passes, 1 when one fails; a broken run raises.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
LOG_PATH = BASE_DIR / "var" / "bench-gunicorn.log"
SHARED_DATA = Path(os.environ.get("MOTCUA_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))
CATALOGUE_PATH = SHARED_DATA / "tthc" / "tthc_procedures.jsonl.gz"
BENCH_DATABASE = "motcua_bench"

P99_LIMIT_MS = 100.0
SERVER_START_TIMEOUT_S = 60
# Above this, the machine's load moved during the run and the ratios deserve less trust.
BASELINE_DRIFT_WARNING = 0.15
WRK_DURATION_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    min_ratio: float | None  # share of the baseline's throughput it must reach; None: no throughput target
    # Informative rows have no target: they rotate through many URLs (catalogue_rotations) so caches mostly miss.
    rotation: str | None = None


BASELINE = Endpoint("baseline", "baseline (1 indexed read + small template)", "/__bench__/baseline", None)
ENDPOINTS = [
    Endpoint("detail", "procedure detail", "/thu-tuc/1.001193/", 0.60),
    Endpoint("search", "catalogue search page", "/thu-tuc/?q=khai+sinh", 0.30),
    Endpoint("api_search", "API search", "/api/v1/procedures?q=khai+sinh", 0.30),
    Endpoint("detail_all", "procedure detail, every procedure in turn", "/thu-tuc/<key>/", None, "details"),
    Endpoint("search_varied", "search page, varied queries", "/thu-tuc/?q=<3 words>", None, "searches"),
]


@dataclass
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers plus socket errors: any of them makes the figures meaningless
    # CPU time per request, read from /proc: unlike throughput, barely moved by other load on a shared machine.
    app_cpu_ms: float
    database_cpu_ms: float


def main() -> int:
    options = parse_arguments()
    ensure_wrk()
    database_url = bench_database_url()
    if not options.reuse_database:
        prepare_database(database_url)
    port = free_loopback_port()
    server = start_gunicorn(database_url, port, workers=options.workers)
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_ready(server, base_url)
        for endpoint in [BASELINE, *ENDPOINTS]:
            if endpoint.rotation is None:
                check_answers_ok(base_url + endpoint.path)
        load_before = os.getloadavg()
        measured = measure_all(base_url, server, database_url, options)
        load_after = os.getloadavg()
    finally:
        stop(server)
    conditions = {
        "measured_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_description(),
        "commit": git_commit(),
        "server": f"gunicorn {options.workers} sync workers, DB_CONN_MAX_AGE=600, DEBUG off",
        "database": f"PostgreSQL {postgres_version(database_url)} (database {BENCH_DATABASE})",
        "load": f"wrk -t1 -c{options.connections}, {options.warmup} s warm-up + {options.duration} s per endpoint",
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in load_after],
    }
    report = build_report(measured, conditions)
    markdown = render_markdown(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.md").write_text(markdown, encoding="utf-8")
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(markdown)
    return 0 if report["all_targets_pass"] else 1


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=12, help="seconds measured per endpoint")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load per endpoint first")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers")
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="keep the bench database of the previous run (no recreate, migrate or import)",
    )
    return parser.parse_args()


# --- Load tool ------------------------------------------------------------------------------


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("wrk missing: installing it from Debian", flush=True)
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=environment).returncode != 0:
        # A fresh machine has no package lists yet.
        subprocess.run(["apt-get", "update"], env=environment, check=True)
        subprocess.run(install, env=environment, check=True)


# --- Database -------------------------------------------------------------------------------


def bench_database_url() -> str:
    started = subprocess.run([BASE_DIR / "scripts" / "pg-test", "start"], check=True, capture_output=True, text=True)
    cluster_url = started.stdout.strip().splitlines()[-1]
    return cluster_url.rsplit("/", 1)[0] + "/" + BENCH_DATABASE


def prepare_database(database_url: str) -> None:
    recreate_database(database_url)
    # Every manage.py step sees the bench database, never the developer's own.
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    # Run as a script, this file sees bench/ on its path, not the project root.
    sys.path.insert(0, str(BASE_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    # Exactly the portal of `make run`: Hà Giang 2021 structure, the real catalogue, demo service levels.
    call_command("load_demo", catalogue=str(CATALOGUE_PATH))
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics for the planner, and no autovacuum of the freshly imported tables during the measurement.
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def recreate_database(database_url: str) -> None:
    """A fresh database each run: migrations being rewritten during development can never leave it half-applied."""
    maintenance_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        database = sql.Identifier(BENCH_DATABASE)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(database))


# --- Server ---------------------------------------------------------------------------------


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, port: int, workers: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "600",
        "DJANGO_DEBUG": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
    }
    LOG_PATH.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        "bench.wsgi:application",
        "--chdir", str(BASE_DIR),
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--log-level", "warning",
    ]  # fmt: skip
    print(f"gunicorn: {workers} sync workers on 127.0.0.1:{port} (log: {LOG_PATH})", flush=True)
    with LOG_PATH.open("w") as log:
        return subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=BASE_DIR)


def wait_until_ready(server: subprocess.Popen, base_url: str) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}; see {LOG_PATH}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.25)
    raise RuntimeError(f"gunicorn did not answer /healthz within {SERVER_START_TIMEOUT_S} s; see {LOG_PATH}")


def check_answers_ok(url: str) -> None:
    # A benchmark of 404 or 500 pages would measure the error path, not the page.
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{url} answered {error.code}, not 200; see {LOG_PATH}") from error


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# --- Measurement ----------------------------------------------------------------------------


def measure_all(
    base_url: str, server: subprocess.Popen, database_url: str, options: argparse.Namespace
) -> dict[str, list[Measurement]]:
    """The baseline is measured first and last, so a change of load on a shared machine shows up as drift."""
    rotations = catalogue_rotations(base_url)
    measured: dict[str, list[Measurement]] = {BASELINE.key: []}
    for endpoint in [BASELINE, *ENDPOINTS, BASELINE]:
        # wrk needs a real URL even when the script chooses the paths.
        url = base_url + ("/" if endpoint.rotation else endpoint.path)
        script = write_rotation_script(rotations[endpoint.rotation]) if endpoint.rotation else None
        print(f"{endpoint.key}: warm-up {options.warmup} s, then {options.duration} s at c={options.connections}",
              flush=True)  # fmt: skip
        run_wrk(url, options.warmup, options.connections, script)
        # After the warm-up every worker holds its persistent database connection.
        app_processes = [server.pid, *child_processes(server.pid)]
        database_processes = database_backends(database_url)
        app_cpu_before, database_cpu_before = cpu_seconds(app_processes), cpu_seconds(database_processes)
        output = run_wrk(url, options.duration, options.connections, script)
        app_cpu = cpu_seconds(app_processes) - app_cpu_before
        database_cpu = cpu_seconds(database_processes) - database_cpu_before
        measurement = parse_wrk(output, app_cpu, database_cpu)
        if measurement.errors:
            raise RuntimeError(f"{url}: {measurement.errors} failed requests under load; see {LOG_PATH}")
        measured.setdefault(endpoint.key, []).append(measurement)
    return measured


def child_processes(parent: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while the folder was listed
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def database_backends(database_url: str) -> list[int]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def cpu_seconds(processes: list[int]) -> float:
    """User + system CPU of the processes still alive (fields 14 and 15 of /proc/PID/stat)."""
    ticks = 0
    for pid in processes:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS


def run_wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> str:
    # One wrk thread drives 16 connections easily and leaves the second core to gunicorn.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    if script:
        command += ["--script", str(script)]
    finished = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed on {url}: {finished.stderr.strip() or finished.stdout.strip()}")
    return finished.stdout


def catalogue_rotations(base_url: str) -> dict[str, list[str]]:
    """Every procedure's page, and searches made of the first three words of every name, read from the public API."""
    details, searches = [], set()
    first_page = read_json(f"{base_url}/api/v1/procedures?page=1")
    pages = -(-first_page["count"] // first_page["page_size"])
    for page in range(1, pages + 1):
        listing = first_page if page == 1 else read_json(f"{base_url}/api/v1/procedures?page={page}")
        for procedure in listing["results"]:
            details.append(procedure["url"])
            searches.add(" ".join(re.findall(r"\w+", procedure["name"].lower())[:3]))
    return {
        "details": details,
        "searches": [f"/thu-tuc/?{urllib.parse.urlencode({'q': query})}" for query in sorted(searches)],
    }


def read_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def write_rotation_script(paths: list[str]) -> Path:
    """A wrk Lua script that requests the paths in turn (all ASCII after URL encoding, safe in Lua strings)."""
    script = RESULTS_DIR / "rotation.lua.tmp"
    lines = ["local paths = {", *(f'  "{path}",' for path in paths), "}", "local next_index = 0"]
    lines += [
        "request = function()",
        "  next_index = next_index % #paths + 1",
        '  return wrk.format("GET", paths[next_index])',
        "end",
    ]
    script.write_text("\n".join(lines) + "\n", encoding="ascii")
    return script


def parse_wrk(output: str, app_cpu_seconds: float, database_cpu_seconds: float) -> Measurement:
    def percentile(name: str) -> float:
        value, unit = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE).groups()
        return float(value) * WRK_DURATION_UNITS_MS[unit]

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return Measurement(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=percentile("50"),
        p99_ms=percentile("99"),
        requests=requests,
        errors=(sum(int(count) for count in socket_errors.groups()) if socket_errors else 0)
        + (int(non_success.group(1)) if non_success else 0),
        app_cpu_ms=round(app_cpu_seconds * 1000 / requests, 3),
        database_cpu_ms=round(database_cpu_seconds * 1000 / requests, 3),
    )


# --- Report ---------------------------------------------------------------------------------


def build_report(measured: dict[str, list[Measurement]], conditions: dict) -> dict:
    baseline = summarise(BASELINE, measured[BASELINE.key])
    baseline_runs = measured[BASELINE.key]
    baseline_drift = (
        abs(baseline_runs[0].requests_per_second - baseline_runs[-1].requests_per_second)
        / baseline["requests_per_second"]
    )
    rows = [baseline, *(summarise(endpoint, measured[endpoint.key], baseline) for endpoint in ENDPOINTS)]
    return {
        **conditions,
        "baseline_drift": round(baseline_drift, 3),
        "p99_limit_ms": P99_LIMIT_MS,
        "rows": rows,
        "all_targets_pass": all(row["passes"] is not False for row in rows),
    }


def summarise(endpoint: Endpoint, runs: list[Measurement], baseline: dict | None = None) -> dict:
    """One table row; several runs (the baseline's) count by their mean throughput and their worst latency."""

    def mean(name: str) -> float:
        return sum(getattr(run, name) for run in runs) / len(runs)

    row = {
        "key": endpoint.key,
        "label": endpoint.label,
        "path": endpoint.path,
        "requests_per_second": round(mean("requests_per_second"), 1),
        "p50_ms": max(run.p50_ms for run in runs),
        "p99_ms": max(run.p99_ms for run in runs),
        "app_cpu_ms": round(mean("app_cpu_ms"), 3),
        "database_cpu_ms": round(mean("database_cpu_ms"), 3),
        "min_ratio": endpoint.min_ratio,
        "runs": [asdict(run) for run in runs],
    }
    if baseline is None:
        # The reference, not a target: a slow baseline means the machine was busy, not that the portal is slow.
        row.update(ratio=1.0, cpu_ratio=1.0, passes=None)
        return row
    # What the throughput ratio would be if server CPU were the only limit: load from elsewhere cancels out.
    cpu_ratio = (baseline["app_cpu_ms"] + baseline["database_cpu_ms"]) / (row["app_cpu_ms"] + row["database_cpu_ms"])
    ratio = row["requests_per_second"] / baseline["requests_per_second"]
    row.update(ratio=round(ratio, 3), cpu_ratio=round(cpu_ratio, 3), passes=None)
    if endpoint.min_ratio is not None:
        row["passes"] = ratio >= endpoint.min_ratio and row["p99_ms"] < P99_LIMIT_MS
    return row


def render_markdown(report: dict) -> str:
    baseline_runs = " and ".join(f"{run['requests_per_second']:,.0f}" for run in report["rows"][0]["runs"])
    lines = [
        f"Measured {report['measured_at']} on {report['machine']}, commit {report['commit']}.",
        f"{report['server']}; {report['database']}; {report['load']}.",
        f"Load average (1/5/15 min) before: {format_load(report['load_average_before'])}, "
        f"after: {format_load(report['load_average_after'])}. Baseline measured first and last: "
        f"{baseline_runs} req/s (drift {report['baseline_drift']:.0%}).",
        "",
        "| endpoint | path | req/s | p50 ms | p99 ms | vs baseline | target | result "
        "| app CPU ms/req | DB CPU ms/req | vs baseline by CPU |",
        "|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|",
    ]
    verdicts = {True: "PASS", False: "FAIL", None: "—"}
    for row in report["rows"]:
        target = f"p99 < {report['p99_limit_ms']:.0f} ms"
        if row["min_ratio"] is not None:
            target = f"≥ {row['min_ratio']:.0%}, " + target
        elif row["key"] == BASELINE.key:
            target = "reference"
        else:
            target = "none (informative)"
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['requests_per_second']:,.0f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['ratio']:.0%} | {target} | {verdicts[row['passes']]} | "
            f"{row['app_cpu_ms']:.2f} | {row['database_cpu_ms']:.2f} | {row['cpu_ratio']:.0%} |"
        )
    lines += [
        "",
        "CPU columns: user + system time of the gunicorn processes and of their PostgreSQL backends, per request; "
        "'vs baseline by CPU' is the throughput ratio the endpoint would reach if that CPU were the only limit.",
    ]
    if report["baseline_drift"] > BASELINE_DRIFT_WARNING:
        lines += ["", "Warning: the baseline moved by more than 15% during the run; other load shared the machine."]
    return "\n".join(lines) + "\n"


def format_load(values: list[float]) -> str:
    return " / ".join(f"{value:.2f}" for value in values)


def machine_description() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def git_commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def postgres_version(database_url: str) -> str:
    with psycopg.connect(database_url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
