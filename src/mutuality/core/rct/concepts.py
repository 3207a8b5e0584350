"""RCT's concepts as Mutuality explains them to a clinician, each with its sources.

The wording is Mutuality's own summary of the theory; `sources` name where each idea
was first set out or is best described.
"""

from dataclasses import dataclass
from enum import StrEnum


class ConceptKind(StrEnum):
    FOUNDATION = "foundation"
    RELATIONAL_PROCESS = "relational-process"
    GOOD_THING = "good-thing"
    DISCONNECTION_OUTCOME = "disconnection-outcome"
    EMPATHY_COMPONENT = "empathy-component"
    CULTURE_AND_POWER = "culture-and-power"
    STRATEGY = "strategy"
    PRACTICE = "practice"
    GOAL = "goal"
    CAUTION = "caution"
    MISCONCEPTION = "misconception"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ConceptKind.FOUNDATION: "Foundations",
    ConceptKind.RELATIONAL_PROCESS: "Core relational processes",
    ConceptKind.GOOD_THING: "The five good things",
    ConceptKind.DISCONNECTION_OUTCOME: "Outcomes of disconnection",
    ConceptKind.EMPATHY_COMPONENT: "Components of empathy",
    ConceptKind.CULTURE_AND_POWER: "Culture and power",
    ConceptKind.STRATEGY: "Strategies of disconnection",
    ConceptKind.PRACTICE: "Therapy practices",
    ConceptKind.GOAL: "Goals of RCT",
    ConceptKind.CAUTION: "Cautions and contraindications",
    ConceptKind.MISCONCEPTION: "Common misconceptions",
}


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    name: str
    kind: ConceptKind
    summary: str
    body: str
    sources: tuple[str, ...]
    related: tuple[str, ...] = ()


def _c(
    key: str,
    name: str,
    kind: ConceptKind,
    summary: str,
    body: str,
    sources: tuple[str, ...],
    related: tuple[str, ...] = (),
) -> Concept:
    return Concept(key, name, kind, summary, body, sources, related)


F, P, G, D, E = (
    ConceptKind.FOUNDATION,
    ConceptKind.RELATIONAL_PROCESS,
    ConceptKind.GOOD_THING,
    ConceptKind.DISCONNECTION_OUTCOME,
    ConceptKind.EMPATHY_COMPONENT,
)
C, S, T, GL, W, M = (
    ConceptKind.CULTURE_AND_POWER,
    ConceptKind.STRATEGY,
    ConceptKind.PRACTICE,
    ConceptKind.GOAL,
    ConceptKind.CAUTION,
    ConceptKind.MISCONCEPTION,
)

