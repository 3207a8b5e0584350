"""De-identification on synthetic identifiers: every kind replaced, common words kept."""

import pytest

from mutuality.core.transcripts.deid import PLACEHOLDER, Deidentifier
from mutuality.core.transcripts.synthetic import corpus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I told Marcus how I felt.", "I told [NAME-1] how I felt."),
        ("Priya said no.", "[NAME-1] said no."),
        ("She moved to Glasgow in June.", "She moved to [PLACE-1] in June."),
        ("We met on 3 March 2026 and 12/04/2025.", "We met on [DATE-1] and [DATE-2]."),
        ("Call 07700 900123 or +44 20 7946 0958.", "Call [PHONE-1] or [PHONE-2]."),
        (
            "Write to kim.9@example.org or see https://www.example.net/a.",
            "Write to [EMAIL-1] or see [URL-1].",
        ),
        ("My reference is AB123456C.", "My reference is [ID-1]."),
        ("He lives at 12 Baker Street now.", "He lives at [PLACE-1] now."),
        ("On Sunday I went to Church with Mum.", "On Sunday I went to Church with Mum."),
        (
            "I watched Netflix and told my GP in English.",
            "I watched Netflix and told my GP in English.",
        ),
        ("It was 2019 and I was 23.", "It was 2019 and I was 23."),
    ],
)
def test_it_replaces_identifiers_with_typed_placeholders(text, expected):
    assert Deidentifier().redact(text) == expected


def test_it_always_catches_the_names_it_is_given_in_any_case_or_place():
    d = Deidentifier(["riley okafor", "Sister Inês"])
    assert d.redact("riley, Inês and OKAFOR came.") == "[NAME-1], [NAME-2] and [NAME-3] came."


def test_it_gives_one_person_one_placeholder_across_a_transcript():
    d = Deidentifier(["Jo"])
    assert d.redact("Jo called.") == "[NAME-1] called."
    assert (
        d.redact("Later I called Jo back, and Marcus.")
        == "Later I called [NAME-1] back, and [NAME-2]."
    )


def test_it_reaches_its_measured_recall_and_precision_on_the_synthetic_set():
    caught = total = correct = predicted = 0
    for s in corpus(1500, seed=7):
        spans = Deidentifier().spans(s.text)
        predicted += len(spans)
        correct += sum(any(p.start < e and b < p.end for b, e, _ in s.spans) for p in spans)
        for b, e, _ in s.spans:
            total += 1
            caught += all(any(p.start <= i < p.end for p in spans) for i in range(b, e))
    assert caught / total >= 0.95
    assert correct / predicted >= 0.97


def test_it_leaves_no_known_identifier_in_the_redacted_synthetic_text():
    for s in corpus(300, seed=11):
        redacted = Deidentifier().redact(s.text)
        for b, e, kind in s.spans:
            if kind != "NAME":
                assert s.text[b:e] not in redacted
        assert PLACEHOLDER.sub("", redacted).count("@") == 0


def test_it_takes_only_personal_names_from_the_people_on_a_map():
    d = Deidentifier(map_names=["Choir", "Gaming group", "Therapy with Ana", "Flatmate Jo", "Mum"])
    assert (
        d.redact("How did choir go with Jo and Ana?")
        == "How did choir go with [NAME-1] and [NAME-2]?"
    )
    assert d.redact("my gaming group met, then therapy") == "my gaming group met, then therapy"


# Phone numbers as people in different countries write them (libphonenumber's rules).
@pytest.mark.parametrize(
    "number",
    [
        "+44 7700 900123",
        "020 7946 0018",
        "(030) 1234567",
        "+33 (0)3 87 17 77 63",
        "06 12 34 56 78",
        "612 345 678",
        "+48 691 417 776",
        "(11) 91234-5678",
        "414-555-0123 x104",
        "333.555.0199",
    ],
)
def test_it_removes_phone_numbers_in_national_formats(number):
    text = f"you can reach me on {number} most evenings"
    assert number not in Deidentifier().redact(text)
    assert "[PHONE-1]" in Deidentifier().redact(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("We moved to 12 Acacia Avenue last spring.", "12 Acacia Avenue"),
        ("i'm staying at flat 4 riverside court for now", "flat 4 riverside court"),
        ("Her flat is on Löwenstraße 7.", "Löwenstraße 7"),
        ("Il habite rue Victor Hugo, près de la gare.", "rue Victor Hugo"),
        ("Vivo en la Calle Mayor 98 desde enero.", "Calle Mayor 98"),
        ("mieszkam na ul kwiatowej 5 teraz", "ul kwiatowej 5"),
        ("Moro na Rua das Flores, 507.", "Rua das Flores, 507"),
        ("Sto in Via Roma 5 con mia sorella.", "Via Roma 5"),
    ],
)
def test_it_removes_street_addresses_in_several_languages_and_lowercase(text, address):
    assert address not in Deidentifier().redact(text)
    assert "[PLACE-" in Deidentifier().redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "On a scale from 0 to 10, where would you put yourself?",
        "I'm not really know [unintelligible 00:01:04] about it.",
        "Okay. Well, I was on the way home anyway.",
        "It took me 20 minutes and 3 long walks to calm down.",
        "I sent it via email in the end.",
    ],
)
def test_it_leaves_scores_times_and_ordinary_words_alone(text):
    assert Deidentifier().redact(text) == text


def test_first_names_are_caught_in_lowercase_speech_and_at_the_start_of_a_sentence():
    names = frozenset({"sarah", "jochen"})
    d = Deidentifier(first_names=names)
    assert d.redact("me and sarah went out on saturday") == "me and [NAME-1] went out on saturday"
    assert d.redact("Jochen never calls.") == "[NAME-2] never calls."
    assert d.redact("it was sarah's idea") == "it was [NAME-1]'s idea"


def test_the_first_name_list_leaves_everyday_words_alone():
    from mutuality.analysis.namelist import first_names

    names = first_names()
    assert {"james", "sarah", "barbara"} <= names
    assert not {"will", "may", "hope", "long", "guy", "summer"} & names
    text = "i will hope it may last long, guy"
    assert Deidentifier(first_names=names).redact(text) == text


def test_towns_are_caught_without_a_preposition_in_any_case_and_with_accents():
    places = frozenset({"zambrów", "cuenca", "san francisco"})
    d = Deidentifier(places=places)
    assert d.redact("Zambrów is where it all started.") == "[PLACE-1] is where it all started."
    assert d.redact("we drove out to san francisco") == "we drove out to [PLACE-2]"
    assert d.redact("my dad still lives in cuenca") == "my dad still lives in [PLACE-3]"


def test_the_town_list_leaves_everyday_words_alone():
    from mutuality.analysis.placelist import places

    towns = places()
    assert {"paris", "london", "cuenca", "zambrów", "zambrow"} <= towns
    assert not {"nice", "reading", "bath", "mobile", "split", "orange"} & towns
    text = "it was nice reading in the bath, my mobile split"
    assert Deidentifier(places=towns).redact(text) == text
