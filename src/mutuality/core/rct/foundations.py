"""RCT's foundations, relational processes, the five good things, the outcomes of
disconnection and the components of empathy, in Mutuality's own words."""

from mutuality.core.rct.concepts import Concept, ConceptKind, concept

F, P, G, D, E = (
    ConceptKind.FOUNDATION,
    ConceptKind.RELATIONAL_PROCESS,
    ConceptKind.GOOD_THING,
    ConceptKind.DISCONNECTION_OUTCOME,
    ConceptKind.EMPATHY_COMPONENT,
)

ENTRIES: tuple[Concept, ...] = (
    # Foundations
    concept(
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
    concept(
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
    concept(
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
    concept(
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
    concept(
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
    concept(
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
    concept(
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
    concept(
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
    concept(
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
    concept(
        "mutual-empowerment",
        "Mutual empowerment",
        P,
        "Each person leaves the exchange more able to act, in the relationship and beyond it.",
        "Power here is the capacity to produce change, shared rather than held over someone. "
        "In a mutually empowering relationship both people gain energy and agency.",
        ("miller-1986", "walker-2002"),
        ("power-with", "action"),
    ),
    concept(
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
    concept(
        "zest",
        "Zest",
        G,
        "A felt rise in energy and aliveness that comes from real connection.",
        "People often notice it right after feeling truly met. Its absence, a flat or "
        "drained feeling after contact, is a useful clinical signal.",
        ("miller-1986", "miller-1988"),
        ("diminished-energy", "growth-fostering-relationship"),
    ),
    concept(
        "action",
        "Action",
        G,
        "Being more able to act, in the relationship and in the rest of life.",
        "Connection frees energy for doing: making a call, setting a limit, trying something "
        "new. It is the behavioural side of mutual empowerment.",
        ("miller-1986",),
        ("diminished-action", "mutual-empowerment"),
    ),
    concept(
        "clarity",
        "Clarity",
        G,
        "Knowing oneself and the other person more fully.",
        "Being understood helps a person put words to their experience and see others more "
        "accurately.",
        ("miller-1986",),
        ("confusion", "empathic-accuracy"),
    ),
    concept(
        "worth",
        "Sense of worth",
        G,
        "Feeling that one matters, because one has mattered to someone.",
        "Worth in RCT grows from being valued in relationship rather than from achievement alone.",
        ("miller-1986",),
        ("diminished-worth",),
    ),
    concept(
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
    concept(
        "diminished-energy",
        "Diminished energy",
        D,
        "The drained, flat state that follows being unmet.",
        "The mirror image of zest. Clients often describe it as tiredness after contact with "
        "a particular person.",
        ("miller-1988", "hartling-et-al-2003"),
        ("zest",),
    ),
    concept(
        "diminished-action",
        "Diminished action",
        D,
        "Feeling less able to act, or stuck.",
        "Disconnection takes away the energy and confidence needed to move; the person may "
        "freeze or defer.",
        ("miller-1988",),
        ("action",),
    ),
    concept(
        "confusion",
        "Confusion",
        D,
        "Less clarity about oneself, the other and what happened between them.",
        "When an experience is denied or unacknowledged, a person may come to doubt their own "
        "perceptions.",
        ("miller-1988",),
        ("clarity",),
    ),
    concept(
        "diminished-worth",
        "Diminished worth",
        D,
        "Feeling that one matters less, often with shame.",
        "Repeated disconnection is easily read as proof of being unworthy, especially when "
        "culture already devalues the person.",
        ("miller-1988",),
        ("worth", "controlling-images"),
    ),
    concept(
        "turning-away",
        "Turning away from relationships",
        D,
        "Withdrawing from connection, which deepens isolation.",
        "The last of the five outcomes, and the one that most directly feeds condemned isolation.",
        ("miller-1988", "hartling-et-al-2003"),
        ("condemned-isolation", "desire-for-connection"),
    ),
    # Empathy components
    concept(
        "emotional-attunement",
        "Emotional attunement",
        E,
        "Resonating with what the other person feels, not only naming it.",
        "Attunement is felt in the body and the voice; it is the ground on which the other "
        "components of empathy stand.",
        ("jordan-et-al-1991",),
        ("mutual-empathy", "expressive-empathy"),
    ),
    concept(
        "empathic-accuracy",
        "Empathic accuracy",
        E,
        "Understanding the other person's feelings and meanings as they see them.",
        "Accuracy is checked, not assumed: a good guess offered tentatively and corrected "
        "by the client is empathy at work.",
        ("jordan-et-al-1991",),
        ("clarity", "emotional-attunement"),
    ),
    concept(
        "empathic-concern",
        "Empathic concern",
        E,
        "Caring about the other person's wellbeing and wanting them to flourish.",
        "Concern moves empathy from understanding toward responsiveness.",
        ("jordan-et-al-1991",),
        ("mutual-empathy",),
    ),
    concept(
        "expressive-empathy",
        "Expressive empathy",
        E,
        "Letting the other person see that they have been understood and have had an effect.",
        "Without expression, empathy stays private; with it, the client learns they can reach "
        "another person. This is where mutual empathy becomes visible.",
        ("jordan-et-al-1991", "jordan-2010"),
        ("mutual-empathy", "authenticity"),
    ),
)
