"""The rooftop-PV rollout plan: which campuses get PV in which year, within yearly budgets
or towards a capacity target, roofs in fair or poor condition repaired first.

* :func:`plan_candidates` — per campus, its as-is and after-repair parts from the PV
  estimate (:mod:`energy.pv`), with repair costs;
* :func:`solve_plan` (exact MILP, HiGHS) and :func:`greedy_plan` (the usual order);
* :func:`make_plan` — both, from candidates and programme settings;
  :func:`phased_table`, :func:`sensitivity_table` and :func:`cumulative_capacity_figure` for
  display and reports.
"""

from energy.plan.candidates import AFTER_REPAIR, AS_IS, plan_candidates
from energy.plan.parameters import PlanAssumptions, describe_plan_assumptions
from energy.plan.solve import Plan, PlanProblem, greedy_plan, solve_plan
from energy.plan.tables import (
    PHASED,
    PHASED_COLUMNS,
    PlanResult,
    cumulative_capacity_figure,
    make_plan,
    phased_table,
    plan_from_store,
    sensitivity_table,
)

__all__ = ["AFTER_REPAIR", "AS_IS", "PHASED", "PHASED_COLUMNS", "Plan", "PlanAssumptions", "PlanProblem",
           "PlanResult", "cumulative_capacity_figure", "describe_plan_assumptions",
           "greedy_plan", "make_plan", "phased_table", "plan_candidates", "plan_from_store",
           "sensitivity_table", "solve_plan"]
