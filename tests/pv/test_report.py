"""The campus workbook: headers, units and number formats from the PV output declarations,
raw values, one poor roof's reason on its own."""

from __future__ import annotations

import io

import openpyxl
import pytest

from energy.pv import PVAssumptions, estimate_buildings
from energy.pv.explore import campus_monthly, campus_table
from energy.pv.outputs import REPORT_BUILDINGS
from energy.pv.report import campus_report_xlsx
from tests.pv._helpers import builtin_weather, survey, survey_row


@pytest.fixture(scope="module")
def workbook():
    weather, source = builtin_weather()
    buildings = survey(survey_row(annual_electricity_kwh=223600.0),
                       survey_row(building_name="2号楼", roof_condition="差"))
    results = estimate_buildings(buildings, weather, source)
    campus = campus_table(results).iloc[0]
    monthly = campus_monthly(results, "3101150001", weather.index)
    data = campus_report_xlsx(campus, results, monthly, PVAssumptions(), source.label())
    return openpyxl.load_workbook(io.BytesIO(data)), results


def test_building_sheet_headers_come_from_the_declarations(workbook):
    book, results = workbook
    sheet = book["建筑 Buildings"]
    headers = [c.value for c in sheet[1]]
    expected = [c.bilingual_header for c in REPORT_BUILDINGS.present(results)]
    assert headers == expected
    assert "容量 Capacity (kWp)" in headers and "年减排 CO₂（t/年） CO₂ avoided (t/yr)" in headers


def test_values_are_raw_with_declared_number_formats(workbook):
    book, results = workbook
    sheet = book["建筑 Buildings"]
    headers = [c.value for c in sheet[1]]
    capacity = sheet.cell(row=2, column=headers.index("容量 Capacity (kWp)") + 1)
    assert capacity.value == pytest.approx(float(results["capacity_kwp"].iloc[0]))
    assert capacity.number_format == "#,##0.0"
    summary = {row[0].value: row[1] for row in book["概要 Summary"].iter_rows()}
    use = summary["年用电量 Annual electricity use (kWh)"]
    assert use.value == 223600 and use.number_format == "#,##0"


def test_a_poor_roof_gives_its_exclusion_only(workbook):
    book, _ = workbook
    sheet = book["建筑 Buildings"]
    headers = [c.value for c in sheet[1]]
    poor = [c.value for c in sheet[3]]
    reason = poor[headers.index("排除原因 Exclusion reason (Chinese)")]
    notes = poor[headers.index("调整说明 Notes (Chinese)")]
    assert "修缮" in reason and notes is None
