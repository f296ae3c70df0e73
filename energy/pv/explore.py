"""Summaries of the PV estimate for exploring: city totals, districts, campuses, months.

Pure functions over the per-building results of :func:`energy.pv.estimate_buildings`; the
dashboard and notebooks draw what these return.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from energy.pv.demand import hourly_load_kwh
from energy.pv.portfolio import aggregate

MONTHS = np.arange(1, 13)


def filter_results(results: pd.DataFrame, districts: Sequence[str] = (),
                   school_types: Sequence[str] = ()) -> pd.DataFrame:
    """Rows in any of ``districts`` and ``school_types`` (an empty selection keeps all)."""
    keep = np.ones(len(results), dtype=bool)
    if districts:
        keep &= results["district"].isin(list(districts)).to_numpy()
    if school_types:
        keep &= results["school_type"].isin(list(school_types)).to_numpy()
    return results[keep]


def city_summary(results: pd.DataFrame, n_expected: int | None = None) -> dict:
    """Headline figures of a set of buildings.

    Returns
    -------
    dict
        ``campuses`` surveyed and ``campuses_expected`` (roster, or None), ``buildings``,
        ``roof_area_m2`` [m²], ``capacity_kwp`` [kWp], ``annual_yield_mwh`` and
        ``annual_yield_low_mwh`` [MWh/yr], ``co2_avoided_t`` [t/yr], ``savings_cny``
        [CNY/yr] and ``demand_covered_share`` of the schools that gave their use [-].
    """
    if results.empty:
        return {"campuses": 0, "campuses_expected": n_expected, "buildings": 0,
                "roof_area_m2": 0.0, "capacity_kwp": 0.0, "annual_yield_mwh": 0.0,
                "annual_yield_low_mwh": 0.0, "co2_avoided_t": 0.0, "savings_cny": 0.0,
                "demand_covered_share": float("nan")}
    city = aggregate(results, by=()).iloc[0]
    return {
        "campuses": int(results["school_code"].nunique()),
        "campuses_expected": n_expected,
        "buildings": len(results),
        "roof_area_m2": float(results["roof_area_m2"].sum()),
        "capacity_kwp": float(city["capacity_kwp"]),
        "annual_yield_mwh": float(city["annual_yield_kwh"]) / 1e3,
        "annual_yield_low_mwh": float(city["annual_yield_low_kwh"]) / 1e3,
        "co2_avoided_t": float(city["co2_avoided_t"]),
        "savings_cny": float(city["savings_cny"]),
        "demand_covered_share": float(city["demand_covered_share"]),
    }


def campus_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per campus with its potential, coordinates and roof area, largest first."""
    campuses = aggregate(results, by=("school_code",))
    places = results.groupby("school_code", sort=False).agg(
        latitude=("latitude", "first"), longitude=("longitude", "first"),
        roof_area_m2=("roof_area_m2", "sum"))
    campuses = campuses.join(places, on="school_code")
    return campuses.sort_values("annual_yield_kwh", ascending=False, ignore_index=True)


def district_table(results: pd.DataFrame) -> pd.DataFrame:
    """One row per district, largest potential first."""
    districts = aggregate(results, by=("district",))
    return districts.sort_values("annual_yield_kwh", ascending=False, ignore_index=True)


def campus_monthly(results: pd.DataFrame, school_code: str,
                   weather_index: pd.DatetimeIndex) -> pd.DataFrame:
    """Monthly PV output of one campus against its estimated electricity use.

    Parameters
    ----------
    results : DataFrame
        Per-building results (all campuses or one).
    school_code : str
        The campus.
    weather_index : DatetimeIndex
        Index of the weather year the results were computed on (for the load shape).

    Returns
    -------
    DataFrame
        ``month`` 1–12, ``yield_kwh`` and ``yield_low_kwh`` [kWh], ``demand_kwh`` [kWh]
        from the school load shape (NaN when the survey gave no annual use).
    """
    rows = results[results["school_code"] == school_code]
    months = [f"yield_m{m:02d}_kwh" for m in MONTHS]
    central = rows[months].sum().to_numpy(float)
    factors = results.attrs.get("low_case_factors")
    low = central * (np.asarray(factors, float) if factors is not None else 1.0)
    annual = rows["annual_electricity_kwh"].iloc[0] if len(rows) else np.nan
    if pd.notna(annual):
        load = hourly_load_kwh(float(annual), str(rows["school_type"].iloc[0]), weather_index)
        demand = load.groupby(load.index.month).sum().reindex(MONTHS).to_numpy(float)
    else:
        demand = np.full(12, np.nan)
    return pd.DataFrame({"month": MONTHS, "yield_kwh": central, "yield_low_kwh": low,
                         "demand_kwh": demand})
