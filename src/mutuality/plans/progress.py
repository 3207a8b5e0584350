"""Each objective's progress from the data it names: scored administrations, log entries
or session ratings, handed to `core.record.progress`; and its small chart."""

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mutuality.core.charts_svg import SECOND, Chart, Series, render_chart
from mutuality.core.measures import UnknownInstrument
from mutuality.core.measures.scoring import kept_scores, score
from mutuality.core.record.progress import MeasureKind, Progress, progress
from mutuality.logs.models import LogEntry
from mutuality.measures.models import Administration, answers_unless_scored
from mutuality.measures.registry import get_instrument
from mutuality.plans.models import Objective, ObjectiveRating
from mutuality.site.dates import day_start, local_day
from mutuality.site.prepared import FIRST_DAY, LAST_DAY, SOMEDAY, Prepared

Obs = tuple[date, float | None]


# An objective's statements, built once (site.prepared): the plan page reads every
# objective's on every visit (as do the printed record and its export). What follows the
# start is read whole; the baseline from its `BASELINE_ROWS` newest rows before the start,
# and only if those do not settle it (a day with more rows, or rows without a value) by the
# ORM, newest first, as far as needed.
BASELINE_ROWS = 8
LOGGED = Prepared(
    lambda client, kind, start, due: LogEntry.objects.filter(
        client_id=client, kind=kind, on__range=(start, due)
    ).values_list("on"),
    -1, "(a kind of log)", FIRST_DAY, LAST_DAY,
)  # fmt: skip


def _ratings(objective: int) -> "QuerySet[Any]":
    return ObjectiveRating.objects.filter(objective_id=objective).values_list(
        "session__held_on", "value"
    )


def _rated_before(objective: int, start: date) -> "QuerySet[Any]":
    return _ratings(objective).filter(session__held_on__lte=start).order_by("-session__held_on")


RATED_AFTER = Prepared(
    lambda objective, start: _ratings(objective).filter(session__held_on__gt=start), -1, FIRST_DAY
)
RATED_BEFORE = Prepared(lambda o, start: _rated_before(o, start)[:BASELINE_ROWS], -1, FIRST_DAY)


def _answered(client: int, instrument: str) -> "QuerySet[Any]":
    return Administration.objects.filter(client_id=client, instrument=instrument).values_list(
        "taken_at", "version", "scores", answers_unless_scored()
    )


def _answered_before(client: int, instrument: str, end: datetime) -> "QuerySet[Any]":
    return _answered(client, instrument).filter(taken_at__lt=end).order_by("-taken_at", "-id")


ANSWERED_FROM = Prepared(
    lambda client, instrument, end: _answered(client, instrument).filter(taken_at__gte=end),
    -1, "(an instrument)", SOMEDAY,
)  # fmt: skip
ANSWERED_BEFORE = Prepared(
    lambda client, instrument, end: _answered_before(client, instrument, end)[:BASELINE_ROWS],
    -1, "(an instrument)", SOMEDAY,
)  # fmt: skip


def observations(objective: Objective) -> tuple[list[tuple[date, float]], bool]:
    """The dated values that measure `objective`, and whether higher is better: those after
    its start, and those of the last day on or before it that has one (its baseline), so a
    plan's cost follows what its charts draw, not the length of the client's history."""
    client_id = objective.goal.plan.client_id
    start = objective.start
    if objective.measure_kind == MeasureKind.LOG:
        # weeks are counted from the start to the due date
        days = LOGGED.rows(client_id, objective.log_kind, start, objective.due)
        return [(d, 1.0) for (d,) in days], True
    if objective.measure_kind == MeasureKind.RATING:

        def rated(rows: Iterable[tuple[date, int]]) -> Iterator[tuple[date, float]]:
            return ((d, float(v)) for d, v in rows)

        baseline = _baseline(
            list(rated(RATED_BEFORE.rows(objective.pk, start))),
            lambda: rated(_rated_before(objective.pk, start).iterator(chunk_size=8)),
        )
        return baseline + list(rated(RATED_AFTER.rows(objective.pk, start))), True
    try:
        instrument = get_instrument(objective.instrument)
        scale = next(s for s in instrument.scales if s.key == objective.scale)
    except (UnknownInstrument, StopIteration):
        return [], True
    zone = timezone.get_current_timezone()

    def scored(found: Iterable[tuple[datetime, str, Any, Any]]) -> Iterator[Obs]:
        for taken_at, version, scores, answers in found:
            if scores is None:  # saved without its scores: scored now, in the same form
                scores = kept_scores(score(get_instrument(instrument.key, version), answers))
            kept = scores.get(scale.key)
            yield local_day(taken_at, zone), kept[0] if kept else None

    end = day_start(start, after=True)
    key = (client_id, instrument.key, end)
    baseline = _baseline(
        list(scored(ANSWERED_BEFORE.rows(*key))),
        lambda: scored(_answered_before(*key).iterator(chunk_size=8)),
    )
    since = [(d, raw) for d, raw in scored(ANSWERED_FROM.rows(*key)) if raw is not None]
    return baseline + since, not scale.higher_is_worse


def _baseline(
    first: Sequence[Obs], newest_first: Callable[[], Iterable[Obs]], limit: int = BASELINE_ROWS
) -> list[tuple[date, float]]:
    """The values of the latest day that has one, from the `limit` newest rows before the
    start (`first`) when they settle it: fewer rows than that (there are no more), or a row
    of an earlier day read after the day found. Else read on (`newest_first`)."""
    found = _last_day(first)
    if len(first) < limit or (found and first[-1][0] != found[0][0]):
        return found
    return _last_day(newest_first())


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
