"""Who is in the demo practice and how their relationships change over eight months.

All names and lives here are invented. Each relationship is a trajectory: ratings at the
first assessment and at the last, with optional dips (ruptures) and late arrivals, which
`practice.py` turns into dated assessments.
"""

from dataclasses import dataclass, field

from mutuality.core.rct.vocabulary import DisconnectionStrategy as S
from mutuality.core.rct.vocabulary import IdentityDimension as D
from mutuality.core.rct.vocabulary import IdentityPosition as P
from mutuality.core.rct.vocabulary import Power
from mutuality.core.rct.vocabulary import PowerDirection as Dir
from mutuality.core.rct.vocabulary import RelationshipKind as K

# Assessment points, in months before today.
POINTS = (8, 6, 4, 2, 0)


@dataclass(frozen=True)
class Trajectory:
    name: str
    kind: K
    start: tuple[int, int, int, int]  # empathy, authenticity, empowerment, closeness
    end: tuple[int, int, int, int]
    power: tuple[Power, Power] = (Power.MIXED, Power.MIXED)
    direction: Dir = Dir.SHARED
    dip_at: int | None = None  # index into POINTS where a rupture shows
    first_point: int = 0  # index into POINTS of the first assessment
    strategies: tuple[S, ...] = ()
    images: str = ""
    note: str = ""


@dataclass(frozen=True)
class Story:
    clinician: str
    name: str
    pronouns: str
    concerns: tuple[str, ...]
    note: str
    identities: tuple[tuple[D, str, P, str], ...]
    ties: tuple[Trajectory, ...]
    closed: bool = False
    extra: dict[str, str] = field(default_factory=dict)


T = Trajectory
W, MW, MX, MO, OV = Power.WITH, Power.MOSTLY_WITH, Power.MIXED, Power.MOSTLY_OVER, Power.OVER

