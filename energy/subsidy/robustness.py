"""How much the shortlist depends on the weights.

Weight draws
    ``w ~ Dirichlet(concentration × w₀)`` around the rubric's weights ``w₀`` (criteria with
    weight 0 stay 0). The mean is ``w₀`` and a weight's standard deviation is
    ``√(w₀(1 − w₀)/(concentration + 1))``. Each application's *shortlist probability* is
    the share of draws whose shortlist contains it; between ``borderline_low`` and
    ``borderline_high`` it is marked borderline.
One-at-a-time moves
    Each weight moved by ± ``sensitivity_step`` (absolute; the others rescaled to keep the
    sum 1). For every application the moves that flip it in or out are listed, e.g.
    ``payback −0.05``: the answer to "does the shortlist change when one weight moves?".
Scores for all draws
    One matrix product (:meth:`energy.subsidy.scoring.ScoreModel.scores`).
Shortlist per draw (``robustness_method``)
    ``enumerate``
        Exact: every feasible subset scored at once (up to :data:`ENUMERATE_MAX` eligible
        applications).
    ``milp``
        Exact: the MILP of :mod:`energy.subsidy.shortlist` once per draw (about 10 ms per
        draw for 30 applications, 1 s for 2,000: for final checks).
    ``ratio_fill``
        Approximate: each draw fills the budget greedily by score per CNY within the caps
        (the LP-relaxation order), vectorised over all draws. Good when every request is
        small against the budget; poor when a few large requests compete for it.
    ``pool`` (``auto`` above :data:`ENUMERATE_MAX`)
        Each draw takes the best of a pool of feasible shortlists: its own ratio fill, the
        exact MILP shortlist at the rubric's weights, and the exact MILP shortlists of
        *probe* draws. Probes are solved in draw order; a probe whose MILP optimum beats
        the pool joins it, and probing stops after :data:`CONFIRMATIONS` probes in a row
        that the pool already matched, or after ``min(robustness_exact_solves,
        max(2, 4000 // n))`` probes. Every draw's shortlist is feasible and at least as good
        as the ratio fill; it is exact for every draw whose optimum is in the pool. The
        result reports how many exact solves were made and how many improved the pool.

Moves are compared with the same method's shortlist at the rubric's weights, so an
approximation never shows up as a flip.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from energy.subsidy.shortlist import (
    SCORE_UNITS,
    Constraints,
    enumerate_best,
    feasible_subsets,
    fill_batch,
    solve_shortlist,
)

ENUMERATE_MAX = 12
CONFIRMATIONS = 20  # probes in a row matched by the pool before probing stops
PROBE_WORK = 4000  # probes ≤ PROBE_WORK // n (an exact solve costs about n)


@dataclass
class Robustness:
    """Shortlist probabilities and weight moves, per eligible application (rank order)."""

    probability: np.ndarray  # [0–1]
    borderline: np.ndarray  # bool
    flips: list[str]  # one-at-a-time moves that flip the application ("" when none)
    method: str
    draws: int
    seconds: float
    exact_solves: int = 0  # MILPs solved for probes (pool method)
    pool_size: int = 0  # exact shortlists in the pool (pool method)


def dirichlet_weights(weights: np.ndarray, draws: int, concentration: float,
                      seed: int) -> np.ndarray:
    """Weight vectors drawn around ``weights`` (k × draws, columns sum to 1)."""
    w0 = np.asarray(weights, dtype=float)
    W = np.zeros((len(w0), draws))
    active = w0 > 0
    if draws and active.any():
        rng = np.random.default_rng(seed)
        W[active] = rng.dirichlet(concentration * w0[active], size=draws).T
    return W


def nudged_weights(weights: np.ndarray, step: float, ids: list[str]
                   ) -> tuple[np.ndarray, list[str]]:
    """Each weight moved by ± ``step`` with the others rescaled (k × 2k), with labels."""
    w0 = np.asarray(weights, dtype=float)
    columns, labels = [], []
    for j in range(len(w0)):
        for sign in (+1, -1):
            w = w0.copy()
            w[j] = np.clip(w0[j] + sign * step, 0.0, 1.0)
            rest = 1.0 - w0[j]
            if rest <= 0 or w[j] == w0[j]:
                continue
            others = np.arange(len(w0)) != j
            w[others] = w0[others] * (1.0 - w[j]) / rest
            columns.append(w)
            labels.append(f"{ids[j]} {'+' if sign > 0 else '−'}{step:g}")
    return (np.column_stack(columns) if columns else np.zeros((len(w0), 0))), labels


def resolve_method(method: str, n: int) -> str:
    """The per-draw shortlist method actually used for ``n`` eligible applications."""
    if method == "auto":
        return "enumerate" if n <= ENUMERATE_MAX else "pool"
    if method == "enumerate" and n > ENUMERATE_MAX:
        raise ValueError(f"enumeration is limited to {ENUMERATE_MAX} applications, got {n}")
    return method


def ratio_fill(S: np.ndarray, constraints: Constraints) -> np.ndarray:
    """Greedy fill by score per CNY, one per column of ``S`` (bool, n × m)."""
    cost = constraints.vals[:, 0][:, None]
    return fill_batch(np.argsort(-(S / cost), axis=0, kind="stable"), constraints)


@dataclass
class _Pool:
    """Exact shortlists found so far and each draw's best feasible shortlist."""

    members: list[np.ndarray]
    best: np.ndarray  # n × m chosen shortlist per draw
    value: np.ndarray  # its objective in integer score units per draw

    def offer(self, x: np.ndarray, units: np.ndarray) -> bool:
        """Add shortlist ``x``; returns whether it beats the pool for any draw."""
        gain = x.astype(float) @ units
        better = gain > self.value + 0.5
        if better.any():
            self.members.append(x)
        self.best[:, better] = x[:, None]
        self.value = np.maximum(self.value, gain)
        return bool(better.any())


