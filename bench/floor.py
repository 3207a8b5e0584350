"""What every clinician page pays before it shows anything of a client, against the minimal
view: the layout (base.html) rendered alone for the signed-in clinician, the audit trail's
owner lookup and its append (one entry, hash-chained), each measured in-process one at a
time, interleaved with the minimal view (`/healthz/`) so the machine's drift falls on all
alike. Prints JSON: the median CPU time (process time) of each, and its ratio to the
minimal view. Their sum is the floor under a page about a client, whatever it draws.

Run:  .venv/bin/python bench/floor.py [--repeat 300] [--data-dir DIR]
(the practice of bench/load.py, SQLite; it appends `--repeat` audit entries to it)
"""

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

import load


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--repeat", type=int, default=300, help="of each (default 300)")
    p.add_argument("--data-dir", default="", help="default: $TMPDIR/mutuality-load-200x5")
    args = p.parse_args()
    os.environ.pop("DATABASE_URL", None)
    env, _ = load.practice(200, 5, args.data_dir)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="mutuality.site.settings")
    browser, pages = load.in_process(warm=1)

    from django.contrib.auth import get_user_model
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.shortcuts import render
    from django.test import RequestFactory
    from django.urls import resolve

    from mutuality.audit.actions import record
    from mutuality.record.audited import _target

    user = get_user_model().objects.select_related("clinician__practice").get(username="ana")
    client_id = int(pages["client"].strip("/").split("/")[-1])
    factory = RequestFactory()

    def layout() -> None:
        request = factory.get("/account/")
        request.user = user
        request.session = {}  # type: ignore[assignment]
        request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
        request.resolver_match = resolve("/account/")
        render(request, "base.html", {})

    def append() -> None:
        record(
            action="view", actor=user, object_type="client", object_id=client_id,
            client_id=client_id, ip="127.0.0.1", detail="GET bench/floor.py",
        )  # fmt: skip

    measured: dict[str, Callable[[], object]] = {
        "minimal (/healthz/)": lambda: browser.get("/healthz/"),
        "layout (base.html)": layout,
        "audit owner lookup": lambda: _target({"client_id": client_id}, read=True),
        "audit append": append,
    }
    for run in measured.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in measured}
    for _ in range(args.repeat):
        for name, run in measured.items():
            start = time.process_time()
            run()
            times[name].append(time.process_time() - start)
    medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
    floor = medians["minimal (/healthz/)"]
    result = {
        name: {"median_cpu_ms": round(ms, 3), "vs_minimal": round(ms / floor, 2)}
        for name, ms in medians.items()
    }
    under_a_client_page = sum(medians.values())
    print(
        json.dumps(
            {
                "repeat": args.repeat,
                "parts": result,
                "floor_of_a_client_page_vs_minimal": round(under_a_client_page / floor, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
