"""RCT's concepts as Mutuality explains them to a clinician, each with its sources.

The wording is Mutuality's own summary of the theory; `sources` name where each idea
was first set out or is best described.
"""

from dataclasses import dataclass
from enum import StrEnum


class ConceptKind(StrEnum):
    FOUNDATION = "foundation"
    RELATIONAL_PROCESS = "relational-process"
    GOOD_THING = "good-thing"
    DISCONNECTION_OUTCOME = "disconnection-outcome"
    EMPATHY_COMPONENT = "empathy-component"
    CULTURE_AND_POWER = "culture-and-power"
    STRATEGY = "strategy"
    PRACTICE = "practice"
    GOAL = "goal"
    CAUTION = "caution"
    MISCONCEPTION = "misconception"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ConceptKind.FOUNDATION: "Foundations",
    ConceptKind.RELATIONAL_PROCESS: "Core relational processes",
    ConceptKind.GOOD_THING: "The five good things",
    ConceptKind.DISCONNECTION_OUTCOME: "Outcomes of disconnection",
    ConceptKind.EMPATHY_COMPONENT: "Components of empathy",
    ConceptKind.CULTURE_AND_POWER: "Culture and power",
    ConceptKind.STRATEGY: "Strategies of disconnection",
    ConceptKind.PRACTICE: "Therapy practices",
    ConceptKind.GOAL: "Goals of RCT",
    ConceptKind.CAUTION: "Cautions and contraindications",
    ConceptKind.MISCONCEPTION: "Common misconceptions",
}


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    name: str
    kind: ConceptKind
    summary: str
    body: str
    sources: tuple[str, ...]
    related: tuple[str, ...] = ()


def concept(
    key: str,
    name: str,
    kind: ConceptKind,
    summary: str,
    body: str,
    sources: tuple[str, ...],
    related: tuple[str, ...] = (),
) -> Concept:
    return Concept(key, name, kind, summary, body, sources, related)
