"""Five Good Things check-in: Mutuality's own wording; not a validated instrument."""

from mutuality.core.measures.instruments._checkin import ORIGIN, items
from mutuality.core.measures.model import Instrument, Scale, Validation

FIVE_GOOD_THINGS = Instrument(
    key="five-good-things",
    version="1",
    title="Five Good Things check-in",
    citation=ORIGIN,
    validation=Validation.NOT_VALIDATED,
    period="this past week",
    about="How much the client's connections this week brought each of the five good things.",
    instructions="Thinking about the people you spent time with this past week…",
    items=items(
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
