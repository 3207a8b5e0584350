"""Reflective questions for supervision and self-review, in Mutuality's own words."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SupervisionQuestion:
    key: str
    question: str
    concepts: tuple[str, ...]
    sources: tuple[str, ...]


QUESTIONS: tuple[SupervisionQuestion, ...] = (
    SupervisionQuestion(
        "disconnection-or-deficit",
        "Which parts of this client's suffering make more sense as chronic disconnection "
        "than as something missing inside them, and how would that change my formulation?",
        ("disconnection", "relational-cultural-theory"),
        ("miller-stiver-1997",),
    ),
    SupervisionQuestion(
        "naming-images",
        "What controlling images or experiences of marginalisation does this client carry, "
        "and am I helping to name them or quietly repeating them?",
        ("controlling-images", "stratified-identities"),
        ("collins-1990", "walker-1999"),
    ),
    SupervisionQuestion(
        "my-power",
        "What power do my role and my social position give me over this person, and in "
        "which moments of our work could that power be shared?",
        ("power-over", "power-with", "caution-cultural-humility"),
        ("walker-2002",),
    ),
    SupervisionQuestion(
        "authenticity-or-pressure",
        "Is my authenticity helping this client feel met, or is it pressing them toward a "
        "disclosure they are not ready for?",
        ("authenticity", "caution-pressure-to-disclose"),
        ("jordan-2010",),
    ),
    SupervisionQuestion(
        "honest-about-evidence",
        "Does this person know what a relational approach can and cannot promise, and "
        "whether other indicated treatment belongs alongside our work?",
        ("caution-evidence", "caution-not-a-substitute"),
        ("jordan-2017",),
    ),
    SupervisionQuestion(
        "ruptures-between-us",
        "When did connection between us slip recently, did either of us name it, and what "
        "would a repair look like?",
        ("relational-resilience", "practice-quality-of-connection"),
        ("jordan-1992", "jordan-2010"),
    ),
    SupervisionQuestion(
        "my-strategies",
        "Which of my own strategies of disconnection show up with this client, and what do "
        "they protect me from?",
        ("strategies-of-disconnection", "mutual-empathy"),
        ("miller-stiver-1997",),
    ),
)
