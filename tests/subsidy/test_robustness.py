"""Weight robustness on a constructed borderline case: probabilities, borderline, flips."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import beta

from energy.subsidy.robustness import assess, dirichlet_weights, nudged_weights
from energy.subsidy.rubric import parse_rubric
from energy.subsidy.scoring import ScoreModel
from energy.subsidy.shortlist import build_constraints, solve_shortlist

# Rank order: C is good on both criteria, A only on the first, B only on the second, D on
# neither. The budget (20) holds C (10) and one of A and B (10 each); D (15) never fits.
X = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
FRAME = pd.DataFrame({"subsidy_requested_cny": [10.0, 10.0, 10.0, 15.0]})


def rubric(w1: float, method: str = "auto", draws: int = 1000):
    return parse_rubric(f"""
[rubric]
name = "borderline"
version = "1"
[parameters]
robustness_draws = {draws}
robustness_method = "{method}"
[[criteria]]
id = "first"
metric = "need_index"
direction = "benefit"
normalisation = "fixed"
lower = 0.0
upper = 1.0
weight = {w1}
[[criteria]]
id = "second"
metric = "co_funding_share"
direction = "benefit"
normalisation = "fixed"
lower = 0.0
upper = 1.0
weight = {1 - w1:.10g}
""")


def run(w1: float, method: str = "auto", draws: int = 1000):
    r = rubric(w1, method, draws)
    model = ScoreModel(X, r)
    constraints = build_constraints(FRAME, 20.0, ())
    base = solve_shortlist(model.scores(r.weights)[:, 0], constraints).selected
    return assess(model, r, constraints, base), base


def test_a_tie_between_two_projects_is_a_coin_flip_and_says_so():
    check, base = run(0.5)
    assert list(base) == [True, True, False, False]  # equal scores: the higher-ranked A
    p = check.probability
    assert p[0] == 1.0 and p[3] == 0.0
    assert p[1] + p[2] == pytest.approx(1.0)
    assert p[1] == pytest.approx(0.5, abs=0.05)
    assert list(check.borderline) == [False, True, True, False]
    assert check.method == "enumerate" and check.draws == 1000
    assert "first −0.05" in check.flips[1] and "second +0.05" in check.flips[2]
    assert check.flips[0] == "" and check.flips[3] == ""


@pytest.mark.parametrize("method", ["enumerate", "milp", "pool", "ratio_fill"])
def test_probability_matches_the_dirichlet_law(method):
    # A is chosen exactly when w_first > 0.5, with w_first ~ Beta(60, 40) (concentration 100)
    check, _ = run(0.6, method, draws=400 if method == "milp" else 2000)
    expected = beta.sf(0.5, 60, 40)
    tolerance = 4 * np.sqrt(expected * (1 - expected) / check.draws) + 1e-3
    assert check.probability[1] == pytest.approx(expected, abs=tolerance)
    assert not check.borderline[1]


def test_every_exact_method_agrees_draw_by_draw():
    results = {m: run(0.55, m, draws=300)[0].probability for m in ("enumerate", "milp", "pool")}
    assert np.array_equal(results["enumerate"], results["milp"])
    assert np.array_equal(results["enumerate"], results["pool"])


def test_weight_draws_and_moves():
    w0 = np.array([0.3, 0.2, 0.5, 0.0])
    W = dirichlet_weights(w0, 5000, 100.0, 1)
    assert W.sum(axis=0) == pytest.approx(np.ones(5000))
    assert W.mean(axis=1) == pytest.approx(w0, abs=0.005)
    assert W[0].std() == pytest.approx(np.sqrt(0.3 * 0.7 / 101), rel=0.1)
    assert (W[3] == 0).all()
    assert np.array_equal(W, dirichlet_weights(w0, 5000, 100.0, 1))
    moves, labels = nudged_weights(w0, 0.05, ["a", "b", "c", "d"])
    assert moves.sum(axis=0) == pytest.approx(np.ones(moves.shape[1]))
    assert labels[0] == "a +0.05" and moves[0, 0] == pytest.approx(0.35)
    assert moves[1, 0] / moves[2, 0] == pytest.approx(0.2 / 0.5)
    assert "d −0.05" not in labels


def test_no_draws_means_no_borderline():
    check, base = run(0.5, draws=0)
    assert np.array_equal(check.probability, base.astype(float))
    assert not check.borderline.any()


def test_seeded_draws_are_reproducible():
    first, _ = run(0.5)
    second, _ = run(0.5)
    assert np.array_equal(first.probability, second.probability)
