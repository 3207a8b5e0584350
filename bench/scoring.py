"""Benchmark of scoring: the research CSV path and a client's progress page.

Prints JSON. Run: .venv/bin/python bench/scoring.py [--rows 1000000] [--loop-rows 200000]

- csv_path: `mutuality score phq9 --csv` internals (chunked NumPy) over ROWS PHQ-9 rows;
- per_row_loop: the plain way, csv.DictReader + one `score()` call per row + csv.writer,
  over LOOP_ROWS rows in the same run, for the ratio;
- progress_page: p50/p95 of a client's measures page with five years of weekly data.
"""

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuality.cli.scorefile import score_file
from mutuality.core.measures import built_in
from mutuality.core.measures.scoring import score
from practice import bench_practice


def make_csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id"] + [f"q{n}" for n in range(1, 10)])
        for r in range(rows):
            w.writerow([r] + ["" if rng.random() < 0.02 else rng.randint(0, 3) for _ in range(9)])


def csv_path(src: Path, out: Path) -> tuple[int, float]:
    start = time.perf_counter()
    with src.open(newline="") as f, out.open("w", newline="") as o:
        rows = score_file(built_in("phq9"), f, o)
    return rows, time.perf_counter() - start


def per_row_loop(src: Path, out: Path, limit: int) -> tuple[int, float]:
    phq9 = built_in("phq9")
    start = time.perf_counter()
    n = 0
    with src.open(newline="") as f, out.open("w", newline="") as o:
        reader, writer = csv.DictReader(f), csv.writer(o)
        for row in reader:
            answers = {k: int(row[k]) if row[k] else None for k in phq9.item_keys}
            total = score(phq9, answers).scale("total")
            band = total.band.label if total.band else ""
            writer.writerow([*row.values(), total.raw, band, total.prorated, bool(total.refused)])
            n += 1
            if n >= limit:
                break
    return n, time.perf_counter() - start


def progress_page(samples: int) -> dict[str, float]:
    user = bench_practice()
    from django.test import Client as Browser
    from django.utils import timezone

    from mutuality.clients.models import Client
    from mutuality.measures.models import Administration

    client = Client.objects.create(
        clinician=user, display_name="Bench", start_date=datetime(2021, 1, 1).date()
    )
    rng = random.Random(3)
    start = timezone.now() - timedelta(weeks=260)
    admins = []
    for week in range(260):
        when = start + timedelta(weeks=week)
        for key in (
            "phq9",
            "five-good-things",
            "disconnection",
            "session-mutuality-client",
            "session-mutuality-clinician",
        ):
            instrument = built_in(key)
            answers = {i.key: rng.choice(sorted(i.values)) for i in instrument.items}
            if key == "phq9":
                answers["q9"] = 0
            admins.append(
                Administration(
                    client=client,
                    instrument=key,
                    version=instrument.version,
                    taken_at=when,
                    answers=answers,
                    source="session",
                    entered_by=user,
                )
            )
    Administration.objects.bulk_create(admins)
    browser = Browser()
    browser.force_login(user)
    url = f"/clients/{client.pk}/measures/"
    assert browser.get(url).status_code == 200
    timings = []
    for _ in range(samples):
        t = time.perf_counter()
        browser.get(url)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    return {
        "administrations": len(admins),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "n": samples,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--loop-rows", type=int, default=200_000)
    p.add_argument("--page-samples", type=int, default=40)
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mutuality-bench-"))
    src = tmp / "phq9.csv"
    make_csv(src, args.rows)
    rows, seconds = csv_path(src, tmp / "scored.csv")
    loop_rows, loop_seconds = per_row_loop(src, tmp / "loop.csv", args.loop_rows)
    fast, slow = rows / seconds, loop_rows / loop_seconds
    result = {
        "benchmark": "scoring",
        "csv_path": {"rows": rows, "seconds": round(seconds, 2), "rows_per_second": round(fast)},
        "per_row_loop": {
            "rows": loop_rows,
            "seconds": round(loop_seconds, 2),
            "rows_per_second": round(slow),
        },
        "speedup": round(fast / slow, 1),
        "progress_page_5_years_weekly": progress_page(args.page_samples),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
