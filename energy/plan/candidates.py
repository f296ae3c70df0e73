"""What each campus can add to a rollout: PV on its roofs as they are, and PV on the roofs
that must be repaired first, with the repair's cost.

Every PV figure comes from the product's own estimate (:func:`energy.api.estimate_pv`, the
same engine and assumptions as the dashboard); nothing here models PV. The repair-first rule
splits each campus's buildings by their surveyed roof condition:

* roofs in good condition (or of unknown condition, as the estimate treats them) form the
  campus's **as-is** part, estimated exactly as the dashboard does;
* roofs in *fair* or *poor* condition (一般, 差) carry PV only after a repair: the estimate
  is run with ``condition_fair_factor`` and ``condition_poor_factor`` set to 1 (a repaired
  roof is a good roof), and the repair costs the roof area × the committee's repair cost per
  m² (:class:`energy.plan.PlanAssumptions`). Only roofs that then carry PV are repaired.

Self-consumption is the estimate's school-level share: for the after-repair part it is
computed with all of the campus's roofs fitted, and applied pro rata.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from energy.plan.parameters import PlanAssumptions
from energy.pv import PVAssumptions, aggregate
from energy.pv.parameters import CONDITION_FAIR, CONDITION_POOR

__all__ = ["AFTER_REPAIR", "AS_IS", "CANDIDATE_COLUMNS", "plan_candidates"]

AS_IS, AFTER_REPAIR = "as_is", "after_repair"
_RATE = {CONDITION_FAIR: "repair_fair_cny_per_m2", CONDITION_POOR: "repair_poor_cny_per_m2"}
CANDIDATE_COLUMNS = ("school_code", "school_name", "district", "school_type", "part",
                     "n_buildings", "capacity_kwp", "annual_kwh", "annual_low_kwh",
                     "co2_t_per_yr", "savings_cny_per_yr", "capex_cny", "repair_area_m2",
                     "repair_cny")
_FROM_ESTIMATE = {"capacity_kwp": "capacity_kwp", "annual_yield_kwh": "annual_kwh",
                  "annual_yield_low_kwh": "annual_low_kwh", "co2_avoided_t": "co2_t_per_yr",
                  "savings_cny": "savings_cny_per_yr", "capex_cny": "capex_cny"}


def _estimate(buildings: pd.DataFrame, pv: PVAssumptions, weather, weather_source):
    from energy.api import estimate_pv

    return estimate_pv(buildings, pv, weather, weather_source)


def _campus_part(results: pd.DataFrame, part: str) -> pd.DataFrame:
    """Sum one part's buildings per campus (buildings that carry PV only)."""
    carrying = results[results["capacity_kwp"] > 0]
    if carrying.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    campus = aggregate(carrying, by=("school_code",)).rename(columns=_FROM_ESTIMATE)
    campus["part"] = part
    sums = carrying.groupby("school_code")[["repair_area_m2", "repair_cny"]].sum()
    campus = campus.join(sums, on="school_code")
    return campus[list(CANDIDATE_COLUMNS)]


def plan_candidates(buildings: pd.DataFrame, pv: PVAssumptions | None = None,
                    plan: PlanAssumptions | None = None, weather=None,
                    weather_source=None) -> pd.DataFrame:
    """Per campus and part, what a rollout can fit and what it costs.

    Parameters
    ----------
    buildings : DataFrame
        Current buildings (``SurveyStore.current_buildings()``) with ``roof_condition`` and
        ``roof_area_m2`` [m²].
    pv : PVAssumptions, optional
        PV assumptions (capital cost, tariff …); defaults as in the dashboard.
    plan : PlanAssumptions, optional
        Repair costs per m² of roof.
    weather, weather_source : optional
        A weather year from :mod:`energy.pv.weather` (default the built-in Shanghai year).

    Returns
    -------
    DataFrame
        :data:`CANDIDATE_COLUMNS`, one row per campus and part (``as_is``,
        ``after_repair``) that carries PV: ``capacity_kwp`` [kWp], ``annual_kwh`` and
        ``annual_low_kwh`` [kWh/yr], ``co2_t_per_yr`` [t/yr], ``savings_cny_per_yr``
        [CNY/yr], ``capex_cny`` [CNY], ``repair_area_m2`` [m²], ``repair_cny`` [CNY] (0 for
        the as-is part). Sorted by school code, as-is first.
    """
    pv, plan = pv or PVAssumptions(), plan or PlanAssumptions()
    condition = buildings.get("roof_condition", pd.Series(index=buildings.index, dtype=object))
    needs = condition.isin(list(_RATE)).to_numpy()
    parts = []
    if (~needs).any():
        as_is = _estimate(buildings[~needs], pv, weather, weather_source)
        parts.append(_campus_part(as_is.assign(repair_area_m2=0.0, repair_cny=0.0), AS_IS))
    if needs.any():
        repaired_pv = dataclasses.replace(pv, condition_fair_factor=1.0,
                                          condition_poor_factor=1.0)
        after = _estimate(buildings, repaired_pv, weather, weather_source)[needs]
        rate = condition[needs].map({k: getattr(plan, v) for k, v in _RATE.items()})
        roof = pd.to_numeric(buildings.loc[needs, "roof_area_m2"], errors="coerce")
        area = roof.fillna(after["usable_area_m2"]).to_numpy(float)
        parts.append(_campus_part(after.assign(repair_area_m2=area,
                                               repair_cny=area * rate.to_numpy(float)),
                                  AFTER_REPAIR))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=list(CANDIDATE_COLUMNS))
    out = pd.concat(parts, ignore_index=True)
    out["part_order"] = np.where(out["part"] == AS_IS, 0, 1)
    out = out.sort_values(["school_code", "part_order"]).drop(columns="part_order")
    return out.reset_index(drop=True)
