"""Figures per district, for the overview map's choropleth and the analysis report.

Built from the same functions the dashboard uses elsewhere (:func:`energy.pv.explore.
district_table` for the PV potential, :func:`surveys.roster.completeness_by_district` for
submissions), so a district's number is the same on every page and in the report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from energy.pv.explore import district_table
from energy.pv.outputs import CITY_SUMMARY, COLUMNS
from geo.shanghai import DISTRICTS
from sheets.outputs import OutputColumn, OutputTable

# What a district can be coloured by: the column of district_figures() and its unit.
MEASURES: dict[str, str] = {
    "annual_yield_mwh": "MWh/yr",
    "demand_covered_share": "-",
    "share_submitted": "-",
}

#: district_figures() for reading (the analysis report's district table).
DISTRICT_TABLE = OutputTable("districts", "分区统计", "By district", (
    COLUMNS["district"], CITY_SUMMARY["campuses"],
    OutputColumn("submitted", "已上报", "Returned", "int"),
    OutputColumn("expected", "名单内学校", "On the roster", "int"),
    *COLUMNS.pick("capacity_kwp", "annual_yield_mwh", "annual_yield_low_mwh", "co2_avoided_t",
                  "demand_covered_share").columns,
))


def district_figures(results: pd.DataFrame, by_district: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """One row per Shanghai district (all 16, in declaration order).

    Parameters
    ----------
    results : DataFrame
        Per-building PV results (:func:`energy.estimate_pv`), possibly filtered.
    by_district : DataFrame, optional
        :func:`surveys.roster.completeness_by_district` (``expected``, ``submitted``,
        ``share_submitted``); without it, or for districts without roster schools, the
        submission columns are NaN.

    Returns
    -------
    DataFrame
        ``district``, ``adcode``, ``name_en``, ``campuses`` (surveyed), ``capacity_kwp``
        [kWp], ``annual_yield_mwh`` and ``annual_yield_low_mwh`` [MWh/yr],
        ``co2_avoided_t`` [t/yr], ``demand_covered_share`` [-], ``expected`` and
        ``submitted`` (roster schools), ``share_submitted`` [-].
    """
    frame = pd.DataFrame({"district": [d.name for d in DISTRICTS],
                          "adcode": [d.adcode for d in DISTRICTS],
                          "name_en": [d.name_en for d in DISTRICTS]})
    pv = _pv_by_district(results)
    frame = frame.merge(pv, on="district", how="left")
    for name in ("campuses", "capacity_kwp", "annual_yield_mwh", "annual_yield_low_mwh",
                 "co2_avoided_t"):
        frame[name] = frame[name].fillna(0.0)
    frame["campuses"] = frame["campuses"].astype(int)
    roster = _roster_by_district(by_district)
    return frame.merge(roster, on="district", how="left")


def _pv_by_district(results: pd.DataFrame) -> pd.DataFrame:
    columns = ["district", "campuses", "capacity_kwp", "annual_yield_mwh",
               "annual_yield_low_mwh", "co2_avoided_t", "demand_covered_share"]
    if results.empty:
        return pd.DataFrame(columns=columns)
    table = district_table(results)
    return pd.DataFrame({
        "district": table["district"],
        "campuses": table["n_schools"],
        "capacity_kwp": table["capacity_kwp"],
        "annual_yield_mwh": table["annual_yield_kwh"] / 1e3,
        "annual_yield_low_mwh": table["annual_yield_low_kwh"] / 1e3,
        "co2_avoided_t": table["co2_avoided_t"],
        "demand_covered_share": table["demand_covered_share"],
    })


def _roster_by_district(by_district: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["district", "expected", "submitted", "share_submitted"]
    if by_district is None or by_district.empty:
        return pd.DataFrame({"district": [d.name for d in DISTRICTS],
                             "expected": np.nan, "submitted": np.nan,
                             "share_submitted": np.nan})
    return by_district[columns]
