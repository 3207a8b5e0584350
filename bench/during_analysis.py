"""Pages while a transcript is analysed: one clinician uploads a long session transcript,
and meanwhile another clinician opens one of their own client's pages again and again.

An analysis takes seconds (the transformer model's, tens on two cores), in a worker of its
own; the other workers go on serving. What this measures is whether they can: every page
view appends an audit entry, a write, and a write that must wait for the upload's write
transaction waits as long as that is open (on SQLite, five seconds at most, and then it
fails). Runs `mutuality serve` with its default workers on a throwaway copy of the 200 × 5
practice (the upload writes to the record), once per model installed, and prints JSON: how
long the upload took, how many pages the other clinician opened meanwhile, their median and
slowest time, and the statuses they got.

Run:  .venv/bin/python bench/during_analysis.py [--minutes 90] [--data-dir DIR]
      [--database-url postgresql://...]
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


def during(env: dict[str, str], model: str, data: bytes) -> dict[str, Any]:
    server, base = load.serving(env)
    try:
        uploader, reader = load.User(base, "ana"), load.User(base, "ben")
        session = load.pages(uploader.body)["session"].rstrip("/").rsplit("/", 1)[1]
        page = load.pages(reader.body)["client"]  # ben's own client
        for _ in range(3):
            reader.get(page)
        answer: list[int] = []
        upload = threading.Thread(
            target=lambda: answer.append(
                memory.upload(uploader, f"/sessions/{session}/transcript/", data, model)
            )
        )
        began = time.perf_counter()
        upload.start()
        views: list[tuple[float, int]] = []
        while upload.is_alive():
            start = time.perf_counter()
            status, _ = reader.get(page)
            views.append(((time.perf_counter() - start) * 1000, status))
        upload.join()
        took = time.perf_counter() - began
    finally:
        load.stopped(server)
    ms = [t for t, _ in views]
    return {
        "upload_status": answer[0],
        "upload_s": round(took, 1),
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
    load.practice_options(p)
    args = p.parse_args()
    env, drop = memory.throwaway(args)
    from mutuality.analysis.encoder import available

    data = memory.transcript(args.minutes)
    try:
        runs = {
            model: during(env, model, data)
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
