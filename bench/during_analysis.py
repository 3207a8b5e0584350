"""Pages while transcripts are analysed: one clinician uploads long session transcripts
(`--uploads` at once, each to a session of its own), and meanwhile another clinician opens
one of their own client's pages again and again, until every analysis is saved.

An analysis takes seconds (the transformer model's, tens on two cores). Done in the worker
that took the upload, it keeps that worker from pages, and as many uploads at once as
workers keep them all; queued to the server's analysis runner (transcripts.runner), it
keeps none. Every page view also appends an audit entry, a write, which must not wait for
an analysis either. Runs `mutuality serve` with its default workers on a throwaway copy of
the 200 × 5 practice (the uploads write to the record), once per model installed, and
prints JSON: when the uploads were answered and when their analyses were saved, how many
pages the other clinician opened meanwhile, their median and slowest time, and the statuses
they got.

Run:  .venv/bin/python bench/during_analysis.py [--minutes 90] [--uploads 1]
      [--data-dir DIR] [--database-url postgresql://...]
Loopback only.
"""

import argparse
import json
import statistics
import threading
import time
from typing import Any

import load
import memory


def during(env: dict[str, str], model: str, data: bytes, uploads: int) -> dict[str, Any]:
    server, base = load.serving(env)
    try:
        uploaders = [load.User(base, "ana") for _ in range(uploads)]
        reader = load.User(base, "ben")
        sessions = memory.sessions_of(uploaders[0], load.pages(uploaders[0].body), uploads)
        page = load.pages(reader.body)["client"]  # ben's own client
        for _ in range(3):
            reader.get(page)
        answers: list[tuple[int, float, float]] = []
        threads = [
            threading.Thread(
                target=lambda u=u, s=s: answers.append(
                    memory.analysed(u, f"/sessions/{s}/transcript/", data, model)
                )
            )
            for u, s in zip(uploaders, sessions, strict=True)
        ]
        for t in threads:
            t.start()
        views: list[tuple[float, int]] = []
        while any(t.is_alive() for t in threads):
            start = time.perf_counter()
            status, _ = reader.get(page)
            views.append(((time.perf_counter() - start) * 1000, status))
        for t in threads:
            t.join()
    finally:
        load.stopped(server)
    ms = [t for t, _ in views]
    return {
        "uploads": uploads,
        "upload_statuses": sorted(status for status, _, _ in answers),
        "answered_s": sorted(answered for _, answered, _ in answers),
        "analysed_s": sorted(done for _, _, done in answers),
        "page_views": len(views),
        "median_ms": round(statistics.median(ms), 1) if ms else None,
        "slowest_ms": round(max(ms), 1) if ms else None,
        "statuses": {
            str(s): sum(1 for _, x in views if x == s) for s in sorted({x for _, x in views})
        },
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--minutes", type=int, default=90, help="length of the transcript")
    p.add_argument("--uploads", type=int, default=1, help="transcripts uploaded at once")
    load.practice_options(p)
    args = p.parse_args()
    env, drop = memory.throwaway(args)
    from mutuality.analysis.encoder import available

    data = memory.transcript(args.minutes)
    try:
        runs = {
            model: during(env, model, data, args.uploads)
            for model in ["default", *(["transformer"] if available() else [])]
        }
    finally:
        drop()
    print(
        json.dumps(
            {
                "database": "postgresql" if args.database_url else "sqlite",
                "transcript": {"minutes": args.minutes, "kb": round(len(data) / 1024, 1)},
                "workers": load.served_workers(),
                "models": runs,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
