"""Tables under the buildings' table (sheets.reader): continued, another table, or the same
header again for a second campus."""

from __future__ import annotations

from sheets import rows as rowkinds
from surveys.intake import check_bytes
from tests.sheets.files import xlsx

BLOCK = [["学校名称", "上海市测试中学"], ["学校代码", "3101150999"], ["所在区", "浦东新区"],
         ["学校类型", "中学"], []]
HEADER = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
A = ["教学楼", "教学", 2005, 5, 6800, 1450, "平屋面"]
B = ["体育馆", "体育馆", 2010, 2, 2600, 2000, "彩钢瓦"]


def test_the_same_header_again_after_a_blank_row_is_more_buildings():
    c = ["实验楼", "实验", 2012, 4, 3000, 800, "平屋面"]
    result = check_bytes(xlsx([*BLOCK, HEADER, A, B, [], HEADER, c]), "a.xlsx")
    assert result.ok, result.report.to_text()
    assert list(result.buildings["building_name"]) == ["教学楼", "体育馆", "实验楼"]


def test_a_continued_table_joins_its_rows_by_name():
    rest = [["建筑名称", "可利用屋顶面积", "已建光伏容量（kW）"], ["体育馆", 1600, 150],
            ["教学楼", 1000, 0]]
    result = check_bytes(xlsx([*BLOCK, HEADER, A, B, [], *rest]), "a.xlsx")
    assert result.ok, result.report.to_text()
    by_name = result.buildings.set_index("building_name")
    assert by_name.loc["体育馆", "existing_pv_kw"] == 150
    assert by_name.loc["教学楼", "usable_roof_area_m2"] == 1000
    assert {i.code for i in result.report.issues} >= {"row_continued", "row_skipped_continued"}


def test_another_table_under_a_title_is_skipped_row_by_row():
    other = [["附：屋顶设备"], ["设备名称", "所在建筑", "数量", "占用面积"], ["空调外机", "教学楼", 12, 40]]
    result = check_bytes(xlsx([*BLOCK, HEADER, A, B, [], *other]), "a.xlsx")
    assert result.ok, result.report.to_text()
    assert len(result.buildings) == 2
    kinds = [k for _, k in result.parsed.skipped_rows]
    assert kinds.count(rowkinds.OTHER_TABLE) == 3


def test_header_like_rows():
    assert rowkinds.is_header_like(["设备名称", "所在建筑", "数量", "占用面积"])
    assert not rowkinds.is_header_like(["教学楼", "教学", 2005])
    assert not rowkinds.is_header_like(["第1页", "共2页"])
    assert rowkinds.is_appendix_title(["附：屋顶现有设备", None])
    assert not rowkinds.is_appendix_title(["附属楼", "教学"])
