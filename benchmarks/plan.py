"""Rollout-plan benchmark: the MILP (HiGHS) against the greedy order, on the demo campuses and
on 3,000 synthetic campuses × 5 years.

For each case prints the wall time of :func:`energy.plan.solve_plan` and, as the baseline
measured in the same run on the same numbers, of :func:`energy.plan.greedy_plan`, with the
ratio; the objective of both (lifetime-window kWh), their ratio, HiGHS's status and the
proven relative gap; where the time goes (sparse constraint build, greedy order, exchanges,
LP relaxation) and the machine's load average. Also the same MILP asked for the proven
optimum (gap 0) within 30 s, to show what the last 0.01 % costs. Target: MILP ≤ 5 s for
3,000 campuses × 5 years.

Demo campuses are generated as ``python -m surveys demo`` generates them (300, same seed) and
estimated through :func:`energy.plan.plan_candidates` (timed apart); the synthetic case draws
campus parts directly (seeded), about 45 % of campuses with roofs to repair.

Run: ``.venv/bin/python benchmarks/plan.py [N_CAMPUSES] [YEARS]``
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import pandas as pd

from energy.plan import PlanProblem, greedy_plan, plan_candidates, solve, solve_plan
from energy.plan.candidates import AFTER_REPAIR
from surveys.demo import generate_campuses

TARGET_S = 5.0


def demo_buildings(n: int = 300) -> pd.DataFrame:
    """The demo campuses' buildings with their school fields, as the store would hold them."""
    rows = []
    for school, buildings in generate_campuses(n):
        for building in buildings:
            rows.append({**school, **building})
    frame = pd.DataFrame(rows)
    frame["annual_electricity_kwh"] = pd.to_numeric(frame["annual_electricity_kwh"],
                                                    errors="coerce")
    return frame


def problem_of(candidates: pd.DataFrame, years: int, share: float) -> PlanProblem:
    """Yearly budgets of ``share`` of the whole programme's cost spread over ``years``."""
    budget = share * (candidates["capex_cny"].sum() + candidates["repair_cny"].sum()) / years
    return PlanProblem(candidates["annual_kwh"], candidates["capex_cny"],
                       candidates["repair_cny"], candidates["part"] == AFTER_REPAIR,
                       candidates["capacity_kwp"], years, np.full(years, budget))


def synthetic(n_campuses: int, years: int, seed: int = 7) -> PlanProblem:
    """Seeded campus parts: as-is roofs for every campus, roofs to repair for ~45 %."""
    rng = np.random.default_rng(seed)
    repair = rng.random(n_campuses) < 0.45
    n = n_campuses + int(repair.sum())
    kwp = rng.lognormal(np.log(250), 0.7, n)
    specific = rng.uniform(950, 1250, n)                     # kWh per kWp
    capex = kwp * 1000 * rng.uniform(3.2, 3.8, n)
    needs = np.r_[np.zeros(n_campuses, bool), np.ones(n - n_campuses, bool)]
    repair_cny = np.where(needs, kwp * 8 * rng.uniform(60, 150, n), 0.0)
    budget = 0.3 * (capex.sum() + repair_cny.sum()) / years
    return PlanProblem(kwp * specific, capex, repair_cny, needs, kwp, years,
                       np.full(years, budget))


def phases(problem: PlanProblem) -> str:
    """Seconds of each step before the branch and bound, timed one by one."""
    times = {}
    start = time.perf_counter()
    constraint = solve._constraints(problem)
    times["sparse build"] = time.perf_counter() - start
    start = time.perf_counter()
    greedy = greedy_plan(problem)
    times["greedy"] = time.perf_counter() - start
    start = time.perf_counter()
    years = solve.improve_by_exchange(problem, greedy.pv_year)
    times["exchanges"] = time.perf_counter() - start
    c = -solve._gain(problem).ravel()
    start = time.perf_counter()
    solve._fix_by_reduced_cost(c, constraint, np.ones(problem.n * problem.years),
                               float(c @ solve._as_vector(problem, years)))
    times["LP + fixing"] = time.perf_counter() - start
    return ", ".join(f"{k} {v:.3f} s" for k, v in times.items()) + (
        f" ({constraint.A.shape[0]:,} rows × {constraint.A.shape[1]:,} binaries, "
        f"{constraint.A.nnz:,} nonzeros)")


def compare(label: str, problem: PlanProblem) -> None:
    start = time.perf_counter()
    greedy = greedy_plan(problem)
    base = time.perf_counter() - start
    start = time.perf_counter()
    optimal = solve_plan(problem)
    ours = time.perf_counter() - start
    ok = "ok" if ours <= TARGET_S else "MISSED"
    print(f"{label}: {problem.n} campus parts × {problem.years} years, budget "
          f"{problem.budgets[0] / 1e4:,.0f} 万元/yr")
    print(f"  MILP {ours:.2f} s [target ≤ {TARGET_S:.0f} s: {ok}] ({optimal.status}; proven gap "
          f"{optimal.mip_gap if optimal.mip_gap is None else f'{optimal.mip_gap:.3%}'})")
    print(f"  baseline greedy order {base * 1000:.1f} ms; ratio MILP/greedy time "
          f"{ours / base:,.0f}×")
    print(f"  objective (kWh in the lifetime window): MILP {optimal.objective:,.0f} vs greedy "
          f"{greedy.objective:,.0f}; MILP/greedy {optimal.objective / greedy.objective:.5f}")
    print(f"  steps: {phases(problem)}")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for plan in (optimal, greedy):
        assert np.all(plan.spending(problem) <= problem.budgets * (1 + 1e-9)), plan.method
    start = time.perf_counter()
    exact = solve_plan(problem, mip_rel_gap=0.0, time_limit_s=30.0)
    print(f"  asked for gap 0 within 30 s: {time.perf_counter() - start:.1f} s, {exact.status}; "
          f"gap {exact.mip_gap}; MILP/greedy {exact.objective / greedy.objective:.5f}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    years = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    buildings = demo_buildings()
    start = time.perf_counter()
    candidates = plan_candidates(buildings)
    print(f"demo candidates: {len(buildings)} buildings → {len(candidates)} campus parts "
          f"through the PV estimate in {time.perf_counter() - start:.2f} s (not in the timings)")
    compare("demo (300 campuses)", problem_of(candidates, 5, 0.3))
    compare(f"synthetic ({n:,} campuses)", synthetic(n, years))


if __name__ == "__main__":
    main()
