"""Every shipped instrument: well-formed, honest about its status, and scored exactly."""

import pytest

from mutuality.core.measures import UnknownInstrument, built_in
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.core.measures.model import Validation
from mutuality.core.measures.scoring import InvalidAnswers, score

ALL = list(BUILT_IN.values())


def numbered(values):
    return {f"q{n}": v for n, v in enumerate(values, start=1)}


@pytest.mark.parametrize("instrument", ALL, ids=lambda i: i.key)
def test_it_defines_each_instrument_completely(instrument):
    keys = instrument.item_keys
    assert len(set(keys)) == len(keys)
    assert instrument.citation
    assert instrument.version
    assert instrument.title
    for item in instrument.items:
        assert len(item.values) == len(item.options) >= 2
    for scale in instrument.scales:
        assert set(scale.items) <= set(keys)
        assert scale.reverse <= set(scale.items)
        lowers = [b.lower for b in scale.bands]
        assert lowers == sorted(lowers)
        if scale.clinical_norm:
            assert scale.reliability is not None


@pytest.mark.parametrize("instrument", ALL, ids=lambda i: i.key)
def test_it_claims_reliable_change_only_for_validated_instruments(instrument):
    if instrument.validation is Validation.NOT_VALIDATED:
        assert instrument.wording_is_ours
        assert all(s.clinical_norm is None and s.reliability is None for s in instrument.scales)
        assert "not a validated instrument" in instrument.validation.statement.lower()
    else:
        assert not instrument.wording_is_ours
        # no third-party wording: items are numbered topic labels of a few words
        assert all(len(i.label) <= 40 for i in instrument.items)


@pytest.mark.parametrize(
    ("key", "answers", "raw", "band", "prorated"),
    [
        ("phq9", numbered([0] * 9), 0, "minimal", False),
        ("phq9", numbered([1] * 4 + [0] * 5), 4, "minimal", False),
        ("phq9", numbered([1] * 5 + [0] * 4), 5, "mild", False),
        ("phq9", numbered([2, 2, 2, 1, 1, 1, 1, 0, 0]), 10, "moderate", False),
        ("phq9", numbered([2, 2, 2, 2, 2, 2, 2, 1, 0]), 15, "moderately severe", False),
        ("phq9", numbered([3] * 9), 27, "severe", False),
        ("phq9", numbered([2, 2, 2, 2, 2, 2, 2, 2, None]), 18, "moderately severe", True),
        ("phq9", numbered([1, 1, 1, 1, 1, 1, 1, 1, None]), 9, "mild", True),
        ("phq9", numbered([3, 2, 1, 0, 3, 2, 1, 0, None]), 13.5, "moderate", True),
        ("gad7", numbered([0] * 7), 0, "minimal", False),
        ("gad7", numbered([1, 1, 1, 1, 1, 0, 0]), 5, "mild", False),
        ("gad7", numbered([2, 2, 2, 1, 1, 1, 1]), 10, "moderate", False),
        ("gad7", numbered([3, 3, 3, 2, 2, 1, 1]), 15, "severe", False),
        ("gad7", numbered([3] * 7), 21, "severe", False),
        ("gad7", numbered([3, 3, 3, 3, 3, 3, None]), 21, "severe", True),
        ("loneliness3", numbered([1, 1, 1]), 3, "not lonely", False),
        ("loneliness3", numbered([2, 2, 1]), 5, "not lonely", False),
        ("loneliness3", numbered([2, 2, 2]), 6, "lonely", False),
        ("loneliness3", numbered([3, 3, 3]), 9, "lonely", False),
        # CORE-10: items 2 and 3 reverse-keyed (4 - x)
        ("core10", numbered([0] * 10), 8, "low level", False),
        ("core10", numbered([0, 4, 4, 0, 0, 0, 0, 0, 0, 0]), 0, "healthy", False),
        ("core10", numbered([4, 0, 0, 4, 4, 4, 4, 4, 4, 4]), 40, "severe", False),
        ("core10", numbered([1, 3, 3, 1, 1, 0, 1, 1, 1, 1]), 9, "low level", False),
        ("core10", numbered([2, 2, 2, 2, 2, 0, 2, 2, 2, 2]), 18, "moderate", False),
        ("core10", numbered([2, 2, 2, None, 2, 0, 2, 2, 2, 2]), 17.78, "moderate", True),
        ("wai-sr", numbered([5] * 12), 60, None, False),
        ("wai-sr", numbered([1] * 12), 12, None, False),
        (
            "five-good-things",
            {"zest": 4, "action": 3, "clarity": 2, "worth": 1, "connection": 0},
            10,
            None,
            False,
        ),
        (
            "disconnection",
            {"energy": 4, "action": 4, "confusion": 4, "worth": 4, "turning-away": 4},
            20,
            None,
            False,
        ),
    ],
)
def test_it_scores_known_answers_exactly(key, answers, raw, band, prorated):
    total = score(built_in(key), answers).scale("total")
    assert total.raw == raw
    assert (total.band.label if total.band else None) == band
    assert total.prorated is prorated


