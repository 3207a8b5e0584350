"""Change statistics: Jacobson & Truax's (1991) reliable change index and clinically
significant change, and Kiresuk & Sherman's (1968) Goal Attainment Scaling T-score."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from mutuality.core.errors import MutualityError
from mutuality.core.measures.model import Norm, ReliabilityKind, Scale

Z_95 = 1.96


class Outcome(StrEnum):
    RECOVERED = "recovered"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DETERIORATED = "deteriorated"


@dataclass(frozen=True, slots=True)
class ReliableChange:
    pre: float
    post: float
    s_diff: float
    reliability_kind: ReliabilityKind

    @property
    def index(self) -> float:
        return (self.post - self.pre) / self.s_diff

    @property
    def threshold(self) -> float:
        """The smallest change in raw points that counts as reliable at the 95% level."""
        return Z_95 * self.s_diff

    @property
    def reliable(self) -> bool:
        return abs(self.index) > Z_95


def s_diff(sd: float, reliability: float) -> float:
    """Standard error of the difference: sd * sqrt(2) * sqrt(1 - r)."""
    if not 0 <= reliability < 1 or sd <= 0:
        raise MutualityError("reliable change needs an SD above 0 and a reliability in [0, 1)")
    return sd * math.sqrt(2) * math.sqrt(1 - reliability)


def reliable_change(scale: Scale, pre: float, post: float) -> ReliableChange | None:
    """None when the scale lacks what the index needs (a clinical SD and a reliability)."""
    if scale.clinical_norm is None or scale.reliability is None:
        return None
    return ReliableChange(
        pre,
        post,
        s_diff(scale.clinical_norm.sd, scale.reliability.value),
        scale.reliability.kind,
    )


@dataclass(frozen=True, slots=True)
class Cutoffs:
    a: float
    b: float | None
    c: float | None

    @property
    def preferred(self) -> tuple[str, float]:
        """Criterion c where both norms exist, else b, else a (Jacobson & Truax, 1991)."""
        if self.c is not None:
            return "c", self.c
        if self.b is not None:
            return "b", self.b
        return "a", self.a


def cutoffs(clinical: Norm, functional: Norm | None, higher_is_worse: bool = True) -> Cutoffs:
    sign = -1 if higher_is_worse else 1
    a = clinical.mean + sign * 2 * clinical.sd
    if functional is None:
        return Cutoffs(a, None, None)
    b = functional.mean - sign * 2 * functional.sd
    c = (clinical.sd * functional.mean + functional.sd * clinical.mean) / (
        clinical.sd + functional.sd
    )
    return Cutoffs(a, b, c)


@dataclass(frozen=True, slots=True)
class ClinicalChange:
    outcome: Outcome
    change: ReliableChange
    criterion: str | None
    cutoff: float | None


def clinical_change(scale: Scale, pre: float, post: float) -> ClinicalChange | None:
    """Recovered / improved / unchanged / deteriorated, or None without the statistics."""
    rc = reliable_change(scale, pre, post)
    if rc is None:
        return None
    better = (post < pre) if scale.higher_is_worse else (post > pre)
    criterion, cutoff = None, None
    if scale.clinical_norm is not None:
        criterion, cutoff = cutoffs(
            scale.clinical_norm, scale.functional_norm, scale.higher_is_worse
        ).preferred
    if not rc.reliable:
        outcome = Outcome.UNCHANGED
    elif not better:
        outcome = Outcome.DETERIORATED
    elif cutoff is not None and (post < cutoff if scale.higher_is_worse else post > cutoff):
        outcome = Outcome.RECOVERED
    else:
        outcome = Outcome.IMPROVED
    return ClinicalChange(outcome, rc, criterion, cutoff)


GAS_LEVELS = (-2, -1, 0, 1, 2)


def gas_t_score(
    scores: Sequence[int], weights: Sequence[float] | None = None, rho: float = 0.3
) -> float:
    """Kiresuk & Sherman's T = 50 + 10 * sum(w*x) / sqrt((1-rho) * sum(w^2) + rho * sum(w)^2)."""
    if not scores:
        raise MutualityError("goal attainment needs at least one goal score")
    for x in scores:
        if x not in GAS_LEVELS:
            raise MutualityError(f"a goal attainment score must be -2 to +2, not {x}")
    w = list(weights) if weights is not None else [1.0] * len(scores)
    if len(w) != len(scores) or any(v <= 0 for v in w):
        raise MutualityError("give one positive weight per goal")
    denominator = math.sqrt((1 - rho) * sum(v * v for v in w) + rho * sum(w) ** 2)
    return 50 + 10 * sum(v * x for v, x in zip(w, scores, strict=True)) / denominator
