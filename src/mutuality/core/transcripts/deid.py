"""De-identification: names, places, dates, phone numbers, emails, URLs and ID numbers
replaced by typed, numbered placeholders ([NAME-1], [PLACE-2], ...) before anything is
analysed or stored.

Rules and lists, not a model: known names (the client's, the clinician's, the people on
the map) are always caught; phone numbers by libphonenumber's rules; other names as
capitalised words inside a sentence that are not common capitalised words, or as words of
a first-name list in any case; towns from a gazetteer in any case, or as capitalised words
after a place preposition; street addresses by their forms in six languages. The lists
are passed in (`mutuality.analysis.namelist`, `.placelist`), so this module stays pure.
Measured recall on real speech is in docs/benchmarks.md (`bench/deid_real.py`): good, not
perfect, so transcripts stay protected data regardless.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import phonenumbers

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?\(?\d{1,5}\)?(?:[\s.-]?\d{2,5}){1,4}"
    r"|\(?0\d{2,5}\)?(?:[\s.-]?\d{2,6}){1,3}"
    r"|\d{3}[\s.-]\d{3}[\s.-]\d{4})(?!\w)"
)
ID_NUMBER = re.compile(r"\b(?:[A-Z]{1,3}\d{5,}[A-Z]?|\d{3}[\s-]?\d{3}[\s-]?\d{4}|\d{6,})\b")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:{MONTHS})\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})\b"
)
# Street addresses. The suffixes are the USPS Publication 28 and Royal Mail ones people say
# aloud; the words before a street name and the German suffixes cover the languages of
# PHONE_REGIONS' larger countries.
SUFFIXES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Place|Pl|Court|Ct|Crescent|"
    "Terrace|Boulevard|Blvd|Burg|Burgs|Oval|Green|Grove|Hill|Hills|Park|Square|Sq|Row|Mews|"
    "Walk|Gardens|Rise|View|Views|Parkway|Pkwy|Circle|Cir|Trail|Highway|Hwy|Ville|Port|"
    "Ports|Mill|Mills|Ridge|Ridges|Spring|Springs|Station|Stream|Summit|Valley|Vista|"
    "Village|Villages|Well|Wells|Heights|Haven|Harbor|Harbour|Junction|Key|Keys|Knoll|"
    "Knolls|Lake|Lakes|Landing|Light|Lights|Loop|Manor|Manors|Meadow|Meadows|Neck|Orchard|"
    "Pass|Path|Pike|Pine|Pines|Plains|Plaza|Point|Points|Prairie|Ranch|Rapid|Rapids|Rest|"
    "Route|Shoal|Shoals|Shore|Shores|Skyway|Spur|Stravenue|Throughway|Trace|Track|"
    "Trafficway|Tunnel|Turnpike|Underpass|Union|Unions|Viaduct|Camp|Canyon|Cape|Causeway|"
    "Center|Centers|Cliff|Cliffs|Club|Common|Commons|Corner|Corners|Course|Courts|Cove|"
    "Coves|Creek|Crest|Crossing|Crossroad|Curve|Dale|Dam|Divide|Estate|Estates|"
    "Expressway|Extension|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Fords|Forest|Forge|"
    "Forges|Fork|Forks|Fort|Freeway|Garden|Gateway|Glen|Glens|Greens|Groves|Hollow|Inlet|"
    "Island|Islands|Isle|Junctions|Lock|Locks|Lodge|Mall|Motorway|Mount|Mountain|"
    "Mountains|Overpass|Parks|Parkways|Passage|Plain|Radial|Ramp|Run|Squares|Streets|"
    "Tunnels|Walks|Wall|Ways"
)
# Suffixes that mean a street in any case, even in lowercase speech ("12 acacia avenue");
# the others ("Walks", "Green", "Park") only when written with a capital.
STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|crescent|terrace|boulevard|blvd|"
    "court|ct|place|pl|square|sq|mews|gardens|parkway|pkwy|highway|hwy|burg|oval|way"
)
# The word for a street before its name: French, Spanish, Polish, Portuguese, Italian.
BEFORE_NAME = (
    "rue|avenue|av\\.|boulevard|bd|chemin|impasse|allée|quai|route|calle|c/|avenida|plaza|"
    "paseo|pasaje|callejón|camino|ronda|rambla|glorieta|travesía|urbanización|vía|ulica|ul\\.?|"
    "aleja|al\\.|plac|osiedle|rua|travessa|praça|largo|ladeira|alameda|rodovia|estrada|viela|"
    "vila|jardim|parque|via|viale|piazza|vicolo|corso|contrada|strada|borgo|rotonda|salita|"
    "lungomare"
)
UNIT = r"(?:,?\s+(?i:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Studio)\s*\w{1,5})?"
WORD = r"[^\W\d_][\w'’-]*"  # a word of letters in any script
UPPER = "A-ZÀ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
NAMED = rf"[{UPPER}]{WORD}(?:\s+[{UPPER}]{WORD}){{0,3}}"
NUMBER = r"\d{1,5}[a-zA-Z]?(?:[-/]\d{1,5})?"
PARTICLE = r"(?:(?:de|del|de la|da|do|dos|das|di|della|dei|du|des|le|la)\s+)?"
STREET = re.compile(
    # 12 Acacia Avenue, 391 johnson burg apt 636, Flat 20 Johnson Oval: after a number or
    # a flat, a street word in any case or any suffix written with a capital
    rf"(?:\b(?i:Apt\.?|Apartment|Suite|Unit|Flat|Studio)\s*\w{{1,5}},?\s+(?:{NUMBER}\s+)?"
    rf"|\b{NUMBER},?\s+)(?:{WORD}\s+){{1,3}}(?:(?i:{STREET_WORDS})|{SUFFIXES})\b\.?{UNIT}"
    # without one, only a capitalised name and an unambiguous suffix: Acacia Avenue
    rf"|\b{NAMED}\s+(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Terrace|Boulevard|"
    rf"Gardens|Mews|Court|Square)\b"
    # Löwerstr. 7, Mansgasse 12-98
    rf"|\b[^\W\d_][\w-]*(?i:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer)\s*{NUMBER}"
    # rue Victoire Perrier, Calle Pablo Yáñez 98, 40, chemin de Fontaine, Vicolo Accardo, 4
    rf"|(?:\b{NUMBER},?\s+)?\b(?i:{BEFORE_NAME})\s+{PARTICLE}{NAMED}(?:,?\s+{NUMBER})?"
    # ul władysława jagiełły 78: in lowercase speech, the number closes it
    rf"|\b(?i:{BEFORE_NAME})\s+{PARTICLE}(?:{WORD}\s+){{1,3}}{NUMBER}\b"
)
PLACE_AFTER = re.compile(
    r"\b(?:in|at|from|to|near|around|into|outside|visiting|moved to|live in|lives in)\s+"
    rf"((?:the\s+)?[{UPPER}][\w'’-]+(?:\s+[{UPPER}][\w'’-]+){{0,2}})"
)
CAPITALISED = re.compile(rf"\b[{UPPER}][\w'’-]+\b")
ANY_WORD = re.compile(r"\b[^\W\d_][\w'’]*\b")
# Regions whose national number formats are looked for (international +NN numbers are found
# whatever the region): where Mutuality's users and their clients' families mostly are.
PHONE_REGIONS = (
    "US", "GB", "IE", "CA", "AU", "NZ", "IN", "DE", "AT", "CH", "FR", "BE", "NL", "ES", "PT",
    "IT", "PL", "BR", "MX", "ZA", "NG", "PH",
)  # fmt: skip


def phone_spans(text: str) -> Iterator[tuple[int, int]]:
    """Phone numbers in any of those national formats, with extensions, found by Google's
    libphonenumber rules (the `phonenumbers` package) rather than hand-made patterns."""
    if sum(c.isdigit() for c in text) < 6:
        return
    for region in PHONE_REGIONS:
        for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.POSSIBLE):
            # Not a score ("a 10") or a time stamp ("00:01:04"): a number one could dial.
            if sum(c.isdigit() for c in m.raw_string) >= 7 and ":" not in m.raw_string:
                yield m.start, m.end


# Capitalised words that are not names: sentence words, days, months, titles, languages.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON = _words(
    """
    I I'm I've I'd I'll Im Ive OK Okay Yes No Mr Mrs Ms Miss Dr Doctor Mum Mom Dad Mummy
    Daddy Grandma Grandpa Nan Gran God Christmas Easter Ramadan Eid Diwali Hanukkah
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December English British
    French Spanish German Polish Muslim Christian Jewish Hindu Sikh Catholic Black White
    Asian Latino Latina Facebook Instagram WhatsApp Twitter TikTok Google Zoom Netflix
    NHS GP AA CBT ADHD PTSD OCD TV Internet Uni University College School Church Mosque
    Temple Synagogue Hospital Therapist Client Counsellor Well So And But Then Because
    Maybe Sometimes Really Just Like Yeah Hmm Um Uh Oh Ah Right Sure Thanks Thank Please
    Sorry Hello Hi Hey Bye Good Bad Great Fine Also Actually Anyway Still Even Now There
    Here This That These Those What When Where Why How Who Which It It's Its We We're
    They They're You You're He She My Your Our Their His Her Me Us Them One Two Three
    Every Each All Some Any Not Never ID Always Often Last Next First New Old Today
    Tonight Tomorrow Yesterday Morning Evening Night Week Weekend Month Year Work Home
    Family Friends People Life Everything Nothing Something Someone Everyone Anyone
    Nobody Things Stuff Money School Therapy Sleep Love Everybody Somebody Anything Time
    Mind Part Both Most Many Much More Less Only Once After Before During Since Until
    While If Though Although Whatever Whoever Whenever
    """
)


RELATION_WORDS = _words(
    """
    sister brother mother father mum mom dad son daughter aunt uncle cousin nan gran
    grandma grandpa grandmother grandfather partner husband wife boyfriend girlfriend ex
    former friend friends best flatmate housemate roommate neighbour neighbor colleague
    colleagues manager boss supervisor team work mates group club choir network community
    church mosque temple synagogue circle union shed college school university class
    classmates course teacher tutor coach mentor therapist therapy counsellor doctor gp
    family parents kids children foster step old online discord friends leadership men's
    women's walking bowls climbing five-a-side job centre center
    """
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass
class Deidentifier:
    """Replaces identifiers consistently across one transcript (the same name, the same tag)."""

    known_names: Iterable[str] = ()  # the client's and clinician's: matched in any case
    map_names: Iterable[str] = ()  # names on the client's map: matched as written
    # First names of people in general (lowercase), matched in any case and anywhere in a
    # sentence: lowercase speech-to-text has no capitals to go by.
    first_names: frozenset[str] = frozenset()
    # Towns and cities (lowercase, one or more words), matched in any case.
    places: frozenset[str] = frozenset()
    _tags: dict[tuple[str, str], str] = field(default_factory=dict)
    _counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._known = _pattern(_name_words(self.known_names, capitalised=False), re.I)
        self._mapped = _pattern(_name_words(self.map_names, capitalised=True), 0)

    def spans(self, text: str) -> list[Span]:
        """Identifier spans, earlier rules first: a later rule never overlaps them."""
        found: list[Span] = []

        def add(s: int, e: int, kind: str) -> None:
            if not any(s < f.end and f.start < e for f in found):
                found.append(Span(s, e, kind))

        def take(pattern: re.Pattern[str], kind: str, group: int = 0) -> None:
            for m in pattern.finditer(text):
                add(*m.span(group), kind)

        take(EMAIL, "EMAIL")
        take(URL, "URL")
        take(DATE, "DATE")
        for s, e in phone_spans(text):
            add(s, e, "PHONE")
        take(PHONE, "PHONE")
        take(ID_NUMBER, "ID")
        take(STREET, "PLACE")
        for names in (self._known, self._mapped):
            if names is not None:
                take(names, "NAME")
        for m in PLACE_AFTER.finditer(text):
            words = m.group(1).removeprefix("the ").split()
            if words and all(w not in COMMON for w in words) and not self._is_known(m.group(1)):
                add(*m.span(1), "PLACE")
        tokens = list(ANY_WORD.finditer(text)) if self.places or self.first_names else []
        for s, e in _phrases_in(text, tokens, self.places) if self.places else ():
            add(s, e, "PLACE")
        for m in tokens if self.first_names else ():
            bare = re.sub(r"['’]s$", "", m.group(0))
            if bare.lower() in self.first_names and bare.capitalize() not in COMMON:
                add(m.start(), m.start() + len(bare), "NAME")
        for m in CAPITALISED.finditer(text):
            word = m.group(0)
            if word in COMMON or word.rstrip("'’s") in COMMON:
                continue
            if _sentence_start(text, m.start()) and not _reported(text, m.end(), word):
                continue
            add(*m.span(), "NAME")
        return sorted(found, key=lambda f: f.start)

    def _is_known(self, phrase: str) -> bool:
        return any(p is not None and p.fullmatch(phrase) for p in (self._known, self._mapped))

    def _tag(self, kind: str, value: str) -> str:
        key = (kind, value.casefold())
        if key not in self._tags:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            self._tags[key] = f"[{kind}-{self._counts[kind]}]"
        return self._tags[key]

    def redact(self, text: str) -> str:
        out, last = [], 0
        for span in self.spans(text):
            out += [text[last : span.start], self._tag(span.kind, text[span.start : span.end])]
            last = span.end
        out.append(text[last:])
        return "".join(out)


# A sentence that opens with an unknown capitalised word followed by one of these is
# usually about a person: "Marcus keeps saying", "Priya told me".
REPORTING = re.compile(
    r"\s+(?:said|says|keeps|kept|told|tells|asked|asks|thinks|thought|wants|wanted|texted|"
    r"called|rang|is|was|has|had|never|always|and I|and me|came|left|knows|doesn't|didn't|won't)\b"
)


def _phrases_in(
    text: str, words: list[re.Match[str]], phrases: frozenset[str], longest: int = 4
) -> Iterator[tuple[int, int]]:
    """Spans of the text whose words, lowercased, are one of the phrases (longest first)."""
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            run = words[i : i + n]
            gaps = (text[a.end() : b.start()] for a, b in pairwise(run))
            if all(g.isspace() for g in gaps):
                phrase = " ".join(w.group(0).lower() for w in run)
                if phrase in phrases and phrase.capitalize() not in COMMON:
                    yield run[0].start(), run[-1].end()
                    i += n - 1
                    break
        i += 1


def _reported(text: str, end: int, word: str) -> bool:
    return not word.endswith("ly") and REPORTING.match(text, end) is not None


def _name_words(names: Iterable[str], *, capitalised: bool) -> set[str]:
    """From names like "Sister Inês", "Therapy with Ana" or "Choir", only the words that
    look like personal names: not a common word, not a relationship word, and (for names
    on the map, which are often descriptions) capitalised."""
    return {
        w
        for name in names
        for w in re.findall(r"[A-Za-zÀ-ÿ'’-]{2,}", name)
        if (w[0].isupper() or not capitalised)
        and w.capitalize() not in COMMON
        and w not in COMMON
        and w.lower() not in RELATION_WORDS
    }


def _pattern(words: set[str], flags: int) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(r"\b(" + alternatives + r")\b", flags)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in '.!?"“(:' or before.endswith("--")


PLACEHOLDER = re.compile(r"\[(NAME|PLACE|DATE|PHONE|EMAIL|URL|ID)-\d+\]")
