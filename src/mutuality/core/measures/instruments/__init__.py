"""The instruments that ship with Mutuality, by key."""

from mutuality.core.measures.instruments.core10 import CORE10
from mutuality.core.measures.instruments.disconnection import DISCONNECTION
from mutuality.core.measures.instruments.five_good_things import FIVE_GOOD_THINGS
from mutuality.core.measures.instruments.gad7 import GAD7
from mutuality.core.measures.instruments.loneliness3 import LONELINESS3
from mutuality.core.measures.instruments.phq9 import PHQ9
from mutuality.core.measures.instruments.relationship_check import RELATIONSHIP_CHECK
from mutuality.core.measures.instruments.session_mutuality import (
    SESSION_MUTUALITY_CLIENT,
    SESSION_MUTUALITY_CLINICIAN,
)
from mutuality.core.measures.instruments.wai_sr import WAI_SR
from mutuality.core.measures.model import Instrument

BUILT_IN: dict[str, Instrument] = {
    i.key: i
    for i in (
        FIVE_GOOD_THINGS,
        DISCONNECTION,
        SESSION_MUTUALITY_CLIENT,
        SESSION_MUTUALITY_CLINICIAN,
        RELATIONSHIP_CHECK,
        PHQ9,
        GAD7,
        CORE10,
        LONELINESS3,
        WAI_SR,
    )
}
