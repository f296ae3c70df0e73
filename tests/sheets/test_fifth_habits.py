"""Habits found by the fifth blind corpus, each pinned at the engine's own level: values typed
with a sign or a local unit, headers naming what a thing was, rows that describe the table,
school columns filled once, a sheet sent twice, a number in a date-formatted cell."""

from __future__ import annotations

import datetime as dt

import pytest

from sheets import headers as hdr
from sheets import rows as rowkinds
from sheets.cells import canonical_school_code, is_placeholder, parse_date, read_year
from sheets.loose import without_approximation
from sheets.reader import Located
from sheets.report import Report
from sheets.values import Collector, convert
from surveys import messages as survey_messages
from surveys.intake import check_bytes
from surveys.schema import COLUMNS_BY_NAME, SURVEY
from tests.sheets.files import xlsx

HEADER = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]


def block(name="上海市徐汇区示例小学", code="3101040099") -> list[list]:
    return [["学校名称", name, None, "学校代码", code], ["所在区", "徐汇区", None, "学校类型", "小学"], []]


def _convert(column: str, raw: object, factor: float = 1.0):
    report = Report("t.xlsx")
    out = Collector(report, "Sheet1", survey_messages.MESSAGES)
    value = convert(COLUMNS_BY_NAME[column], Located(raw, "D5", 5), factor, out, SURVEY)
    return value, {i.code for i in report.issues}


@pytest.mark.parametrize("column,raw,value", [
    ("gross_floor_area_m2", "~1200", 1200.0), ("roof_area_m2", "≈500", 500.0),
    ("gross_floor_area_m2", "3600平", 3600.0), ("roof_area_m2", "800个平方", 800.0),
    ("gross_floor_area_m2", "6\u00a0200", 6200.0), ("existing_pv_kw", "30千瓦峰值", 30.0),
    ("existing_pv_kw", "50000W", 50.0), ("roof_azimuth_deg", "SSE", 157.5),
    ("year_built", "1985?", 1985), ("year_built", "2005年度", 2005), ("year_built", "2005.0", 2005),
    ("year_built", "2005-09-01 00:00:00", 2005), ("year_built", 1894, 1894),
])
def test_values_typed_with_a_sign_a_local_unit_or_an_export_tail(column, raw, value):
    got, codes = _convert(column, raw)
    assert got == pytest.approx(value), codes
    assert "not_a_number" not in codes and "below_min" not in codes


def test_a_range_is_not_an_approximate_figure():
    assert without_approximation("1200~1700") is None
    assert _convert("gross_floor_area_m2", "1200~1700")[1] == {"not_a_number"}


def test_export_spellings_of_missing_and_codes():
    assert is_placeholder("nan") and is_placeholder("NaT") and is_placeholder("#N/A")
    assert canonical_school_code("3101150601.0") == "3101150601"
    assert read_year("二〇〇五年")[0] == 2005
    assert parse_date("二〇二七年三月") == dt.date(2027, 3, 1)
    assert parse_date("二〇二七年十二月") == dt.date(2027, 12, 1)


def test_a_number_in_a_date_formatted_cell_is_the_number_typed():
    year, codes = _convert("year_built", dt.date(1905, 6, 27))
    assert year == 2005 and "number_shown_as_date" in codes
    area, codes = _convert("gross_floor_area_m2", dt.date(1911, 7, 1))
    assert area == 4200.0 and "number_shown_as_date" in codes
    assert _convert("year_built", dt.date(2005, 9, 1)) == (2005, set())


def test_a_base_unit_figure_under_a_scaled_header_is_asked_about():
    area, codes = _convert("gross_floor_area_m2", 8600, factor=1e4)
    assert area == 8600 * 1e4 and "unit_slip_suspected" in codes
    assert _convert("gross_floor_area_m2", 0.86, factor=1e4) == (8600.0, set())


