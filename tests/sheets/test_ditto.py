"""Cells pointing at another value: 同上 / 〃, 同1号楼, 同建筑面积, a share of the roof."""

from __future__ import annotations

import pytest

from sheets.ditto import ABOVE, BUILDING, FIELD, SHARE, Reference, reference, resolve
from sheets.reader import Located
from sheets.report import ERROR, Report
from sheets.values import Collector
from surveys import messages as survey_messages
from surveys.schema import COLUMNS_BY_NAME, SURVEY


@pytest.mark.parametrize("column,raw,expected", [
    ("year_built", "同上", Reference(ABOVE)), ("roof_type", "〃", Reference(ABOVE)),
    ("floors_above_ground", '"', Reference(ABOVE)),
    ("building_use", "同1号楼", Reference(BUILDING, "1号楼")),
    ("year_built", "与A楼相同", Reference(BUILDING, "A楼")),
    ("roof_area_m2", "同建筑面积", Reference(FIELD, "gross_floor_area_m2")),
    ("usable_roof_area_m2", "60%", Reference(SHARE, "roof_area_m2", 0.6)),
    ("usable_roof_area_m2", 0.5, Reference(SHARE, "roof_area_m2", 0.5)),
])
def test_cells_that_point_elsewhere(column, raw, expected):
    assert reference(raw, COLUMNS_BY_NAME[column], SURVEY) == expected


@pytest.mark.parametrize("column,raw", [
    ("building_name", "同上"), ("usable_roof_area_m2", 500), ("roof_area_m2", 0.5),
    ("roof_area_m2", "60%"), ("year_built", 2005), ("building_use", "教学"),
    ("notes", "同上" * 20), ("campus", "同济校区"), ("notes", "同意"),
])
def test_cells_holding_their_own_value(column, raw):
    assert reference(raw, COLUMNS_BY_NAME[column], SURVEY) is None


def _resolve(column: str, raw, row: dict, above=None, by_name=None):
    report = Report("t.xlsx")
    out = Collector(report, "Sheet1", survey_messages.MESSAGES)
    col = COLUMNS_BY_NAME[column]
    located = Located(raw, "C6", 6)
    resolve([(col, located, reference(raw, col, SURVEY))], row, above, by_name or {}, SURVEY, out)
    return report


def test_the_value_pointed_at_is_taken_and_said_at_the_cell():
    twin = {"year_built": 2006}
    row = {"year_built": None}
    report = _resolve("year_built", "同1号楼", row, by_name={"1号楼": twin})
    assert row["year_built"] == twin["year_built"]
    assert [(i.code, i.cell) for i in report.issues] == [("ditto_building", "C6")]


def test_a_share_is_of_this_row_s_base_column():
    row = {"roof_area_m2": 1500.0, "usable_roof_area_m2": None}
    report = _resolve("usable_roof_area_m2", "60%", row)
    assert row["usable_roof_area_m2"] == pytest.approx(0.6 * row["roof_area_m2"])
    assert [i.code for i in report.warnings] == ["share_of_field"]


@pytest.mark.parametrize("raw,above", [("同上", None), ("同上", {"year_built": None}),
                                       ("同5号楼", {"year_built": 2001})])
def test_nothing_there_is_an_error_at_the_cell(raw, above):
    row = {"year_built": None}
    report = _resolve("year_built", raw, row, above=above)
    assert row["year_built"] is None
    assert [(i.severity, i.code, i.cell) for i in report.issues] == [(ERROR, "ditto_unresolved", "C6")]
