"""The committee's workbook and CSV: read back, no formulas, Chinese intact, print-ready."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from energy.subsidy.export import neutralise_csv, write_csv, write_workbook
from energy.subsidy.ranking import rank_applications
from tests.subsidy.conftest import (
    REFERENCE_YEAR,
    frame_of,
    pv_application,
    reviews_of,
    saving_application,
)

HOSTILE = {
    "project_name": '=HYPERLINK("http://example.invalid","点我")',
    "description": "+1+1",
    "contact": "@SUM(A1:A9)",
}
SHEETS = ["入围名单 Shortlist", "全部排名 Ranking", "待核实 Needs clarification",
          "未通过门槛 Gate failures", "核查标记 Flags",
          "专家评分 Reviews", "方法对比 Comparison", "评分细则 Rubric", "参数 Parameters"]


@pytest.fixture(scope="module")
def result(survey_data):
    rows = [saving_application(**HOSTILE), pv_application(claimed_pv_capacity_kwp=900.0,
                                                          claimed_annual_pv_kwh=1_000_000.0),
            saving_application("-2026-009", project_name="-减号开头的项目"),
            saving_application("GATE", school_code="3109999999", project_name="@无调研")]
    reviews = reviews_of([{"reviewer_id": "E1", "application_id": "L1",
                           "criterion": "示范教育", "score": 4}])
    return rank_applications(frame_of(rows), survey_data, 700_000.0, reviews=reviews,
                             reference_year=REFERENCE_YEAR)


@pytest.fixture(scope="module")
def book(result):
    buffer = io.BytesIO()
    write_workbook(result, buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def _values(sheet) -> list:
    return [c.value for row in sheet.iter_rows() for c in row if c.value is not None]


def test_every_sheet_is_there_with_chinese_and_english_headers(book):
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1] if c.value]
        assert header and all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in header)
        assert all(any(ch.isascii() and ch.isalpha() for ch in h) for h in header)


def test_no_cell_is_a_formula_and_hostile_text_stays_text(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    ranking = _values(book["全部排名 Ranking"])
    assert HOSTILE["project_name"] in ranking and "-减号开头的项目" in ranking
    cell = next(c for row in book["全部排名 Ranking"].iter_rows() for c in row
                if c.value == HOSTILE["project_name"])
    assert cell.quotePrefix and cell.data_type == "s"


def test_chinese_text_is_intact(book, result):
    rubric_text = "\n".join(str(v) for v in _values(book["评分细则 Rubric"]))
    assert "委员会可调整的起点" in rubric_text and "weight = 0.30" in rubric_text
    gates = _values(book["未通过门槛 Gate failures"])
    assert any("调研表" in str(v) for v in gates) and "@无调研" in gates
    flags = _values(book["核查标记 Flags"])
    assert "flag_pv_capacity_above_roof" in flags
    shortlist = book["入围名单 Shortlist"]
    ids = [shortlist.cell(row=r, column=2).value for r in range(2, shortlist.max_row + 1)]
    assert ids == list(result.shortlist["application_id"])


def test_formatted_for_printing(book):
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("C2", "A2")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    widths = book["全部排名 Ranking"].column_dimensions
    assert widths["D"].width >= 20  # school name


def test_parameters_sheet_names_budget_rubric_and_data(book, result):
    values = [str(v) for v in _values(book["参数 Parameters"])]
    assert "700,000.00" in values
    assert result.rubric.sha256 in values
    assert any(v.startswith("surveys: 2 schools") for v in values)


def test_csv_has_bom_chinese_headers_and_neutralised_text(result, tmp_path):
    path = tmp_path / "out.csv"
    write_csv(result, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "排名 Rank" and "申请编号 Application ID" in rows[0]
    cells = [c for row in rows[1:] for c in row]
    assert "'" + HOSTILE["project_name"] in cells and "'-减号开头的项目" in cells
    assert "'-2026-009" in cells and "'@无调研" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert len(rows) == 1 + len(result.table)
    assert any("调研表" in c for c in cells)


def test_neutralise_csv():
    assert [neutralise_csv(t) for t in ("=1", "+1", "-1", "@a", "\tx", "ok", "中文")] == [
        "'=1", "'+1", "'-1", "'@a", "'\tx", "ok", "中文"]