def test_a_tick_box_cell_reads_the_option_ticked():
    value, codes = _convert("building_use", "□教学 ☑办公 □宿舍")
    assert value == "办公" and codes == {"choice_ticked"}


@pytest.mark.parametrize("header,field", [
    ("原用途", None), ("原学校名称", None), ("现用途", "building_use"), ("层", "floors_above_ground"),
    ("建面", "gross_floor_area_m2"), ("屋面积", "roof_area_m2"), ("园区", "campus"),
])
def test_headers_naming_what_was_or_abbreviated(header, field):
    keys = hdr.parse_header(header).keys
    score, name = hdr.top_field(keys, SURVEY)
    assert (name if score >= hdr.APPLY_SCORE else None) == field, (score, name)


def test_a_unit_stated_as_the_one_used_wins_over_the_choice_offered():
    assert hdr.parse_header("建筑面积\n（㎡/万㎡二选一，本表按㎡）").units == ("㎡",)


@pytest.mark.parametrize("row,kind", [
    (["填写楼宇全称", "下拉选择", "如：2005", "填写整数"], rowkinds.HEADER_NOTE),
    (["栏次", "甲", "乙", 1, 2, 3, 4], rowkinds.HEADER_NOTE),
    (["Building name", "Use", "Year built", "Floors"], rowkinds.HEADER_NOTE),
    (["一、徐汇区", None, None], rowkinds.SECTION),
    (["以下为3月追加申报项目"], rowkinds.SECTION),
    (["①", "②", "③"], None),
    (["教学楼", "教学", 2005, 4, 4000], None),
])
def test_rows_describing_the_table_are_not_records(row, kind):
    found = rowkinds.classify(row, name_column=0, mapped={0, 1, 2, 3, 4}, merged=set(),
                              header_texts={}, total_words=SURVEY.total_words, min_header=3)
    assert found == kind


def test_demolished_and_withdrawn_rows_are_listed_not_read():
    assert rowkinds.is_demolished("原3号楼（已拆除）") and not rowkinds.is_demolished("拆除后新建楼")
    assert rowkinds.is_withdrawn(["HK-51", "照明", "学校已撤回"])
    rows = [["建筑楼宇面积调研表"], *block(), HEADER, ["1号楼", "教学", 2001, 4, 4200, 1050, "平屋面"],
            ["原3号楼（已拆除）", "其他", 1985, 2, 900, 450, "坡屋面"]]
    result = check_bytes(xlsx(rows), "demolished.xlsx")
    assert result.ok and list(result.buildings["building_name"]) == ["1号楼"]
    skipped = [i for i in result.report.warnings if i.code == "row_skipped_demolished"]
    assert [i.row for i in skipped] == [7] and "已拆除" in skipped[0].message_zh


