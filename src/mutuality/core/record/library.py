"""How each of the Guide's treatment goals can be measured, as a starting point.

The Guide's example objectives (core.rct.problems) say what to do; this says what would
show it happening, so a plan built from the library has progress from day one. Each is a
suggestion for the clinician and client to change.
"""

from dataclasses import dataclass

from mutuality.core.record.progress import MeasureKind


@dataclass(frozen=True, slots=True)
class SuggestedMeasure:
    kind: MeasureKind
    target: float
    weeks: int
    log_kind: str = ""
    instrument: str = ""
    scale: str = ""


SUGGESTED: dict[str, SuggestedMeasure] = {
    "reduce-condemned-isolation": SuggestedMeasure(MeasureKind.LOG, 1, 8, log_kind="disclosure"),
    "restore-zest-and-worth": SuggestedMeasure(MeasureKind.LOG, 1, 6, log_kind="five-good-things"),
    "reduce-isolation-low-mood": SuggestedMeasure(MeasureKind.LOG, 1, 8, log_kind="connection"),
    "interrupt-relational-paradox": SuggestedMeasure(MeasureKind.RATING, 7, 4),
    "externalise-stigma": SuggestedMeasure(MeasureKind.RATING, 7, 6),
    "build-relational-resilience": SuggestedMeasure(MeasureKind.RATING, 7, 8),
    "strengthen-mutual-empathy": SuggestedMeasure(MeasureKind.RATING, 7, 6),
}