CONCEPTS: tuple[Concept, ...] = (
    # Foundations
    _c(
        "relational-cultural-theory",
        "Relational-Cultural Theory",
        F,
        "A model of development in which people grow through and toward connection, "
        "within cultures that shape every relationship.",
        "Where many developmental models treat separation and self-sufficiency as maturity, "
        "RCT treats participation in mutually growth-fostering relationships as the aim of "
        "development across the whole life. Suffering is read largely as the result of "
        "chronic disconnection, and culture and power are part of the picture from the start.",
        ("miller-1976", "jordan-et-al-1991", "hartling-et-al-2003"),
        ("growth-fostering-relationship", "disconnection", "stratified-identities"),
    ),
    _c(
        "growth-fostering-relationship",
        "Growth-fostering relationship",
        F,
        "A relationship in which both people are changed for the better by being in it.",
        "Its marks are mutual empathy, authenticity and mutual empowerment. Such a "
        "relationship leaves both people with the five good things. No relationship is "
        "growth-fostering all the time; what matters is whether it can move back toward "
        "mutuality after moments of disconnection.",
        ("miller-1986", "jordan-et-al-1991"),
        ("mutual-empathy", "authenticity", "mutual-empowerment", "zest"),
    ),
    _c(
        "disconnection",
        "Disconnection",
        F,
        "A moment or pattern in which a person is not met, understood or responded to.",
        "Acute disconnections are part of every relationship and can deepen it when they "
        "are repaired. When a less powerful person cannot voice the hurt, or voicing it is "
        "punished, disconnection becomes chronic and leaves the outcomes of disconnection "
        "in its wake.",
        ("miller-1988", "miller-stiver-1997"),
        ("relational-resilience", "diminished-energy", "central-relational-paradox"),
    ),
    _c(
        "central-relational-paradox",
        "Central relational paradox",
        F,
        "Longing for connection while keeping parts of oneself out of relationship, which "
        "deepens the isolation one fears.",
        "After repeated disconnection, people want relationship more, yet fear it more, and "
        "hide what they expect to be unwelcome. The hiding protects in the moment but keeps "
        "real connection out of reach. Therapy holds both sides with empathy: the yearning "
        "and the strategies that keep the person safe.",
        ("miller-stiver-1997",),
        ("strategies-of-disconnection", "condemned-isolation", "relational-images"),
    ),
    _c(
        "relational-images",
        "Relational images",
        F,
        "Inner expectations about how relationships go, formed in earlier relationships.",
        "They work like templates: a person who learned that needing others brings rejection "
        "may read a friend's lateness as proof of it. Relational images can be named, "
        "examined and revised, above all through new experiences of connection, including "
        "the one in therapy.",
        ("miller-stiver-1997", "jordan-2010"),
        ("controlling-images", "central-relational-paradox"),
    ),
    _c(
        "condemned-isolation",
        "Condemned isolation",
        F,
        "Feeling shut out of human connection and believing it is one's own fault.",
        "Miller described it as the most painful of human experiences: alone, immobilised, "
        "and convinced that one is the cause. Shame and marginalisation both feed it, and "
        "it is often held in place by a dominant culture that isolates those it devalues.",
        ("miller-1988", "miller-stiver-1997"),
        ("turning-away", "controlling-images", "disconnection"),
    ),
    _c(
        "relational-resilience",
        "Relational resilience",
        F,
        "The capacity to move back toward connection after disconnection.",
        "RCT locates resilience in relationships rather than in a lone, hardy self: it grows "
        "where a rupture can be named, heard and repaired. Each repair strengthens the "
        "expectation that connection can survive conflict.",
        ("jordan-1992", "jordan-2004"),
        ("disconnection", "mutual-empowerment"),
    ),
    # Core relational processes
    _c(
        "mutual-empathy",
        "Mutual empathy",
        P,
        "Both people are open to being moved by, and to moving, the other.",
        "It goes beyond one person understanding another: the client sees that they have "
        "had an effect on the therapist, and learns that their feelings matter and reach "
        "others. Jordan named it the engine of change in growth-fostering relationships.",
        ("jordan-1986", "jordan-et-al-1991"),
        ("authenticity", "emotional-attunement", "growth-fostering-relationship"),
    ),
    _c(
        "authenticity",
        "Authenticity",
        P,
        "Bringing more of oneself into a relationship, with care for its effect on the other.",
        "It is an ongoing movement rather than a state reached once: people become more or "
        "less authentic as the relationship allows. For therapists it means responsive, "
        "honest presence, never disclosure for its own sake.",
        ("miller-stiver-1997", "jordan-2010"),
        ("mutual-empathy", "caution-pressure-to-disclose"),
    ),
    _c(
        "mutual-empowerment",
        "Mutual empowerment",
        P,
        "Each person leaves the exchange more able to act, in the relationship and beyond it.",
        "Power here is the capacity to produce change, shared rather than held over someone. "
        "In a mutually empowering relationship both people gain energy and agency.",
        ("miller-1986", "walker-2002"),
        ("power-with", "action"),
    ),
    _c(
        "movement-toward-mutuality",
        "Movement toward mutuality",
        P,
        "The back-and-forth process by which two people become more able to respond to "
        "each other authentically.",
        "Mutuality is a direction, not a balance sheet: it does not require equal roles or "
        "equal disclosure, as in therapy, but it does require that both people can affect "
        "and be affected.",
        ("jordan-1986", "hartling-et-al-2003"),
        ("mutual-empathy", "authenticity", "mutual-empowerment"),
    ),
    # The five good things
    _c(
        "zest",
        "Zest",
        G,
        "A felt rise in energy and aliveness that comes from real connection.",
        "People often notice it right after feeling truly met. Its absence, a flat or "
        "drained feeling after contact, is a useful clinical signal.",
        ("miller-1986", "miller-1988"),
        ("diminished-energy", "growth-fostering-relationship"),
    ),
    _c(
        "action",
        "Action",
        G,
        "Being more able to act, in the relationship and in the rest of life.",
        "Connection frees energy for doing: making a call, setting a limit, trying something "
        "new. It is the behavioural side of mutual empowerment.",
        ("miller-1986",),
        ("diminished-action", "mutual-empowerment"),
    ),
    _c(
        "clarity",
        "Clarity",
        G,
        "Knowing oneself and the other person more fully.",
        "Being understood helps a person put words to their experience and see others more "
        "accurately.",
        ("miller-1986",),
        ("confusion", "empathic-accuracy"),
    ),
    _c(
        "worth",
        "Sense of worth",
        G,
        "Feeling that one matters, because one has mattered to someone.",
        "Worth in RCT grows from being valued in relationship rather than from achievement alone.",
        ("miller-1986",),
        ("diminished-worth",),
    ),
    _c(
        "desire-for-connection",
        "Desire for more connection",
        G,
        "Wanting more relationships like this one.",
        "A good connection turns a person outward, toward others, and so widens their "
        "network of growth-fostering ties.",
        ("miller-1986",),
        ("turning-away",),
    ),
    # Outcomes of disconnection
    _c(
        "diminished-energy",
        "Diminished energy",
        D,
        "The drained, flat state that follows being unmet.",
        "The mirror image of zest. Clients often describe it as tiredness after contact with "
        "a particular person.",
        ("miller-1988", "hartling-et-al-2003"),
        ("zest",),
    ),
    _c(
        "diminished-action",
        "Diminished action",
        D,
        "Feeling less able to act, or stuck.",
        "Disconnection takes away the energy and confidence needed to move; the person may "
        "freeze or defer.",
        ("miller-1988",),
        ("action",),
    ),
    _c(
        "confusion",
        "Confusion",
        D,
        "Less clarity about oneself, the other and what happened between them.",
        "When an experience is denied or unacknowledged, a person may come to doubt their own "
        "perceptions.",
        ("miller-1988",),
        ("clarity",),
    ),
    _c(
        "diminished-worth",
        "Diminished worth",
        D,
        "Feeling that one matters less, often with shame.",
        "Repeated disconnection is easily read as proof of being unworthy, especially when "
        "culture already devalues the person.",
        ("miller-1988",),
        ("worth", "controlling-images"),
    ),
    _c(
        "turning-away",
        "Turning away from relationships",
        D,
        "Withdrawing from connection, which deepens isolation.",
        "The last of the five outcomes, and the one that most directly feeds condemned isolation.",
        ("miller-1988", "hartling-et-al-2003"),
        ("condemned-isolation", "desire-for-connection"),
    ),
    # Empathy components
    _c(
        "emotional-attunement",
        "Emotional attunement",
        E,
        "Resonating with what the other person feels, not only naming it.",
        "Attunement is felt in the body and the voice; it is the ground on which the other "
        "components of empathy stand.",
        ("jordan-et-al-1991",),
        ("mutual-empathy", "expressive-empathy"),
    ),
    _c(
        "empathic-accuracy",
        "Empathic accuracy",
        E,
        "Understanding the other person's feelings and meanings as they see them.",
        "Accuracy is checked, not assumed: a good guess offered tentatively and corrected "
        "by the client is empathy at work.",
        ("jordan-et-al-1991",),
        ("clarity", "emotional-attunement"),
    ),
    _c(
        "empathic-concern",
        "Empathic concern",
        E,
        "Caring about the other person's wellbeing and wanting them to flourish.",
        "Concern moves empathy from understanding toward responsiveness.",
        ("jordan-et-al-1991",),
        ("mutual-empathy",),
    ),
    _c(
        "expressive-empathy",
        "Expressive empathy",
        E,
        "Letting the other person see that they have been understood and have had an effect.",
        "Without expression, empathy stays private; with it, the client learns they can reach "
        "another person. This is where mutual empathy becomes visible.",
        ("jordan-et-al-1991", "jordan-2010"),
        ("mutual-empathy", "authenticity"),
    ),
    # Culture and power
    _c(
        "stratified-identities",
        "Stratified social identities",
        C,
        "Every person carries several social identities, ranked by the culture as more or "
        "less valued.",
        "Race, gender, class, sexuality, disability and more place each person as dominant, "
        "subordinated or both, depending on the setting. Walker argued that it is the "
        "ranking of difference, not difference itself, that limits authenticity and "
        "connection.",
        ("walker-1999", "walker-2002"),
        ("power-over", "controlling-images"),
    ),
    _c(
        "controlling-images",
        "Controlling images",
        C,
        "Demeaning stereotypes about a group that make hierarchy look natural.",
        "Collins described how such images are used to justify domination; they are taken "
        "in by the people they target and by those who benefit. In therapy, naming them "
        "turns what feels like personal failure into an effect of culture.",
        ("collins-1990", "walker-1999"),
        ("relational-images", "diminished-worth", "condemned-isolation"),
    ),
    _c(
        "power-over",
        "Power-over",
        C,
        "Power used to dominate, silence or control another person.",
        "Power-over suppresses difference and makes authentic engagement risky for the less "
        "powerful person. It can sit inside families, workplaces, institutions and therapy.",
        ("miller-1976", "walker-2002"),
        ("power-with", "stratified-identities"),
    ),
    _c(
        "power-with",
        "Power-with",
        C,
        "Power shared so that both people can act and grow.",
        "Power-with does not deny differences in role or resources; it acknowledges them and "
        "uses power to enlarge the other person's capacity rather than to limit it.",
        ("miller-1976", "walker-2002"),
        ("power-over", "mutual-empowerment"),
    ),
    # Strategies of disconnection
    _c(
        "strategies-of-disconnection",
        "Strategies of disconnection",
        S,
        "The ways a person keeps parts of themselves out of relationship to stay safe.",
        "Silencing, pleasing, withdrawing, joking away pain, needing no one: each once made "
        "sense and often still protects. RCT honours them as survival strategies and works "
        "to make them a choice rather than a reflex.",
        ("miller-stiver-1997",),
        ("central-relational-paradox", "practice-naming-disconnection"),
    ),
    # Therapy practices
    _c(
        "practice-mutual-empathy",
        "Developing mutual empathy",
        T,
        "The therapist lets the client see that their experience has reached them.",
        "This is disciplined responsiveness, guided by what helps the client, rather than "
        "unfiltered self-expression.",
        ("jordan-2010", "hartling-et-al-2003"),
        ("mutual-empathy", "expressive-empathy"),
    ),
    _c(
        "practice-quality-of-connection",
        "Attending to the quality of connection",
        T,
        "Noticing, in the room, when connection grows and when it slips.",
        "Moments of disconnection between client and therapist are treated as material for "
        "the work, and repairing them is itself therapeutic.",
        ("jordan-2010",),
        ("disconnection", "relational-resilience"),
    ),
    _c(
        "practice-naming-power",
        "Attending to power",
        T,
        "Naming how power shapes therapy and the client's other relationships.",
        "The therapist acknowledges the power of the role and works toward power-with in the room.",
        ("walker-2002", "jordan-2010"),
        ("power-over", "power-with"),
    ),
    _c(
        "practice-naming-disconnection",
        "Honouring and naming strategies of disconnection",
        T,
        "Recognising the protective sense of a strategy before inviting change.",
        "Naming a strategy gently, with empathy for why it was needed, loosens the central "
        "relational paradox.",
        ("miller-stiver-1997",),
        ("strategies-of-disconnection", "central-relational-paradox"),
    ),
    _c(
        "practice-images",
        "Working with relational and controlling images",
        T,
        "Bringing inner expectations and cultural stereotypes into words so they can be "
        "questioned.",
        "New experiences of connection, in therapy and outside it, provide the evidence that "
        "revises old images.",
        ("miller-stiver-1997", "walker-1999"),
        ("relational-images", "controlling-images"),
    ),
    # Goals
    _c(
        "goal-more-connection",
        "More growth-fostering connection",
        GL,
        "Helping the client build and keep relationships that leave them with the five good "
        "things.",
        "The aim is a network of connection rather than dependence on the therapist.",
        ("jordan-2010", "hartling-et-al-2003"),
        ("growth-fostering-relationship", "desire-for-connection"),
    ),
    _c(
        "goal-revise-images",
        "Revising relational images",
        GL,
        "Loosening expectations that predict rejection or danger in every relationship.",
        "Change shows in how the client reads new relationships and risks more of themselves.",
        ("miller-stiver-1997",),
        ("relational-images",),
    ),
    _c(
        "goal-resilience",
        "Building relational resilience",
        GL,
        "Growing the capacity to move back toward connection after ruptures.",
        "Practising repair in therapy carries into the client's other relationships.",
        ("jordan-1992",),
        ("relational-resilience",),
    ),
    _c(
        "goal-social-context",
        "Seeing suffering in its social context",
        GL,
        "Helping the client see how culture and power, not only personal failing, shaped "
        "their pain.",
        "This lifts shame and can open connection with others who share the experience.",
        ("walker-1999", "jordan-2010"),
        ("controlling-images", "condemned-isolation"),
    ),
    # Cautions
    _c(
        "caution-not-a-substitute",
        "Not a substitute for indicated care",
        W,
        "RCT is a relational frame, not a replacement for trauma-focused, medical or "
        "risk-management care when those are indicated.",
        "Use it as the way such care is delivered, and refer or combine when symptoms call "
        "for specific treatment.",
        ("jordan-2010",),
        ("relational-cultural-theory",),
    ),
    _c(
        "caution-pressure-to-disclose",
        "Authenticity is never pressure to disclose",
        W,
        "For clients to whom openness feels dangerous, the pace of disclosure is theirs.",
        "Some trauma survivors need long stretches of safety first; a therapist's "
        "authenticity must not become a demand for matching openness.",
        ("jordan-2010", "miller-stiver-1997"),
        ("authenticity", "strategies-of-disconnection"),
    ),
    _c(
        "caution-cultural-humility",
        "Cultural humility",
        W,
        "The therapist keeps examining their own place in power-over structures.",
        "RCT began with women's experience in one culture; apply it with attention to the "
        "client's own context rather than assuming its concepts fit unchanged.",
        ("walker-1999", "jordan-2010"),
        ("stratified-identities", "power-over"),
    ),
    _c(
        "caution-evidence",
        "State the evidence honestly",
        W,
        "RCT is a well-developed framework with a mostly theoretical and qualitative evidence "
        "base.",
        "Present it to clients as a relational approach, not as a first-line protocol for a "
        "specific disorder.",
        ("jordan-2017",),
        ("relational-cultural-theory",),
    ),
    # Misconceptions
    _c(
        "misconception-just-warmth",
        "'RCT is just being warm'",
        M,
        "Mutuality and authentic presence are specific processes, not general friendliness.",
        "A therapist can be warm and still not let the client see their impact; mutual "
        "empathy asks for more.",
        ("jordan-2010",),
        ("mutual-empathy", "authenticity"),
    ),
    _c(
        "misconception-anti-autonomy",
        "'RCT opposes autonomy'",
        M,
        "RCT keeps agency but places it inside connection rather than in separation.",
        "Clients become more able to act because they are connected, not less.",
        ("miller-1976", "jordan-2010"),
        ("action", "mutual-empowerment"),
    ),
    _c(
        "misconception-women-only",
        "'RCT is only for women'",
        M,
        "It began with women's experience and was widened to centre many marginalised "
        "perspectives.",
        "The cultural turn in the theory's name marks that widening.",
        ("hartling-et-al-2003", "walker-1999"),
        ("stratified-identities",),
    ),
    _c(
        "misconception-individual-only",
        "'RCT is a purely individual therapy'",
        M,
        "Its analysis is cultural and political as well as personal.",
        "Individual distress is read in the light of the disconnections a culture imposes.",
        ("walker-2002",),
        ("goal-social-context",),
    ),
)
