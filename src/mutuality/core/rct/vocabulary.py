"""The controlled vocabulary clinical records use: stable keys with readable labels.

Where a member names an RCT concept its value is that concept's Guide key, so any screen
that shows it can link to the Guide.
"""

from enum import IntEnum, StrEnum


class Choice(StrEnum):
    """A stable key stored in records, with the label people read."""

    @property
    def label(self) -> str:
        return LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(key, label) pairs, as forms and model fields want them."""
        return [(m.value, m.label) for m in cls]


class GoodThing(Choice):
    """Miller's (1988) five good things that come from growth-fostering connection."""

    ZEST = "zest"
    ACTION = "action"
    CLARITY = "clarity"
    WORTH = "worth"
    DESIRE_FOR_CONNECTION = "desire-for-connection"


class DisconnectionOutcome(Choice):
    """The five outcomes that chronic disconnection leaves behind (Miller, 1988)."""

    DIMINISHED_ENERGY = "diminished-energy"
    DIMINISHED_ACTION = "diminished-action"
    CONFUSION = "confusion"
    DIMINISHED_WORTH = "diminished-worth"
    TURNING_AWAY = "turning-away"


class DisconnectionStrategy(Choice):
    """Common ways people keep parts of themselves out of relationship (Miller & Stiver, 1997).

    Strategies are personal; this list names frequent patterns so they can be tracked,
    and a note holds the client's own description.
    """

    SILENCING = "silencing"
    ACCOMMODATING = "accommodating"
    WITHDRAWING = "withdrawing"
    DEFLECTING = "deflecting"
    SELF_RELIANCE = "self-reliance"
    CARETAKING = "caretaking"
    ANGER_AS_SHIELD = "anger-as-shield"
    NUMBING = "numbing"


class RelationshipKind(Choice):
    FAMILY = "family"
    PARTNER = "partner"
    FRIEND = "friend"
    PEER = "peer"
    MENTOR = "mentor"
    WORK = "work"
    COMMUNITY = "community"
    INSTITUTION = "institution"
    ONLINE = "online"
    THERAPY = "therapy"


class PowerDirection(Choice):
    """Who holds power when a tie leans toward power-over."""

    OTHER_OVER_CLIENT = "other-over-client"
    CLIENT_OVER_OTHER = "client-over-other"
    SHARED = "shared"


class IdentityDimension(Choice):
    RACE_ETHNICITY = "race-ethnicity"
    GENDER = "gender"
    SEXUALITY = "sexuality"
    CLASS = "class"
    DISABILITY = "disability"
    AGE = "age"
    RELIGION = "religion"
    MIGRATION = "migration"
    LANGUAGE = "language"
    BODY = "body"
    NEURODIVERGENCE = "neurodivergence"
    OTHER = "other"


class IdentityPosition(Choice):
    """How an identity is experienced in a stratified culture (Walker, 1999)."""

    DOMINANT = "dominant"
    SUBORDINATED = "subordinated"
    MIXED = "mixed"


class Power(IntEnum):
    """Power in a relationship, from power-with (0) to power-over (4) (Miller, 1976)."""

    WITH = 0
    MOSTLY_WITH = 1
    MIXED = 2
    MOSTLY_OVER = 3
    OVER = 4

    @property
    def label(self) -> str:
        return POWER_LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[int, str]]:
        return [(p.value, p.label) for p in cls]


# Each good thing and the outcome of disconnection that is its absence (Miller, 1988):
# one relationship cannot bring and take away the same thing on one date.
MIRRORS: dict[GoodThing, DisconnectionOutcome] = {
    GoodThing.ZEST: DisconnectionOutcome.DIMINISHED_ENERGY,
    GoodThing.ACTION: DisconnectionOutcome.DIMINISHED_ACTION,
    GoodThing.CLARITY: DisconnectionOutcome.CONFUSION,
    GoodThing.WORTH: DisconnectionOutcome.DIMINISHED_WORTH,
    GoodThing.DESIRE_FOR_CONNECTION: DisconnectionOutcome.TURNING_AWAY,
}

POWER_LABELS: dict[Power, str] = {
    Power.WITH: "Power-with",
    Power.MOSTLY_WITH: "Mostly power-with",
    Power.MIXED: "Mixed",
    Power.MOSTLY_OVER: "Mostly power-over",
    Power.OVER: "Power-over",
}

LABELS: dict[Choice, str] = {
    GoodThing.ZEST: "Zest",
    GoodThing.ACTION: "Action",
    GoodThing.CLARITY: "Clarity",
    GoodThing.WORTH: "Sense of worth",
    GoodThing.DESIRE_FOR_CONNECTION: "Desire for more connection",
    DisconnectionOutcome.DIMINISHED_ENERGY: "Diminished energy",
    DisconnectionOutcome.DIMINISHED_ACTION: "Diminished action",
    DisconnectionOutcome.CONFUSION: "Confusion",
    DisconnectionOutcome.DIMINISHED_WORTH: "Diminished worth",
    DisconnectionOutcome.TURNING_AWAY: "Turning away from relationships",
    DisconnectionStrategy.SILENCING: "Silencing oneself",
    DisconnectionStrategy.ACCOMMODATING: "Accommodating / pleasing",
    DisconnectionStrategy.WITHDRAWING: "Withdrawing",
    DisconnectionStrategy.DEFLECTING: "Deflecting (humour, changing the subject)",
    DisconnectionStrategy.SELF_RELIANCE: "Needing no one",
    DisconnectionStrategy.CARETAKING: "Caring for others to avoid being known",
    DisconnectionStrategy.ANGER_AS_SHIELD: "Anger as a shield",
    DisconnectionStrategy.NUMBING: "Numbing / staying busy",
    RelationshipKind.FAMILY: "Family",
    RelationshipKind.PARTNER: "Partner",
    RelationshipKind.FRIEND: "Friend",
    RelationshipKind.PEER: "Peer",
    RelationshipKind.MENTOR: "Mentor",
    RelationshipKind.WORK: "Work",
    RelationshipKind.COMMUNITY: "Community",
    RelationshipKind.INSTITUTION: "Institution",
    RelationshipKind.ONLINE: "Online",
    RelationshipKind.THERAPY: "Therapeutic relationship",
    PowerDirection.OTHER_OVER_CLIENT: "They hold power over the client",
    PowerDirection.CLIENT_OVER_OTHER: "The client holds power over them",
    PowerDirection.SHARED: "Shared or not applicable",
    IdentityDimension.RACE_ETHNICITY: "Race / ethnicity",
    IdentityDimension.GENDER: "Gender",
    IdentityDimension.SEXUALITY: "Sexuality",
    IdentityDimension.CLASS: "Class",
    IdentityDimension.DISABILITY: "Disability",
    IdentityDimension.AGE: "Age",
    IdentityDimension.RELIGION: "Religion / belief",
    IdentityDimension.MIGRATION: "Migration / nationality",
    IdentityDimension.LANGUAGE: "Language",
    IdentityDimension.BODY: "Body size / appearance",
    IdentityDimension.NEURODIVERGENCE: "Neurodivergence",
    IdentityDimension.OTHER: "Other",
    IdentityPosition.DOMINANT: "Dominant",
    IdentityPosition.SUBORDINATED: "Subordinated",
    IdentityPosition.MIXED: "Mixed / depends on context",
}
