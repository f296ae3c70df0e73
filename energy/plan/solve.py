"""Which campuses get PV in which year: the exact MILP and the committee's greedy order.

Items are the rows of :func:`energy.plan.plan_candidates` (a campus's as-is roofs, and its
roofs that need a repair first). For ``K`` years the MILP has binaries ``x[j, t]`` (item
``j`` fitted in year ``t``):

* each item at most once: ``Σ_t x[j, t] ≤ 1``;
* **repair first**: an item that needs a repair books its repair cost exactly ``lead`` years
  before its PV (``PlanAssumptions.repair_lead_years``, default 1: repaired in one budget
  year, fitted the next), so it cannot be fitted in the first ``lead`` years;
* **budgets**: PV capital cost plus repair cost spent in year ``t`` at most ``B_t``;
* **capacity target** (instead of, or with, budgets): cumulative kWp by the end of year
  ``t`` at least ``T·(t+1)/K`` (an even ramp to ``T``).

Objective with budgets: the output delivered within the systems' lifetime ``L`` counted from
the start of the programme, ``Σ v_j (L − t) x[j, t]`` (``v`` annual kWh or CO₂): lifetime
output for the budget, earlier years preferred. With a target only: the least total spending
(a yuan spent a year earlier counting 0.1 % more, so that spending follows the ramp).

Solved by :func:`scipy.optimize.milp` (HiGHS). The greedy plan, when feasible and improved
by single exchanges (:func:`improve_by_exchange`: one item in for one or none out, while one
gains), is the incumbent: the LP relaxation's reduced costs fix the binaries that cannot
change in a better plan, HiGHS prunes every node that cannot beat it (``objective_bound``),
and the result is never worse than the greedy order. The time limit covers the whole solve. The model is exact; its proof is not cheap: packing
continuous costs into yearly budgets is a multiple knapsack whose last 0.01 % HiGHS closes
slowly (demo campuses, benchmarks/plan.py: a gap of 2–4e-5 still open after 30 s). The default stops
at a proven relative gap of :data:`DEFAULT_GAP` (0.01 %) or after :data:`MIP_TIME_LIMIT_S` (4 s);
``mip_rel_gap=0`` asks for the proven optimum (small problems get it at once). Status and the
gap to the proven bound are reported with every plan.

:func:`greedy_plan` is the usual procedure for comparison: year by year, walk the items in
order of lifetime output per yuan (target: yuan per kWp) and take each that still fits; an
item that needs a repair books its repair now and its PV ``lead`` years later.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array, vstack

from energy.subsidy.shortlist import _quiet_stdout

__all__ = ["Plan", "PlanProblem", "greedy_plan", "improve_by_exchange", "solve_plan"]

MIP_TIME_LIMIT_S = 4.0
DEFAULT_GAP = 1e-4
# Share of the time limit the exchanges may take before the LP and the branch and bound.
EXCHANGE_SHARE = 0.25
# Target plans: a yuan spent a year earlier counts 0.1 % more (spend when the ramp needs it).
LATER_PREFERENCE = 1e-3
_TOL = 1e-9


@dataclass
class PlanProblem:
    """The numbers a plan is chosen from (one entry per item, items as candidate rows).

    Attributes
    ----------
    value : ndarray
        Output per year of each item. [kWh/yr, or t CO₂/yr]
    capex, repair : ndarray
        PV capital cost and repair cost of each item. [CNY]
    needs_repair : ndarray of bool
        Items whose roofs are repaired first.
    capacity : ndarray
        [kWp]
    years : int
        Number of programme years ``K``.
    budgets : ndarray or None
        Spending limit of each year (length ``K``). [CNY]
    target_kwp : float or None
        Cumulative capacity to reach by the last year. [kWp]
    lifetime_years, lead_years : int
        ``L`` and the repair lead. [yr]
    """

    value: np.ndarray
    capex: np.ndarray
    repair: np.ndarray
    needs_repair: np.ndarray
    capacity: np.ndarray
    years: int
    budgets: np.ndarray | None = None
    target_kwp: float | None = None
    lifetime_years: int = 25
    lead_years: int = 1

    def __post_init__(self):
        self.value, self.capex, self.repair, self.capacity = (
            np.asarray(a, float) for a in (self.value, self.capex, self.repair, self.capacity))
        self.needs_repair = np.asarray(self.needs_repair, bool)
        if self.budgets is not None:
            self.budgets = np.broadcast_to(np.asarray(self.budgets, float), (self.years,)).copy()
        if self.budgets is None and self.target_kwp is None:
            raise ValueError("a plan needs yearly budgets, a capacity target, or both")
        if self.years < 1:
            raise ValueError("years must be at least 1")

    @property
    def n(self) -> int:
        return len(self.value)

    def year_weights(self) -> np.ndarray:
        """Years of output within the lifetime window of an item fitted in year t. [yr]"""
        return np.clip(self.lifetime_years - np.arange(self.years), 0, None).astype(float)

    def milestones(self) -> np.ndarray:
        """Cumulative capacity required by the end of each year (zeros without a target)."""
        if self.target_kwp is None:
            return np.zeros(self.years)
        return self.target_kwp * np.arange(1, self.years + 1) / self.years


@dataclass
class Plan:
    """A schedule: the year (0-based; −1 never) of each item's PV and of its repair."""

    pv_year: np.ndarray
    repair_year: np.ndarray
    objective: float   # lifetime-window output (budgets) or total spending [CNY] (target)
    method: str
    status: str
    seconds: float
    mip_gap: float | None = None

    def spending(self, problem: PlanProblem) -> np.ndarray:
        """PV capital and repair cost spent in each year. [CNY]"""
        spent = np.zeros(problem.years)
        fitted, repaired = self.pv_year >= 0, self.repair_year >= 0
        np.add.at(spent, self.pv_year[fitted], problem.capex[fitted])
        np.add.at(spent, self.repair_year[repaired], problem.repair[repaired])
        return spent

    def cumulative_kwp(self, problem: PlanProblem) -> np.ndarray:
        added = np.zeros(problem.years)
        fitted = self.pv_year >= 0
        np.add.at(added, self.pv_year[fitted], problem.capacity[fitted])
        return np.cumsum(added)


