"""Every validation rule reports its cell, in Chinese and English."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import openpyxl
import pytest

from surveys.intake import check_bytes
from surveys.schema import THIS_YEAR
from tests.sheets.files import csv_bytes, xlsx

# Layout: school block A1:B6, header row 7, buildings from row 8.
HEADERS = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
           "可利用屋顶面积", "屋面坡度", "屋面朝向", "已建光伏容量"]
GOOD = ["A楼", "教学", 2000, 4, 4000, 1000, "平屋面", None, None, None, None]


def sheet(*rows, school=None) -> bytes:
    block = school or [["学校代码", "3101010001"], ["学校名称", "测试小学"], ["所在区", "黄浦区"],
                       ["学校类型", "中小学"], ["纬度", 31.23], ["经度", 121.48]]
    return xlsx(block + [HEADERS] + [list(r) for r in rows])


def row(**changes) -> list:
    values = dict(zip(HEADERS, GOOD))
    values.update(changes)
    return [values[h] for h in HEADERS]


def issues(data: bytes, severity="error") -> list:
    report = check_bytes(data, "t.xlsx").report
    return report.errors if severity == "error" else report.warnings


def only(data: bytes, code: str, severity="error"):
    found = [i for i in issues(data, severity) if i.code == code]
    assert len(found) == 1, [(i.code, i.cell) for i in issues(data, severity)]
    issue = found[0]
    assert issue.message_zh and issue.message_en and issue.message_zh != issue.message_en
    return issue


def test_good_sheet_has_no_errors():
    result = check_bytes(sheet(row(), row(建筑名称="B楼")), "ok.xlsx")
    assert result.ok, result.report.to_text()


def test_every_bad_number_in_one_column_is_reported():
    data = sheet(row(建筑面积="见附件"), row(建筑名称="B楼", 建筑面积=-5), row(建筑名称="C楼", 建筑面积="2000-3000"))
    errors = {(i.cell, i.code) for i in issues(data)}
    assert ("E8", "not_a_number") in errors
    assert ("E9", "must_be_positive") in errors
    assert ("E10", "not_a_number") in errors


def test_not_a_number_keeps_value_and_bilingual_message():
    issue = only(sheet(row(屋顶面积="2000以内")), "not_a_number")
    assert issue.cell == "F8" and issue.row == 8 and issue.column == "roof_area_m2"
    assert issue.value == "2000以内"
    assert "2000以内" in issue.message_zh and "2000以内" in issue.message_en


@pytest.mark.parametrize("floors,ok", [(0, False), (1, True), (150, True), (151, False)])
def test_floors_between_1_and_150(floors, ok):
    data = sheet(row(地上层数=floors, 建筑面积=4000 * max(floors, 1) / 4, 屋顶面积=1000))
    codes = {(i.code, i.cell) for i in issues(data)}
    assert (("below_min", "D8") in codes or ("above_max", "D8") in codes) != ok


@pytest.mark.parametrize("year,code", [(1839, "below_min"), (THIS_YEAR + 1, "above_max"),
                                       (2000.5, "not_integer")])
def test_year_range(year, code):
    assert only(sheet(row(建成年份=year)), code).cell == "C8"


def test_year_this_year_is_fine():
    assert not issues(sheet(row(建成年份=THIS_YEAR)))


def test_roof_more_than_one_and_a_half_floor_area_is_an_error():
    issue = only(sheet(row(建筑面积=1000, 地上层数=1, 屋顶面积=2000)), "roof_much_larger_than_floor")
    assert issue.cell == "F8"


def test_roof_above_floor_area_is_a_warning():
    issue = only(sheet(row(建筑面积=1000, 地上层数=1, 屋顶面积=1100)), "roof_larger_than_floor", "warning")
    assert issue.cell == "F8"


def test_roof_far_from_footprint_is_a_warning():
    issue = only(sheet(row(建筑面积=20000, 地上层数=20, 屋顶面积=3000)), "roof_far_from_footprint",
                 "warning")
    assert issue.cell == "F8"


def test_required_value_missing_points_at_empty_cell():
    issue = only(sheet(row(建筑用途=None)), "missing_value")
    assert issue.cell == "B8"


def test_required_column_missing():
    block = [["学校代码", "3101010001"], ["学校名称", "测试小学"], ["所在区", "黄浦区"], ["学校类型", "中小学"]]
    data = xlsx(block + [HEADERS[:5] + HEADERS[6:]] + [GOOD[:5] + GOOD[6:]])
    issue = only(data, "missing_column")
    assert issue.column == "roof_area_m2"


def test_missing_school_field_in_block_points_at_its_value_cell():
    block = [["学校代码", "3101010001"], ["学校名称", "测试小学"], ["所在区", None], ["学校类型", "中小学"]]
    issue = only(sheet(row(), school=block), "missing_value")
    assert issue.cell == "B3"


def test_unknown_enumerated_value_lists_allowed_values():
    issue = only(sheet(row(屋面类型="玻璃顶")), "unknown_choice")
    assert issue.cell == "G8"
    assert "混凝土平屋面" in issue.message_zh and "彩钢瓦" in issue.message_zh
    assert "Flat concrete" in issue.message_en


def test_unknown_district():
    block = [["学校代码", "3101010001"], ["学校名称", "x"], ["所在区", "苏州"], ["学校类型", "中小学"]]
    issue = only(sheet(row(), school=block), "unknown_choice")
    assert issue.cell == "B3" and "浦东新区" in issue.message_zh


def test_duplicate_building_names_within_a_school():
    issue = only(sheet(row(), row(), row(建筑名称="B楼")), "duplicate_building")
    assert issue.cell == "A9" and "A8" in issue.message_zh and "A8" in issue.message_en


def test_same_building_name_in_two_schools_is_fine():
    headers = ["学校代码", "学校名称", "所在区", "学校类型"] + HEADERS
    rows = [headers, ["1", "x", "黄浦", "小学"] + GOOD, ["2", "y", "黄浦", "小学"] + GOOD]
    assert check_bytes(xlsx(rows), "two.xlsx").ok


def test_invalid_coordinates_are_errors():
    block = [["学校代码", "1"], ["学校名称", "x"], ["所在区", "黄浦"], ["学校类型", "小学"],
             ["纬度", 95.0], ["经度", 121.4]]
    assert only(sheet(row(), school=block), "above_max").cell == "B5"


def test_swapped_coordinates_are_reported():
    block = [["学校代码", "1"], ["学校名称", "x"], ["所在区", "黄浦"], ["学校类型", "小学"],
             ["纬度", 121.48], ["经度", 31.23]]
    assert only(sheet(row(), school=block), "coords_swapped").cell == "B5"


def test_coordinates_outside_shanghai_are_a_warning():
    block = [["学校代码", "1"], ["学校名称", "x"], ["所在区", "黄浦"], ["学校类型", "小学"],
             ["纬度", 39.9], ["经度", 116.4]]
    assert only(sheet(row(), school=block), "coords_outside_shanghai", "warning").cell == "B5"


def test_gcj02_coordinates_are_converted_to_wgs84():
    block = [["学校代码", "1"], ["学校名称", "x"], ["所在区", "黄浦"], ["学校类型", "小学"],
             ["纬度", 31.2304], ["经度", 121.4737], ["坐标系", "高德地图"]]
    result = check_bytes(sheet(row(), school=block), "gcj.xlsx")
    school = result.schools.iloc[0]
    assert school["coord_system"] == "GCJ-02"
    assert school["latitude_input"] == 31.2304
    # In Shanghai GCJ-02 lies about 0.002° south and 0.0045° east of WGS84
    assert 0.001 < school["latitude"] - 31.2304 < 0.004
    assert 0.003 < 121.4737 - school["longitude"] < 0.006


def test_usable_area_above_roof_area_is_an_error():
    assert only(sheet(row(可利用屋顶面积=1200)), "usable_exceeds_roof").cell == "H8"


def test_tilt_range_and_compass_azimuth():
    data = sheet(row(屋面类型="坡屋面", 屋面坡度=95, 屋面朝向="东南"))
    assert only(data, "above_max").cell == "I8"
    ok = check_bytes(sheet(row(屋面类型="坡屋面", 屋面坡度=25, 屋面朝向="东南")), "t.xlsx")
    assert ok.ok and ok.buildings.loc[0, "roof_azimuth_deg"] == 135


def test_pitched_roof_without_azimuth_warns():
    only(sheet(row(屋面类型="彩钢瓦", 屋面坡度=10)), "pitched_without_azimuth", "warning")


def test_no_building_rows_is_an_error():
    only(sheet(), "no_rows")


def test_sheet_without_a_header_is_an_error():
    issue = only(xlsx([["hello", "world"], [1, 2]]), "no_header")
    assert "建筑名称" in issue.message_zh


def test_cli_check_exit_codes_and_json(tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(sheet(row()))
    bad.write_bytes(sheet(row(建筑面积="见附件"), row(建筑名称="B楼", 地上层数=0)))
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a spreadsheet at all")

    def run(path):
        return subprocess.run([sys.executable, "-m", "surveys", "check", str(path), "--json"],
                              capture_output=True, text=True)

    assert run(good).returncode == 0
    result = run(bad)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {i["cell"] for i in report["issues"] if i["severity"] == "error"} == {"E8", "D9"}
    assert all(i["message_zh"] and i["message_en"] for i in report["issues"])
    refused = run(junk)
    assert refused.returncode == 2
    assert json.loads(refused.stdout)["unreadable"] is True


def test_loose_wan_unit_in_header_is_converted():
    headers = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积 万㎡", "屋顶面积 万㎡", "屋面类型"]
    result = check_bytes(xlsx([["学校代码", "1"], ["学校名称", "x"], ["所在区", "黄浦"], ["学校类型", "小学"],
                               headers, ["A楼", "教学", 2000, 4, 0.4, 0.1, "平屋面"]]), "w.xlsx")
    assert result.ok and result.buildings.loc[0, "roof_area_m2"] == 1000


def test_tiny_area_is_an_error_naming_wan_m2():
    """0.4 and 0.1 in ㎡ columns are 0.4万㎡ and 0.1万㎡ typed in the wrong unit."""
    found = [i for i in issues(sheet(row(建筑面积=0.4, 屋顶面积=0.1)), "error")
             if i.code == "area_tiny"]
    assert {i.cell for i in found} == {"E8", "F8"}
    assert all("万㎡" in i.message_zh for i in found)
    assert {"4,000 m²", "1,000 m²"} <= {i.message_zh.split("应为 ")[1][:8] for i in found}


def test_small_one_storey_area_is_only_a_question():
    found = [i for i in issues(sheet(row(建筑面积=8, 屋顶面积=8, 地上层数=1)), "warning")
             if i.code == "area_tiny"]
    assert {i.cell for i in found} == {"E8", "F8"}


# --- values as schools type them (issue 11) -------------------------------------------------

def test_huge_area_under_a_wan_header_is_an_error_saying_what_the_unit_made_of_it():
    headers = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（万㎡）", "屋顶面积", "屋面类型"]
    data = xlsx([["学校代码", "3101010001"], ["学校名称", "测试中学"], ["所在区", "黄浦区"],
                 ["学校类型", "中学"], headers, ["A楼", "教学", 2000, 4, 4000, 1000, "平屋面"],
                 ["B楼", "教学", 2000, 4, 0.4, 1000, "平屋面"]])
    result = check_bytes(data, "w.xlsx")
    found = [i for i in result.report.errors if i.code == "area_huge_header_unit"]
    assert [i.cell for i in found] == ["E6"]
    assert "40,000,000 m²" in found[0].message_en and "4000" in found[0].message_zh
    assert not result.ok


def test_huge_area_in_a_m2_column_is_an_error_at_its_cell():
    issue = only(sheet(row(建筑面积=3_500_000, 屋顶面积=1000)), "area_huge")
    assert issue.cell == "E8" and "3,500,000 m²" in issue.message_en


def test_huge_roof_is_an_error_and_a_large_campus_building_is_not():
    assert only(sheet(row(建筑面积=290_000, 屋顶面积=120_000)), "area_huge").cell == "F8"
    big = [i.code for i in issues(sheet(row(建筑面积=120_000, 屋顶面积=30_000, 地上层数=4)))]
    assert "area_huge" not in big


@pytest.mark.parametrize("code", ["310115", "S001"])
def test_an_unusual_school_code_is_a_warning_at_its_cell(code):
    block = [["学校代码", code], ["学校名称", "测试小学"], ["所在区", "黄浦区"], ["学校类型", "中小学"],
             ["纬度", 31.23], ["经度", 121.48]]
    warning = only(sheet(row(), school=block), "school_code_unusual", "warning")
    assert warning.cell == "B1" and code in warning.message_zh


@pytest.mark.parametrize("code", ["310105091", "31010500911"])
def test_a_shanghai_code_with_a_digit_lost_or_doubled_is_an_error_at_its_cell(code):
    block = [["学校代码", code], ["学校名称", "测试小学"], ["所在区", "黄浦区"], ["学校类型", "中小学"],
             ["纬度", 31.23], ["经度", 121.48]]
    error = only(sheet(row(), school=block), "school_code_digit_slip")
    assert error.cell == "B1" and code in error.message_zh and "10" in error.message_en


def test_a_usual_code_gives_no_code_warning():
    assert "school_code_unusual" not in [i.code for i in issues(sheet(row()), "warning")]


def test_excel_text_formula_code_in_a_csv_is_the_code():
    rows = [["学校代码", '="3101150431"'], ["学校名称", '="上海市花木中学"'], ["所在区", "浦东新区"],
            ["学校类型", "完全中学"], HEADERS, GOOD]
    result = check_bytes(csv_bytes(rows, "utf-8-sig"), "花木中学.csv")
    assert result.ok, result.report.to_text()
    assert result.schools.loc[0, "school_code"] == "3101150431"
    assert result.schools.loc[0, "school_name"] == "上海市花木中学"


def test_a_former_district_in_a_committee_list_is_today_s_with_a_note():
    headers = ["学校代码", "学校名称", "所在区", "学校类型", *HEADERS]
    data = xlsx([headers, ["3101030502", "卢湾高级中学", "卢湾区", "高级中学", *GOOD],
                 ["3101510503", "崇明中学", "崇明县", "完全中学", *GOOD]])
    result = check_bytes(data, "list.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.schools["district"]) == ["黄浦区", "崇明区"]
    notes = [i for i in result.report.infos if i.code == "choice_former_name"]
    assert sorted(i.cell for i in notes) == ["C2", "C3"]


def test_values_as_written_in_one_sheet():
    data = sheet(row(地上层数="4层/地下1层", 屋面类型="琉璃瓦", 屋面朝向="东南向", 已建光伏容量="否"),
                 row(建筑名称="B楼", 地上层数="5层+机房层", 屋面类型="C.彩钢瓦", 已建光伏容量="有（100kW）"))
    result = check_bytes(data, "w.xlsx")
    assert result.ok, result.report.to_text()
    b = result.buildings
    assert list(b["floors_above_ground"]) == [4, 5]
    assert list(b["roof_type"]) == ["坡屋面", "彩钢瓦"]
    assert b.loc[0, "roof_azimuth_deg"] == 135.0
    assert list(b["existing_pv_kw"]) == [0.0, 100.0]
    assert {i.cell for i in result.report.infos if i.code == "floors_part_left_out"} == {"D8", "D9"}


def test_floors_that_excel_turned_into_a_date_are_read_with_a_warning():
    book = openpyxl.load_workbook(io.BytesIO(sheet(row())))
    book.active["D8"] = dt.datetime(2026, 5, 1)   # typed 5/1; Excel shows 5月1日
    book.active["D8"].number_format = 'm"月"d"日"'
    saved = io.BytesIO()
    book.save(saved)
    result = check_bytes(saved.getvalue(), "w.xlsx")
    assert result.ok, result.report.to_text()
    assert result.buildings.loc[0, "floors_above_ground"] == 5
    warning = next(i for i in result.report.warnings if i.code == "floors_part_left_out")
    assert warning.cell == "D8" and "5/1" in warning.message_zh


def test_a_bare_type_label_in_the_school_block_is_the_school_type():
    block = [["学校：上海市嘉定区娄塘学校"], ["代码：3101140211"], ["区县：嘉定区"], ["类型：九年一贯制"]]
    headers = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面\n类型"]
    result = check_bytes(xlsx([*block, headers, ["A楼", "教学", 2000, 4, 4000, 1000, "平屋面"]]),
                         "t.xlsx")
    assert result.ok, result.report.to_text()
    assert result.schools.loc[0, "school_type"] == "中小学"
    assert result.buildings.loc[0, "roof_type"] == "混凝土平屋面"


def test_a_demolished_note_and_an_unrelated_lookalike_header():
    import io

    import xlsxwriter

    from surveys.intake import check_bytes

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    rows = [["学校名称", "上海市浦东新区明珠中学", "学校代码", "3101150101"],
            ["所在区", "浦东新区", "学校类型", "完全中学"],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
             "建筑高度(m)", "备注"],
            ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面", 18, None],
            ["老楼", "教学", 1960, 2, 800, 400, "平屋面", 8, "已拆除"]]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.close()
    report = check_bytes(buffer.getvalue(), "明珠中学.xlsx").report
    gone = [i for i in report.warnings if i.code == "building_gone"]
    assert [i.cell for i in gone] == ["I5"] and "老楼" in gone[0].message_zh
    height = next(i for i in report.warnings if i.cell == "H3")
    assert height.code == "ignored_column" and "建筑面积" not in height.message_zh


def test_ditto_marks_take_the_value_above_with_a_note_per_cell():
    result = check_bytes(sheet(row(), row(建筑名称="B楼", 建成年份="同上", 屋面类型="〃")), "t.xlsx")
    assert result.ok, result.report.to_text()
    first, second = result.buildings.iloc[0], result.buildings.iloc[1]
    assert (second["year_built"], second["roof_type"]) == (first["year_built"], first["roof_type"])
    notes = {(i.code, i.cell) for i in result.report.issues}
    assert {("ditto_above", "C9"), ("ditto_above", "G9")} <= notes


def test_a_ditto_mark_on_the_first_row_is_an_error_at_its_cell():
    assert only(sheet(row(建成年份="同上")), "ditto_unresolved").cell == "C8"


def test_a_usable_share_is_of_the_row_s_roof_and_asked():
    result = check_bytes(sheet(row(可利用屋顶面积="50%")), "t.xlsx")
    building = result.buildings.iloc[0]
    assert building["usable_roof_area_m2"] == pytest.approx(0.5 * building["roof_area_m2"])
    assert only(sheet(row(可利用屋顶面积="50%")), "share_of_field", "warning").cell == "H8"

