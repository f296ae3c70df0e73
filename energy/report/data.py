"""What the analysis report says, gathered from the project's API (never recomputed here).

Every figure comes from the functions the dashboard shows: :func:`energy.estimate_pv`,
:func:`energy.pv.explore.city_summary`, :func:`energy.pv.aggregate`,
:func:`energy.districts.district_figures`, :func:`energy.pv.monthly_profile`,
:func:`energy.pv.describe_assumptions` and the roster's completeness.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from energy.api import estimate_pv
from energy.districts import district_figures
from energy.pv import PVAssumptions, aggregate, describe_assumptions, monthly_profile
from energy.pv.explore import campus_table, city_summary, filter_results
from geo.shanghai import DISTRICT_BY_NAME
from surveys.roster import completeness, completeness_by_district
from surveys.schema import SCHOOL_TYPES
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
    districts : tuple of str
        The districts covered (empty: the whole city).
    is_demo : bool
        Whether any campus is demo data.
    summary : dict
        :func:`energy.pv.explore.city_summary` of the covered campuses.
    by_district, by_type, top_campuses, monthly, assumptions : DataFrame
        The report's tables.
    weather_source : str
        Label of the weather year used.
    """

    lang: str
    date: _dt.date
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


def district_label(name: str, lang: str) -> str:
    """``浦东新区`` in Chinese, ``Pudong`` in English (unknown names as they are)."""
    district = DISTRICT_BY_NAME.get(name)
    return name if lang == "zh" or district is None else district.name_en


def _type_label(value: str, lang: str) -> str:
    choice = next((c for c in SCHOOL_TYPES if c.value == value), None)
    return value if lang == "zh" or choice is None else choice.label_en


def _by_district(selected: pd.DataFrame, roster: pd.DataFrame | None,
                 districts: Sequence[str], lang: str) -> pd.DataFrame:
    table = district_figures(selected, roster)
    if districts:
        table = table[table["district"].isin(list(districts))]
    submitted = [("–" if pd.isna(e) else f"{int(s)}/{int(e)}")
                 for s, e in zip(table["submitted"], table["expected"])]
    return table.assign(district_label=[district_label(d, lang) for d in table["district"]],
                        submitted_label=submitted).reset_index(drop=True)


def _by_type(selected: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = aggregate(selected, by=("school_type",))
    return table.assign(type_label=[_type_label(v, lang) for v in table["school_type"]],
                        annual_yield_mwh=table["annual_yield_kwh"] / 1e3)


def _top(campuses: pd.DataFrame, lang: str) -> pd.DataFrame:
    top = campuses.head(TOP_CAMPUSES)
    return top.assign(district_label=[district_label(d, lang) for d in top["district"]],
                      annual_yield_mwh=top["annual_yield_kwh"] / 1e3).reset_index(drop=True)


def _assumptions(assumptions: PVAssumptions | None, lang: str) -> pd.DataFrame:
    table = describe_assumptions(assumptions)
    return table.assign(label=table["label_zh"] if lang == "zh" else table["label_en"],
                        value_text=[_value_text(v) for v in table["value"]])


def _value_text(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,.4g}"


def gather(source: SurveyStore, *, districts: Sequence[str] = (), lang: str = "zh",
           results: pd.DataFrame | None = None, assumptions: PVAssumptions | None = None,
           date: _dt.date | None = None) -> ReportData:
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
    return ReportData(
        lang=lang, date=date or _dt.date.today(), districts=tuple(districts),
        is_demo=bool(schools["is_demo"].any()) if not schools.empty else False,
        summary=city_summary(selected, expected),
        by_district=_by_district(selected, roster, districts, lang),
        by_type=_by_type(selected, lang), top_campuses=_top(campuses, lang),
        monthly=monthly_profile(selected) if not selected.empty else pd.DataFrame(),
        assumptions=_assumptions(assumptions, lang),
        campus_points=campuses[["latitude", "longitude", "capacity_kwp"]],
        weather_source=str(results.attrs.get("weather_source", "")))