def objective_of(problem: PlanProblem, pv_year: np.ndarray, repair_year: np.ndarray) -> float:
    """Objective of a schedule: lifetime-window output (budgets) or spending (target only)."""
    fitted = pv_year >= 0
    if problem.budgets is None:
        repaired = repair_year >= 0
        return float(problem.capex[fitted].sum() + problem.repair[repaired].sum())
    return float(problem.value[fitted] @ problem.year_weights()[pv_year[fitted]])


# --- the exact MILP ---------------------------------------------------------------------

class _Rows:
    """Sparse constraint rows gathered as (row, column, coefficient) triplets."""

    def __init__(self):
        self.r, self.c, self.v, self.lb, self.ub = [], [], [], [], []
        self.count = 0

    def add(self, rows, cols, vals, lb, ub) -> None:
        """Rows numbered from 0 within this block; lb/ub one per block row."""
        lb, ub = np.atleast_1d(lb), np.atleast_1d(ub)
        self.r.append(np.asarray(rows) + self.count)
        self.c.append(np.asarray(cols))
        self.v.append(np.asarray(vals, float))
        self.lb.append(lb.astype(float))
        self.ub.append(ub.astype(float))
        self.count += len(lb)

    def constraint(self, n_vars: int) -> LinearConstraint:
        A = coo_array((np.concatenate(self.v), (np.concatenate(self.r), np.concatenate(self.c))),
                      shape=(self.count, n_vars)).tocsr()
        return LinearConstraint(A, np.concatenate(self.lb), np.concatenate(self.ub))


def _constraints(p: PlanProblem) -> LinearConstraint:
    n, K, lead = p.n, p.years, p.lead_years
    t = np.arange(K)
    x = np.arange(n * K).reshape(n, K)
    rows = _Rows()
    rows.add(np.repeat(np.arange(n), K), x.ravel(), np.ones(n * K), np.zeros(n), np.ones(n))
    if p.budgets is not None:
        # PV capital cost in the fitting year; a repair `lead` years before it
        year = np.repeat(t[None, :], n, 0)
        repaired = p.needs_repair[:, None] & (year >= lead)
        rows.add(np.concatenate([year.ravel(), (year - lead)[repaired]]),
                 np.concatenate([x.ravel(), x[repaired]]),
                 np.concatenate([np.repeat(p.capex, K), np.repeat(p.repair, K).reshape(n, K)[repaired]]),
                 np.full(K, -np.inf), p.budgets * (1 + _TOL))
    if p.target_kwp is not None:
        jj, tt, ss = np.nonzero(np.broadcast_to(t[None, :, None] >= t[None, None, :], (n, K, K)))
        rows.add(tt, x[jj, ss], p.capacity[jj], p.milestones() * (1 - _TOL), np.full(K, np.inf))
    return rows.constraint(n * K)


