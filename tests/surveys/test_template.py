"""The template: bilingual, drop-downs, example row, and a lossless round trip."""

from __future__ import annotations

import io
import math
import subprocess
import sys

import openpyxl

from surveys.intake import check_bytes
from surveys.schema import BUILDING_COLUMNS, EXAMPLE_MARK, SCHOOL_COLUMNS
from surveys.template import HEADER_ROW, SURVEY_SHEET, write_template
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_filled_by_hand


def _blank_book():
    buffer = io.BytesIO()
    write_template(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == b


def test_round_trip_write_fill_read_back_identical():
    data = template_filled_by_hand(SCHOOL, BUILDINGS)
    result = check_bytes(data, "filled.xlsx")
    assert not result.report.errors and not result.report.warnings, result.report.to_text()
    # the template's own instructions and hidden lists are left, and the report says so
    assert {i.code for i in result.report.infos} == {
        "sheet_read", "sheet_skipped_instructions", "sheet_skipped_hidden", "row_skipped_example"}
    school = result.schools.iloc[0].to_dict()
    for name, value in SCHOOL.items():
        assert _same(school[name], value), name
    rows = result.buildings.to_dict("records")
    assert len(rows) == len(BUILDINGS)
    for got, expected in zip(rows, BUILDINGS):
        for name, value in expected.items():
            if name in ("shading", "roof_condition") and value is None:
                continue
            assert _same(got[name], value), (name, got[name], value)


def test_example_row_is_never_imported():
    data = template_filled_by_hand(SCHOOL, BUILDINGS[:1])
    result = check_bytes(data, "one.xlsx")
    assert list(result.buildings["building_name"]) == ["1号教学楼"]


def test_template_is_bilingual_with_units_and_required_marks():
    sheet = _blank_book()[SURVEY_SHEET]
    headers = [sheet.cell(row=HEADER_ROW + 1, column=j + 1).value for j in range(len(BUILDING_COLUMNS))]
    for header, col in zip(headers, BUILDING_COLUMNS):
        assert col.label_zh in header and col.label_en in header
        if col.unit_label:
            assert f"({col.unit_label})" in header
        assert header.startswith("*") == col.required
    assert sheet.cell(row=HEADER_ROW + 2, column=1).value.startswith(EXAMPLE_MARK)


def test_every_enumerated_column_has_a_dropdown():
    book = _blank_book()
    sheet = book[SURVEY_SHEET]
    lists = book["选项 Lists"]
    assert lists.sheet_state == "hidden"
    validated = {}
    for dv in sheet.data_validations.dataValidation:
        assert dv.type == "list"
        for cell_range in str(dv.sqref).split():
            validated[cell_range] = dv.formula1
    enum_building_cols = [i for i, c in enumerate(BUILDING_COLUMNS) if c.choices]
    letters = {openpyxl.utils.get_column_letter(i + 1) for i in enum_building_cols}
    covered = {r.rstrip("0123456789:").split(":")[0].rstrip("0123456789") for r in validated}
    assert letters <= covered
    n_school_enums = sum(1 for c in SCHOOL_COLUMNS if c.choices)
    school_dvs = [r for r in validated if r.startswith("B") and ":" not in r]
    assert len(school_dvs) == n_school_enums
    # the drop-down source really lists the allowed values
    district_values = [lists.cell(row=i, column=1).value for i in range(2, 18)]
    assert "浦东新区" in district_values and len([v for v in district_values if v]) == 16


def test_widths_fit_chinese_text():
    sheet = _blank_book()[SURVEY_SHEET]
    for j, col in enumerate(BUILDING_COLUMNS):
        letter = openpyxl.utils.get_column_letter(j + 1)
        width = sheet.column_dimensions[letter].width
        # a CJK character takes about two width units
        assert width >= 2 * len(col.label_zh) + 2, (col.name, width)


def test_instructions_sheet_lists_every_column():
    book = _blank_book()
    text = " ".join(str(c.value) for row in book["填写说明 Instructions"].iter_rows() for c in row if c.value)
    for col in SCHOOL_COLUMNS + BUILDING_COLUMNS:
        assert col.label_zh in text and col.label_en in text


def test_cli_writes_template(tmp_path):
    out = tmp_path / "t.xlsx"
    run = subprocess.run([sys.executable, "-m", "surveys", "template", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert SURVEY_SHEET in openpyxl.load_workbook(out).sheetnames
