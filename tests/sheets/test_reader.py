"""The forgiving reader: every variation written as a real file by the test."""

from __future__ import annotations

import io

import pytest
import xlsxwriter
import xlwt

from surveys.intake import check_bytes, read_survey
from tests.sheets.files import csv_bytes, xlsx

EN_HEADERS = ["Roof area (m²)", "Building name", "Gross floor area [m2]", "Floors above ground",
              "Year built", "Building use", "Roof type"]
ROWS = [[1720, "Teaching 1", 8600, 5, 2005, "teaching", "flat"],
        [900, "Canteen", 1800, 2, 2010, "canteen", "steel"]]
SCHOOL_COLS = ["学校代码", "学校名称", "所在区", "学校类型"]


def school_block(code="3101010001") -> list[list]:
    return [["学校代码", code], ["学校名称", "黄浦测试小学"], ["所在区", "黄浦"], ["学校类型", "小学"]]


def test_english_headers_any_order_with_units_in_brackets():
    data = xlsx(school_block() + [[]] + [EN_HEADERS] + ROWS)
    result = check_bytes(data, "en.xlsx")
    assert result.ok, result.report.to_text()
    b = result.buildings
    assert list(b["building_name"]) == ["Teaching 1", "Canteen"]
    assert list(b["roof_area_m2"]) == [1720, 900]
    assert list(b["building_use"]) == ["教学", "食堂"]
    assert list(b["roof_type"]) == ["混凝土平屋面", "彩钢瓦"]
    assert result.schools.loc[0, "district"] == "黄浦区"  # 黄浦 synonym
    assert result.schools.loc[0, "school_type"] == "中小学"


def test_title_rows_and_merged_cells_above_header_keep_excel_row_numbers():
    rows = school_block() + [[], EN_HEADERS] + ROWS
    data = xlsx(rows, start_row=3, start_col=2, merge_title="2026年 建筑楼宇面积调研表")
    parsed = read_survey(data, "title.xlsx")
    assert parsed.header_row == 3 + len(school_block()) + 2  # Excel numbering
    assert [r.row for r in parsed.records] == [parsed.header_row + 1, parsed.header_row + 2]
    first = parsed.records[0].values["roof_area_m2"]
    assert first.cell == f"C{parsed.header_row + 1}"  # table starts in column C


def test_wan_square_metre_header_is_converted():
    headers = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（万㎡）", "屋顶面积(万平方米)", "屋面类型"]
    rows = [["图书馆", "图书馆", 2001, 4, 0.86, 0.2, "平屋面"]]
    result = check_bytes(xlsx(school_block() + [headers] + rows), "wan.xlsx")
    assert result.ok, result.report.to_text()
    assert result.buildings.loc[0, "gross_floor_area_m2"] == pytest.approx(8600)
    assert result.buildings.loc[0, "roof_area_m2"] == pytest.approx(2000)


def test_fullwidth_digits_commas_and_whitespace():
    headers = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["  实验楼 ", " 实验 ", "２００８", "４", "８，６００", " 2,150.5 ", "混凝土平屋面"]]
    result = check_bytes(xlsx(school_block() + [headers] + rows), "fw.xlsx")
    assert result.ok, result.report.to_text()
    b = result.buildings.iloc[0]
    assert b["building_name"] == "实验楼"
    assert b["year_built"] == 2008 and b["floors_above_ground"] == 4
    assert b["gross_floor_area_m2"] == 8600 and b["roof_area_m2"] == 2150.5


