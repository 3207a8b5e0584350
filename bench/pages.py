"""Each clinician page one request at a time, in-process: median and fastest of N requests
and the queries each makes, on the practice bench/load.py builds (200 clients × 5 years).
Pages are interleaved, so the machine's drift falls on all of them alike; the minimal view
(`/healthz/`) is measured in the same run.

Run:  .venv/bin/python bench/pages.py [--clients 200] [--years 5] [--requests 25]
      [--data-dir DIR]   (prints JSON; builds or reuses the practice with `mutuality demo`)
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
    args = p.parse_args()
    os.environ.pop("DATABASE_URL", None)  # the SQLite practice bench/load.py builds
    env, _ = load.practice(args.clients, args.years, args.data_dir)
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
    print(json.dumps({"clients": args.clients, "years": args.years, "pages": result}, indent=2))


if __name__ == "__main__":
    main()
