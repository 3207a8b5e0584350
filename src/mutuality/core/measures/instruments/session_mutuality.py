"""Session Mutuality, a pair of forms asking client and clinician the same four questions
about one session. Mutuality's own wording; not a validated instrument."""

from mutuality.core.measures.instruments._checkin import ORIGIN, items
from mutuality.core.measures.model import Instrument, Scale, Validation

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
    items=items(
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
    items=items(
        (
            ("heard", "…how well did I hear my client?"),
            ("affected", "…how much was I moved by my client?"),
            ("authentic", "…how much could I be genuinely present?"),
            ("power-shared", "…how much did we share decisions about the work?"),
        )
    ),
    scales=(Scale("total", "Mutuality (clinician)", MUTUALITY_KEYS, higher_is_worse=False),),
)