def test_blank_rows_and_trailing_total_row_are_ignored():
    headers = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["A楼", "教学", 2000, 4, 4000, 1000, "平屋面"], [], [],
            ["B楼", "办公", 2001, 3, 3000, 1000, "平屋面"], ["合计", None, None, None, 7000, 2000]]
    result = check_bytes(xlsx(school_block() + [headers] + rows), "total.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["building_name"]) == ["A楼", "B楼"]
    header_row = len(school_block()) + 1
    assert list(result.buildings["source_row"]) == [header_row + 1, header_row + 4]


def test_unknown_columns_are_warnings_not_failures():
    headers = ["序号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
               "管理员", "备注说明"]
    rows = [[1, "A楼", "教学", 2000, 4, 4000, 1000, "平屋面", "王老师", "x"]]
    result = check_bytes(xlsx(school_block() + [headers] + rows), "extra.xlsx")
    assert result.ok
    ignored = {i.value for i in result.report.warnings if i.code == "ignored_column"}
    assert {"管理员", "备注说明"} <= ignored
    cells = {i.cell for i in result.report.warnings if i.code == "ignored_column"}
    assert f"I{len(school_block()) + 1}" in cells


def test_a_column_of_row_numbers_is_listed_as_information():
    headers = ["序 号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [[1, "A楼", "教学", 2000, 4, 4000, 1000, "平屋面"], [2, "B楼", "办公", 2001, 3, 3000, 900, "平屋面"]]
    result = check_bytes(xlsx(school_block() + [headers] + rows), "numbered.xlsx")
    assert result.ok and len(result.buildings) == 2
    assert not [i for i in result.report.warnings if i.value == "序 号"]
    noted = [i for i in result.report.infos if i.code == "column_row_numbers"]
    assert [(i.value, i.cell) for i in noted] == [("序 号", f"A{len(school_block()) + 1}")]
    assert "行号" in noted[0].message_zh and "numbers the rows" in noted[0].message_en


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_with_school_columns_on_every_row(encoding):
    headers = SCHOOL_COLS + ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [headers,
            ["3101100001", "杨浦测试中学", "杨浦区", "中学", "教学楼", "教学", 1995, 5, 6000, 1200, "平屋面"],
            ["3101100001", "杨浦测试中学", "杨浦区", "中学", "食堂", "食堂", 2003, 2, 1600, 800, "彩钢瓦"]]
    result = check_bytes(csv_bytes(rows, encoding), "flat.csv")
    assert result.ok, result.report.to_text()
    assert result.schools.loc[0, "school_name"] == "杨浦测试中学"
    assert list(result.buildings["building_name"]) == ["教学楼", "食堂"]
    assert list(result.buildings["source_row"]) == [2, 3]


def test_flat_file_with_several_schools():
    headers = SCHOOL_COLS + ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [headers,
            ["3101100001", "杨浦一中", "杨浦", "中学", "教学楼", "教学", 1995, 5, 6000, 1200, "平屋面"],
            ["3101200002", "闵行一幼", "闵行", "幼儿园", "教学楼", "教学", 2015, 3, 2400, 800, "平屋面"],
            ["3101100001", "杨浦一中", "杨浦", "中学", "食堂", "食堂", 2003, 2, 1600, 800, "彩钢瓦"]]
    result = check_bytes(xlsx(rows), "merged.xlsx")
    assert result.ok, result.report.to_text()
    assert sorted(result.schools["school_code"]) == ["3101100001", "3101200002"]
    counts = result.buildings.groupby("school_code").size().to_dict()
    assert counts == {"3101100001": 2, "3101200002": 1}
    assert dict(zip(result.schools["school_code"], result.schools["n_buildings"])) == counts


def test_xls_files_are_read():
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("调研表")
    rows = school_block() + [EN_HEADERS] + ROWS
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    result = check_bytes(buffer.getvalue(), "old.xls")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["roof_area_m2"]) == [1720, 900]
    assert list(result.buildings["source_row"]) == [len(school_block()) + 2, len(school_block()) + 3]


def test_inline_label_value_school_block():
    rows = [["学校代码：3101010009", None, "学校名称：某某小学"], ["所在区：徐汇", None, "学校类型：小学"],
            EN_HEADERS] + ROWS
    result = check_bytes(xlsx(rows), "inline.xlsx")
    assert result.ok, result.report.to_text()
    school = result.schools.iloc[0]
    assert (school["school_code"], school["district"]) == ("3101010009", "徐汇区")


def test_header_found_on_second_sheet():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("封面").write(0, 0, "封面 Cover")
    ws = book.add_worksheet("数据")
    for i, row in enumerate(school_block() + [EN_HEADERS] + ROWS):
        for j, v in enumerate(row):
            ws.write(i, j, v)
    book.close()
    parsed = read_survey(buffer.getvalue(), "two.xlsx")
    assert parsed.sheet == "数据" and len(parsed.records) == 2


def test_names_keep_full_width_punctuation_but_codes_are_folded():
    block = [["学校代码", "３１０１０１０００１"], ["学校名称", "黄浦测试小学（演示）"], ["所在区", "黄浦"],
             ["学校类型", "小学"]]
    result = check_bytes(xlsx(block + [EN_HEADERS] + ROWS), "fw.xlsx")
    school = result.schools.iloc[0]
    assert school["school_code"] == "3101010001"
    assert school["school_name"] == "黄浦测试小学（演示）"


def test_csv_with_old_mac_line_endings_reads_like_any_other():
    """A CSV whose lines end with a lone CR (old Mac exports) is read line by line, by the
    pre-scan and the reader alike, not as one enormous line."""
    rows = school_block() + [[]] + [EN_HEADERS] + ROWS
    for ending in ("\r", "\n", "\r\n"):
        text = ending.join(",".join("" if v is None else str(v) for v in row) for row in rows)
        result = check_bytes(text.encode("utf-8"), "mac.csv")
        assert result.ok, result.report.to_text()
        assert len(result.buildings) == len(ROWS), ending
