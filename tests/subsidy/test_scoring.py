"""Normalisation, weighted sum and TOPSIS on a hand-checked case, and the ranking order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from energy.subsidy.rubric import Criterion, parse_rubric
from energy.subsidy.scoring import ScoreModel, normalise_column, rank_order

# Three applications, two criteria: yield (benefit, weight 0.6), payback (cost, weight 0.4).
X = np.array([[10.0, 2.0], [20.0, 4.0], [30.0, 8.0]])


def rubric(method: str = "weighted_sum", normalisation: str = "minmax"):
    return parse_rubric(f"""
[rubric]
name = "test"
version = "1"
method = "{method}"
[[criteria]]
id = "energy"
metric = "verified_annual_kwh"
direction = "benefit"
normalisation = "{normalisation}"
weight = 0.6
[[criteria]]
id = "payback"
metric = "payback_years"
direction = "cost"
normalisation = "{normalisation}"
weight = 0.4
""")


def test_weighted_sum_minmax_by_hand():
    # energy (x − 10)/20 → 0, .5, 1; payback (8 − x)/6 → 1, 2/3, 0
    model = ScoreModel(X, rubric())
    assert model.scores(np.array([0.6, 0.4]))[:, 0] == pytest.approx([40.0, 56.6667, 60.0],
                                                                      abs=1e-3)
    points = model.points(np.array([0.6, 0.4]))
    assert points[1] == pytest.approx([30.0, 26.6667], abs=1e-3)
    assert points.sum(axis=1) == pytest.approx(model.scores(np.array([0.6, 0.4]))[:, 0])


def test_weighted_sum_ratio_normalisation_by_hand_changes_the_order():
    # energy x/30 → 1/3, 2/3, 1; payback 2/x → 1, .5, .25
    model = ScoreModel(X, rubric(normalisation="max"))
    assert model.scores(np.array([0.6, 0.4]))[:, 0] == pytest.approx([60.0, 60.0, 70.0])


def test_topsis_by_hand_picks_another_winner():
    # r = x/√Σx²: energy /√1400, payback /√84; v = w·r; ideal (max energy, min payback)
    # d⁺ = .32071, .18258, .26186; d⁻ = .26186, .23705, .32071 → C = d⁻/(d⁺ + d⁻)
    model = ScoreModel(X, rubric("topsis"))
    scores = model.scores(np.array([0.6, 0.4]))[:, 0]
    assert scores == pytest.approx([44.949, 56.491, 55.051], abs=1e-3)
    assert np.argmax(scores) == 1  # the weighted sum picks the third
    best, worst = model.topsis_terms(np.array([0.6, 0.4]))
    d_plus, d_minus = np.sqrt(best.sum(axis=1)), np.sqrt(worst.sum(axis=1))
    assert 100 * d_minus / (d_plus + d_minus) == pytest.approx(scores)


def test_scores_for_many_weight_vectors_are_one_product():
    for method in ("weighted_sum", "topsis"):
        model = ScoreModel(X, rubric(method))
        W = np.array([[0.6, 0.2, 0.9], [0.4, 0.8, 0.1]])
        batch = model.scores(W)
        for d in range(3):
            assert batch[:, d] == pytest.approx(model.scores(W[:, d])[:, 0])


def _c(direction="benefit", normalisation="minmax", lower=None, upper=None):
    return Criterion("c", "need_index", "", "", direction, normalisation, 1.0, lower, upper)


def test_normalisation_edge_cases():
    assert list(normalise_column(np.array([3.0, 3.0]), _c())) == [1.0, 1.0]
    assert list(normalise_column(np.array([1.0, np.nan, 3.0]), _c())) == [0.0, 0.0, 1.0]
    fixed = _c("benefit", "fixed", 0.0, 5.0)
    assert list(normalise_column(np.array([-1.0, 2.5, 7.0]), fixed)) == [0.0, 0.5, 1.0]
    fixed_cost = _c("cost", "fixed", 0.0, 10.0)
    assert list(normalise_column(np.array([2.0, 10.0]), fixed_cost)) == [0.8, 0.0]
    assert list(normalise_column(np.array([np.nan, np.nan]), _c())) == [0.0, 0.0]


def test_rank_order_uses_the_tie_break_then_application_id():
    table = pd.DataFrame({"application_id": ["C", "A", "B", "D"],
                          "score": [50.0, 50.0 + 1e-9, 50.0, 70.0],
                          "subsidy_requested_cny": [100.0, 200.0, 100.0, 900.0]})
    order = rank_order(table, ("subsidy_requested_cny asc", "application_id asc"))
    assert list(table["application_id"].iloc[order]) == ["D", "B", "C", "A"]
