"""Progress toward a SMART objective, computed from what was recorded, never typed.

An objective is measured by one of three things: a scale of an instrument (e.g. the
PHQ-9 total), a count of between-session log entries per week (e.g. authentic
disclosures), or a clinician rating (0-10) given in sessions. The status words follow
FHIR's Goal.achievementStatus so that the export says the same as the screen.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from mutuality.core.errors import MutualityError

WEEK = timedelta(days=7)


class MeasureKind(StrEnum):
    SCALE = "scale"
    LOG = "log"
    RATING = "rating"


class Status(StrEnum):
    """A subset of FHIR's goal-achievement codes."""

    NO_DATA = "no-progress"
    IN_PROGRESS = "in-progress"
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no-change"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not-achieved"

    @property
    def label(self) -> str:
        return {
            "no-progress": "nothing recorded yet",
            "not-achieved": "not achieved by the due date",
        }.get(self.value, self.value.replace("-", " "))


@dataclass(frozen=True, slots=True)
class ObjectiveSpec:
    kind: MeasureKind
    target: float
    start: date
    due: date
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        if self.due <= self.start:
            raise MutualityError("the due date must come after the start date")
        if self.kind is MeasureKind.LOG and (self.target < 1 or self.target != int(self.target)):
            raise MutualityError("a log target is a whole number of entries a week, at least 1")


@dataclass(frozen=True, slots=True)
class Progress:
    status: Status
    fraction: float | None  # share of the way to the target, 0..1
    baseline: float | None
    latest: float | None
    points: tuple[tuple[date, float], ...]  # what the chart draws
    summary: str


def _met(value: float, spec: ObjectiveSpec) -> bool:
    return value >= spec.target if spec.higher_is_better else value <= spec.target


def _level(
    spec: ObjectiveSpec, observations: Sequence[tuple[date, float]], today: date
) -> Progress:
    ordered = sorted(observations)
    before = [o for o in ordered if o[0] <= spec.start]
    after = [o for o in ordered if o[0] > spec.start]
    series = ([before[-1]] if before else []) + after
    if not series:
        return Progress(Status.NO_DATA, None, None, None, (), "Nothing recorded yet.")
    baseline, latest = series[0][1], series[-1][1]
    gap = spec.target - baseline
    if _met(baseline, spec):
        fraction = 1.0 if _met(latest, spec) else 0.0
    else:
        fraction = min(max((latest - baseline) / gap, 0.0), 1.0)
    better = latest > baseline if spec.higher_is_better else latest < baseline
    worse = latest < baseline if spec.higher_is_better else latest > baseline
    if _met(latest, spec):
        status = Status.ACHIEVED
    elif today > spec.due:
        status = Status.NOT_ACHIEVED
    elif len(series) == 1:
        status = Status.IN_PROGRESS
    else:
        status = Status.IMPROVING if better else Status.WORSENING if worse else Status.NO_CHANGE
    summary = (
        f"{_n(latest)} now, from {_n(baseline)} at the start; target {_n(spec.target)} "
        f"({len(series)} recorded)."
    )
    return Progress(status, fraction, baseline, latest, tuple(series), summary)


def _weekly(spec: ObjectiveSpec, days: Sequence[date], today: date) -> Progress:
    required = math.ceil((spec.due - spec.start).days / 7)
    last = min(today, spec.due)
    weeks = max(0, min(required, (last - spec.start).days // 7 + 1)) if last >= spec.start else 0
    counts = [0] * weeks
    for d in days:
        i = (d - spec.start).days // 7
        if spec.start <= d <= last and i < weeks:
            counts[i] += 1
    met = sum(1 for c in counts if c >= spec.target)
    points = tuple((spec.start + i * WEEK, float(c)) for i, c in enumerate(counts))
    if met >= required:
        status = Status.ACHIEVED
    elif today > spec.due:
        status = Status.NOT_ACHIEVED
    elif not any(counts):
        status = Status.NO_DATA
    else:
        status = Status.IN_PROGRESS
    summary = (
        f"Target reached in {met} of {required} weeks "
        f"({sum(counts)} entries since {spec.start.day} {spec.start:%b %Y})."
    )
    latest = float(counts[-1]) if counts else None
    return Progress(status, met / required, None, latest, points, summary)


def _n(x: float) -> str:
    return f"{x:g}"


def progress(
    spec: ObjectiveSpec, observations: Sequence[tuple[date, float]], today: date
) -> Progress:
    """Scales and ratings: the move from baseline toward the target. Logs: the share of
    weeks between start and due in which the client logged at least the target count."""
    if spec.kind is MeasureKind.LOG:
        return _weekly(spec, [d for d, _ in observations], today)
    return _level(spec, observations, today)