def test_school_columns_typed_once_per_school_carry_down():
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [header,
            ["3101180021", "青浦区白鹤小学", "青浦区", "小学", "教学楼", "教学", 2007, 4, 4200, 1050, "平屋面"],
            [None, None, None, None, "食堂", "食堂", 2007, 2, 1300, 650, "平屋面"],
            ["3101180022", "青浦区白鹤中学", "青浦区", "初中", "教学楼", "教学", 1999, 5, 5000, 1000, "平屋面"]]
    result = check_bytes(xlsx(rows), "list.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["school_code"]) == ["3101180021", "3101180021", "3101180022"]
    notes = [i for i in result.report.infos if i.code == "school_carried_down"]
    assert [(i.cell, i.row) for i in notes] == [("A3", 3)]


def test_a_sheet_sent_twice_is_read_once():
    import io

    import openpyxl
    rows = [["建筑楼宇面积调研表"], *block(), HEADER, ["教学楼", "教学", 2000, 4, 4200, 1050, "平屋面"]]
    book = openpyxl.Workbook()
    for k, name in enumerate(("调研表", "调研表 (2)")):
        sheet = book.active if k == 0 else book.create_sheet()
        sheet.title = name
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = check_bytes(buffer.getvalue(), "twice.xlsx")
    assert result.ok and len(result.buildings) == 1
    assert any("调研表 (2)" in i.message_zh and "副本" in i.message_zh for i in result.report.infos)


def test_block_labels_read_as_a_person_reads_them():
    rows = [["原学校名称", "上海市静安区闸北第三中学", None, "原学校代码", "3101080012"],
            ["学校名称  上海市静安区新中初级中学", None, None, "统一社会信用代码", "12310106425012345X"],
            ["学校代码", "3101060071", None, "所在区", "静安区"], ["学校类型", "□小学 ☑初中"], [],
            HEADER, ["教学楼", "教学", 1995, 5, 5000, 1000, "平屋面"]]
    result = check_bytes(xlsx(rows), "block.xlsx")
    assert result.ok, result.report.to_text()
    school = result.schools.iloc[0]
    assert (school["school_name"], school["school_code"], school["school_type"]) == (
        "上海市静安区新中初级中学", "3101060071", "中小学")
    codes = {i.code for i in result.report.issues}
    assert {"block_former_value", "block_alias_set_aside", "choice_ticked"} <= codes


def test_a_second_school_with_its_own_header_in_another_order():
    first = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    second = ["楼名", "建筑面积", "屋顶面积", "层数", "建成年份", "屋面类型", "用途"]
    rows = [["学校名称：上海市嘉定区甲中学", None, None, "学校代码：3101140061"],
            ["所在区：嘉定区", None, None, "学校类型：初级中学"], first,
            ["教学楼", "教学", 2011, 5, 6000, 1200, "平屋面"], [],
            ["学校名称：上海市嘉定区乙小学", None, None, "学校代码：3101140062"],
            ["所在区：嘉定区", None, None, "学校类型：小学"], second,
            ["主楼", 4200, 1050, 4, 2013, "平屋面", "教学"]]
    result = check_bytes(xlsx(rows), "two.xlsx")
    assert result.ok, result.report.to_text()
    second_school = result.buildings.iloc[1]
    assert (second_school["school_code"], second_school["gross_floor_area_m2"],
            second_school["year_built"]) == ("3101140062", 4200.0, 2013)
    assert any(i.code == "row_skipped_repeated_header" and i.row == 8 for i in result.report.infos)


def test_one_code_on_two_sites_and_an_unheaded_campus_column():
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [header, ["3101150131", "上海市建平中学", "浦东新区", "高级中学", "教学楼", "教学", 1998, 5, 7000,
                     1400, "平屋面"],
            ["3101150131", "上海市建平中学（西校区）", "浦东新区", "高级中学", "教学楼", "教学", 2012, 5, 6000,
             1200, "平屋面"]]
    result = check_bytes(xlsx(rows), "sites.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["campus"].fillna("")) == ["", "西校区"]
    rows = [["建筑楼宇面积调研表"], *[[None, *r] for r in block()], [None, *HEADER],
            ["本部", "教学楼", "教学", 1998, 5, 6000, 1200, "平屋面"],
            ["分部", "教学楼", "教学", 2012, 4, 4000, 1000, "平屋面"]]
    result = check_bytes(xlsx(rows), "campus.xlsx")
    assert result.ok and list(result.buildings["campus"]) == ["本部", "分部"]


def test_a_header_typed_over_two_rows_unmerged_is_joined():
    rows = [["建筑楼宇面积调研表"], *block(), ["建筑", "建筑", "建成", "地上", "建筑面积", "屋顶面积", "屋面"],
            ["名称", "用途", "年份", "层数", "（㎡）", "（㎡）", "类型"], ["教学楼", "教学", 2006, 4, 4800, 1200, "平屋面"]]
    result = check_bytes(xlsx(rows), "split.xlsx")
    assert result.ok and len(result.buildings) == 1, result.report.to_text()
    assert result.buildings.iloc[0]["year_built"] == 2006
