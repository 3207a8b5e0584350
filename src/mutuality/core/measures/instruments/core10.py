"""CORE-10 scoring key (Barkham et al., 2013; Connell & Barkham, 2007). CC BY-ND 4.0.

Ten items scored 0-4 over the last week, items 2 and 3 reverse-keyed, summed 0-40; item 6
is the risk item. Bands from the CORE scheme; clinical cut-off 11.
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

MANUAL = "Connell & Barkham (2007), CORE-10 User Manual"

ITEMS = numbered(
    (
        "tension or anxiety",
        "someone to turn to",
        "coping when things go wrong",
        "talking to people",
        "panic or terror",
        "plans to end one's life",
        "sleep",
        "despair or hopelessness",
        "unhappiness",
        "unwanted images or memories",
    ),
    codes(0, 4, "not at all", "most or all of the time"),
    risk={6: 0},
)

CORE10 = Instrument(
    key="core10",
    version="2013",
    title="CORE-10",
    citation="Barkham, M., Bewick, B., et al. (2013). The CORE-10: A short measure of "
    "psychological distress for routine use in the psychological therapies. Counselling and "
    "Psychotherapy Research, 13(1), 3-13.",
    validation=Validation.VALIDATED,
    period="last week",
    items=ITEMS,
    licence="CC BY-ND 4.0 (CORE System Trust): scoring only here, no wording, no alteration.",
    wording_is_ours=False,
    instructions="Enter the number the client marked for each item (0-4) on the paper form.",
    scales=(
        Scale(
            key="total",
            name="CORE-10 total",
            items=tuple(i.key for i in ITEMS),
            reverse=frozenset({"q2", "q3"}),
            max_missing=1,
            missing_rule_source="prorated as 10 x mean with one item missing (CORE guidance)",
            bands=(
                Band(0, "healthy"),
                Band(6, "low level"),
                Band(11, "mild"),
                Band(16, "moderate"),
                Band(21, "moderately severe"),
                Band(26, "severe"),
            ),
            clinical_norm=Norm("primary-care counselling", 19.7, 7.7, MANUAL),
            functional_norm=Norm("general population", 4.7, 4.8, MANUAL),
            reliability=Reliability(
                0.90, ReliabilityKind.INTERNAL_CONSISTENCY, "Barkham et al. (2013)"
            ),
        ),
    ),
)
