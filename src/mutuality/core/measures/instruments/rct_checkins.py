"""Mutuality's own RCT check-ins. The wording is the project's; none is a validated
instrument: they follow one person's change over time, and no reliable change is claimed.

The concepts come from Miller (1986, 1988) for the five good things and the outcomes of
disconnection, and Jordan (1986) and Miller & Stiver (1997) for mutuality.
"""

from mutuality.core.measures.model import Instrument, Item, Option, Scale, Validation

HOW_MUCH = (
    Option(0, "0 · not at all"),
    Option(1, "1 · a little"),
    Option(2, "2 · somewhat"),
    Option(3, "3 · quite a lot"),
    Option(4, "4 · very much"),
)
ORIGIN = (
    "Mutuality's own check-in, after Miller (1986, 1988), Jordan (1986), Miller & Stiver (1997)"
)


def _items(pairs: tuple[tuple[str, str], ...]) -> tuple[Item, ...]:
    return tuple(Item(key, label, HOW_MUCH) for key, label in pairs)


FIVE_GOOD_THINGS = Instrument(
    key="five-good-things",
    version="1",
    title="Five Good Things check-in",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="this past week",
    about="How much the client's connections this week brought each of the five good things.",
    instructions="Thinking about the people you spent time with this past week…",
    items=_items(
        (
            ("zest", "…how much energy or aliveness did you come away with?"),
            ("action", "…how much did you feel able to do things that matter to you?"),
            ("clarity", "…how much clearer did you feel about yourself or others?"),
            ("worth", "…how much did you feel that you matter?"),
            ("connection", "…how much did you want more time with people like that?"),
        )
    ),
    scales=(
        Scale(
            "total",
            "Five good things",
            ("zest", "action", "clarity", "worth", "connection"),
            higher_is_worse=False,
        ),
    ),
)

DISCONNECTION = Instrument(
    key="disconnection",
    version="1",
    title="Disconnection check-in",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="this past week",
    about="How much of the five outcomes of disconnection the client felt this week.",
    instructions="This past week, after time with other people…",
    items=_items(
        (
            ("energy", "…how drained or flat did you feel?"),
            ("action", "…how stuck or unable to act did you feel?"),
            ("confusion", "…how confused were you about yourself or what happened?"),
            ("worth", "…how much less did you feel you matter?"),
            ("turning-away", "…how much did you want to pull away from people?"),
        )
    ),
    scales=(
        Scale(
            "total",
            "Disconnection",
            ("energy", "action", "confusion", "worth", "turning-away"),
        ),
    ),
)

MUTUALITY_KEYS = ("heard", "affected", "authentic", "power-shared")

SESSION_MUTUALITY_CLIENT = Instrument(
    key="session-mutuality-client",
    version="1",
    title="Session Mutuality (client)",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="today's session",
    about="The client's side of how mutual today's session felt.",
    instructions="About today's session…",
    pair="session-mutuality-clinician",
    items=_items(
        (
            ("heard", "…how much did you feel heard?"),
            ("affected", "…how much did what you said seem to reach your therapist?"),
            ("authentic", "…how much could you be yourself?"),
            ("power-shared", "…how much did you have a say in what we did?"),
        )
    ),
    scales=(Scale("total", "Mutuality (client)", MUTUALITY_KEYS, higher_is_worse=False),),
)

SESSION_MUTUALITY_CLINICIAN = Instrument(
    key="session-mutuality-clinician",
    version="1",
    title="Session Mutuality (clinician)",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="today's session",
    about="The clinician's side of the same four questions, for comparison.",
    instructions="About today's session…",
    pair="session-mutuality-client",
    items=_items(
        (
            ("heard", "…how well did I hear my client?"),
            ("affected", "…how much was I moved by my client?"),
            ("authentic", "…how much could I be genuinely present?"),
            ("power-shared", "…how much did we share decisions about the work?"),
        )
    ),
    scales=(Scale("total", "Mutuality (clinician)", MUTUALITY_KEYS, higher_is_worse=False),),
)

RELATIONSHIP_CHECK = Instrument(
    key="relationship-check",
    version="1",
    title="Relationship check",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="lately",
    about="One named relationship, rated by the client; each answer adds a dated point to "
    "the relational map.",
    instructions="Thinking about this relationship lately…",
    items=_items(
        (
            ("mutual-empathy", "…how much are you both moved by what the other feels?"),
            ("authenticity", "…how much can you be yourself with them?"),
            ("mutual-empowerment", "…how much do you both come away more able to act?"),
            ("closeness", "…how close does it feel?"),
            ("power-over", "…how much do they decide things for you, without you?"),
        )
    ),
    scales=(
        Scale(
            "total",
            "Relationship (empathy, authenticity, empowerment)",
            ("mutual-empathy", "authenticity", "mutual-empowerment"),
            higher_is_worse=False,
        ),
    ),
)
