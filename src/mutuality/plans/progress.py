"""Each objective's progress from the data it names: scored administrations, log entries
or session ratings, handed to `core.record.progress`; and its small chart."""

import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from mutuality.core.charts_svg import SECOND, Chart, Series, render_chart
from mutuality.core.measures import UnknownInstrument
from mutuality.core.measures.scoring import kept_scores, score
from mutuality.core.record.progress import MeasureKind, Progress, progress
from mutuality.logs.models import LogEntry
from mutuality.measures.models import Administration, answers_unless_scored
from mutuality.measures.registry import get_instrument
from mutuality.plans.models import Objective
from mutuality.site.dates import day_start, local_day

Obs = tuple[date, float | None]


def observations(objective: Objective) -> tuple[list[tuple[date, float]], bool]:
    """The dated values that measure `objective`, and whether higher is better: those after
    its start, and those of the last day on or before it that has one (its baseline), so a
    plan's cost follows what its charts draw, not the length of the client's history."""
    client_id = objective.goal.plan.client_id
    start = objective.start
    if objective.measure_kind == MeasureKind.LOG:
        days = LogEntry.objects.filter(
            client_id=client_id, kind=objective.log_kind, on__range=(start, objective.due)
        )  # weeks are counted from the start to the due date
        return [(d, 1.0) for d in days.values_list("on", flat=True)], True
    if objective.measure_kind == MeasureKind.RATING:
        ratings = objective.ratings.values_list("session__held_on", "value")
        after = ratings.filter(session__held_on__gt=start)
        before = ratings.filter(session__held_on__lte=start).order_by("-session__held_on")
        values = ((d, float(v)) for d, v in before.iterator(chunk_size=8))
        return _last_day(values) + [(d, float(v)) for d, v in after], True
    try:
        instrument = get_instrument(objective.instrument)
        scale = next(s for s in instrument.scales if s.key == objective.scale)
    except (UnknownInstrument, StopIteration):
        return [], True
    zone = timezone.get_current_timezone()
    rows = Administration.objects.filter(
        client_id=client_id, instrument=instrument.key
    ).values_list("taken_at", "version", "scores", answers_unless_scored())
    after_start = Q(taken_at__gte=day_start(start, after=True))

    def scored(found: Iterable[tuple[datetime, str, Any, Any]]) -> Iterator[Obs]:
        for taken_at, version, scores, answers in found:
            if scores is None:  # saved without its scores: scored now, in the same form
                scores = kept_scores(score(get_instrument(instrument.key, version), answers))
            kept = scores.get(scale.key)
            yield local_day(taken_at, zone), kept[0] if kept else None

    newest_first = rows.exclude(after_start).order_by("-taken_at", "-id").iterator(chunk_size=8)
    since = [(d, raw) for d, raw in scored(rows.filter(after_start)) if raw is not None]
    return _last_day(scored(newest_first)) + since, not scale.higher_is_worse


def _last_day(newest_first: Iterable[Obs]) -> list[tuple[date, float]]:
    """The values of the latest day that has one, read newest first until the day before."""
    found: list[tuple[date, float]] = []
    for day, value in newest_first:
        if found and day != found[0][0]:
            break
        if value is not None:
            found.append((day, value))
    return found


def objective_progress(objective: Objective, today: date) -> Progress:
    values, higher_is_better = observations(objective)
    return progress(objective.spec(higher_is_better), values, today)


def chart(objective: Objective, result: Progress) -> str:
    """The measured points with the target as a dashed line from start to due."""
    target = objective.target
    points = result.points
    values = [v for _, v in points] + [target]
    if objective.measure_kind == MeasureKind.RATING:
        low, high = 0.0, 10.0
    else:
        low, high = min(0.0, *values), max(values) * 1.15 or 1.0
    if objective.measure_kind == MeasureKind.LOG:  # counts: whole-number ticks at 0, mid, top
        high = 2.0 * math.ceil((max(values) + 1) / 2)
    label = "entries a week" if objective.measure_kind == MeasureKind.LOG else "recorded"
    return render_chart(
        Chart(
            f"Objective: {label}",
            (
                Series(label, points),
                Series(
                    "target", ((objective.start, target), (objective.due, target)), SECOND, True
                ),
            ),
            low,
            high,
            higher_is_worse=False,
            width=420,
            height=170,
        )
    )
