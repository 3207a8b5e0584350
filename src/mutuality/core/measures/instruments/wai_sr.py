"""WAI-SR scoring key (Hatcher & Gillaspy, 2006). Scoring only; the wording stays with SPR.

Twelve items scored 1-5; Task (1, 2, 10, 12), Bond (3, 5, 7, 9) and Goal (4, 6, 8, 11)
subscales of four items each, and a total of 12-60. No published bands.
"""

from mutuality.core.measures.instruments._build import codes, numbered
from mutuality.core.measures.model import (
    Instrument,
    Reliability,
    ReliabilityKind,
    Scale,
    Validation,
)

ITEMS = numbered(tuple(f"alliance item {n}" for n in range(1, 13)), codes(1, 5, "seldom", "always"))
MUNDER = Reliability(
    0.80, ReliabilityKind.INTERNAL_CONSISTENCY, "Munder et al. (2010): alpha > .80"
)


def _sub(key: str, name: str, numbers: tuple[int, ...]) -> Scale:
    return Scale(
        key=key,
        name=name,
        items=tuple(f"q{n}" for n in numbers),
        higher_is_worse=False,
        reliability=MUNDER,
    )


WAI_SR = Instrument(
    key="wai-sr",
    version="2006",
    title="Working Alliance Inventory, short revised (WAI-SR)",
    citation="Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a "
    "revised short version of the Working Alliance Inventory. Psychotherapy Research, 16(1), "
    "12-25.",
    validation=Validation.VALIDATED,
    period="this therapy so far",
    items=ITEMS,
    licence="Free to download; permissions through the Society for Psychotherapy Research.",
    wording_is_ours=False,
    instructions="Enter the number the client marked for each item (1-5) on the paper form.",
    notes=("No published bands or cut-offs; reliable change is not computed.",),
    scales=(
        Scale(
            "total",
            "WAI-SR total",
            tuple(i.key for i in ITEMS),
            higher_is_worse=False,
            reliability=MUNDER,
        ),
        _sub("task", "Task", (1, 2, 10, 12)),
        _sub("bond", "Bond", (3, 5, 7, 9)),
        _sub("goal", "Goal", (4, 6, 8, 11)),
    ),
)
