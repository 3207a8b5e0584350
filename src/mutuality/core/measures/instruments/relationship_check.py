"""Relationship check for one named relationship; each answer adds a point to the map.
Mutuality's own wording; not a validated instrument."""

from mutuality.core.measures.instruments._checkin import ORIGIN, items
from mutuality.core.measures.model import Instrument, Scale, Validation

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
    items=items(
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
