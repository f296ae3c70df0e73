"""Gates, normalisation, the weighted sum and TOPSIS, the ranking order.

Weighted sum (default)
    ``score = 100 · Σ_j w_j · n_ij`` with ``n_ij`` the criterion's normalised value in 0–1
    (1 best; see :mod:`energy.subsidy.rubric` for ``minmax``, ``max`` and ``fixed`` and how
    each turns a cost criterion around). The points of criterion ``j`` are
    ``100 · w_j · n_ij``; they add up to the score, which is what "why #3" shows.
TOPSIS (Hwang & Yoon 1981)
    ``r_ij = x_ij / √Σ_i x_ij²`` (vector normalisation of the raw metric; a missing value
    is replaced by the column's worst), ``v_ij = w_j r_ij``; the ideal takes the largest
    ``v`` of a benefit criterion and the smallest of a cost criterion, the anti-ideal the
    opposite; ``score = 100 · d⁻ / (d⁺ + d⁻)`` with ``d±`` the Euclidean distances to the
    ideal and anti-ideal. Cost criteria are not inverted but measured from the other end.
    Because ``v − v* = w (r − r*)``, ``d⁺ = √(D⁺ · w²)`` with ``D⁺_ij = (r_ij − r*_j)²``:
    :class:`ScoreModel` keeps ``D⁺, D⁻`` so that any number of weight vectors is one matrix
    product. The breakdown shows each criterion's squared gaps ``w² D⁺`` and ``w² D⁻``.

Normalisation and TOPSIS's ideals are taken over the eligible applications only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GATE_FAILURE_COLUMNS = ["application_id", "gate", "metric", "value", "threshold",
                        "reason_zh", "reason_en"]
SCORE_DECIMALS = 6  # scores are compared after rounding to this many decimals [points]


def apply_gates(metrics: pd.DataFrame, application_ids: pd.Series, rubric
                ) -> tuple[np.ndarray, pd.DataFrame]:
    """Which applications pass every gate, and a row per failed gate with its reasons.

    Returns
    -------
    eligible : ndarray of bool
    failures : DataFrame
        :data:`GATE_FAILURE_COLUMNS`, in application then gate order.
    """
    eligible = np.ones(len(metrics), dtype=bool)
    rows = []
    ids = application_ids.to_numpy()
    for gate in rubric.gates:
        values = metrics[gate.metric].to_numpy(dtype=float)
        passed = gate.passes(values)
        for i in np.flatnonzero(~passed):
            zh, en = gate.reason(values[i])
            rows.append({"application_id": ids[i], "gate": gate.id, "metric": gate.metric,
                         "value": values[i], "threshold": gate.threshold,
                         "reason_zh": zh, "reason_en": en, "_i": i})
        eligible &= passed
    failures = pd.DataFrame(rows, columns=[*GATE_FAILURE_COLUMNS, "_i"])
    failures = failures.sort_values("_i", kind="stable").drop(columns="_i")
    return eligible, failures.reset_index(drop=True)


def _minmax(x: np.ndarray, cost: bool) -> np.ndarray:
    lo, hi = np.nanmin(x), np.nanmax(x)
    if hi == lo:
        return np.ones_like(x)
    scaled = (x - lo) / (hi - lo)
    return 1.0 - scaled if cost else scaled


def _ratio(x: np.ndarray, cost: bool) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if cost:
            positive = x[x > 0]
            best = positive.min() if positive.size else 1.0
            return np.where(x > 0, best / x, 1.0)
        best = np.nanmax(x)
        return x / best if best > 0 else np.zeros_like(x)


def normalise_column(x: np.ndarray, criterion) -> np.ndarray:
    """One criterion's values in 0–1, 1 best; missing values get 0."""
    x = np.asarray(x, dtype=float)
    valid = ~np.isnan(x)
    if not valid.any():
        return np.zeros_like(x)
    cost = criterion.direction == "cost"
    if criterion.normalisation == "minmax":
        out = _minmax(x, cost)
    elif criterion.normalisation == "max":
        out = _ratio(x, cost)
    else:
        span = criterion.upper - criterion.lower
        out = (x - criterion.lower) / span
        out = 1.0 - out if cost else out
    return np.clip(np.where(valid, out, 0.0), 0.0, 1.0)


