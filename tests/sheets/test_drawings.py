"""Text typed in drawn text boxes: found by sheet through the bounded parts, and a school's
details in one read as its block."""

from __future__ import annotations

import io

import xlsxwriter

from sheets.safety import DEFAULT_LIMITS, text_boxes
from sheets.safety._drawings import MAX_BOXES
from surveys.intake import check_bytes

HEADER = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]
BOX = "学校名称：上海市嘉定区清河路小学    学校代码：3101140670    所在区：嘉定区    学校类型：小学"


def _book(boxes: dict[str, list[tuple[int, int, str]]], rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, drawn in boxes.items():
        ws = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                ws.write(i, j, value)
        for row, col, text in drawn:
            ws.insert_textbox(row, col, text)
    book.close()
    return buffer.getvalue()


TABLE = [[], [], [], HEADER, ["教学楼", "教学", 2003, 4, 4400, 1100, "平屋面"]]


def test_boxes_are_found_on_their_own_sheet_with_their_corner():
    data = _book({"本部": [(0, 1, BOX)], "分校": [], "说明": [(5, 2, "第一行\n第二行")]}, TABLE)
    found = text_boxes(data, DEFAULT_LIMITS)
    assert set(found) == {"本部", "说明"}
    assert found["本部"][0].lines == (BOX,) and (found["本部"][0].row, found["本部"][0].col) == (0, 1)
    assert found["说明"][0].lines == ("第一行", "第二行")


def test_boxes_kept_are_bounded():
    data = _book({"Sheet1": [(i, 0, f"框{i}") for i in range(MAX_BOXES + 5)]}, TABLE)
    assert len(text_boxes(data, DEFAULT_LIMITS)["Sheet1"]) == MAX_BOXES


def test_the_school_in_a_text_box_is_read_and_said():
    result = check_bytes(_book({"Sheet1": [(0, 0, BOX)]}, TABLE), "清河路小学.xlsx")
    assert result.ok, result.report.to_text()
    school = result.schools.iloc[0]
    assert school["school_code"] == "3101140670" and school["school_name"] == "上海市嘉定区清河路小学"
    said = [i for i in result.report.issues if i.code == "school_text_box_read"]
    assert [i.cell for i in said] == ["A1"]


def test_cells_win_over_a_text_box():
    rows = [["学校名称", "上海市嘉定区某某小学", None, "学校代码", "3101140001"], [], [], *TABLE[3:]]
    result = check_bytes(_book({"Sheet1": [(0, 8, BOX)]}, rows), "x.xlsx")
    assert result.schools.iloc[0]["school_code"] == "3101140001"
    assert result.schools.iloc[0]["district"] == "嘉定区"  # only the missing fields from the box
