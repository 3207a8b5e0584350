"""Culture and power, strategies of disconnection, RCT's practices, goals, cautions and
common misconceptions, in Mutuality's own words."""

from mutuality.core.rct.concepts import Concept, ConceptKind, concept

C, S, T, GL, W, M = (
    ConceptKind.CULTURE_AND_POWER,
    ConceptKind.STRATEGY,
    ConceptKind.PRACTICE,
    ConceptKind.GOAL,
    ConceptKind.CAUTION,
    ConceptKind.MISCONCEPTION,
)

ENTRIES: tuple[Concept, ...] = (
    # Culture and power
    concept(
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
    concept(
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
    concept(
        "power-over",
        "Power-over",
        C,
        "Power used to dominate, silence or control another person.",
        "Power-over suppresses difference and makes authentic engagement risky for the less "
        "powerful person. It can sit inside families, workplaces, institutions and therapy.",
        ("miller-1976", "walker-2002"),
        ("power-with", "stratified-identities"),
    ),
    concept(
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
    concept(
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
    concept(
        "practice-mutual-empathy",
        "Developing mutual empathy",
        T,
        "The therapist lets the client see that their experience has reached them.",
        "This is disciplined responsiveness, guided by what helps the client, rather than "
        "unfiltered self-expression.",
        ("jordan-2010", "hartling-et-al-2003"),
        ("mutual-empathy", "expressive-empathy"),
    ),
    concept(
        "practice-quality-of-connection",
        "Attending to the quality of connection",
        T,
        "Noticing, in the room, when connection grows and when it slips.",
        "Moments of disconnection between client and therapist are treated as material for "
        "the work, and repairing them is itself therapeutic.",
        ("jordan-2010",),
        ("disconnection", "relational-resilience"),
    ),
    concept(
        "practice-naming-power",
        "Attending to power",
        T,
        "Naming how power shapes therapy and the client's other relationships.",
        "The therapist acknowledges the power of the role and works toward power-with in the room.",
        ("walker-2002", "jordan-2010"),
        ("power-over", "power-with"),
    ),
    concept(
        "practice-naming-disconnection",
        "Honouring and naming strategies of disconnection",
        T,
        "Recognising the protective sense of a strategy before inviting change.",
        "Naming a strategy gently, with empathy for why it was needed, loosens the central "
        "relational paradox.",
        ("miller-stiver-1997",),
        ("strategies-of-disconnection", "central-relational-paradox"),
    ),
    concept(
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
    concept(
        "goal-more-connection",
        "More growth-fostering connection",
        GL,
        "Helping the client build and keep relationships that leave them with the five good "
        "things.",
        "The aim is a network of connection rather than dependence on the therapist.",
        ("jordan-2010", "hartling-et-al-2003"),
        ("growth-fostering-relationship", "desire-for-connection"),
    ),
    concept(
        "goal-revise-images",
        "Revising relational images",
        GL,
        "Loosening expectations that predict rejection or danger in every relationship.",
        "Change shows in how the client reads new relationships and risks more of themselves.",
        ("miller-stiver-1997",),
        ("relational-images",),
    ),
    concept(
        "goal-resilience",
        "Building relational resilience",
        GL,
        "Growing the capacity to move back toward connection after ruptures.",
        "Practising repair in therapy carries into the client's other relationships.",
        ("jordan-1992",),
        ("relational-resilience",),
    ),
    concept(
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
    concept(
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
    concept(
        "caution-pressure-to-disclose",
        "Authenticity is never pressure to disclose",
        W,
        "For clients to whom openness feels dangerous, the pace of disclosure is theirs.",
        "Some trauma survivors need long stretches of safety first; a therapist's "
        "authenticity must not become a demand for matching openness.",
        ("jordan-2010", "miller-stiver-1997"),
        ("authenticity", "strategies-of-disconnection"),
    ),
    concept(
        "caution-cultural-humility",
        "Cultural humility",
        W,
        "The therapist keeps examining their own place in power-over structures.",
        "RCT began with women's experience in one culture; apply it with attention to the "
        "client's own context rather than assuming its concepts fit unchanged.",
        ("walker-1999", "jordan-2010"),
        ("stratified-identities", "power-over"),
    ),
    concept(
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
    concept(
        "misconception-just-warmth",
        "'RCT is just being warm'",
        M,
        "Mutuality and authentic presence are specific processes, not general friendliness.",
        "A therapist can be warm and still not let the client see their impact; mutual "
        "empathy asks for more.",
        ("jordan-2010",),
        ("mutual-empathy", "authenticity"),
    ),
    concept(
        "misconception-anti-autonomy",
        "'RCT opposes autonomy'",
        M,
        "RCT keeps agency but places it inside connection rather than in separation.",
        "Clients become more able to act because they are connected, not less.",
        ("miller-1976", "jordan-2010"),
        ("action", "mutual-empowerment"),
    ),
    concept(
        "misconception-women-only",
        "'RCT is only for women'",
        M,
        "It began with women's experience and was widened to centre many marginalised "
        "perspectives.",
        "The cultural turn in the theory's name marks that widening.",
        ("hartling-et-al-2003", "walker-1999"),
        ("stratified-identities",),
    ),
    concept(
        "misconception-individual-only",
        "'RCT is a purely individual therapy'",
        M,
        "Its analysis is cultural and political as well as personal.",
        "Individual distress is read in the light of the disconnections a culture imposes.",
        ("walker-2002",),
        ("goal-social-context",),
    ),
)
