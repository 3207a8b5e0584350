"""The RCT knowledge core: concepts, problems-for-work, goals and reflective questions.

Everything here is immutable data in Mutuality's own words, each entry citing its
origin. `lookup` and `search` are what the Guide and the rest of the app use.
"""

from mutuality.core.errors import UnknownConcept
from mutuality.core.rct import foundations, practice
from mutuality.core.rct.concepts import Concept, ConceptKind
from mutuality.core.rct.problems import GOALS, PROBLEMS, ProblemForWork, TreatmentGoal
from mutuality.core.rct.sources import SOURCES, Source
from mutuality.core.rct.supervision import QUESTIONS, SupervisionQuestion

__all__ = [
    "CONCEPTS",
    "GOALS",
    "PROBLEMS",
    "QUESTIONS",
    "SOURCES",
    "Concept",
    "ConceptKind",
    "ProblemForWork",
    "Source",
    "SupervisionQuestion",
    "TreatmentGoal",
    "goal",
    "lookup",
    "problem",
    "search",
]

CONCEPTS: tuple[Concept, ...] = foundations.ENTRIES + practice.ENTRIES
_CONCEPTS = {c.key: c for c in CONCEPTS}
_GOALS = {g.key: g for g in GOALS}
_PROBLEMS = {p.key: p for p in PROBLEMS}


def lookup(key: str) -> Concept:
    try:
        return _CONCEPTS[key]
    except KeyError:
        raise UnknownConcept(f"'{key}' is not a concept in the Guide") from None


def goal(key: str) -> TreatmentGoal:
    try:
        return _GOALS[key]
    except KeyError:
        raise UnknownConcept(f"'{key}' is not a treatment goal in the Guide") from None


def problem(key: str) -> ProblemForWork:
    try:
        return _PROBLEMS[key]
    except KeyError:
        raise UnknownConcept(f"'{key}' is not a problem-for-work in the Guide") from None


def search(query: str) -> list[Concept]:
    """Concepts whose name or text contains every word of the query, name matches first."""
    words = query.casefold().split()
    if not words:
        return list(CONCEPTS)

    def text(c: Concept) -> str:
        return f"{c.name} {c.summary} {c.body}".casefold()

    hits = [c for c in CONCEPTS if all(w in text(c) for w in words)]
    return sorted(hits, key=lambda c: not all(w in c.name.casefold() for w in words))
