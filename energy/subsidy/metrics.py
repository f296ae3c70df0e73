"""What a gate or a criterion can look at: every metric declared once, and computed.

Definitions (``params`` are the rubric's :class:`~energy.subsidy.rubric.Parameters`):

* ``verified_annual_kwh``: the claim after verification (:mod:`energy.subsidy.verify`).
  [kWh/year]
* ``payback_years`` = total investment ÷ (verified kWh × ``tariff_cny_per_kwh``): simple
  payback of the whole project at the electricity price, no discounting. [years]
* ``lifetime_co2_avoided_t`` = verified kWh × service life × ``grid_factor_t_per_mwh`` ÷ 1000
  (MEE 2022 Shanghai grid factor 0.5849 tCO2/MWh). [t]
* ``co2_avoided_t_per_10k_cny`` = lifetime tonnes ÷ (subsidy ÷ 10,000). [t per 万元]
* ``subsidy_cny_per_tco2`` = subsidy ÷ lifetime tonnes (UK Salix PSDS gates at £325 per
  lifetime tCO2e). [CNY/t]
* ``co_funding_share`` = co-funding ÷ total investment. [-]
* ``need_index`` = ½·min(age ÷ ``need_age_full_years``, 1) + ½·min(intensity ratio ÷
  ``need_intensity_full_ratio``, 1), where age is the floor-area-weighted mean building age
  of the school's surveyed buildings and the intensity ratio is the school's electricity use
  per m² of floor area ÷ the median of surveyed schools of the same type. A missing part
  counts 0. [0–1]
* ``expert_score``: the experts' aggregated score on the rubric's ``expert_criteria``
  (:mod:`energy.subsidy.reviews`); 0 without reviews (flagged). [0–5 points]
* ``survey_complete``: the school has a current survey with at least one building and its
  annual electricity use. [true/false]
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from energy.subsidy.outputs import METRIC_COLUMNS

# The metrics' labels and units are declared with every other output column.
METRICS = METRIC_COLUMNS.by_name

CONTEXT_COLUMNS = ["district_survey", "school_type", "annual_electricity_kwh",
                   "n_buildings", "floor_area_m2", "mean_building_age_years", "eui_kwh_m2",
                   "intensity_ratio", "need_index", "survey_complete"]


def _building_facts(buildings: pd.DataFrame, reference_year: int) -> pd.DataFrame:
    area = buildings["gross_floor_area_m2"].astype(float)
    age = (reference_year - buildings["year_built"].astype(float)).clip(lower=0)
    frame = pd.DataFrame({"school_code": buildings["school_code"], "area": area,
                          "age_area": age * area, "age_known_area": area.where(age.notna())})
    sums = frame.groupby("school_code").agg(
        n_buildings=("area", "size"), floor_area_m2=("area", "sum"),
        age_area=("age_area", "sum"), age_known_area=("age_known_area", "sum"))
    sums["mean_building_age_years"] = sums["age_area"] / sums["age_known_area"].where(
        sums["age_known_area"] > 0)
    return sums[["n_buildings", "floor_area_m2", "mean_building_age_years"]]


def school_context(schools: pd.DataFrame, buildings: pd.DataFrame, params,
                   reference_year: int | None = None) -> pd.DataFrame:
    """Per-school facts from the survey store, indexed by ``school_code``.

    Parameters
    ----------
    schools, buildings
        The store's ``current_schools()`` and ``current_buildings()``.
    params
        Rubric parameters (``need_age_full_years``, ``need_intensity_full_ratio``).
    reference_year
        Year building ages are counted to; the current year when omitted.

    Returns
    -------
    DataFrame
        :data:`CONTEXT_COLUMNS`: survey district and school type, annual use [kWh/year],
        buildings, floor area [m²], mean age [years], EUI [kWh/m²/year], intensity ratio
        to the peer median [-], need index [0–1], survey complete [bool].
    """
    year = reference_year or _dt.date.today().year
    ctx = schools.drop_duplicates("school_code").set_index("school_code")[
        ["district", "school_type", "annual_electricity_kwh"]].rename(
        columns={"district": "district_survey"})
    ctx["annual_electricity_kwh"] = ctx["annual_electricity_kwh"].astype(float)
    ctx = ctx.join(_building_facts(buildings, year)) if len(buildings) else ctx.assign(
        n_buildings=0, floor_area_m2=np.nan, mean_building_age_years=np.nan)
    ctx["n_buildings"] = ctx["n_buildings"].fillna(0).astype(int)
    ctx["eui_kwh_m2"] = ctx["annual_electricity_kwh"] / ctx["floor_area_m2"].where(
        ctx["floor_area_m2"] > 0)
    peer = ctx.groupby("school_type")["eui_kwh_m2"].transform("median")
    ctx["intensity_ratio"] = ctx["eui_kwh_m2"] / peer.where(peer > 0)
    age_part = (ctx["mean_building_age_years"] / params.need_age_full_years).clip(0, 1)
    use_part = (ctx["intensity_ratio"] / params.need_intensity_full_ratio).clip(0, 1)
    ctx["need_index"] = 0.5 * age_part.fillna(0) + 0.5 * use_part.fillna(0)
    ctx["survey_complete"] = (ctx["n_buildings"] > 0) & (ctx["annual_electricity_kwh"] > 0)
    return ctx[CONTEXT_COLUMNS]


def application_metrics(apps: pd.DataFrame, verified: pd.DataFrame, context: pd.DataFrame,
                        expert: pd.Series, params) -> pd.DataFrame:
    """Every metric of :data:`METRICS` for each application (same index as ``apps``).

    ``expert`` maps ``application_id`` to the aggregated expert score (0–5), NaN when
    unreviewed (counted as 0 here).
    """
    kwh = verified["verified_annual_kwh"].astype(float)
    total = apps["total_investment_cny"].astype(float)
    subsidy = apps["subsidy_requested_cny"].astype(float)
    life = apps["service_life_years"].astype(float)
    co2 = kwh * life * params.grid_factor_t_per_mwh / 1000.0
    school = apps["school_code"]
    out = pd.DataFrame(index=apps.index)
    out["verified_annual_kwh"] = kwh
    out["claimed_annual_kwh"] = verified["claimed_annual_kwh"].astype(float)
    out["payback_years"] = total / (kwh * params.tariff_cny_per_kwh).where(kwh > 0)
    out["lifetime_co2_avoided_t"] = co2
    out["co2_avoided_t_per_10k_cny"] = co2 / (subsidy / 1e4)
    out["subsidy_cny_per_tco2"] = subsidy / co2.where(co2 > 0)
    out["co_funding_share"] = apps["co_funding_cny"].astype(float).fillna(0) / total
    for name in ("need_index", "mean_building_age_years", "intensity_ratio"):
        out[name] = school.map(context[name]).astype(float)
    out["expert_score"] = apps["application_id"].map(expert).astype(float).fillna(0.0)
    out["survey_complete"] = school.map(context["survey_complete"]).fillna(False).astype(bool)
    out["subsidy_requested_cny"] = subsidy
    out["total_investment_cny"] = total
    out["service_life_years"] = life
    return out
