"""Each clinician page one request at a time, in-process: median and fastest of N requests
and the queries each makes, on the practice bench/load.py builds (200 clients × 5 years).
Pages are interleaved, so the machine's drift falls on all of them alike; the minimal view
(`/healthz/`) is measured in the same run.

Run:  .venv/bin/python bench/pages.py [--clients 200] [--years 5] [--requests 25]
      [--data-dir DIR] [--database-url postgresql://...]
(prints JSON; builds or reuses the practice with `mutuality demo`, on SQLite unless a
database URL is given; the median includes the database's own time, since one request at
a time waits for it)
"""

import argparse
import json
import os
import statistics
import time

import load


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--years", type=float, default=5)
    p.add_argument("--requests", type=int, default=25, help="per page (default 25)")
    p.add_argument("--data-dir", default="", help="default: $TMPDIR/mutuality-load-CxY")
    p.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    args = p.parse_args()
    os.environ.pop("DATABASE_URL", None)  # the practice bench/load.py builds, on SQLite
    env, _ = load.practice(args.clients, args.years, args.data_dir, args.database_url)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="mutuality.site.settings")
    browser, pages = load.in_process(warm=3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(args.requests):
        for name, path in pages.items():
            start = time.perf_counter()
            status = browser.get(path).status_code
            timings[name].append((time.perf_counter() - start) * 1000)
            assert status == 200, (path, status)
    result = {}
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as captured:
            browser.get(path)
        result[name] = {
            "median_ms": round(statistics.median(timings[name]), 1),
            "fastest_ms": round(min(timings[name]), 1),
            "queries": len(captured.captured_queries),
        }
    floor = result["minimal (/healthz/)"]["median_ms"]
    for r in result.values():
        r["median_vs_minimal"] = round(r["median_ms"] / floor, 1)
    database = "postgresql" if args.database_url else "sqlite"
    out = {"clients": args.clients, "years": args.years, "database": database, "pages": result}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
