"""The budget-optimal shortlist: exact against brute force, better than greedy, tie-breaks."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from energy.subsidy.rubric import Cap
from energy.subsidy.shortlist import (
    build_constraints,
    enumerate_best,
    equal_score_swaps,
    rank_fill,
    solve_shortlist,
)

CAP_CHOICES = [(), (Cap("district", "share", 0.5),), (Cap("school_code", "count", 1),),
               (Cap("project_type", "cny", 300.0), Cap("district", "count", 2))]


def case(seed: int):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 11))
    frame = pd.DataFrame({
        "subsidy_requested_cny": rng.integers(20, 200, n).astype(float),
        "district": rng.choice(["浦东新区", "徐汇区", "闵行区"], n),
        "school_code": rng.choice(["S1", "S2", "S3", "S4"], n),
        "project_type": rng.choice(["光伏", "照明改造"], n)})
    scores = np.sort(np.round(rng.uniform(10, 90, n), 2))[::-1]  # rank order
    budget = float(frame["subsidy_requested_cny"].sum() * rng.uniform(0.3, 0.6))
    return frame, scores, budget, CAP_CHOICES[seed % len(CAP_CHOICES)]


def fits(frame: pd.DataFrame, chosen: tuple[int, ...], budget: float, caps) -> bool:
    """Plain-Python feasibility, independent of the constraint matrix."""
    picked = frame.iloc[list(chosen)]
    if picked["subsidy_requested_cny"].sum() > budget + 1e-6:
        return False
    for cap in caps:
        per_group = (picked.groupby(cap.group).size() if cap.kind == "count"
                     else picked.groupby(cap.group)["subsidy_requested_cny"].sum())
        limit = cap.limit * budget if cap.kind == "share" else cap.limit
        if (per_group > limit + 1e-6).any():
            return False
    return True


def brute_force(frame, scores, budget, caps) -> float:
    best = 0.0
    for size in range(len(frame) + 1):
        for chosen in itertools.combinations(range(len(frame)), size):
            if fits(frame, chosen, budget, caps):
                best = max(best, float(scores[list(chosen)].sum()))
    return best


@pytest.mark.parametrize("seed", range(24))
def test_milp_is_optimal_against_brute_force_and_never_below_greedy(seed):
    frame, scores, budget, caps = case(seed)
    constraints = build_constraints(frame, budget, caps)
    result = solve_shortlist(scores, constraints)
    chosen = tuple(np.flatnonzero(result.selected))
    assert fits(frame, chosen, budget, caps)
    assert result.total_score == pytest.approx(brute_force(frame, scores, budget, caps),
                                               abs=1e-6)
    greedy = rank_fill(constraints)
    assert fits(frame, tuple(np.flatnonzero(greedy)), budget, caps)
    assert result.total_score >= scores[greedy].sum() - 1e-9
    exhaustive = enumerate_best(scores[:, None], constraints)[:, 0]
    assert scores[exhaustive].sum() == pytest.approx(result.total_score)


def test_beats_the_rank_order_fill_where_a_big_first_project_blocks_two():
    frame = pd.DataFrame({"subsidy_requested_cny": [60.0, 50.0, 50.0]})
    scores = np.array([50.0, 45.0, 44.0])
    constraints = build_constraints(frame, 100.0, ())
    assert list(rank_fill(constraints)) == [True, False, False]  # 50 points
    best = solve_shortlist(scores, constraints)
    assert list(best.selected) == [False, True, True] and best.total_score == 89.0


def test_caps_bind():
    frame = pd.DataFrame({"subsidy_requested_cny": [10.0] * 4, "school_code": ["S"] * 3 + ["T"]})
    constraints = build_constraints(frame, 100.0, (Cap("school_code", "count", 1),))
    best = solve_shortlist(np.array([40.0, 30.0, 20.0, 10.0]), constraints)
    assert list(best.selected) == [True, False, False, True]


def test_equal_totals_prefer_the_higher_ranked_applications():
    frame = pd.DataFrame({"subsidy_requested_cny": [50.0, 50.0, 50.0, 50.0]})
    scores = np.array([30.0, 30.0, 30.0, 30.0])  # four identical, two fit
    constraints = build_constraints(frame, 100.0, ())
    assert list(solve_shortlist(scores, constraints).selected) == [True, True, False, False]
    # equal totals from different members (30 = 15 + 15): the higher-ranked one wins
    frame = pd.DataFrame({"subsidy_requested_cny": [50.0, 50.0, 25.0, 25.0]})
    scores = np.array([30.0, 30.0, 15.0, 15.0])
    best = solve_shortlist(scores, build_constraints(frame, 50.0, ()))
    assert list(best.selected) == [True, False, False, False]


def test_exchange_pass_swaps_in_a_higher_ranked_equal_score():
    frame = pd.DataFrame({"subsidy_requested_cny": [40.0, 30.0, 30.0]})
    constraints = build_constraints(frame, 70.0, ())
    units = np.array([5e5, 3e5, 3e5])
    swapped = equal_score_swaps(np.array([True, False, True]), units, constraints)
    assert list(swapped) == [True, True, False]


def test_same_input_same_shortlist():
    frame, scores, budget, caps = case(7)
    constraints = build_constraints(frame, budget, caps)
    first = solve_shortlist(scores, constraints).selected
    for _ in range(3):
        assert np.array_equal(solve_shortlist(scores, constraints).selected, first)


def _plain_milp_total(scores: np.ndarray, constraints) -> float:
    """The optimum of the whole MILP straight from scipy, without any fixing."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    units = np.round(scores * 1e4)
    A = constraints.matrix()
    found = milp(-units, constraints=LinearConstraint(A, -np.inf, constraints.ub * (1 + 1e-9)),
                 integrality=np.ones(len(units)), bounds=Bounds(0, 1),
                 options={"mip_rel_gap": 0.0})
    return float(units @ np.round(found.x))


@pytest.mark.parametrize("seed", range(8))
def test_fixing_by_the_lp_bound_keeps_the_optimum(seed):
    """Hundreds of applications, caps included: the fixed and reduced MILP reaches the whole
    MILP's optimum, and a feasible selection handed in changes nothing in the answer."""
    rng = np.random.default_rng(100 + seed)
    n = 400
    frame = pd.DataFrame({
        "subsidy_requested_cny": rng.integers(1, 60, n).astype(float) * 1e4,
        "district": rng.choice(["浦东新区", "徐汇区", "闵行区", "嘉定区"], n),
        "school_code": rng.choice([f"S{i}" for i in range(60)], n),
        "project_type": rng.choice(["光伏", "照明改造", "其他"], n)})
    scores = np.sort(np.round(rng.uniform(10, 90, n), 2))[::-1]
    budget = float(frame["subsidy_requested_cny"].sum() * rng.uniform(0.1, 0.4))
    constraints = build_constraints(frame, budget, CAP_CHOICES[seed % len(CAP_CHOICES)])
    found = solve_shortlist(scores, constraints, tie_break=False)
    assert round(found.total_score * 1e4) == _plain_milp_total(scores, constraints)
    fill = rank_fill(constraints)
    with_known = solve_shortlist(scores, constraints, tie_break=False, known=fill)
    assert with_known.total_score == pytest.approx(found.total_score, abs=1e-9)
    assert fits(frame, tuple(np.flatnonzero(found.selected)), budget,
                CAP_CHOICES[seed % len(CAP_CHOICES)])
