"""The audit trail's cost: appends per second, verification speed, and what the audit
wrapper adds to one page (the client page, wrapped and unwrapped, interleaved).

Run: .venv/bin/python bench/audit.py  (prints JSON; SQLite in a throwaway data folder)
"""

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from practice import bench_practice


def main() -> None:
    user = bench_practice()
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory
    from django.urls import resolve

    from mutuality.audit.actions import record, verify
    from mutuality.audit.models import Action
    from mutuality.clients.models import Client

    n = 5000
    start = time.perf_counter()
    for i in range(n):
        record(action=Action.VIEW, actor=user, object_type="client", object_id=i, client_id=1)
    appends = n / (time.perf_counter() - start)
    start = time.perf_counter()
    verdict = verify()
    verified = verdict.entries / (time.perf_counter() - start)

    client = Client.objects.create(clinician=user, display_name="Q", start_date=date(2026, 1, 5))
    url = f"/clients/{client.pk}/"
    wrapped = resolve(url).func
    plain = wrapped.__wrapped__  # type: ignore[attr-defined]
    factory = RequestFactory()

    def one(view: object) -> float:
        request = factory.get(url)
        request.user = user
        request.session = {}  # type: ignore[assignment]
        request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
        t = time.perf_counter()
        view(request, client_id=client.pk)  # type: ignore[operator]
        return (time.perf_counter() - t) * 1000

    timings: dict[str, list[float]] = {"wrapped": [], "plain": []}
    for _ in range(300):
        timings["wrapped"].append(one(wrapped))
        timings["plain"].append(one(plain))
    p50 = {k: statistics.median(v) for k, v in timings.items()}
    print(
        json.dumps(
            {
                "audit_appends_per_s": round(appends),
                "audit_verify_entries_per_s": round(verified),
                "chain_intact": verdict.intact,
                "client_page_p50_ms": {k: round(v, 2) for k, v in p50.items()},
                "wrapper_overhead_ratio": round(p50["wrapped"] / p50["plain"], 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
