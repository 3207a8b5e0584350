"""Benchmark of the relational map: core metrics and SVG, and the map page end to end.

Prints JSON. The client has 20 relationships, each assessed monthly for five years
(1,200 assessments), far more than a real map, so the figures are an upper bound.
Run: .venv/bin/python bench/map_metrics.py
"""

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from practice import bench_practice

RELATIONSHIPS, MONTHS = 20, 60


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary_ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "n": len(ordered),
    }


def main() -> None:
    user = bench_practice()
    from django.test import Client as Browser

    from mutuality.clients.models import Client
    from mutuality.core.map_svg import render_map
    from mutuality.core.relational_map import compare, summarise
    from mutuality.maps.models import Relationship, RelationshipAssessment, map_data

    client = Client.objects.create(
        clinician=user, display_name="Bench", start_date=date(2020, 1, 1)
    )
    start = date(2021, 1, 1)
    for r in range(RELATIONSHIPS):
        rel = Relationship.objects.create(client=client, name=f"Tie {r}", kind="friend")
        RelationshipAssessment.objects.bulk_create(
            RelationshipAssessment(
                relationship=rel,
                assessed_on=start + timedelta(days=30 * m),
                mutual_empathy=(r + m) % 5,
                authenticity=(r * 2 + m) % 5,
                mutual_empowerment=(r + 2 * m) % 5,
                closeness=(r + m // 3) % 5,
                power=(r + m) % 5,
                power_direction="other-over-client",
                good_things=["zest", "clarity"][: m % 3],
                outcomes=["turning-away"][: r % 2],
                created_by=user,
            )
            for m in range(MONTHS)
        )
    ties, assessments = map_data(client.pk)
    first, last = min(a.on for a in assessments), max(a.on for a in assessments)

    def core_work() -> None:
        change = compare(ties, assessments, first, last)
        summarise(ties, assessments, last)
        render_map("Bench", ties, change, comparing=True)

    browser = Browser()
    browser.force_login(user)
    url = f"/clients/{client.pk}/map/?since={first}&on={last}"
    assert browser.get(url).status_code == 200
    timed(core_work, 5)
    result = {
        "benchmark": "map",
        "relationships": RELATIONSHIPS,
        "assessments": len(assessments),
        "core_compare_summarise_render": summary_ms(timed(core_work, 100)),
        "map_page_compare_sqlite": summary_ms(timed(lambda: browser.get(url), 60)),
        "caseload_page": summary_ms(timed(lambda: browser.get("/"), 60)),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
