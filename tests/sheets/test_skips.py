"""Rows that are not buildings of their own: a row under a building's merged name cell."""

from __future__ import annotations

from surveys.intake import check_bytes
from tests.sheets.files import xlsx

BLOCK = [["学校名称", "上海市崇明区城桥中学", None, "学校代码", "3101510003"],
         ["所在区", "崇明区", None, "学校类型", "完全中学"]]
HEADER = ["建筑名称", "用途", "建成年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型", "备注"]


def test_a_word_paragraph_pasted_as_a_row_joins_the_building_of_its_merged_name():
    rows = [*BLOCK, HEADER,
            ["教学楼", "教学", 2004, 4, 5800, 1450, "平屋面", "东侧有冷却塔"],
            [None, None, None, None, None, None, None, "南侧有大树"],
            ["食堂", "食堂", 2001, 2, 1500, 760, "坡屋面", None]]
    merges = tuple((3, c, 4, c) for c in range(7))
    result = check_bytes(xlsx(rows, merges=merges), "word.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["building_name"]) == ["教学楼", "食堂"]
    assert result.buildings.loc[0, "notes"] == "东侧有冷却塔；南侧有大树"
    joined = [i for i in result.report.issues if i.code == "row_merged_continued"]
    assert [(i.row, i.cell) for i in joined] == [(5, "A5")]
    assert "备注" in joined[0].message_zh and "Notes" in joined[0].message_en


def test_a_row_under_a_merged_name_with_other_values_stays_a_row_of_its_own():
    """教学楼 merged over its 地上 and 地下 parts typed on two rows: not joined silently."""
    rows = [*BLOCK, HEADER,
            ["教学楼", "教学", 2004, 4, 5800, 1450, "平屋面", "地上"],
            [None, "教学", 2004, 1, 900, None, None, "地下"]]
    result = check_bytes(xlsx(rows, merges=((3, 0, 4, 0),)), "parts.xlsx")
    assert len(result.parsed.records) == 2
    assert not any(i.code == "row_merged_continued" for i in result.report.issues)
    # the same name twice, said at the merged name cell both rows share
    assert [i.cell for i in result.report.errors if i.code == "duplicate_building"] == ["A4"]


def _campuses(rows):
    result = check_bytes(xlsx([*BLOCK, HEADER[:7], *rows]), "campus.xlsx")
    assert result.ok, result.report.to_text()
    return list(result.buildings["campus"]), result


def test_a_subtotal_naming_a_campus_gives_it_to_the_rows_above():
    campuses, result = _campuses([
        ["教学楼", "教学", 2002, 5, 6000, 1250, "平屋面"],
        ["实验楼", "实验", 2006, 4, 3000, 800, "平屋面"],
        ["本部小计", None, None, None, 9000, 2050, None],
        ["教学楼", "教学", 2011, 4, 4000, 1000, "平屋面"],
        ["南校区 小 计", None, None, None, 4000, 1000, None],
        ["全校合计", None, None, None, 13000, 3050, None]])
    assert campuses == ["本部", "本部", "南校区"]
    said = [(i.cell, i.message_zh) for i in result.report.issues if i.code == "group_from_label"]
    assert [cell for cell, _ in said] == ["A6", "A8"]
    assert "第 4、5 行" in said[0][1] and "本部" in said[0][1]


def test_a_heading_naming_a_campus_gives_it_to_the_rows_under_it():
    campuses, _ = _campuses([
        ["一、东校区"], ["教学楼", "教学", 2002, 5, 6000, 1250, "平屋面"],
        ["（一）教学用房"], ["实验楼", "实验", 2006, 4, 3000, 800, "平屋面"],
        ["二、西校区"], ["教学楼", "教学", 2011, 4, 4000, 1000, "平屋面"]])
    assert campuses == ["东校区", "东校区", "西校区"]


def test_labels_naming_no_campus_give_nothing():
    campuses, result = _campuses([
        ["一、教学用房"], ["教学楼", "教学", 2002, 5, 6000, 1250, "平屋面"],
        ["小计", None, None, None, 6000, 1250, None],
        ["全校合计", None, None, None, 6000, 1250, None]])
    assert [c if isinstance(c, str) else None for c in campuses] == [None]
    assert not any(i.code == "group_from_label" for i in result.report.issues)


def test_a_table_of_planned_buildings_beside_is_left_out_and_said():
    gap = [None]
    rows = [*BLOCK, ["现有建筑", None, None, None, None, None, None, *gap, "拟建建筑（2027年）"],
            [*HEADER[:7], *gap, *HEADER[:7]],
            ["教学楼", "教学", 2018, 4, 5200, 1300, "平屋面", *gap,
             "艺体楼", "其他", 2027, 3, 3000, 1000, "平屋面"],
            ["食堂", "食堂", 2018, 2, 1400, 700, "平屋面"]]
    result = check_bytes(xlsx(rows), "planned.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["building_name"]) == ["教学楼", "食堂"]
    said = [i for i in result.report.issues if i.code == "table_beside_not_read"]
    assert [(i.cell, i.row) for i in said] == [("I3", 3)]
    assert "I–O" in said[0].message_zh and "拟建" in said[0].message_en


def test_two_tables_of_standing_buildings_side_by_side_are_both_read():
    gap = [None]
    rows = [*BLOCK, ["本部", None, None, None, None, None, None, *gap, "分校"],
            [*HEADER[:7], *gap, *HEADER[:7]],
            ["教学楼", "教学", 2018, 4, 5200, 1300, "平屋面", *gap,
             "艺体楼", "其他", 2017, 3, 3000, 1000, "平屋面"]]
    result = check_bytes(xlsx(rows), "two.xlsx")
    assert sorted(result.buildings["building_name"]) == ["教学楼", "艺体楼"]