def pooled(S: np.ndarray, constraints: Constraints, base: np.ndarray | None,
           max_probes: int) -> tuple[np.ndarray, int, int]:
    """Best-of-pool shortlists (see module notes): (bool n × m, exact solves, pool size)."""
    units = np.round(S * SCORE_UNITS)
    fills = ratio_fill(S, constraints)
    pool = _Pool([], fills.copy(), (fills * units).sum(axis=0))
    if base is not None:
        pool.offer(base, units)
    solves = confirmed = 0
    for d in range(S.shape[1]):
        if solves >= max_probes or confirmed >= CONFIRMATIONS:
            break
        x = solve_shortlist(S[:, d], constraints, tie_break=False,
                            known=pool.best[:, d]).selected
        solves += 1
        confirmed = 0 if pool.offer(x, units) else confirmed + 1
    return pool.best, solves, len(pool.members)


def shortlists(model, W: np.ndarray, constraints: Constraints, method: str,
               base: np.ndarray | None = None, max_probes: int = 50,
               subsets: np.ndarray | None = None) -> tuple[np.ndarray, int, int]:
    """The shortlist of every weight vector in ``W``: (bool n × m, exact solves, pool size).

    ``base`` is the exact shortlist at the rubric's weights (pool method).
    """
    S = model.scores(W)
    if method == "enumerate":
        return enumerate_best(S, constraints, subsets), 0, 0
    if method == "milp":
        chosen = [solve_shortlist(S[:, d], constraints, tie_break=False).selected
                  for d in range(S.shape[1])]
        return np.column_stack(chosen) if chosen else S > 0, len(chosen), 0
    if method == "pool":
        return pooled(S, constraints, base, max_probes)
    return ratio_fill(S, constraints), 0, 0


def _flips(base: np.ndarray, moved: np.ndarray, labels: list[str]) -> list[str]:
    changed = moved != base[:, None]
    return ["; ".join(label for label, hit in zip(labels, row) if hit) for row in changed]


def assess(model, rubric, constraints: Constraints,
           base: np.ndarray | None = None) -> Robustness:
    """Shortlist probability, borderline marks and flipping moves for the eligible set.

    Parameters
    ----------
    model
        :class:`energy.subsidy.scoring.ScoreModel` of the eligible applications, rows in
        rank order (the order of ``constraints``).
    base
        The exact shortlist at the rubric's weights (seeds the pool method).
    """
    start = time.perf_counter()
    p = rubric.parameters
    n = constraints.n
    method = resolve_method(p.robustness_method, n)
    W = dirichlet_weights(rubric.weights, p.robustness_draws, p.robustness_concentration,
                          p.robustness_seed)
    moves, labels = nudged_weights(rubric.weights, p.sensitivity_step,
                                   [c.id for c in rubric.criteria])
    subsets = feasible_subsets(constraints) if method == "enumerate" else None
    max_probes = min(p.robustness_exact_solves, max(2, PROBE_WORK // max(n, 1)))
    chosen, solves, pool = shortlists(model, np.column_stack([W, rubric.weights, moves]),
                                      constraints, method, base, max_probes, subsets)
    m = W.shape[1]
    drawn, at_base, moved = chosen[:, :m], chosen[:, m], chosen[:, m + 1:]
    probability = drawn.mean(axis=1) if m else at_base.astype(float)
    borderline = (probability >= p.borderline_low) & (probability <= p.borderline_high)
    return Robustness(probability, borderline, _flips(at_base, moved, labels), method, m,
                      time.perf_counter() - start, solves, pool)
