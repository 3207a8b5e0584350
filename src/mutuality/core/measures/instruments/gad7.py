"""GAD-7 scoring key (Spitzer, Kroenke, Williams & Löwe, 2006). Public domain; no wording.

Seven items scored 0-3 over the past two weeks, summed 0-21; bands at 5, 10 and 15.
No clinical-sample SD is on file, so no reliable change is computed.
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
    (
        "nervousness",
        "uncontrolled worry",
        "worrying about many things",
        "trouble relaxing",
        "restlessness",
        "irritability",
        "dread",
    ),
    codes(0, 3, "not at all", "nearly every day"),
)

GAD7 = Instrument(
    key="gad7",
    version="2006",
    title="GAD-7",
    citation="Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief "
    "measure for assessing generalized anxiety disorder: The GAD-7. Arch Intern Med, 166, "
    "1092-1097.",
    validation=Validation.VALIDATED,
    period="past 2 weeks",
    items=ITEMS,
    licence="Public domain: no permission needed to reproduce or distribute.",
    loinc_panel="69737-5",
    wording_is_ours=False,
    instructions="Enter the number the client marked for each item on the paper form.",
    notes=("Reliable change is not computed: no clinical-sample SD is on file.",),
    scales=(
        Scale(
            key="total",
            name="GAD-7 total",
            items=tuple(i.key for i in ITEMS),
            max_missing=1,
            missing_rule_source="Mutuality's conservative rule: prorate with one item missing",
            bands=(Band(0, "minimal"), Band(5, "mild"), Band(10, "moderate"), Band(15, "severe")),
            reliability=Reliability(
                0.89, ReliabilityKind.INTERNAL_CONSISTENCY, "Löwe et al. (2008), Med Care 46"
            ),
            loinc="70274-6",
        ),
    ),
)