STORIES: tuple[Story, ...] = (
    Story(
        "ana",
        "Riley",
        "they/them",
        ("isolation", "low-mood-worth"),
        "Moved city for study; describes weeks without a real conversation.",
        (
            (D.GENDER, "non-binary", P.SUBORDINATED, "at university, with extended family"),
            (D.CLASS, "first in family at university", P.MIXED, "on campus"),
        ),
        (
            T(
                "Mum",
                K.FAMILY,
                (1, 1, 1, 2),
                (3, 2, 2, 3),
                (MO, MX),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.SILENCING,),
                images="If I say how I'm doing she'll worry and I'll have failed.",
            ),
            T("Flatmate Jo", K.PEER, (1, 0, 1, 1), (2, 3, 2, 2), strategies=(S.WITHDRAWING,)),
            T(
                "Choir",
                K.COMMUNITY,
                (2, 2, 2, 1),
                (3, 3, 4, 3),
                (MW, W),
                first_point=2,
                note="Joined after talking about wanting to sing again.",
            ),
            T("Gaming group", K.ONLINE, (2, 2, 1, 2), (2, 2, 2, 2), (MW, MW)),
            T("Therapy with Ana", K.THERAPY, (2, 1, 2, 1), (4, 3, 3, 3), (MX, MW)),
        ),
    ),
    Story(
        "ana",
        "Mei",
        "she/her",
        ("oppression", "shame-stigma"),
        "Burnout at work; a manager who takes credit and comments on her accent.",
        (
            (D.RACE_ETHNICITY, "Chinese-Australian", P.SUBORDINATED, "at work"),
            (D.GENDER, "woman", P.SUBORDINATED, "in engineering meetings"),
            (D.CLASS, "professional, homeowner", P.DOMINANT, "in her neighbourhood"),
        ),
        (
            T(
                "Manager (Greg)",
                K.WORK,
                (0, 0, 0, 2),
                (2, 2, 2, 1),
                (OV, MX),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.ACCOMMODATING, S.SILENCING),
                images="Speaking up gets you labelled difficult.",
                note="Power-over named in session 6; raised it with HR in month 4.",
            ),
            T("Partner Lin", K.PARTNER, (3, 2, 3, 4), (4, 3, 3, 4), (MW, W)),
            T("Sister Wen", K.FAMILY, (2, 2, 2, 3), (3, 3, 3, 3), (MW, MW)),
            T(
                "Women in Tech network",
                K.COMMUNITY,
                (2, 2, 3, 1),
                (3, 3, 4, 2),
                (W, W),
                first_point=1,
            ),
            T("Therapy with Ana", K.THERAPY, (2, 2, 2, 1), (4, 3, 4, 3), (MX, MW)),
        ),
    ),
    Story(
        "ana",
        "Dev",
        "he/him",
        ("relationship-conflict",),
        "Falling-out with his brother over their father's care.",
        (
            (D.RACE_ETHNICITY, "British Indian", P.SUBORDINATED, "growing up, at school"),
            (D.GENDER, "man", P.DOMINANT, "in his family"),
        ),
        (
            T(
                "Brother Arun",
                K.FAMILY,
                (3, 2, 3, 3),
                (3, 3, 3, 4),
                (MW, MW),
                dip_at=2,
                strategies=(S.ANGER_AS_SHIELD,),
                note="Rupture over Dad's care in month 4; they talked it through in month 6.",
            ),
            T("Father", K.FAMILY, (2, 1, 1, 3), (2, 2, 2, 3), (MO, MX), Dir.OTHER_OVER_CLIENT),
            T("Five-a-side team", K.FRIEND, (2, 2, 3, 2), (3, 2, 3, 2), (W, W)),
            T(
                "Therapy with Ana",
                K.THERAPY,
                (2, 2, 2, 1),
                (4, 3, 3, 3),
                (MX, MW),
                dip_at=3,
                note="Felt judged in month 6; named it together and repaired.",
            ),
        ),
    ),
    Story(
        "ana",
        "Sofia",
        "she/her",
        ("relational-trauma", "isolation"),
        "Left a controlling relationship last year; trusting slowly.",
        (
            (D.GENDER, "woman", P.SUBORDINATED, "with her former partner"),
            (D.MIGRATION, "moved from Portugal at 19", P.MIXED, "at work, with paperwork"),
            (D.LANGUAGE, "Portuguese first", P.SUBORDINATED, "on the phone"),
        ),
        (
            T(
                "Former partner",
                K.PARTNER,
                (0, 0, 0, 2),
                (0, 1, 0, 0),
                (OV, MO),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.ACCOMMODATING, S.NUMBING),
                images="Love means keeping the peace.",
            ),
            T("Sister Inês", K.FAMILY, (2, 1, 2, 2), (3, 3, 3, 4), (MW, W)),
            T("Survivors' group", K.COMMUNITY, (1, 1, 2, 1), (3, 3, 3, 3), (W, W), first_point=1),
            T(
                "Therapy with Ana",
                K.THERAPY,
                (2, 1, 1, 1),
                (3, 3, 3, 3),
                (MX, MW),
                strategies=(S.DEFLECTING,),
            ),
        ),
    ),
    Story(
        "ana",
        "Tomasz",
        "he/him",
        ("low-mood-worth",),
        "Low mood since redundancy; spends days alone.",
        (
            (D.CLASS, "tradesman, out of work", P.SUBORDINATED, "at the job centre"),
            (D.AGE, "mid-fifties", P.MIXED, "when applying for jobs"),
        ),
        (
            T(
                "Wife Ewa",
                K.PARTNER,
                (2, 1, 2, 3),
                (3, 3, 3, 4),
                (MW, W),
                strategies=(S.SELF_RELIANCE,),
            ),
            T("Old work mates", K.FRIEND, (1, 1, 1, 1), (2, 2, 3, 2)),
            T(
                "Job centre",
                K.INSTITUTION,
                (0, 1, 0, 0),
                (1, 1, 1, 0),
                (MO, MO),
                Dir.OTHER_OVER_CLIENT,
            ),
            T("Therapy with Ana", K.THERAPY, (2, 2, 2, 1), (3, 3, 3, 2), (MX, MW)),
        ),
    ),
    Story(
        "ana",
        "Amara",
        "she/they",
        ("oppression", "shame-stigma"),
        "Exhausted by being the only Black woman on a leadership team.",
        (
            (D.RACE_ETHNICITY, "Black British, Nigerian heritage", P.SUBORDINATED, "at work"),
            (D.SEXUALITY, "bisexual", P.SUBORDINATED, "at church"),
            (D.CLASS, "senior manager", P.DOMINANT, "with her team"),
        ),
        (
            T(
                "Leadership team",
                K.WORK,
                (1, 0, 1, 1),
                (1, 1, 2, 1),
                (MO, MX),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.SILENCING, S.CARETAKING),
                images="I have to be twice as good and never tired.",
            ),
            T("Church community", K.COMMUNITY, (2, 1, 2, 2), (2, 2, 2, 2), (MX, MX)),
            T(
                "Black women's network",
                K.COMMUNITY,
                (3, 3, 3, 2),
                (4, 4, 4, 3),
                (W, W),
                first_point=2,
            ),
            T("Best friend Tolu", K.FRIEND, (3, 3, 3, 4), (4, 4, 3, 4), (W, W)),
            T("Therapy with Ana", K.THERAPY, (2, 2, 2, 1), (3, 4, 3, 3), (MX, MW)),
        ),
    ),
    Story(
        "ana",
        "Harriet",
        "she/her",
        ("isolation",),
        "Widowed two years; work ended by mutual agreement after good progress.",
        (
            (D.AGE, "seventy-four", P.SUBORDINATED, "with doctors and services"),
            (D.DISABILITY, "hearing loss", P.SUBORDINATED, "in groups"),
        ),
        (
            T(
                "Daughter Claire",
                K.FAMILY,
                (2, 1, 2, 2),
                (3, 3, 3, 3),
                (MX, MW),
                strategies=(S.CARETAKING,),
            ),
            T("Neighbour Pat", K.FRIEND, (1, 1, 1, 1), (3, 3, 3, 3), (W, W)),
            T("Bowls club", K.COMMUNITY, (2, 2, 3, 1), (3, 3, 3, 2), (W, W), first_point=1),
            T("Therapy with Ana", K.THERAPY, (2, 2, 2, 2), (4, 3, 3, 3), (MX, MW)),
        ),
        closed=True,
    ),
    Story(
        "ben",
        "Jordan",
        "he/him",
        ("shame-stigma", "relationship-conflict"),
        "Came out to family last year; father has not spoken to him since.",
        (
            (D.SEXUALITY, "gay", P.SUBORDINATED, "with family, at his workplace"),
            (D.RELIGION, "raised Catholic", P.MIXED, "with family"),
        ),
        (
            T(
                "Father",
                K.FAMILY,
                (0, 0, 0, 2),
                (1, 2, 1, 2),
                (OV, MX),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.WITHDRAWING,),
                images="If they really knew me they would leave.",
            ),
            T("Mother", K.FAMILY, (1, 1, 1, 3), (3, 2, 2, 3), (MX, MW)),
            T(
                "Queer climbing club",
                K.COMMUNITY,
                (2, 3, 3, 2),
                (4, 4, 3, 3),
                (W, W),
                first_point=1,
            ),
            T("Housemate Sam", K.FRIEND, (3, 2, 3, 3), (3, 3, 3, 3), (W, W)),
            T("Therapy with Ben", K.THERAPY, (2, 2, 2, 1), (3, 3, 3, 3), (MX, MW)),
        ),
    ),
    Story(
        "ben",
        "Lucía",
        "she/her",
        ("oppression", "low-mood-worth"),
        "Cleaner on short contracts; a supervisor threatens her hours.",
        (
            (
                D.MIGRATION,
                "from Colombia, on a work visa",
                P.SUBORDINATED,
                "at work, with landlords",
            ),
            (D.LANGUAGE, "Spanish first", P.SUBORDINATED, "at appointments"),
        ),
        (
            T(
                "Supervisor",
                K.WORK,
                (0, 0, 0, 1),
                (1, 1, 1, 1),
                (OV, MO),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.ACCOMMODATING,),
                images="If I complain I lose everything.",
            ),
            T("Partner Andrés", K.PARTNER, (3, 3, 3, 4), (4, 3, 4, 4), (W, W)),
            T(
                "Workers' union branch",
                K.COMMUNITY,
                (2, 2, 3, 1),
                (3, 3, 4, 2),
                (W, W),
                first_point=2,
            ),
            T("Mother (video calls)", K.ONLINE, (3, 2, 2, 3), (3, 3, 3, 3), (W, W)),
            T("Therapy with Ben", K.THERAPY, (2, 2, 2, 1), (3, 3, 3, 2), (MX, MW)),
        ),
    ),
    Story(
        "ben",
        "Kai",
        "they/them",
        ("isolation", "shame-stigma"),
        "Autistic college student; most friendships are online.",
        (
            (D.NEURODIVERGENCE, "autistic", P.SUBORDINATED, "at college"),
            (D.GENDER, "agender", P.SUBORDINATED, "at home"),
            (D.RACE_ETHNICITY, "white", P.DOMINANT, ""),
        ),
        (
            T(
                "College",
                K.INSTITUTION,
                (0, 0, 1, 1),
                (1, 1, 2, 1),
                (OV, MO),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.NUMBING,),
                images="People like me are a problem to be managed.",
            ),
            T("Discord friends", K.ONLINE, (3, 3, 3, 3), (4, 4, 3, 3), (W, W)),
            T("Dad", K.FAMILY, (1, 1, 1, 2), (2, 2, 2, 3), (MX, MW)),
            T("Therapy with Ben", K.THERAPY, (1, 1, 2, 1), (3, 3, 3, 2), (MX, MW)),
        ),
    ),
    Story(
        "ben",
        "Noor",
        "she/her",
        ("relationship-conflict",),
        "Caught between her parents' expectations and her own plans.",
        (
            (D.RELIGION, "Muslim, wears hijab", P.SUBORDINATED, "in public, at university"),
            (D.GENDER, "young woman", P.SUBORDINATED, "in family decisions"),
        ),
        (
            T(
                "Parents",
                K.FAMILY,
                (1, 1, 1, 3),
                (2, 2, 2, 3),
                (MO, MX),
                Dir.OTHER_OVER_CLIENT,
                strategies=(S.SILENCING, S.ACCOMMODATING),
            ),
            T("Mosque study circle", K.COMMUNITY, (3, 3, 3, 2), (3, 3, 4, 3), (W, W)),
            T("Course mates", K.PEER, (2, 1, 2, 1), (2, 2, 2, 2)),
            T("Therapy with Ben", K.THERAPY, (2, 2, 2, 1), (3, 3, 3, 2), (MX, MW)),
        ),
    ),
    Story(
        "ben",
        "Patrick",
        "he/him",
        ("isolation", "low-mood-worth"),
        "Retired engineer; says he has 'no one to ring'.",
        ((D.AGE, "sixty-eight", P.MIXED, ""), (D.CLASS, "comfortable, retired", P.DOMINANT, "")),
        (
            T(
                "Son Michael",
                K.FAMILY,
                (1, 1, 1, 1),
                (2, 2, 2, 2),
                strategies=(S.SELF_RELIANCE,),
                images="Men sort themselves out.",
            ),
            T("Men's shed", K.COMMUNITY, (2, 2, 3, 1), (3, 3, 4, 3), (W, W), first_point=1),
            T("Walking group", K.COMMUNITY, (2, 2, 2, 1), (3, 2, 3, 2), (W, W), first_point=3),
            T("Therapy with Ben", K.THERAPY, (1, 1, 2, 1), (3, 3, 3, 2), (MX, MW)),
        ),
    ),
    Story(
        "ben",
        "Zoe",
        "she/her",
        ("relationship-conflict", "relational-trauma"),
        "Repeated arguments with her partner that end in days of silence.",
        (
            (D.DISABILITY, "chronic pain", P.SUBORDINATED, "at work"),
            (D.CLASS, "grew up in care", P.SUBORDINATED, "with her partner's family"),
        ),
        (
            T(
                "Partner Alex",
                K.PARTNER,
                (2, 2, 2, 4),
                (3, 3, 3, 4),
                (MX, MW),
                dip_at=1,
                strategies=(S.WITHDRAWING, S.ANGER_AS_SHIELD),
                images="When people are angry, they leave.",
                note="Worst row in month 2; tried a repair conversation after.",
            ),
            T("Foster sister Kim", K.FAMILY, (3, 3, 3, 3), (3, 3, 3, 3), (W, W)),
            T("Colleagues", K.WORK, (1, 1, 2, 1), (2, 2, 2, 1)),
            T("Therapy with Ben", K.THERAPY, (2, 2, 2, 1), (3, 3, 3, 3), (MX, MW)),
        ),
    ),
)
