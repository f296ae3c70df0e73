"""The analyst API: read while the application writes; frames with units and a CRS."""

from __future__ import annotations

import pytest

import energy
from surveys.store import SurveyStore
from tests.demo_cache import subsidy_demo
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "demo.duckdb"
    subsidy_demo(path, n_schools=20, n_applications=12)
    return path


def test_open_survey_db_reads_the_snapshot_while_the_app_holds_the_database(demo_db):
    with SurveyStore(demo_db) as app:  # the dashboard's read-write connection
        before = app.counts()
        with energy.open_survey_db(demo_db) as db:
            assert db.read_only and db.counts() == before
        extra = dict(SCHOOL, school_code="API0001")
        assert app.import_bytes(template_prefilled(extra, BUILDINGS), "x.xlsx").status == "stored"
        with energy.open_survey_db(demo_db) as db:
            assert db.counts()["submissions"] == before["submissions"] + 1


def test_open_survey_db_without_a_database_says_so(tmp_path):
    with pytest.raises(FileNotFoundError):
        energy.open_survey_db(tmp_path / "none.duckdb")


def test_campuses_is_a_wgs84_geodataframe_with_unit_columns(demo_db):
    with energy.open_survey_db(demo_db) as db:
        gdf = energy.campuses(db)
        n_schools = len(db.current_schools())
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == n_schools
    assert {"capacity_kwp", "annual_yield_kwh", "annual_yield_low_kwh"} <= set(gdf.columns)
    assert gdf.geometry.x.between(120.8, 122.3).all() and gdf.geometry.y.between(30.6, 31.95).all()
    assert (gdf["annual_yield_low_kwh"] <= gdf["annual_yield_kwh"] + 1e-6).all()


def test_estimate_pv_matches_the_dashboard_default(demo_db):
    from energy.pv import PVAssumptions, estimate_buildings

    with energy.open_survey_db(demo_db) as db:
        ours = energy.estimate_pv(db)
        direct = estimate_buildings(db.current_buildings(), assumptions=PVAssumptions())
    assert ours["annual_yield_kwh"].sum() == pytest.approx(direct["annual_yield_kwh"].sum())


def test_rank_applications_from_the_snapshot(demo_db):
    with energy.open_survey_db(demo_db) as db:
        result = energy.rank_applications(db, budget_cny=3e6)
    assert result.shortlist["subsidy_requested_cny"].sum() <= 3e6
    assert len(result.ranking) > 0
    assert list(result.ranking["rank"]) == sorted(result.ranking["rank"])
