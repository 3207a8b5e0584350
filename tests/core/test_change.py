"""Change statistics checked against worked examples."""

import pytest

from mutuality.core.errors import MutualityError
from mutuality.core.measures import built_in
from mutuality.core.measures.change import (
    Outcome,
    clinical_change,
    cutoffs,
    gas_t_score,
    reliable_change,
    s_diff,
)
from mutuality.core.measures.model import Norm

PHQ9 = built_in("phq9").scales[0]
CORE10 = built_in("core10").scales[0]


def test_it_computes_the_standard_error_of_the_difference():
    # Jacobson & Truax (1991): S_diff = sqrt(2 * (s1 * sqrt(1 - r))^2)
    assert s_diff(7.7, 0.90) == pytest.approx(3.4436, abs=1e-4)  # CORE-10, clinical SD, alpha .90
    assert 1.96 * s_diff(7.7, 0.90) == pytest.approx(6.75, abs=0.01)
    assert s_diff(6.1, 0.89) == pytest.approx(2.8612, abs=1e-4)  # PHQ-9, Kroenke et al. 2001
    assert s_diff(10, 0) == pytest.approx(14.142, abs=1e-3)


@pytest.mark.parametrize(("sd", "r"), [(0, 0.8), (-1, 0.8), (5, 1.0), (5, -0.1)])
def test_it_refuses_impossible_inputs(sd, r):
    with pytest.raises(MutualityError):
        s_diff(sd, r)


def test_it_marks_change_reliable_beyond_1_96_standard_errors():
    assert reliable_change(PHQ9, 18, 12).reliable  # 6 points > 5.61
    assert not reliable_change(PHQ9, 18, 13).reliable  # 5 points < 5.61
    rc = reliable_change(PHQ9, 18, 12)
    assert rc.index == pytest.approx(-6 / 2.8612, abs=1e-3)
    assert rc.threshold == pytest.approx(5.608, abs=1e-3)
    assert rc.reliability_kind.value == "internal consistency"


def test_it_computes_jacobson_truax_cutoffs():
    clinical, functional = Norm("dys", 17.1, 6.1, ""), Norm("fun", 3.3, 3.8, "")
    c = cutoffs(clinical, functional, higher_is_worse=True)
    assert c.a == pytest.approx(17.1 - 12.2)
    assert c.b == pytest.approx(3.3 + 7.6)
    assert c.c == pytest.approx((6.1 * 3.3 + 3.8 * 17.1) / 9.9)  # 8.597
    assert c.preferred[0] == "c"
    assert c.preferred[1] == pytest.approx(8.597, abs=1e-3)
    assert cutoffs(clinical, None).preferred[0] == "a"
    assert cutoffs(clinical, None).preferred[1] == pytest.approx(4.9)
    better = cutoffs(Norm("dys", 30, 5, ""), Norm("fun", 50, 10, ""), higher_is_worse=False)
    assert (better.a, better.b) == (40, 30)


@pytest.mark.parametrize(
    ("scale", "pre", "post", "outcome"),
    [
        (PHQ9, 18, 8, Outcome.RECOVERED),  # reliable and below c = 8.6
        (PHQ9, 20, 12, Outcome.IMPROVED),  # reliable, still above c
        (PHQ9, 12, 8, Outcome.UNCHANGED),  # 4 points is not reliable
        (PHQ9, 8, 15, Outcome.DETERIORATED),
        (CORE10, 24, 10, Outcome.RECOVERED),  # c = (7.7*4.7 + 4.8*19.7) / 12.5 = 10.46
        (CORE10, 24, 16, Outcome.IMPROVED),
        (CORE10, 10, 17, Outcome.DETERIORATED),  # 7 > 6.75
        (CORE10, 10, 16, Outcome.UNCHANGED),
    ],
)
def test_it_classifies_clinically_significant_change(scale, pre, post, outcome):
    assert clinical_change(scale, pre, post).outcome is outcome


def test_it_claims_no_change_statistics_without_norms_and_reliability():
    assert clinical_change(built_in("gad7").scales[0], 15, 3) is None
    assert clinical_change(built_in("five-good-things").scales[0], 2, 18) is None


@pytest.mark.parametrize(
    ("n", "coefficient"),
    # T = 50 + C * sum(x) for n equally weighted goals at rho = 0.3 (Kiresuk & Sherman, 1968)
    [(1, 10.0), (2, 6.202), (3, 4.564), (4, 3.627), (5, 3.015)],
)
def test_it_scores_goal_attainment_with_the_kiresuk_sherman_coefficients(n, coefficient):
    assert gas_t_score([1] * n) - 50 == pytest.approx(coefficient * n, abs=0.01)
    assert gas_t_score([0] * n) == 50
    assert gas_t_score([-2] * n) == pytest.approx(50 - 2 * n * coefficient, abs=0.01)


def test_it_weights_goals():
    # 50 + 10 * (2*1 + 1*-1) / sqrt(0.7 * 5 + 0.3 * 9) = 50 + 10 / sqrt(6.2)
    assert gas_t_score([1, -1], [2, 1]) == pytest.approx(54.016, abs=1e-3)


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [
        ([], None, "at least one goal"),
        ([3], None, "-2 to \\+2, not 3"),
        ([1], [1, 2], "one positive weight"),
        ([1], [0], "one positive weight"),
    ],
)
def test_it_refuses_malformed_goal_scores(scores, weights, message):
    with pytest.raises(MutualityError, match=message):
        gas_t_score(scores, weights)
