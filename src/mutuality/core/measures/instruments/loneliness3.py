"""Three-item loneliness scale (Hughes, Waite, Hawkley & Cacioppo, 2004). Not copyrighted.

Three items scored 1-3, summed 3-9; 6 and above is the usual "lonely" convention.
This is the 3-point version; the 4-point variant must not share a time series with it.
"""

from mutuality.core.measures.instruments._build import codes, numbered
from mutuality.core.measures.model import (
    Band,
    Instrument,
    Reliability,
    ReliabilityKind,
    Scale,
    Validation,
)

ITEMS = numbered(
    ("lacking companionship", "feeling left out", "feeling isolated"),
    codes(1, 3, "hardly ever", "often"),
)

LONELINESS3 = Instrument(
    key="loneliness3",
    version="2004",
    title="Three-item loneliness scale",
    citation="Hughes, M. E., Waite, L. J., Hawkley, L. C., & Cacioppo, J. T. (2004). A short "
    "scale for measuring loneliness in large surveys. Research on Aging, 26(6), 655-672.",
    validation=Validation.VALIDATED,
    period="not fixed by the authors",
    items=ITEMS,
    licence="Not a copyrighted scale (Carnegie Mellon Common Cold Project).",
    wording_is_ours=False,
    instructions="Enter the number the client marked for each item (1-3).",
    notes=(
        "The 6+ 'lonely' band is a research convention, not a validated clinical cut-off.",
        "Reliable change is not computed: no norms with an SD are on file.",
    ),
    scales=(
        Scale(
            key="total",
            name="Loneliness total",
            items=tuple(i.key for i in ITEMS),
            bands=(Band(3, "not lonely"), Band(6, "lonely")),
            reliability=Reliability(
                0.72, ReliabilityKind.INTERNAL_CONSISTENCY, "Hughes et al. (2004)"
            ),
        ),
    ),
)
