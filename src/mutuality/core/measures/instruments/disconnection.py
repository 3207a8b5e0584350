"""Disconnection check-in: Mutuality's own wording; not a validated instrument."""

from mutuality.core.measures.instruments._checkin import ORIGIN, items
from mutuality.core.measures.model import Instrument, Scale, Validation

DISCONNECTION = Instrument(
    key="disconnection",
    version="1",
    title="Disconnection check-in",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="this past week",
    about="How much of the five outcomes of disconnection the client felt this week.",
    instructions="This past week, after time with other people…",
    items=items(
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
