"""Assumptions of the rooftop-PV rollout plan, each declared once with its unit and source.

The plan takes every PV figure (capacity, yield, CO₂, savings, capital cost) from the PV
estimate (:mod:`energy.pv`, through :func:`energy.api.estimate_pv`) and adds only what a
programme needs beyond it: how long systems run, what a roof repair costs, and how long a
repair comes before the modules. None of these has a published source at hand; they are the
committee's to set and are marked *assumption*, as in :func:`energy.pv.describe_assumptions`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["PlanAssumptions", "describe_plan_assumptions"]


def _p(default, unit, label_zh, label_en, source, *, assumption=True):
    return field(default=default, metadata={
        "unit": unit, "label_zh": label_zh, "label_en": label_en, "source": source,
        "assumption": assumption})


@dataclass(frozen=True)
class PlanAssumptions:
    """Programme parameters of :func:`energy.plan.solve_plan` (frozen; change with
    :func:`dataclasses.replace`)."""

    lifetime_years: int = _p(
        25, "yr", "系统寿命", "System lifetime",
        "Committee's assumption: the 25-year module output warranty usual in the trade "
        "(no published figure for Shanghai schools at hand)")
    repair_fair_cny_per_m2: float = _p(
        60.0, "元/m²", "屋面修缮费用（状况一般）", "Roof repair cost, fair condition",
        "Committee's assumption: no reliable source at hand (local repair of waterproofing)")
    repair_poor_cny_per_m2: float = _p(
        150.0, "元/m²", "屋面修缮费用（状况差）", "Roof repair cost, poor condition",
        "Committee's assumption: no reliable source at hand (waterproofing renewed)")
    repair_lead_years: int = _p(
        1, "yr", "修缮先于安装的年数", "Years a repair comes before the modules",
        "Committee's assumption: a roof is repaired in one budget year and fitted with PV "
        "from the next (0: the same year)")

    def __post_init__(self):
        if self.lifetime_years < 1:
            raise ValueError("lifetime_years must be at least 1")
        if self.repair_fair_cny_per_m2 < 0 or self.repair_poor_cny_per_m2 < 0:
            raise ValueError("repair costs must not be negative")
        if self.repair_lead_years < 0:
            raise ValueError("repair_lead_years must not be negative")


def describe_plan_assumptions(assumptions: PlanAssumptions | None = None) -> pd.DataFrame:
    """Every plan parameter for display.

    Returns
    -------
    DataFrame
        Columns ``name, value, default, unit, label_zh, label_en, source, assumption``
        (the same as :func:`energy.pv.describe_assumptions`).
    """
    assumptions = assumptions or PlanAssumptions()
    return pd.DataFrame([{
        "name": f.name, "value": getattr(assumptions, f.name), "default": f.default,
        "unit": f.metadata["unit"], "label_zh": f.metadata["label_zh"],
        "label_en": f.metadata["label_en"], "source": f.metadata["source"],
        "assumption": f.metadata["assumption"]} for f in dataclasses.fields(PlanAssumptions)])
