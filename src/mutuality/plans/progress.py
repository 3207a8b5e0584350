"""Each objective's progress from the data it names: scored administrations, log entries
or session ratings, handed to `core.record.progress`; and its small chart."""

import math
from datetime import date

from django.utils import timezone

from mutuality.core.charts_svg import SECOND, Chart, Series, render_chart
from mutuality.core.measures import UnknownInstrument
from mutuality.core.measures.scoring import score
from mutuality.core.record.progress import MeasureKind, Progress, progress
from mutuality.logs.models import LogEntry
from mutuality.measures.models import Administration
from mutuality.measures.registry import get_instrument
from mutuality.plans.models import Objective
from mutuality.site.dates import local_day


def observations(objective: Objective) -> tuple[list[tuple[date, float]], bool]:
    """The dated values that measure `objective`, and whether higher is better."""
    client_id = objective.goal.plan.client_id
    if objective.measure_kind == MeasureKind.LOG:
        days = LogEntry.objects.filter(client_id=client_id, kind=objective.log_kind)
        return [(d, 1.0) for d in days.values_list("on", flat=True)], True
    if objective.measure_kind == MeasureKind.RATING:
        ratings = objective.ratings.values_list("session__held_on", "value")
        return [(d, float(v)) for d, v in ratings], True
    try:
        instrument = get_instrument(objective.instrument)
        scale = next(s for s in instrument.scales if s.key == objective.scale)
    except (UnknownInstrument, StopIteration):
        return [], True
    out, zone = [], timezone.get_current_timezone()
    rows = Administration.objects.filter(client_id=client_id, instrument=instrument.key)
    for taken_at, version, answers in rows.values_list("taken_at", "version", "answers"):
        raw = score(get_instrument(instrument.key, version), answers).scale(scale.key).raw
        if raw is not None:
            out.append((local_day(taken_at, zone), raw))
    return out, not scale.higher_is_worse


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
