"""Scoring one administration: answer checks, reverse keys, the missing-data rule, bands
and risk items."""

from collections.abc import Mapping
from dataclasses import dataclass

from mutuality.core.errors import MutualityError
from mutuality.core.measures.model import Band, Instrument, Method, Scale


class InvalidAnswers(MutualityError):
    """Answers that do not fit the instrument; the message names the item."""


@dataclass(frozen=True, slots=True)
class ScaleScore:
    scale: Scale
    raw: float | None
    answered: int
    prorated: bool
    refused: str = ""

    @property
    def band(self) -> Band | None:
        return None if self.raw is None else self.scale.band(self.raw)

    def as_dict(self) -> dict[str, object]:
        return {
            "scale": self.scale.key,
            "raw": self.raw,
            "band": self.band.label if self.band else None,
            "answered": self.answered,
            "items": len(self.scale.items),
            "prorated": self.prorated,
            "refused": self.refused or None,
        }


@dataclass(frozen=True, slots=True)
class Scored:
    instrument: Instrument
    scales: tuple[ScaleScore, ...]
    risk_items: tuple[str, ...]

    def scale(self, key: str) -> ScaleScore:
        return next(s for s in self.scales if s.scale.key == key)


Answers = Mapping[str, int | None]


def check_answers(instrument: Instrument, answers: Answers) -> None:
    """Raises InvalidAnswers naming the first item whose answer is not allowed."""
    known = set(instrument.item_keys)
    for key in answers:
        if key not in known:
            raise InvalidAnswers(f"item '{key}' is not part of {instrument.title}")
    for item in instrument.items:
        value = answers.get(item.key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in item.values:
            allowed = ", ".join(str(v) for v in sorted(item.values))
            raise InvalidAnswers(
                f"item '{item.key}' ({item.label}): {value!r} is not an answer code "
                f"(allowed: {allowed})"
            )


def score_scale(instrument: Instrument, scale: Scale, answers: Answers) -> ScaleScore:
    values: list[int] = []
    for key in scale.items:
        value = answers.get(key)
        if value is None:
            continue
        item = instrument.item(key)
        values.append(item.low + item.high - value if key in scale.reverse else value)
    missing = len(scale.items) - len(values)
    if missing > scale.max_missing or not values:
        allowed = f"at most {scale.max_missing}" if scale.max_missing else "none"
        return ScaleScore(
            scale,
            None,
            len(values),
            False,
            f"{missing} of {len(scale.items)} items unanswered; {allowed} may be missing",
        )
    if scale.method is Method.MEAN:
        return ScaleScore(scale, round(sum(values) / len(values), 2), len(values), False)
    if missing:
        prorated = sum(values) * len(scale.items) / len(values)
        return ScaleScore(scale, round(prorated, 2), len(values), True)
    return ScaleScore(scale, float(sum(values)), len(values), False)


def score(instrument: Instrument, answers: Answers, *, checked: bool = False) -> Scored:
    """Scores answers; `checked=True` skips the answer checks for answers already
    validated when they were saved."""
    if not checked:
        check_answers(instrument, answers)
    risks = tuple(
        item.key
        for item in instrument.items
        if item.risk_above is not None
        and (value := answers.get(item.key)) is not None
        and value > item.risk_above
    )
    return Scored(
        instrument,
        tuple(score_scale(instrument, s, answers) for s in instrument.scales),
        risks,
    )


# What an administration keeps of its scores: each scored scale's raw score and whether it
# was prorated, by scale key (a scale the answers could not score is left out).
KeptScores = dict[str, tuple[float, bool]]


def kept_scores(scored: Scored) -> KeptScores:
    return {s.scale.key: (s.raw, s.prorated) for s in scored.scales if s.raw is not None}