def _worst_filled(X: np.ndarray, criteria) -> np.ndarray:
    filled = X.copy()
    for j, c in enumerate(criteria):
        column = filled[:, j]
        if np.isnan(column).all():
            column[:] = 0.0
        else:
            worst = np.nanmax(column) if c.direction == "cost" else np.nanmin(column)
            column[np.isnan(column)] = worst
    return filled


def topsis_gaps(X: np.ndarray, criteria) -> tuple[np.ndarray, np.ndarray]:
    """Squared gaps to the ideal and anti-ideal per criterion, before weighting.

    Returns ``(D⁺, D⁻)``, each n × k, with ``d± = √(D± · w²)``.
    """
    filled = _worst_filled(X, criteria)
    norms = np.sqrt((filled ** 2).sum(axis=0))
    R = np.divide(filled, norms, out=np.zeros_like(filled), where=norms > 0)
    if len(R) == 0:
        return R, R
    cost = np.array([c.direction == "cost" for c in criteria])
    best = np.where(cost, R.min(axis=0), R.max(axis=0))
    worst = np.where(cost, R.max(axis=0), R.min(axis=0))
    return (R - best) ** 2, (R - worst) ** 2


class ScoreModel:
    """The weight-independent part of scoring the eligible applications.

    Parameters
    ----------
    X
        Criteria matrix, eligible applications × criteria, in each metric's unit.
    rubric
        Supplies the criteria and the method.
    """

    def __init__(self, X: np.ndarray, rubric):
        self.method = rubric.method
        self.criteria = rubric.criteria
        self.X = np.asarray(X, dtype=float).reshape(-1, len(rubric.criteria))
        self.N = np.column_stack([normalise_column(self.X[:, j], c)
                                  for j, c in enumerate(self.criteria)]) if len(
            self.criteria) else np.zeros((len(self.X), 0))
        self.gaps = topsis_gaps(self.X, self.criteria) if self.method == "topsis" else None

    def scores(self, W: np.ndarray) -> np.ndarray:
        """Scores for weight vectors ``W`` (k × m) → n × m. [0–100 points]"""
        W = np.asarray(W, dtype=float).reshape(len(self.criteria), -1)
        if self.method != "topsis":
            return 100.0 * self.N @ W
        plus = np.sqrt(self.gaps[0] @ W ** 2)
        minus = np.sqrt(self.gaps[1] @ W ** 2)
        total = plus + minus
        return 100.0 * np.divide(minus, total, out=np.ones_like(total), where=total > 0)

    def take(self, rows: np.ndarray) -> ScoreModel:
        """The same model restricted to (or reordered by) ``rows``; ideals are kept."""
        copy = object.__new__(ScoreModel)
        copy.__dict__.update(self.__dict__)
        copy.X, copy.N = self.X[rows], self.N[rows]
        if self.gaps is not None:
            copy.gaps = (self.gaps[0][rows], self.gaps[1][rows])
        return copy

    def points(self, weights: np.ndarray) -> np.ndarray:
        """Weighted-sum points per criterion, n × k; rows add up to the weighted sum."""
        return 100.0 * self.N * np.asarray(weights, dtype=float)

    def topsis_terms(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """Per-criterion squared weighted gaps ``w² D⁺`` and ``w² D⁻`` (TOPSIS only)."""
        if self.gaps is None:
            return None
        w2 = np.asarray(weights, dtype=float) ** 2
        return self.gaps[0] * w2, self.gaps[1] * w2


def rank_order(table: pd.DataFrame, tie_break: tuple[str, ...]) -> np.ndarray:
    """Positions of ``table``'s rows from first to last: score, then the tie-break order.

    ``table`` needs ``score`` and every tie-break field; scores are compared rounded to
    :data:`SCORE_DECIMALS` so that float noise never decides.
    """
    keys = pd.DataFrame({"_score": table["score"].round(SCORE_DECIMALS).to_numpy()})
    by, ascending = ["_score"], [False]
    for i, item in enumerate(tie_break):
        name, direction = item.split()
        values = table[name].to_numpy()
        keys[f"_k{i}"] = np.round(values, SCORE_DECIMALS) if name == "score" else values
        by.append(f"_k{i}")
        ascending.append(direction == "asc")
    ordered = keys.sort_values(by=by, ascending=ascending, kind="mergesort",
                               na_position="last")
    return ordered.index.to_numpy()
