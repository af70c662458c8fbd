"""Where a page's time goes: `.venv/bin/python bench/profile_page.py /thu-tuc/1.001193/`.

Calls the same WSGI application as `make bench` in-process, on the bench database that `make bench` left, and
prints the CPU and wall time per request, the queries of one request, and the functions with the most time
including callees, then the most own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import BENCH_DATABASE  # noqa: E402  (the project root must be importable first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="path and query string, e.g. '/thu-tuc/?q=khai+sinh'")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=30, help="functions listed")
    parser.add_argument("--cold", action="store_true", help="empty the cache before every request: the cost of a miss")
    options = parser.parse_args()

    cluster_url = os.environ.get("MOTCUA_BENCH_CLUSTER", "postgres://motcua@127.0.0.1:54329")
    os.environ["DATABASE_URL"] = f"{cluster_url}/{BENCH_DATABASE}"
    os.environ["DJANGO_DEBUG"] = "0"
    from bench.wsgi import application
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request() -> str:
        if options.cold:
            cache.clear()
        path, _, query = options.path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        b"".join(application(environ, lambda status, headers, exc_info=None: statuses.append(status)))
        return statuses[0]

    # The first call pays for imports, template compilation and the database connection.
    print(f"{options.path}: {request()}")
    with CaptureQueriesContext(connection) as queries:
        request()
    print(f"{len(queries.captured_queries)} queries in one request (not the first):")
    for query in queries.captured_queries:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")

    started_wall, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(options.requests):
        request()
    wall = (time.perf_counter() - started_wall) / options.requests * 1000
    cpu = (time.process_time() - started_cpu) / options.requests * 1000
    print(f"per request, one process: {wall:.2f} ms wall, {cpu:.2f} ms CPU in Python")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(options.requests):
        request()
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(options.top)
    stats.sort_stats("tottime").print_stats(options.top)


if __name__ == "__main__":
    main()
