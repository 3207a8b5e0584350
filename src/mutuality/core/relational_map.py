"""Metrics of a client's relational-cultural map: per-relationship growth-fostering scores,
map summaries and the change between two dates.

The growth-fostering score (0-100) weighs the three core relational processes three
quarters and the balance of good things over outcomes of disconnection one quarter:

    score = 100 * (0.75 * (empathy + authenticity + empowerment) / 12
                   + 0.25 * (good things - outcomes + 5) / 10)

rounded half up. It is a summary of ratings made with the client, to follow change in one
person's map; it is not a validated measure and not a diagnosis.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from mutuality.core.errors import InvalidRating
from mutuality.core.rct.vocabulary import (
    DisconnectionOutcome,
    DisconnectionStrategy,
    GoodThing,
    Power,
    PowerDirection,
    RelationshipKind,
)

RATING_MAX = 4
GROWTH_FOSTERING_MIN = 65
DISCONNECTING_MAX = 35


class Quality(StrEnum):
    GROWTH_FOSTERING = "growth-fostering"
    MIXED = "mixed"
    DISCONNECTING = "disconnecting"


@dataclass(frozen=True, slots=True)
class Tie:
    """A person, group or community in the client's life."""

    key: str
    name: str
    kind: RelationshipKind


@dataclass(frozen=True, slots=True)
class Assessment:
    """One dated rating of one relationship, made with the client."""

    tie: str
    on: date
    mutual_empathy: int
    authenticity: int
    mutual_empowerment: int
    closeness: int
    power: Power = Power.MIXED
    power_direction: PowerDirection = PowerDirection.SHARED
    good_things: frozenset[GoodThing] = field(default_factory=frozenset)
    outcomes: frozenset[DisconnectionOutcome] = field(default_factory=frozenset)
    strategies: frozenset[DisconnectionStrategy] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for name in ("mutual_empathy", "authenticity", "mutual_empowerment", "closeness"):
            value = getattr(self, name)
            if not 0 <= value <= RATING_MAX:
                label = name.replace("_", " ")
                raise InvalidRating(f"{label} must be between 0 and {RATING_MAX}, not {value}")

    @property
    def score(self) -> int:
        return growth_fostering_score(self)

    @property
    def quality(self) -> Quality:
        return quality(self.score)


def growth_fostering_score(a: Assessment) -> int:
    processes = a.mutual_empathy + a.authenticity + a.mutual_empowerment
    balance = len(a.good_things) - len(a.outcomes)
    # 100 * (0.75 * p / 12 + 0.25 * (b + 5) / 10) == (25p + 10b + 50) / 4, rounded half up.
    return (25 * processes + 10 * balance + 50 + 2) // 4


def quality(score: int) -> Quality:
    if score >= GROWTH_FOSTERING_MIN:
        return Quality.GROWTH_FOSTERING
    if score <= DISCONNECTING_MAX:
        return Quality.DISCONNECTING
    return Quality.MIXED


def latest_as_of(assessments: Iterable[Assessment], on: date) -> dict[str, Assessment]:
    """The most recent assessment of each relationship made on or before `on`."""
    latest: dict[str, Assessment] = {}
    for a in assessments:
        if a.on <= on and (a.tie not in latest or a.on >= latest[a.tie].on):
            latest[a.tie] = a
    return latest


@dataclass(frozen=True, slots=True)
class IsolationSignal:
    raised: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MapSummary:
    on: date
    assessed: int
    growth_fostering: int
    growth_fostering_outside_therapy: int
    power_over: int
    isolation: IsolationSignal

    @property
    def power_over_share(self) -> float:
        return self.power_over / self.assessed if self.assessed else 0.0


def summarise(ties: Iterable[Tie], assessments: Iterable[Assessment], on: date) -> MapSummary:
    """Counts over the latest assessment of every relationship as of `on`."""
    kinds = {t.key: t.kind for t in ties}
    current = latest_as_of(assessments, on).values()
    gf = [a for a in current if a.quality is Quality.GROWTH_FOSTERING]
    gf_outside = [a for a in gf if kinds.get(a.tie) is not RelationshipKind.THERAPY]
    turning_away = [a for a in current if DisconnectionOutcome.TURNING_AWAY in a.outcomes]
    reasons: list[str] = []
    if current and not gf_outside:
        reasons.append("no growth-fostering relationship outside therapy")
    if current and 2 * len(turning_away) >= len(current):
        reasons.append(
            f"turning away from relationships marked in {len(turning_away)} "
            f"of {len(current)} relationships"
        )
    return MapSummary(
        on=on,
        assessed=len(current),
        growth_fostering=len(gf),
        growth_fostering_outside_therapy=len(gf_outside),
        power_over=sum(1 for a in current if a.power >= Power.MOSTLY_OVER),
        isolation=IsolationSignal(raised=bool(reasons), reasons=tuple(reasons)),
    )


class Movement(StrEnum):
    NEW = "new"
    NOT_REASSESSED = "not reassessed"
    TOWARD_GROWTH = "toward growth"
    TOWARD_DISCONNECTION = "toward disconnection"
    STEADY = "steady"


STEADY_BAND = 5


@dataclass(frozen=True, slots=True)
class TieChange:
    tie: str
    before: Assessment | None
    after: Assessment | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after.score - self.before.score

    @property
    def movement(self) -> Movement:
        if self.before is None:
            return Movement.NEW
        if self.after is None or self.after is self.before:
            return Movement.NOT_REASSESSED
        delta = self.after.score - self.before.score
        if delta >= STEADY_BAND:
            return Movement.TOWARD_GROWTH
        if delta <= -STEADY_BAND:
            return Movement.TOWARD_DISCONNECTION
        return Movement.STEADY

    @property
    def power_shift(self) -> int | None:
        """Negative when the tie moved toward power-with."""
        if self.before is None or self.after is None:
            return None
        return int(self.after.power) - int(self.before.power)


@dataclass(frozen=True, slots=True)
class MapChange:
    before: MapSummary
    after: MapSummary
    ties: tuple[TieChange, ...]


def compare(
    ties: Iterable[Tie], assessments: Iterable[Assessment], before: date, after: date
) -> MapChange:
    """How each relationship and the whole map moved between two dates (before <= after)."""
    if after < before:
        raise InvalidRating("the second date of a comparison must not be earlier than the first")
    ties = list(ties)
    assessments = list(assessments)
    then, now = latest_as_of(assessments, before), latest_as_of(assessments, after)
    changes = tuple(
        TieChange(t.key, then.get(t.key), now.get(t.key))
        for t in ties
        if t.key in then or t.key in now
    )
    return MapChange(
        before=summarise(ties, assessments, before),
        after=summarise(ties, assessments, after),
        ties=changes,
    )