def _gain(p: PlanProblem) -> np.ndarray:
    """Lifetime-window output of each item in each year (n × K)."""
    return p.value[:, None] * p.year_weights()[None, :]


def _as_vector(p: PlanProblem, pv_year: np.ndarray) -> np.ndarray:
    x = np.zeros((p.n, p.years))
    fitted = pv_year >= 0
    x[np.flatnonzero(fitted), pv_year[fitted]] = 1.0
    return x.ravel()


def _fix_by_reduced_cost(c: np.ndarray, constraint: LinearConstraint, upper: np.ndarray,
                         incumbent: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Bounds of the MILP after reduced-cost fixing against a known plan's value.

    Solves the LP relaxation (HiGHS, with duals); a binary at 0 in the LP whose reduced cost
    exceeds ``incumbent − LP bound`` cannot be 1 in any plan better than the incumbent, nor can
    one at 1 be 0 (LP duality), so they are fixed. Exact: the best plan is the incumbent or
    the best of the reduced MILP. Returns ``(lower, upper, LP bound)`` (minimisation form).
    """
    A = constraint.A
    has_ub, has_lb = np.isfinite(constraint.ub), np.isfinite(constraint.lb) & (constraint.lb > 0)
    A_ub = vstack([A[has_ub], -A[has_lb]]).tocsr()
    b_ub = np.concatenate([constraint.ub[has_ub], -constraint.lb[has_lb]])
    lp = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=np.column_stack([np.zeros_like(upper), upper]),
                 method="highs")
    lower = np.zeros_like(upper)
    if lp.status != 0:
        return lower, upper, -np.inf
    reduced = lp.lower.marginals + lp.upper.marginals
    slack = incumbent - lp.fun + 1e-9 * max(1.0, abs(incumbent))
    upper = upper.copy()
    upper[(lp.x < 1e-9) & (reduced > slack)] = 0.0
    lower[(lp.x > 1 - 1e-9) & (-reduced > slack)] = 1.0
    return lower, upper, lp.fun


def solve_plan(problem: PlanProblem, mip_rel_gap: float = DEFAULT_GAP,
               time_limit_s: float = MIP_TIME_LIMIT_S) -> Plan:
    """The best schedule (see the module notes): proven optimal (``mip_rel_gap`` 0), or
    within the gap, or the best found in ``time_limit_s``; ``status`` and ``mip_gap`` (relative
    to the proven bound) say which.

    The greedy plan, when feasible, improved by exchanges, is the incumbent: the LP
    relaxation's reduced costs fix every binary that cannot change in a better plan, and the
    MILP runs on the rest within what is left of ``time_limit_s`` [s]. The result is the
    better of the two, so never worse than the greedy order.

    Raises
    ------
    ValueError
        When no schedule meets the target (potential too small, or budgets too tight).
    """
    start = time.perf_counter()
    p, K = problem, problem.years
    if p.budgets is not None:
        c = -_gain(p).ravel()
    else:
        later = 1 + LATER_PREFERENCE * (K - 1 - np.arange(K))
        c = ((p.capex + p.repair)[:, None] * later[None, :]).ravel()
    upper = np.ones((p.n, K))
    upper[p.needs_repair, : min(p.lead_years, K)] = 0.0   # its repair would fall before year 1
    upper = upper.ravel()
    constraint = _constraints(p)
    greedy = greedy_plan(p)
    usable = greedy.status == "greedy"   # budgets held, target met
    start_years = greedy.pv_year
    if usable and p.budgets is not None:
        start_years = improve_by_exchange(p, start_years, EXCHANGE_SHARE * time_limit_s)
    incumbent = float(c @ _as_vector(p, start_years)) if usable else np.inf
    lower, lp_bound = np.zeros_like(upper), -np.inf
    if usable:
        lower, upper, lp_bound = _fix_by_reduced_cost(c, constraint, upper, incumbent)
        if incumbent - lp_bound <= mip_rel_gap * abs(incumbent):   # already proven
            return _finished(p, start_years, "greedy plan improved by exchanges, proven "
                             "within the gap by the LP bound", start,
                             (incumbent - lp_bound) / abs(incumbent))
    # the time limit covers the whole solve, not the branch and bound alone
    left_s = max(time_limit_s - (time.perf_counter() - start), 0.05)
    options = {"mip_rel_gap": mip_rel_gap, "time_limit": left_s}
    if usable:   # HiGHS prunes every node that cannot beat the greedy plan
        options["objective_bound"] = incumbent + 1e-9 * max(1.0, abs(incumbent))
    with _quiet_stdout(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
        result = milp(c, constraints=constraint, integrality=np.ones(p.n * K),
                      bounds=Bounds(lower, upper), options=options)
    found = result.x is not None and float(c @ np.round(result.x)) <= incumbent
    if not found and not usable:
        raise ValueError(f"no plan meets the constraints ({result.message})")
    if found:
        pv_year, status = _years(np.round(result.x).astype(bool).reshape(p.n, K)), result.message
        value = float(c @ np.round(result.x))
    else:   # nothing better than the greedy plan was found
        pv_year, value = start_years, incumbent
        proven = result.status == 2   # infeasible under the greedy plan's bound
        status = ("greedy plan (improved by exchanges) optimal: HiGHS proved no better plan "
                  "exists" if proven else "greedy plan (improved by exchanges) kept: no better "
                  f"plan found ({result.message})")
    bound = getattr(result, "mip_dual_bound", None)
    if not found and result.status == 2:
        bound = value
    bound = lp_bound if bound is None or not np.isfinite(bound) else max(bound, lp_bound)
    bound = min(bound, value)
    gap = abs(value - bound) / max(abs(value), 1e-12) if np.isfinite(bound) else None
    return _finished(p, pv_year, status, start, gap)


def _finished(p: PlanProblem, pv_year: np.ndarray, status: str, start: float,
              gap: float | None) -> Plan:
    repair_year = np.where(p.needs_repair & (pv_year >= 0), pv_year - p.lead_years, -1)
    return Plan(pv_year, repair_year, objective_of(p, pv_year, repair_year), "milp", status,
                time.perf_counter() - start, gap)


def _years(chosen: np.ndarray) -> np.ndarray:
    """Year index of the chosen column per row, −1 where none."""
    return np.where(chosen.any(axis=1), chosen.argmax(axis=1), -1)


# --- the greedy order --------------------------------------------------------------------

def greedy_plan(problem: PlanProblem) -> Plan:
    """Year by year, take items in order while they fit (see the module notes)."""
    start = time.perf_counter()
    p, K, lead = problem, problem.years, problem.lead_years
    cost = p.capex + p.repair
    with np.errstate(divide="ignore", invalid="ignore"):
        if p.budgets is not None:
            key = -np.where(cost > 0, p.value / cost, np.inf)
        else:
            key = np.where(p.capacity > 0, cost / p.capacity, np.inf)
    order = np.lexsort((np.arange(p.n), key))
    # plain floats: the walk tests thousands of items one by one
    left = (p.budgets * (1 + _TOL)).tolist() if p.budgets is not None else [np.inf] * K
    capex, repair, needs = p.capex.tolist(), p.repair.tolist(), p.needs_repair.tolist()
    skip = (p.value <= 0).tolist() if p.budgets is not None else [False] * p.n
    pv_year, repair_year = np.full(p.n, -1), np.full(p.n, -1)
    booked = np.zeros(K)   # capacity already scheduled per year
    milestones = p.milestones()
    for t in range(K):
        for j in order.tolist():
            if p.budgets is None and booked[: t + 1].sum() >= milestones[t] * (1 - _TOL):
                break
            if pv_year[j] >= 0 or skip[j]:
                continue
            fit_year = t + lead if needs[j] else t
            if fit_year >= K or not _fits(left, t, fit_year, capex[j],
                                          repair[j] if needs[j] else 0.0):
                continue
            left[fit_year] -= capex[j]
            pv_year[j] = fit_year
            if needs[j]:
                left[t] -= repair[j]
                repair_year[j] = t
            booked[fit_year] += p.capacity[j]
    status = "greedy"
    if p.target_kwp is not None and np.any(np.cumsum(booked) < milestones * (1 - _TOL)):
        status = "greedy: target not met"
    return Plan(pv_year, repair_year, objective_of(p, pv_year, repair_year), "greedy", status,
                time.perf_counter() - start)


def _fits(left: list, repair_year: int, fit_year: int, capex: float, repair: float) -> bool:
    """Whether a repair in one year and the modules in another fit what is left."""
    if repair_year == fit_year:
        return capex + repair <= left[fit_year]
    return capex <= left[fit_year] and repair <= left[repair_year]


# --- improving a plan by exchanges ------------------------------------------------------

def improve_by_exchange(problem: PlanProblem, pv_year: np.ndarray,
                        time_limit_s: float = 1.0) -> np.ndarray:
    """A budgeted plan improved by the best single exchange, repeated while one gains.

    An exchange fits one unplanned item in year ``t`` (its repair ``lead`` years before) in
    place of one item fitted in ``t``, or of none, when every year's budget still holds; the
    best gain in lifetime-window output over all items and years is taken each round,
    vectorised as an (items in × items out) matrix per year. Stops when no exchange gains or
    after ``time_limit_s``.

    Parameters
    ----------
    problem : PlanProblem
        With budgets.
    pv_year : ndarray of int
        A feasible schedule (year of each item's PV, −1 never).

    Returns
    -------
    ndarray of int
        A feasible schedule whose objective is at least that of ``pv_year``.
    """
    p, pv_year = problem, pv_year.copy()
    deadline = time.perf_counter() + time_limit_s
    while time.perf_counter() < deadline:
        move = _best_exchange(p, pv_year, p.budgets * (1 + _TOL) - _spent(p, pv_year))
        if move is None:
            break
        item_in, item_out, year = move
        pv_year[item_in] = year
        if item_out >= 0:
            pv_year[item_out] = -1
    return pv_year


def _spent(p: PlanProblem, pv_year: np.ndarray) -> np.ndarray:
    """Spending per year of a schedule (repairs ``lead`` years before their PV). [CNY]"""
    spent = np.zeros(p.years)
    fitted = pv_year >= 0
    repaired = fitted & p.needs_repair
    np.add.at(spent, pv_year[fitted], p.capex[fitted])
    np.add.at(spent, pv_year[repaired] - p.lead_years, p.repair[repaired])
    return spent


def _best_exchange(p: PlanProblem, pv_year: np.ndarray, left: np.ndarray):
    """(item in, item out or −1, year) of the best gaining exchange, or None."""
    lead, weights = p.lead_years, p.year_weights()
    unplanned = np.flatnonzero((pv_year < 0) & (p.value > 0))
    best, move = 0.0, None
    for t in range(p.years):
        ins = unplanned[~p.needs_repair[unplanned] | (t >= lead)]
        outs = np.r_[-1, np.flatnonzero(pv_year == t)]
        if ins.size == 0:
            continue
        gain, ok = _exchange_matrix(p, ins, outs, t, left)
        gain = np.where(ok, gain * weights[t], -np.inf)
        k = int(np.argmax(gain))
        if gain.flat[k] > best * (1 + 1e-12) and gain.flat[k] > 0:
            a, b = np.unravel_index(k, gain.shape)
            best, move = float(gain.flat[k]), (int(ins[a]), int(outs[b]), t)
    return move


def _exchange_matrix(p: PlanProblem, ins: np.ndarray, outs: np.ndarray, t: int,
                     left: np.ndarray):
    """Output gained per year and feasibility of putting each of ``ins`` in place of each of
    ``outs`` (−1: nothing) in year ``t``."""
    out = outs >= 0
    pick = np.where(out, outs, 0)
    capex_out = np.where(out, p.capex[pick], 0.0)
    repair_out = np.where(out & p.needs_repair[pick], p.repair[pick], 0.0)
    repair_in = np.where(p.needs_repair[ins], p.repair[ins], 0.0)
    d_capex = p.capex[ins][:, None] - capex_out[None, :]
    d_repair = repair_in[:, None] - repair_out[None, :]
    if p.lead_years == 0:
        ok = d_capex + d_repair <= left[t]
    else:   # a repair lies `lead` years before its modules: both items' repairs in t − lead
        ok = d_capex <= left[t]
        if t >= p.lead_years:
            ok &= d_repair <= left[t - p.lead_years]
    gain = p.value[ins][:, None] - np.where(out, p.value[pick], 0.0)[None, :]
    return gain, ok
