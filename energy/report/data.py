"""What the analysis report says, gathered from the project's API (never recomputed here).

Every figure comes from the functions the dashboard shows: :func:`energy.estimate_pv`,
:func:`energy.pv.explore.city_summary`, :func:`energy.pv.aggregate`,
:func:`energy.districts.district_figures`, :func:`energy.pv.monthly_profile`,
:func:`energy.pv.describe_assumptions`, the roster's completeness and the rollout plan
(:func:`energy.plan.plan_from_store`, the Plan page's engine).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from energy.api import estimate_pv
from energy.districts import district_figures
from energy.plan.tables import (
    DEFAULT_BUDGET_CNY_PER_YEAR,
    DEFAULT_YEARS,
    PlanResult,
    plan_from_store,
    sensitivity_table,
)
from energy.pv import PVAssumptions, aggregate, describe_assumptions, monthly_profile
from energy.pv.demand import LOAD_SHAPES, PRIMARY_SECONDARY, school_load_shape
from energy.pv.explore import campus_table, city_summary, filter_results
from energy.pv.portfolio import weather_label
from geo.shanghai import DISTRICT_BY_NAME
from sheets.outputs import BEIJING
from surveys.roster import completeness, completeness_by_district, schools_with_gaps
from surveys.store import SurveyStore

TOP_CAMPUSES = 20


@dataclass
class ReportData:
    """Everything a report writer needs, in one language.

    Attributes
    ----------
    lang : str
        ``"zh"`` or ``"en"``.
    date : datetime.date
        Date the report was made.
    data_date : datetime.date or None
        Beijing date of the latest submission covered (None: none yet).
    version : str
        The product's version (``campus-energy``), printed on the cover.
    districts : tuple of str
        The districts covered (empty: the whole city).
    is_demo : bool
        Whether any campus is demo data.
    summary : dict
        :func:`energy.pv.explore.city_summary` of the covered campuses.
    by_district, by_type, top_campuses, monthly, assumptions : DataFrame
        The report's tables.
    monthly_demand : DataFrame
        :func:`monthly_against_demand` of the covered campuses (empty: none reported its
        electricity use).
    weather_source : str
        Label of the weather year used.
    quality : dict
        Counts of the data-quality section (:func:`quality_counts`).
    missing_schools, gaps : DataFrame
        Roster schools that have not submitted; submitted schools with a gap or warning
        (:func:`surveys.roster.schools_with_gaps`), as on the completeness page.
    plan : PlanResult or None
        The rollout plan of the covered campuses (None: no survey data).
    sensitivity : DataFrame or None
        :func:`energy.plan.sensitivity_table` of ``plan``, when asked for.
    """

    lang: str
    date: _dt.date
    data_date: _dt.date | None
    version: str
    districts: tuple[str, ...]
    is_demo: bool
    summary: dict
    by_district: pd.DataFrame
    by_type: pd.DataFrame
    top_campuses: pd.DataFrame
    monthly: pd.DataFrame
    assumptions: pd.DataFrame
    campus_points: pd.DataFrame
    weather_source: str
    quality: dict
    missing_schools: pd.DataFrame
    gaps: pd.DataFrame
    plan: PlanResult | None = None
    sensitivity: pd.DataFrame | None = None
    monthly_demand: pd.DataFrame | None = None


def district_label(name: str, lang: str) -> str:
    """``浦东新区`` in Chinese, ``Pudong`` in English (unknown names as they are)."""
    district = DISTRICT_BY_NAME.get(name)
    return name if lang == "zh" or district is None else district.name_en


def _by_district(selected: pd.DataFrame, roster: pd.DataFrame | None,
                 districts: Sequence[str], lang: str) -> pd.DataFrame:
    table = district_figures(selected, roster)
    if districts:
        table = table[table["district"].isin(list(districts))]
    return table.assign(district_label=[district_label(d, lang) for d in table["district"]]
                        ).reset_index(drop=True)


def _by_type(selected: pd.DataFrame) -> pd.DataFrame:
    table = aggregate(selected, by=("school_type",)).rename(columns={"n_schools": "campuses"})
    return table.assign(annual_yield_mwh=table["annual_yield_kwh"] / 1e3)


def monthly_against_demand(results: pd.DataFrame,
                           weather_index: pd.DatetimeIndex) -> pd.DataFrame:
    """Monthly PV of the campuses that reported their annual electricity use, against that
    use spread over the year by the school load shape of their type (the committee's
    assumption, :mod:`energy.pv.demand`: term days, weekends, the vacations, climate).

    Parameters
    ----------
    results : DataFrame
        Per-building results of :func:`energy.estimate_pv` (with ``school_type`` and
        ``annual_electricity_kwh`` [kWh/yr], one value per school).
    weather_index : DatetimeIndex
        The weather year's hours (its calendar places weekends and holidays).

    Returns
    -------
    DataFrame
        ``month`` 1–12, ``yield_kwh`` and ``yield_low_kwh`` of those campuses [kWh],
        ``demand_kwh`` [kWh]; ``attrs["campuses"]`` the number of campuses counted. Empty
        when no campus reported its use.
    """
    schools = results.groupby("school_code", sort=False).agg(
        school_type=("school_type", "first"), use=("annual_electricity_kwh", "first"))
    use = pd.to_numeric(schools["use"], errors="coerce")
    schools = schools[use.notna() & (use > 0)].assign(use=use)
    if schools.empty:
        return pd.DataFrame()
    demand = sum(_monthly_shares(weather_index, kind) * total
                 for kind, total in schools.groupby("school_type")["use"].sum().items())
    table = monthly_profile(results[results["school_code"].isin(schools.index)])
    table = table.assign(demand_kwh=demand)
    table.attrs["campuses"] = len(schools)
    return table


def _monthly_shares(weather_index: pd.DatetimeIndex, school_type: str) -> np.ndarray:
    shares = school_load_shape(weather_index, school_type)
    return shares.groupby(shares.index.month).sum().reindex(range(1, 13)).to_numpy(float)


def school_vacations(school_type: str = PRIMARY_SECONDARY
                     ) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """First and last (month, day) of the winter and summer vacations of a school type, as
    the load shape assumes them (schools, kindergartens and vocational schools share theirs;
    universities' are a little longer)."""
    shape = LOAD_SHAPES[school_type]
    return {"winter": shape.winter_vacation, "summer": shape.summer_vacation}


def _top(campuses: pd.DataFrame) -> pd.DataFrame:
    top = campuses.head(TOP_CAMPUSES)
    return top.assign(annual_yield_mwh=top["annual_yield_kwh"] / 1e3).reset_index(drop=True)


def _assumptions(assumptions: PVAssumptions | None) -> pd.DataFrame:
    table = describe_assumptions(assumptions)
    return table.assign(value=[_value_text(v) for v in table["value"]])


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("campus-energy")
    except PackageNotFoundError:   # run from a checkout that was never installed
        return "?"


def _data_date(schools: pd.DataFrame) -> _dt.date | None:
    latest = pd.to_datetime(schools["last_submitted_at"], utc=True).max()
    return None if pd.isna(latest) else latest.tz_convert(BEIJING).date()


def quality_counts(schools: pd.DataFrame, gaps: pd.DataFrame) -> dict:
    """The data-quality section's figures from :func:`surveys.roster.completeness`: roster
    schools ``expected``, ``submitted`` and ``missing``, ``unexpected`` submitters, all
    schools that submitted (``campuses``), ``resubmitted`` ones, ``with_warnings`` and their
    ``n_warnings``, ``with_gaps`` (rows of ``gaps``)."""
    roster, sent = schools["on_roster"].astype(bool), schools["submitted"].astype(bool)
    warned = sent & (schools["n_warnings"] > 0)
    return {"expected": int(roster.sum()), "submitted": int((roster & sent).sum()),
            "missing": int((roster & ~sent).sum()), "unexpected": int((~roster & sent).sum()),
            "campuses": int(sent.sum()),
            "resubmitted": int((sent & (schools["n_submissions"] > 1)).sum()),
            "with_warnings": int(warned.sum()),
            "n_warnings": int(schools.loc[warned, "n_warnings"].sum()),
            "with_gaps": len(gaps)}


def _quality(source: SurveyStore, districts: Sequence[str]):
    schools = completeness(source)
    if districts:
        schools = schools[schools["district"].isin(list(districts))]
    gaps = schools_with_gaps(schools) if not schools.empty else schools
    missing = schools[schools["on_roster"].astype(bool) & ~schools["submitted"].astype(bool)]
    return quality_counts(schools, gaps), missing, gaps, _data_date(schools)


def _plan(source: SurveyStore, districts: Sequence[str], assumptions: PVAssumptions | None,
          budget_cny_per_year: float, years: int, sensitivity: bool
          ) -> tuple[PlanResult | None, pd.DataFrame | None]:
    """The rollout plan of the covered campuses' buildings (and its sensitivity)."""
    buildings = source.current_buildings()
    if districts:
        buildings = buildings[buildings["district"].isin(list(districts))]
    if buildings.empty:
        return None, None
    plan = plan_from_store(buildings, years, budget_cny_per_year, pv=assumptions)
    return plan, sensitivity_table(buildings, plan, assumptions) if sensitivity else None


def _value_text(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,.4g}"


def gather(source: SurveyStore, *, districts: Sequence[str] = (), lang: str = "zh",
           results: pd.DataFrame | None = None, assumptions: PVAssumptions | None = None,
           date: _dt.date | None = None, plan: PlanResult | None = None,
           plan_budget_cny_per_year: float = DEFAULT_BUDGET_CNY_PER_YEAR,
           plan_years: int = DEFAULT_YEARS, plan_sensitivity: bool = False,
           weather_index: pd.DatetimeIndex | None = None) -> ReportData:
    """The report's content for a store.

    Parameters
    ----------
    source : SurveyStore
        An open store (e.g. :func:`energy.open_survey_db`).
    districts : sequence of str
        Districts to cover (canonical names); empty for the whole city.
    lang : str
        ``"zh"`` (default) or ``"en"``.
    results : DataFrame, optional
        A PV estimate already made (the dashboard passes its own); default
        :func:`energy.estimate_pv` of the store with ``assumptions``.
    assumptions : PVAssumptions, optional
        The assumptions ``results`` were computed with (default: the defaults).
    date : datetime.date, optional
        Report date (default today).
    plan : PlanResult, optional
        A rollout plan already made (the Plan page's); by default one is solved for the
        covered campuses with ``plan_budget_cny_per_year`` [CNY] over ``plan_years``.
    plan_sensitivity : bool
        Also solve the plan with capital cost and tariff ±20 % (slow: four more estimates).
    weather_index : DatetimeIndex, optional
        Hours of the weather year ``results`` were computed on, for the school load shape's
        calendar (default the built-in Shanghai year's).

    Returns
    -------
    ReportData
    """
    if results is None:
        results = estimate_pv(source, assumptions)
    selected = filter_results(results, list(districts))
    roster_size = source.roster_size()
    roster = completeness_by_district(completeness(source)) if roster_size else None
    expected = (int(roster[roster["district"].isin(list(districts))]["expected"].sum())
                if roster is not None and districts else roster_size or None)
    campuses = campus_table(selected)
    schools = source.current_schools()
    if plan is None:
        plan, sensitivity = _plan(source, districts, assumptions, plan_budget_cny_per_year,
                                  plan_years, plan_sensitivity)
    else:
        sensitivity = (sensitivity_table(source.current_buildings(), plan, assumptions)
                       if plan_sensitivity else None)
    quality, missing, gaps, data_date = _quality(source, districts)
    if weather_index is None:
        from energy.pv.weather import builtin_shanghai

        weather_index = builtin_shanghai()[0].index
    return ReportData(
        lang=lang, date=date or _dt.date.today(), data_date=data_date, version=_version(),
        districts=tuple(districts),
        is_demo=bool(schools["is_demo"].any()) if not schools.empty else False,
        summary=city_summary(selected, expected),
        by_district=_by_district(selected, roster, districts, lang),
        by_type=_by_type(selected), top_campuses=_top(campuses),
        monthly=monthly_profile(selected) if not selected.empty else pd.DataFrame(),
        assumptions=_assumptions(assumptions),
        campus_points=campuses[["latitude", "longitude", "capacity_kwp"]],
        weather_source=weather_label(results, lang),
        quality=quality, missing_schools=missing, gaps=gaps, plan=plan,
        sensitivity=sensitivity,
        monthly_demand=(monthly_against_demand(selected, weather_index) if not selected.empty
                        else pd.DataFrame()))
