"""One audit entry appended, as every page about a client appends one: the CPU time it costs
this process and the database's processes, its wall time, and the statements it sends.

Runs `record` N times on the practice bench/load.py builds (200 clients × 5 years), on
SQLite or, with `--database-url`, on PostgreSQL (whose processes' CPU is read from /proc).
Prints JSON: per append, the median of the rounds and each round's figure.

Run:  .venv/bin/python bench/append.py [--database-url postgresql://...] [--appends 1500]
      [--rounds 3]
"""

import argparse
import json
import os
import statistics
import time

import load


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    p.add_argument("--appends", type=int, default=1500, help="per round (default 1500)")
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    os.environ.pop("DATABASE_URL", None)
    env, _ = load.practice(200, 5, "", args.database_url)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="mutuality.site.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mutuality.audit.actions import record, verify

    def append() -> None:
        record(
            action="view", actor="ana", object_type="client", object_id=6, client_id=6,
            ip="127.0.0.1", detail="GET client",
        )  # fmt: skip

    for _ in range(50):  # the connection opened, the statements prepared
        append()
    with CaptureQueriesContext(connection) as captured:
        append()
    database = load.database_cpu_s if args.database_url else lambda: 0.0
    rounds: dict[str, list[float]] = {"cpu_us": [], "database_cpu_us": [], "wall_us": []}
    for _ in range(args.rounds):
        before = time.process_time(), database(), time.perf_counter()
        for _ in range(args.appends):
            append()
        after = time.process_time(), database(), time.perf_counter()
        for key, start, end in zip(rounds, before, after, strict=True):
            rounds[key].append(round(((end or 0) - (start or 0)) / args.appends * 1e6))
    print(
        json.dumps(
            {
                "database": "postgresql" if args.database_url else "sqlite",
                "statements": [q["sql"].split("(")[0][:60] for q in captured.captured_queries],
                "per_append": {key: statistics.median(v) for key, v in rounds.items()},
                "rounds": rounds,
                "chain_intact": verify().intact,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
