"""The budget-optimal shortlist (exact MILP), the plain rank-order fill, and batch fills.

Problem: choose ``x_i ∈ {0, 1}`` for the eligible applications to maximise the total score
``Σ s_i x_i`` subject to ``Σ c_i x_i ≤ budget`` (``c`` the subsidy requested) and every cap
(per district, school or project type: subsidy in CNY, share of the budget, or a count).
It is solved exactly with :func:`scipy.optimize.milp` (HiGHS, relative gap 0) on scores in
integer units of 0.0001 points, so that equal totals are recognised as equal.

Optima are often not unique; the tie-break prefers applications that stand higher in the
ranking (whose order is itself total, see the rubric's ``tie_break``):

* up to :data:`EXACT_TIE_BREAK_MAX` eligible applications (any committee's year), a second
  MILP fixes the total score at its optimum and maximises ``Σ (n − rank_i) x_i``;
* above that (the second stage costs seconds for thousands), equal-score exchanges only:
  an unselected application replaces a lower-ranked selected one of the same score
  whenever budget and caps allow.

Both passes end with those exchanges, so no selected application can be swapped for a
higher-ranked one of equal score. HiGHS is deterministic, so the shortlist is a function of
the input alone.

Before the MILP, reduced-cost fixing shrinks it without losing any optimum: with duals
``y ≥ 0`` of the LP relaxation, ``U = y·ub + Σ max(r_i, 0)`` (``r = s − Aᵀy``) bounds every
feasible total, and taking an item against the sign of ``r_i`` bounds it by ``U − |r_i|``.
Where that is below the total of a known feasible shortlist (the better of the rank-order
and score-per-CNY fills, or one given), no optimum takes it that way, so it is fixed. The
bound holds for any ``y ≥ 0``, so LP tolerances cannot make a fixing wrong. On 2,000
applications this leaves a few hundred to the MILP.

:func:`rank_fill` is the committee's usual procedure for comparison: walk down the ranking
and take every application that still fits within the budget and caps.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array, vstack

SCORE_UNITS = 1e4  # integer score units per point in the MILP objective
EXACT_TIE_BREAK_MAX = 300  # second MILP stage up to this many applications
MIP_TIME_LIMIT_S = 120.0
_TOL = 1e-9


@dataclass
class Constraints:
    """``A x ≤ ub`` over applications, stored by column: item ``i`` adds ``vals[i, t]`` to
    row ``rows[i, t]``. Row 0 is the budget; the others are caps, one row per group."""

    rows: np.ndarray  # n × r row indices
    vals: np.ndarray  # n × r coefficients (CNY, or 1 for counts)
    ub: np.ndarray  # bound of each row (CNY or count)
    labels: list[str]  # "budget", "district=浦东新区", …

    @property
    def n(self) -> int:
        return len(self.rows)

    def matrix(self) -> csr_array:
        """The dense-free sparse matrix ``A`` (rows × n)."""
        cols = np.repeat(np.arange(self.n), self.rows.shape[1])
        return csr_array((self.vals.ravel(), (self.rows.ravel(), cols)),
                         shape=(len(self.ub), self.n))


def build_constraints(frame: pd.DataFrame, budget_cny: float, caps) -> Constraints:
    """Budget and cap rows for the applications of ``frame``.

    Parameters
    ----------
    frame
        One row per eligible application with ``subsidy_requested_cny`` and the cap
        groups' columns (``district``, ``school_code``, ``project_type``).
    budget_cny
        Total subsidy available. [CNY]
    caps
        :class:`energy.subsidy.rubric.Cap` items.
    """
    cost = frame["subsidy_requested_cny"].to_numpy(dtype=float)
    n = len(frame)
    rows, vals = [np.zeros(n, dtype=np.int64)], [cost]
    ub, labels = [float(budget_cny)], ["budget"]
    for cap in caps:
        groups = frame[cap.group].astype("string").fillna("—").to_numpy()
        names, index = np.unique(groups, return_inverse=True)
        rows.append(len(ub) + index.astype(np.int64))
        vals.append(np.ones(n) if cap.kind == "count" else cost)
        ub += [cap.bound(budget_cny)] * len(names)
        labels += [f"{cap.group}={name} ({cap.kind} ≤ {cap.limit:g})" for name in names]
    return Constraints(np.column_stack(rows), np.column_stack(vals), np.array(ub), labels)


@contextlib.contextmanager
def _quiet_stdout():
    """HiGHS prints some diagnostics from C to file descriptor 1; keep stdout clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


