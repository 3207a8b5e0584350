"""Map metrics against tables of known answers."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuality.core.errors import InvalidRating
from mutuality.core.rct.vocabulary import DisconnectionOutcome as O
from mutuality.core.rct.vocabulary import GoodThing as G
from mutuality.core.rct.vocabulary import Power, RelationshipKind
from mutuality.core.relational_map import (
    Assessment,
    Movement,
    Quality,
    Tie,
    compare,
    growth_fostering_score,
    latest_as_of,
    quality,
    summarise,
)

D1, D2, D3 = date(2026, 1, 1), date(2026, 3, 1), date(2026, 6, 1)


def a(tie="t", on=D1, me=2, au=2, emp=2, close=2, power=Power.MIXED, good=(), bad=(), **kw):
    return Assessment(
        tie,
        on,
        me,
        au,
        emp,
        close,
        power,
        good_things=frozenset(good),
        outcomes=frozenset(bad),
        **kw,
    )


@pytest.mark.parametrize(
    ("ratings", "good", "bad", "score"),
    [
        ((0, 0, 0), (), list(O), 0),
        ((4, 4, 4), list(G), (), 100),
        ((2, 2, 2), (), (), 50),
        ((4, 4, 4), (), (), 88),  # 75 + 12.5 = 87.5, rounded half up
        ((0, 0, 0), list(G), (), 25),
        ((3, 3, 3), [G.ZEST, G.CLARITY, G.WORTH], (), 76),  # 56.25 + 20 = 76.25
        ((1, 1, 1), (), [O.CONFUSION, O.TURNING_AWAY, O.DIMINISHED_WORTH], 24),  # 18.75 + 5
        ((1, 0, 1), (), [O.TURNING_AWAY], 23),  # 12.5 + 10 = 22.5, rounded half up
        ((3, 2, 3), [G.ZEST], (), 65),  # 50 + 15 = 65 exactly
    ],
)
def test_it_scores_growth_fostering_quality(ratings, good, bad, score):
    me, au, emp = ratings
    assert growth_fostering_score(a(me=me, au=au, emp=emp, good=good, bad=bad)) == score


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, Quality.DISCONNECTING),
        (35, Quality.DISCONNECTING),
        (36, Quality.MIXED),
        (64, Quality.MIXED),
        (65, Quality.GROWTH_FOSTERING),
        (100, Quality.GROWTH_FOSTERING),
    ],
)
def test_it_bands_scores(score, band):
    assert quality(score) is band


@pytest.mark.parametrize("field", ["me", "au", "emp", "close"])
@pytest.mark.parametrize("value", [-1, 5])
def test_it_refuses_ratings_outside_0_to_4(field, value):
    with pytest.raises(InvalidRating, match=f"between 0 and 4, not {value}"):
        a(**{field: value})


ratings = st.integers(0, 4)


@given(ratings, ratings, ratings, st.sets(st.sampled_from(G)), st.sets(st.sampled_from(O)))
def test_it_keeps_scores_in_range_and_rising_with_each_rating(me, au, emp, good, bad):
    score = growth_fostering_score(a(me=me, au=au, emp=emp, good=good, bad=bad))
    assert 0 <= score <= 100
    if me < 4:
        assert growth_fostering_score(a(me=me + 1, au=au, emp=emp, good=good, bad=bad)) > score
    if len(good) < 5:
        more = good | {next(g for g in G if g not in good)}
        assert growth_fostering_score(a(me=me, au=au, emp=emp, good=more, bad=bad)) > score


def test_it_takes_the_latest_assessment_on_or_before_a_date():
    history = [a("x", D1, me=1), a("x", D2, me=3), a("x", D3, me=4), a("y", D3)]
    assert latest_as_of(history, D2) == {"x": history[1]}
    assert latest_as_of(history, date(2025, 12, 31)) == {}
    assert set(latest_as_of(history, D3)) == {"x", "y"}


TIES = [
    Tie("mum", "Mum", RelationshipKind.FAMILY),
    Tie("boss", "Boss", RelationshipKind.WORK),
    Tie("choir", "Choir", RelationshipKind.COMMUNITY),
    Tie("therapy", "Therapy", RelationshipKind.THERAPY),
]
HISTORY = [
    a("mum", D1, 1, 1, 1, 3, bad=[O.TURNING_AWAY]),
    a("boss", D1, 0, 0, 1, 1, Power.OVER, bad=[O.TURNING_AWAY, O.CONFUSION]),
    a("therapy", D1, 3, 3, 3, 2, Power.MOSTLY_WITH, good=[G.ZEST, G.CLARITY]),
    a("mum", D3, 3, 3, 2, 3, Power.MOSTLY_WITH, good=[G.ZEST, G.WORTH]),
    a("boss", D3, 1, 1, 2, 1, Power.MOSTLY_OVER),
    a("choir", D2, 3, 3, 4, 2, Power.WITH, good=list(G)),
]


@pytest.mark.parametrize(
    ("on", "assessed", "gf", "gf_outside", "power_over", "reasons"),
    [
        (
            D1,
            3,
            1,
            0,
            1,
            (
                "no growth-fostering relationship outside therapy",
                "turning away from relationships marked in 2 of 3 relationships",
            ),
        ),
        (D2, 4, 2, 1, 1, ("turning away from relationships marked in 2 of 4 relationships",)),
        (D3, 4, 3, 2, 1, ()),
        (date(2025, 1, 1), 0, 0, 0, 0, ()),
    ],
)
def test_it_summarises_the_map_on_a_date(on, assessed, gf, gf_outside, power_over, reasons):
    s = summarise(TIES, HISTORY, on)
    assert (s.assessed, s.growth_fostering, s.growth_fostering_outside_therapy, s.power_over) == (
        assessed,
        gf,
        gf_outside,
        power_over,
    )
    assert s.isolation.reasons == reasons
    assert s.isolation.raised is bool(reasons)


def test_it_reports_the_share_of_power_over_ties():
    assert summarise(TIES, HISTORY, D2).power_over_share == 0.25
    assert summarise(TIES, HISTORY, date(2025, 1, 1)).power_over_share == 0.0


def test_it_shows_how_each_relationship_moved_between_two_dates():
    change = compare(TIES, HISTORY, D1, D3)
    moves = {c.tie: (c.movement, c.delta, c.power_shift) for c in change.ties}
    assert moves == {
        # mum: (25*3 - 10 + 50) / 4 = 28.75 -> 29, then (25*8 + 20 + 50) / 4 = 67.5 -> 68
        "mum": (Movement.TOWARD_GROWTH, 68 - 29, -1),
        # boss: (25 - 20 + 50) / 4 = 13.75 -> 14, then (100 + 50) / 4 = 37.5 -> 38
        "boss": (Movement.TOWARD_GROWTH, 38 - 14, -1),
        "choir": (Movement.NEW, None, None),
        "therapy": (Movement.NOT_REASSESSED, 0, 0),
    }
    assert change.before.isolation.raised
    assert not change.after.isolation.raised


def test_it_calls_small_changes_steady_and_drops_toward_disconnection():
    # 68.75 -> 69, then 71.25 -> 71 (+2, steady), then 31.25 -> 31 (-40)
    history = [a("mum", D1, 3, 3, 3), a("mum", D2, 3, 3, 3, good=[G.ZEST]), a("mum", D3, 1, 1, 1)]
    assert compare(TIES, history, D1, D2).ties[0].movement is Movement.STEADY
    assert compare(TIES, history, D2, D3).ties[0].movement is Movement.TOWARD_DISCONNECTION


def test_it_refuses_a_comparison_backwards_in_time():
    with pytest.raises(InvalidRating, match="must not be earlier"):
        compare(TIES, HISTORY, D3, D1)
