"""Shared fixtures: a real survey store with real sheets, real application files per test."""

from __future__ import annotations

import io

import pytest
import xlsxwriter

from energy.subsidy.intake import check_applications, check_reviews
from energy.subsidy.ranking import SurveyData
from energy.subsidy.store import SubsidyStore
from energy.subsidy.template import (
    to_bytes,
    write_applications_table,
    write_reviews_table,
)
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

CODE = SCHOOL["school_code"]  # 3101150001, 中小学 in 浦东新区, 1,850,000 kWh/year
SECOND = {**SCHOOL, "school_code": "3101040002", "school_name": "上海市测试大学",
          "district": "徐汇区", "school_type": "高校", "annual_electricity_kwh": 4_000_000.0}
SECOND_BUILDINGS = [
    {**BUILDINGS[0], "building_name": "图书馆", "building_use": "图书馆", "year_built": 1986,
     "gross_floor_area_m2": 20000.0, "roof_area_m2": 4000.0, "floors_above_ground": 5},
]
REFERENCE_YEAR = 2026


def pv_application(app_id: str = "P1", **changes) -> dict:
    """A PV project at the test school (our estimate there: about 475 kWp, 578 MWh/year)."""
    row = {"school_code": CODE, "application_id": app_id, "project_name": "屋顶光伏",
           "project_type": "光伏", "total_investment_cny": 1_400_000.0,
           "subsidy_requested_cny": 400_000.0, "claimed_pv_capacity_kwp": 400.0,
           "claimed_annual_pv_kwh": 480_000.0, "service_life_years": 25.0}
    return {**row, **changes}


def saving_application(app_id: str = "L1", **changes) -> dict:
    """A lighting retrofit at the test school."""
    row = {"school_code": CODE, "application_id": app_id, "project_name": "LED照明改造",
           "project_type": "照明改造", "total_investment_cny": 400_000.0,
           "subsidy_requested_cny": 200_000.0, "claimed_annual_saving_kwh": 150_000.0,
           "service_life_years": 10.0}
    return {**row, **changes}


def applications_file(rows: list[dict]) -> bytes:
    return to_bytes(write_applications_table, rows)


def reviews_file(rows: list[dict]) -> bytes:
    return to_bytes(write_reviews_table, rows)


def frame_of(rows: list[dict]):
    result = check_applications(applications_file(rows), "apps.xlsx")
    assert result.ok, result.report.to_text()
    return result.frame


def reviews_of(rows: list[dict]):
    result = check_reviews(reviews_file(rows), "scores.xlsx")
    assert result.ok, result.report.to_text()
    return result.frame


def xlsx(rows: list[list]) -> bytes:
    """A plain workbook as a school might make it, cell values as given."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("申请")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.close()
    return buffer.getvalue()


@pytest.fixture(scope="session")
def survey_db(tmp_path_factory):
    """A DuckDB file holding two real surveyed schools (imported from real sheets)."""
    path = tmp_path_factory.mktemp("survey") / "campus.duckdb"
    with SubsidyStore(path) as store:
        for school, buildings in ((SCHOOL, BUILDINGS), (SECOND, SECOND_BUILDINGS)):
            result = store.survey.import_bytes(template_prefilled(school, buildings),
                                               f"{school['school_code']}.xlsx")
            assert result.status == "stored", result.report and result.report.to_text()
    return path


@pytest.fixture(scope="session")
def survey_data(survey_db) -> SurveyData:
    """Our own numbers for the two schools, PV estimated by energy.pv from the survey."""
    with SubsidyStore(survey_db) as store:
        return SurveyData.from_store(store.survey)


@pytest.fixture
def db_copy(survey_db, tmp_path):
    """A private copy of the surveyed database for tests that write."""
    target = tmp_path / "campus.duckdb"
    target.write_bytes(survey_db.read_bytes())
    return target


@pytest.fixture
def store(db_copy):
    with SubsidyStore(db_copy) as opened:
        yield opened