@dataclass
class Shortlist:
    """A chosen set of applications and how it was found."""

    selected: np.ndarray  # bool, per application
    total_score: float  # [points]
    total_cny: float  # [CNY]
    status: str
    seconds: float


def _solve(objective: np.ndarray, A: csr_array, lb: np.ndarray, ub: np.ndarray):
    n = len(objective)
    with _quiet_stdout():
        result = milp(-objective, constraints=LinearConstraint(A, lb, ub),
                      integrality=np.ones(n), bounds=Bounds(0, 1),
                      options={"mip_rel_gap": 0.0, "time_limit": MIP_TIME_LIMIT_S})
    if result.x is None:
        raise RuntimeError(f"MILP failed: {result.message}")
    return np.round(result.x).astype(bool), result


def _load(chosen: np.ndarray, constraints: Constraints) -> np.ndarray:
    load = np.zeros(len(constraints.ub))
    np.add.at(load, constraints.rows[chosen].ravel(), constraints.vals[chosen].ravel())
    return load


def equal_score_swaps(chosen: np.ndarray, units: np.ndarray,
                      constraints: Constraints) -> np.ndarray:
    """Replace selected items by higher-ranked unselected ones of the same score where
    budget and caps allow (items in rank order; ``units`` integer scores)."""
    chosen = chosen.copy()
    load, limit = _load(chosen, constraints), constraints.ub * (1 + _TOL)
    values, counts = np.unique(units, return_counts=True)
    for value in values[counts > 1]:
        group = np.flatnonzero(units == value)
        for j in group[~chosen[group]]:
            for i in group[chosen[group]][::-1]:
                if i < j:
                    break
                trial = load.copy()
                np.add.at(trial, constraints.rows[i], -constraints.vals[i])
                np.add.at(trial, constraints.rows[j], constraints.vals[j])
                if np.all(trial <= limit):
                    chosen[i], chosen[j], load = False, True, trial
                    break
    return chosen


def _fixed_by_bound(units: np.ndarray, A: csr_array, ub: np.ndarray,
                    known: float) -> tuple[np.ndarray, np.ndarray]:
    """Items every optimum leaves out and items every optimum takes: ``(out, taken)``.

    ``known`` is the total of a feasible selection [integer score units]; see the module
    notes for the bound.
    """
    none = np.zeros(len(units), dtype=bool)
    lp = linprog(-units, A_ub=A, b_ub=ub, bounds=(0, 1), method="highs")
    if lp.status != 0:
        return none, none
    y = np.maximum(-np.asarray(lp.ineqlin.marginals, float), 0.0)
    reduced = units - A.T @ y
    bound = float(y @ ub + np.maximum(reduced, 0.0).sum())
    margin = 1.0 + 1e-9 * abs(bound)   # float rounding of the sums above
    beaten = bound - np.abs(reduced) < known - margin
    return beaten & (reduced < 0), beaten & (reduced > 0)


def _known_total(units: np.ndarray, constraints: Constraints,
                 known: np.ndarray | None) -> float:
    """The best total of the rank-order fill, the score-per-CNY fill and ``known``."""
    cost = np.maximum(constraints.vals[:, 0], _TOL)
    by_ratio = np.argsort(-(units / cost), kind="stable")
    fills = fill_batch(np.column_stack([np.arange(constraints.n), by_ratio]), constraints)
    totals = list(units @ fills)
    if known is not None:
        totals.append(float(units @ known))
    return float(max(totals))