@pytest.mark.parametrize(
    ("key", "answers", "reason"),
    [
        (
            "phq9",
            numbered([1] * 7 + [None, None]),
            "2 of 9 items unanswered; at most 1 may be missing",
        ),
        ("gad7", numbered([None] * 7), "7 of 7 items unanswered; at most 1 may be missing"),
        ("loneliness3", numbered([1, 1, None]), "1 of 3 items unanswered; none may be missing"),
        (
            "core10",
            numbered([1] * 8 + [None, None]),
            "2 of 10 items unanswered; at most 1 may be missing",
        ),
        ("five-good-things", {"zest": 2}, "4 of 5 items unanswered; none may be missing"),
    ],
)
def test_it_refuses_a_score_when_too_much_is_missing(key, answers, reason):
    total = score(built_in(key), answers).scale("total")
    assert total.raw is None
    assert total.refused == reason
    assert total.band is None


def test_it_scores_wai_sr_subscales_by_their_published_items():
    answers = numbered([5, 5, 1, 3, 1, 3, 1, 3, 1, 5, 3, 5])
    scored = score(built_in("wai-sr"), answers)
    assert {s.scale.key: s.raw for s in scored.scales} == {
        "total": 36,
        "task": 20,
        "bond": 4,
        "goal": 12,
    }


@pytest.mark.parametrize(
    ("key", "answers", "risks"),
    [
        ("phq9", numbered([0] * 8 + [1]), ("q9",)),
        ("phq9", numbered([3] * 8 + [0]), ()),
        ("core10", numbered([0] * 5 + [2] + [0] * 4), ("q6",)),
        ("core10", numbered([0] * 8 + [4, 0]), ()),
        ("gad7", numbered([3] * 7), ()),
    ],
)
def test_it_raises_risk_items(key, answers, risks):
    assert score(built_in(key), answers).risk_items == risks


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            numbered([7] + [0] * 8),
            "item 'q1' (1. interest or pleasure): 7 is not an answer code (allowed: 0, 1, 2, 3)",
        ),
        (
            numbered([0] * 8 + [-1]),
            "item 'q9' (9. thoughts of death or self-harm): -1 is not an answer code",
        ),
        ({"q10": 1}, "item 'q10' is not part of PHQ-9"),
        (
            numbered([True] + [0] * 8),
            "item 'q1' (1. interest or pleasure): True is not an answer code",
        ),
        (numbered(["2"] + [0] * 8), "'2' is not an answer code"),
    ],
)
def test_it_names_the_item_with_a_wrong_answer_code(answers, message):
    with pytest.raises(InvalidAnswers) as e:
        score(built_in("phq9"), answers)
    assert message in str(e.value)


def test_it_names_the_installed_instruments_for_an_unknown_key():
    with pytest.raises(
        UnknownInstrument, match=r"no instrument called 'bdi' \(installed: core10, "
    ):
        built_in("bdi")


def test_it_pairs_the_two_sides_of_session_mutuality():
    client, clinician = (
        built_in("session-mutuality-client"),
        built_in("session-mutuality-clinician"),
    )
    assert client.pair == clinician.key
    assert clinician.pair == client.key
    assert client.item_keys == clinician.item_keys
    assert [i.label for i in client.items] != [i.label for i in clinician.items]
