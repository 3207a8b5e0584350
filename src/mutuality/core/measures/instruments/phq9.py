"""PHQ-9 scoring key (Kroenke, Spitzer & Williams, 2001). Public domain; no item wording here.

Nine items scored 0-3 over the past two weeks, summed 0-27; bands at 5, 10, 15 and 20.
Item 9 above 0 raises a risk alert whatever the total.
"""

from mutuality.core.measures.instruments._build import codes, numbered
from mutuality.core.measures.model import (
    Band,
    Instrument,
    Norm,
    Reliability,
    ReliabilityKind,
    Scale,
    Validation,
)

KROENKE = "Kroenke, Spitzer & Williams (2001), J Gen Intern Med 16:606-613"

ITEMS = numbered(
    (
        "interest or pleasure",
        "low mood",
        "sleep",
        "energy",
        "appetite",
        "view of self",
        "concentration",
        "slowed or restless",
        "thoughts of death or self-harm",
    ),
    codes(0, 3, "not at all", "nearly every day"),
    risk={9: 0},
)

PHQ9 = Instrument(
    key="phq9",
    version="2001",
    title="PHQ-9",
    citation="Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity "
    "of a brief depression severity measure. J Gen Intern Med, 16, 606-613.",
    validation=Validation.VALIDATED,
    period="past 2 weeks",
    items=ITEMS,
    licence="Public domain: no permission needed to reproduce or distribute.",
    loinc_panel="44249-1",
    wording_is_ours=False,
    instructions="Enter the number the client marked for each item on the paper form.",
    scales=(
        Scale(
            key="total",
            name="PHQ-9 total",
            items=tuple(i.key for i in ITEMS),
            max_missing=1,
            missing_rule_source="Mutuality's conservative rule: prorate with one item missing",
            bands=(
                Band(0, "minimal"),
                Band(5, "mild"),
                Band(10, "moderate"),
                Band(15, "moderately severe"),
                Band(20, "severe"),
            ),
            clinical_norm=Norm("major depression", 17.1, 6.1, KROENKE),
            functional_norm=Norm("no depressive disorder", 3.3, 3.8, KROENKE),
            reliability=Reliability(0.89, ReliabilityKind.INTERNAL_CONSISTENCY, KROENKE),
            loinc="44261-6",
        ),
    ),
)