def solve_shortlist(scores: np.ndarray, constraints: Constraints,
                    tie_break: bool = True, known: np.ndarray | None = None) -> Shortlist:
    """Maximise the total score within budget and caps, exactly (see the module notes).

    Parameters
    ----------
    scores
        Scores of the applications in rank order (position 0 ranked first). [points ≥ 0]
    constraints
        From :func:`build_constraints`, same order.
    tie_break
        Apply the tie-break (prefer higher-ranked members among equal totals).
    known
        A feasible selection (bool per application), e.g. a nearby draw's optimum: the
        better its total, the more items the bound fixes. The answer does not depend on it.
    """
    start = time.perf_counter()
    n = len(scores)
    if n == 0:
        return Shortlist(np.zeros(0, bool), 0.0, 0.0, "empty", 0.0)
    units = np.round(np.asarray(scores, float) * SCORE_UNITS)
    A, ub = constraints.matrix(), constraints.ub * (1 + _TOL)
    out, taken = _fixed_by_bound(units, A, ub, _known_total(units, constraints, known))
    free = ~(out | taken)
    rest = ub - A @ taken.astype(float)
    if np.any(rest < 0):   # cannot happen for a feasible problem; then solve it whole
        free, taken, rest = np.ones(n, dtype=bool), np.zeros(n, dtype=bool), ub
    chosen, message = taken.copy(), "decided by the LP bound"
    if free.any():
        A_free, lb = csr_array(A[:, free]), np.full(len(ub), -np.inf)
        chosen[free], result = _solve(units[free], A_free, lb, rest)
        if tie_break and n <= EXACT_TIE_BREAK_MAX:
            best = float(units[free] @ chosen[free])
            A2 = csr_array(vstack([A_free, csr_array(units[free].reshape(1, -1))]))
            tie = (n - np.arange(n, dtype=float))[free]
            chosen[free], result = _solve(tie, A2, np.append(lb, best), np.append(rest, np.inf))
        message = result.message
    if tie_break:
        chosen = equal_score_swaps(chosen, units, constraints)
    cost = constraints.vals[:, 0]
    return Shortlist(chosen, float(np.asarray(scores) @ chosen), float(cost @ chosen),
                     message, time.perf_counter() - start)


def fill_batch(order: np.ndarray, constraints: Constraints) -> np.ndarray:
    """Greedy fills, one per column of ``order``: take each item in turn if it still fits.

    Parameters
    ----------
    order
        n × m item positions: column ``d`` lists the items in the order draw ``d`` tries them.

    Returns
    -------
    ndarray of bool, n × m
        Chosen items per draw.
    """
    n, m = order.shape
    used = np.zeros((len(constraints.ub), m))
    chosen = np.zeros((n, m), dtype=bool)
    cols = np.arange(m)[:, None]
    limit = constraints.ub * (1 + _TOL)
    for step in range(n):
        item = order[step]
        rows, vals = constraints.rows[item], constraints.vals[item]
        fits = np.all(used[rows, cols] + vals <= limit[rows], axis=1)
        chosen[item, cols[:, 0]] = fits
        used[rows, cols] += vals * fits[:, None]
    return chosen


def rank_fill(constraints: Constraints) -> np.ndarray:
    """The plain rank-order fill for items given in rank order. [bool per item]"""
    return fill_batch(np.arange(constraints.n)[:, None], constraints)[:, 0]


def feasible_subsets(constraints: Constraints) -> np.ndarray:
    """Every subset of at most ~12 items that fits budget and caps (bool, subsets × n)."""
    n = constraints.n
    masks = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1).astype(bool)
    load = masks.astype(float) @ constraints.matrix().toarray().T
    return masks[np.all(load <= constraints.ub * (1 + _TOL), axis=1)]


def enumerate_best(S: np.ndarray, constraints: Constraints,
                   subsets: np.ndarray | None = None) -> np.ndarray:
    """Exact best subset per column of scores ``S`` (n × m) by enumeration, with the same
    tie-break as :func:`solve_shortlist`. [bool, n × m]"""
    n = constraints.n
    subsets = feasible_subsets(constraints) if subsets is None else subsets
    F = subsets.astype(float)
    units = F @ np.round(np.asarray(S, float) * SCORE_UNITS)
    tie = F @ (n - np.arange(n, dtype=float))
    value = units * (n * n + 1) + tie[:, None]
    return subsets[np.argmax(value, axis=0)].T
