"""The analyst's entry points: open the data, estimate PV, rank applications.

Same defaults as the dashboard. Reads go to the read-only snapshot that the application
publishes after every accepted write, so a notebook never fights the running dashboard for
DuckDB's single-writer lock.

Examples
--------
>>> from energy import open_survey_db, estimate_pv, campuses, rank_applications
>>> db = open_survey_db()                       # doctest: +SKIP
>>> buildings = estimate_pv(db)                 # doctest: +SKIP
>>> gdf = campuses(db)                          # doctest: +SKIP
>>> result = rank_applications(db, budget_cny=5e6)   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from core.config import db_path
from energy.pv import PVAssumptions, aggregate, estimate_buildings
from energy.subsidy import Rubric, SubsidyStore, SurveyData
from energy.subsidy import rank_applications as _rank
from surveys.store import SurveyStore, snapshot_path

WGS84 = "EPSG:4326"


class SnapshotMissing(FileNotFoundError):
    """No snapshot yet: nothing has been imported, or the database is elsewhere."""


def open_survey_db(path: str | Path | None = None, snapshot: bool = True) -> SurveyStore:
    """Open the survey database for reading.

    Parameters
    ----------
    path : str or Path, optional
        The database file (default: ``$CAMPUS_ENERGY_DB`` or ``data/campus_energy.duckdb``).
    snapshot : bool, default True
        Open the read-only snapshot beside it, which works while the dashboard holds the
        database. When no snapshot exists yet and the database is free, one is published
        first. ``False`` opens the database itself, read-only (fails while the dashboard
        runs).

    Returns
    -------
    SurveyStore
        Read-only: ``current_buildings()``, ``current_schools()``, ``history()`` and the
        ``con`` DuckDB connection for SQL.
    """
    database = Path(path) if path is not None else db_path()
    if not snapshot:
        return SurveyStore(database, read_only=True)
    target = snapshot_path(database)
    if not target.exists():
        if not database.exists():
            raise SnapshotMissing(f"没有数据库 No database at {database}")
        with SurveyStore(database) as writer:
            writer.publish_snapshot()
    return SurveyStore(target, read_only=True)


def _buildings(source: SurveyStore | pd.DataFrame | None) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    if source is None:
        with open_survey_db() as store:
            return store.current_buildings()
    return source.current_buildings()


def estimate_pv(source: SurveyStore | pd.DataFrame | None = None,
                assumptions: PVAssumptions | None = None, weather: pd.DataFrame | None = None,
                weather_source=None) -> pd.DataFrame:
    """Rooftop PV estimate of every current building.

    Parameters
    ----------
    source : SurveyStore or DataFrame, optional
        An open store (see :func:`open_survey_db`) or a ``current_buildings`` frame;
        default: the snapshot of the default database.
    assumptions : PVAssumptions, optional
        Parameters (defaults as in the dashboard; see ``energy.pv.describe_assumptions``).
    weather, weather_source : optional
        A weather year from :mod:`energy.pv.weather` (default: the built-in Shanghai year).

    Returns
    -------
    DataFrame
        One row per building: ``capacity_kwp`` [kWp], ``annual_yield_kwh`` and
        ``annual_yield_low_kwh`` [kWh/yr], ``specific_yield_kwh_per_kwp``,
        ``co2_avoided_t`` [t/yr], ``savings_cny`` [CNY/yr], exclusion reasons, monthly
        ``yield_mNN_kwh`` and ``weather_source``.
    """
    return estimate_buildings(_buildings(source), weather, weather_source,
                              assumptions or PVAssumptions())


def campuses(source: SurveyStore | pd.DataFrame | None = None,
             assumptions: PVAssumptions | None = None) -> gpd.GeoDataFrame:
    """Campuses with their PV potential as points (EPSG:4326, WGS84).

    Returns
    -------
    GeoDataFrame
        One row per school: the aggregate columns of :func:`energy.pv.aggregate`
        (``capacity_kwp`` [kWp], ``annual_yield_kwh`` [kWh/yr], ``demand_covered_share``…),
        ``latitude``, ``longitude`` [degrees] and a point ``geometry``.
    """
    results = estimate_pv(source, assumptions)
    places = results.groupby("school_code", sort=False)[["latitude", "longitude"]].first()
    table = aggregate(results, by=("school_code",)).join(places, on="school_code")
    return gpd.GeoDataFrame(table, crs=WGS84,
                            geometry=gpd.points_from_xy(table["longitude"], table["latitude"]))


def rank_applications(source: SurveyStore, budget_cny: float, rubric: Rubric | None = None,
                      caps=None, assumptions: PVAssumptions | None = None):
    """Rank the current subsidy applications of a store, as the dashboard does.

    Parameters
    ----------
    source : SurveyStore
        An open store holding applications (and expert scores, if any).
    budget_cny : float
        Subsidy budget. [CNY]
    rubric : Rubric, optional
        Default: the shipped rubric (``energy.subsidy.load_rubric()``).
    caps : tuple of energy.subsidy.Cap, optional
        Limits per district, school or project type.

    Returns
    -------
    energy.subsidy.RankingResult
        ``ranking``, ``shortlist``, ``rank_fill``, ``flags``, ``gate_failures``,
        ``explain(rank=3)``, ``to_dict()``.
    """
    subsidy = SubsidyStore(source)
    reviews = subsidy.current_reviews()
    campus_pv = aggregate(estimate_pv(source, assumptions), by=("school_code",))
    survey = SurveyData.from_store(source, pv=campus_pv)
    return _rank(subsidy.current_applications(), survey, budget_cny, rubric,
                 reviews if not reviews.empty else None, caps, data_version=source.data_version())
