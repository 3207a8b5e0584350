"""Scoring invariants that hold for any answers (hypothesis)."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuality.core.measures.batch import score_matrix
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.core.measures.model import Instrument
from mutuality.core.measures.scoring import score
from tests.core.test_instruments import ALL

instruments = st.sampled_from(ALL)


@st.composite
def administrations(draw, instrument=None):
    instrument = instrument or draw(instruments)
    answers = {
        item.key: draw(st.one_of(st.none(), st.sampled_from(sorted(item.values))))
        for item in instrument.items
    }
    return instrument, answers


def bounds(instrument: Instrument, scale):
    lows = [instrument.item(k).low for k in scale.items]
    highs = [instrument.item(k).high for k in scale.items]
    return sum(lows), sum(highs)


@given(administrations())
def test_it_keeps_every_score_within_its_scale_range(case):
    instrument, answers = case
    for s in score(instrument, answers).scales:
        if s.raw is not None:
            low, high = bounds(instrument, s.scale)
            assert low <= s.raw <= high


@given(administrations())
def test_it_refuses_exactly_when_more_items_are_missing_than_allowed(case):
    instrument, answers = case
    for s in score(instrument, answers).scales:
        missing = sum(answers[k] is None for k in s.scale.items)
        refused = missing > s.scale.max_missing or missing == len(s.scale.items)
        assert (s.raw is None) is refused
        assert s.prorated is (not refused and missing > 0)


@given(administrations(BUILT_IN["core10"]))
def test_it_reverses_the_reverse_keyed_items(case):
    instrument, answers = case
    for key in ("q2", "q3"):
        item = instrument.item(key)
        if answers[key] is None or answers[key] == item.high:
            continue
        higher = dict(answers, **{key: answers[key] + 1})
        before, after = (
            score(instrument, answers).scale("total"),
            score(instrument, higher).scale("total"),
        )
        if before.raw is not None:
            assert after.raw is not None
            assert after.raw < before.raw


@given(administrations())
def test_it_scores_a_full_administration_as_a_plain_sum_of_keyed_values(case):
    instrument, answers = case
    full = {k: (v if v is not None else instrument.item(k).low) for k, v in answers.items()}
    for s in score(instrument, full).scales:
        keyed = [
            instrument.item(k).low + instrument.item(k).high - full[k]
            if k in s.scale.reverse
            else full[k]
            for k in s.scale.items
        ]
        assert s.raw == sum(keyed)


@settings(max_examples=60)
@given(instruments, st.data())
def test_it_gives_the_same_scores_in_batch_as_row_by_row(instrument, data):
    rows = data.draw(st.lists(administrations(instrument), min_size=1, max_size=20))
    matrix = np.array(
        [[np.nan if a[k] is None else a[k] for k in instrument.item_keys] for _, a in rows],
        dtype=np.float64,
    )
    batch = score_matrix(instrument, matrix)
    for n, (_, answers) in enumerate(rows):
        for b, s in zip(batch, score(instrument, answers).scales, strict=True):
            raw = float(b.raw[n])
            assert (math.isnan(raw) and s.raw is None) or raw == s.raw
            assert bool(b.prorated[n]) is s.prorated
            band = b.bands()[n]
            assert band == (s.band.label if s.band else "")
