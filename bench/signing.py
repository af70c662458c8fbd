"""Signing benchmark: `.venv/bin/python bench/signing.py [--iterations N] [--json PATH]`.

One process, one run, every scenario measured in interleaved rounds so that load from other people on the shared
machine falls on all of them alike:
  - baselines: an empty page rendered by ReportLab, and a bare Django request (/healthz) served in-process;
  - rendering a one-page A4 result and an A5 slip (Mẫu 01) with motcua.core.pdf;
  - signing a rendered result with results.services.sign_pdf (verification stamp, PAdES B-B, row + stored file);
  - rendering and signing together, the figure the target is about (≤ 150 ms p50 on the 2-core machine);
  - validating a signed result (what /xac-thuc/ does on a cache miss or an upload).
It prints p50/p95 wall time, p50 CPU time, operations per second per process and ratios to the empty-page baseline.
The database is a throwaway test database (SQLite in memory; PostgreSQL when DATABASE_URL points at one, named
by DATABASE_TEST_NAME, default bench_signing); keys and files go to a temporary directory.
Exit status 0 when the target holds, 1 when it does not.
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET_RENDER_AND_SIGN_P50_MS = 150.0
WARMUP_ROUNDS = 5


@dataclass
class Figures:
    label: str
    p50_ms: float
    p95_ms: float
    cpu_p50_ms: float
    per_second: float
    ratio_to_baseline: float = 0.0


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _prepare_environment(scratch: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault("DATABASE_TEST_NAME", "bench_signing")
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ["MOTCUA_PKI_DIR"] = str(scratch / "pki")
    sys.path.insert(0, str(BASE_DIR))


def _scenarios() -> dict[str, tuple[str, Callable[[], object]]]:
    from django.test import Client
    from reportlab.pdfgen.canvas import Canvas

    from motcua.core.pdf import render_document
    from motcua.core.pdf.tests.factories import DocumentSpecFactory
    from motcua.results import selectors, services
    from motcua.results.tests.factories import ResultSpecFactory

    result_spec = ResultSpecFactory()
    slip_spec = DocumentSpecFactory()
    rendered_result = render_document(result_spec)
    meta = services.DocumentMeta(
        name="Bản sao trích lục khai sinh",
        dossier_code="000.01.01.H22-210616-0001",
        procedure_code="2.000635",
        procedure_name="Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
    )

    def empty_page() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def sign(pdf: bytes):
        return services.sign_pdf(
            pdf, agency_code="000.00.03.H22", reason="Ký số kết quả", location="Hà Giang", document_meta=meta
        )

    signed_result = sign(rendered_result).file.read()
    client = Client()
    if client.get("/healthz").status_code != 200:
        raise RuntimeError("the /healthz baseline does not answer 200")

    return {
        "baseline": ("baseline: empty page (ReportLab)", empty_page),
        "django": ("baseline: bare Django request /healthz, in-process", lambda: client.get("/healthz")),
        "render_result": ("render one-page A4 result", lambda: render_document(result_spec)),
        "render_slip": ("render one-page A5 slip (Mẫu 01)", lambda: render_document(slip_spec)),
        "sign": ("sign a rendered result (stamp + PAdES + store)", lambda: sign(rendered_result)),
        "render_sign": ("render + sign a one-page result", lambda: sign(render_document(result_spec))),
        "validate": ("validate a signed result (pyHanko)", lambda: selectors.verify_signed_pdf(signed_result)),
    }


def measure(iterations: int) -> dict[str, Figures]:
    scenarios = _scenarios()
    wall = {key: [] for key in scenarios}
    cpu = {key: [] for key in scenarios}
    for round_number in range(WARMUP_ROUNDS + iterations):
        for key, (_label, operation) in scenarios.items():
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            operation()
            wall_ms, cpu_ms = (time.perf_counter() - wall_start) * 1000, (time.process_time() - cpu_start) * 1000
            if round_number >= WARMUP_ROUNDS:
                wall[key].append(wall_ms)
                cpu[key].append(cpu_ms)
    figures = {
        key: Figures(
            label=label,
            p50_ms=statistics.median(wall[key]),
            p95_ms=_percentile(wall[key], 0.95),
            cpu_p50_ms=statistics.median(cpu[key]),
            per_second=1000 / statistics.mean(wall[key]),
        )
        for key, (label, _operation) in scenarios.items()
    }
    for item in figures.values():
        item.ratio_to_baseline = item.p50_ms / figures["baseline"].p50_ms
    return figures


def report(figures: dict[str, Figures], iterations: int, database: str) -> str:
    lines = [
        f"Signing benchmark — {iterations} interleaved rounds, database {database}, one process (1 core of 2)",
        "",
        f"{'scenario':<52} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'per s':>8} {'× base':>8}",
    ]
    for item in figures.values():
        lines.append(
            f"{item.label:<52} {item.p50_ms:>8.1f} {item.p95_ms:>8.1f} {item.cpu_p50_ms:>8.1f} "
            f"{item.per_second:>8.1f} {item.ratio_to_baseline:>8.1f}"
        )
    render_sign = figures["render_sign"]
    verdict = "PASS" if render_sign.p50_ms <= TARGET_RENDER_AND_SIGN_P50_MS else "FAIL"
    lines += [
        "",
        f"render + sign p50 {render_sign.p50_ms:.1f} ms (target ≤ {TARGET_RENDER_AND_SIGN_P50_MS:.0f} ms): {verdict}",
        f"results signed per second: {render_sign.per_second:.1f} per process, "
        f"≈ {2 * render_sign.per_second:.0f} extrapolated to one worker per core on 2 cores (not measured)",
        f"render + sign = {render_sign.p50_ms / figures['django'].p50_ms:.1f} × a bare Django request",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motcua-bench-signing-") as scratch:
        _prepare_environment(Path(scratch))
        import django

        django.setup()
        from django.db import connection

        from motcua.results import services

        services.ensure_demo_pki(agency_name="Sở Tư pháp tỉnh Hà Giang", organization="Ủy ban nhân dân tỉnh Hà Giang")
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            figures = measure(options.iterations)
        finally:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
        database = connection.vendor
    print(report(figures, options.iterations, database))
    if options.json:
        options.json.write_text(json.dumps({key: asdict(item) for key, item in figures.items()}, indent=2))
    return 0 if figures["render_sign"].p50_ms <= TARGET_RENDER_AND_SIGN_P50_MS else 1


if __name__ == "__main__":
    sys.exit(main())
