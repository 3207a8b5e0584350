"""Shared parts of Mutuality's own RCT check-ins. The wording of every check-in is the
project's; none is a validated instrument: they follow one person's change over time, and
no reliable change is claimed.

The concepts come from Miller (1986, 1988) for the five good things and the outcomes of
disconnection, and Jordan (1986) and Miller & Stiver (1997) for mutuality.
"""

from mutuality.core.measures.model import Item, Option

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


def items(pairs: tuple[tuple[str, str], ...]) -> tuple[Item, ...]:
    return tuple(Item(key, label, HOW_MUCH) for key, label in pairs)
