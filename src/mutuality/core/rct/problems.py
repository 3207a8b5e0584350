"""Problems RCT is often used for, with treatment goals and example SMART objectives.

Each goal names the relational mechanism it works through and the concepts behind it;
the objectives are examples to adapt with the client (SMART: Doran, 1981), never a
prescription.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TreatmentGoal:
    key: str
    name: str
    smart_objective: str
    mechanism: str
    concepts: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProblemForWork:
    key: str
    name: str
    summary: str
    goals: tuple[str, ...]
    concepts: tuple[str, ...]
    sources: tuple[str, ...]


GOALS: tuple[TreatmentGoal, ...] = (
    TreatmentGoal(
        "reduce-condemned-isolation",
        "Reduce condemned isolation",
        "Once a week for the next 8 weeks, the client shares something they would usually "
        "keep to themselves with one person they trust, and notes how it went.",
        "Moving from disconnection toward connection, one small risk at a time.",
        ("condemned-isolation", "desire-for-connection"),
        ("miller-stiver-1997", "doran-1981"),
    ),
    TreatmentGoal(
        "interrupt-relational-paradox",
        "Interrupt the central relational paradox",
        "Within 4 weeks, the client names in session three ways they protect themselves by "
        "hiding part of their experience.",
        "Naming the strategies of disconnection that keep connection out of reach.",
        ("central-relational-paradox", "strategies-of-disconnection"),
        ("miller-stiver-1997", "doran-1981"),
    ),
    TreatmentGoal(
        "externalise-stigma",
        "Externalise internalised stigma",
        "By week 6, the client identifies two controlling images that shape how they see "
        "themselves and says where each came from.",
        "Seeing oppression as systemic rather than as personal failing.",
        ("controlling-images", "goal-social-context"),
        ("collins-1990", "walker-1999", "doran-1981"),
    ),
    TreatmentGoal(
        "restore-zest-and-worth",
        "Restore zest and worth",
        "For 6 weeks, the client keeps a weekly log of moments that brought any of the five "
        "good things, and reviews it in session.",
        "Noticing and building on growth-fostering connection.",
        ("zest", "worth"),
        ("miller-1986", "doran-1981"),
    ),
    TreatmentGoal(
        "build-relational-resilience",
        "Build relational resilience",
        "Within 8 weeks, the client plans and tries one repair after a rupture in a "
        "relationship that matters to them, then reflects on it in session.",
        "Reconnection after disconnection.",
        ("relational-resilience", "disconnection"),
        ("jordan-1992", "doran-1981"),
    ),
    TreatmentGoal(
        "strengthen-mutual-empathy",
        "Strengthen mutual empathy",
        "Each week for 6 weeks, during one disagreement, the client puts the other person's "
        "view into words before giving their own, and records what changed.",
        "Being open to affecting and being affected.",
        ("mutual-empathy", "empathic-accuracy"),
        ("jordan-1986", "doran-1981"),
    ),
    TreatmentGoal(
        "reduce-isolation-low-mood",
        "Reduce low mood driven by isolation",
        "For 8 weeks, the client takes part in one activity a week with others that they "
        "choose for its chance of connection.",
        "Connection itself as a source of healing.",
        ("desire-for-connection", "turning-away"),
        ("hartling-et-al-2003", "doran-1981"),
    ),
)

PROBLEMS: tuple[ProblemForWork, ...] = (
    ProblemForWork(
        "isolation",
        "Chronic disconnection, isolation and loneliness",
        "The core target of RCT: helping a person move from isolation toward "
        "growth-fostering connection.",
        ("reduce-condemned-isolation", "reduce-isolation-low-mood"),
        ("condemned-isolation", "turning-away"),
        ("miller-1988", "miller-stiver-1997"),
    ),
    ProblemForWork(
        "shame-stigma",
        "Shame and internalised stigma",
        "Self-blame absorbed from a culture's controlling images, which naming can loosen.",
        ("externalise-stigma", "interrupt-relational-paradox"),
        ("controlling-images", "diminished-worth"),
        ("collins-1990", "walker-1999"),
    ),
    ProblemForWork(
        "low-mood-worth",
        "Low mood and low sense of worth",
        "Depleted energy and worth that rebuilding connection can restore.",
        ("restore-zest-and-worth", "reduce-isolation-low-mood"),
        ("zest", "worth", "diminished-energy"),
        ("miller-1986", "jordan-2010"),
    ),
    ProblemForWork(
        "relationship-conflict",
        "Relationship conflict and interpersonal difficulty",
        "Patterns where self-protective hiding keeps conflict going.",
        ("interrupt-relational-paradox", "strengthen-mutual-empathy"),
        ("central-relational-paradox", "mutual-empathy"),
        ("miller-stiver-1997",),
    ),
    ProblemForWork(
        "oppression",
        "Effects of oppression and marginalisation",
        "Distress understood as a response to systemic disconnection, not individual pathology.",
        ("externalise-stigma", "reduce-condemned-isolation"),
        ("stratified-identities", "power-over", "controlling-images"),
        ("walker-1999", "walker-2002"),
    ),
    ProblemForWork(
        "relational-trauma",
        "Relational trauma",
        "Restoring safety in relationship after relational injury, at a pace the client sets.",
        ("build-relational-resilience", "interrupt-relational-paradox"),
        ("relational-resilience", "caution-pressure-to-disclose", "caution-not-a-substitute"),
        ("miller-stiver-1997", "jordan-2010"),
    ),
)
