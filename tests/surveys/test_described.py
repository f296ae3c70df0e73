"""One 屋面情况 sentence for the roof's type and condition, with no 屋面类型 column."""

from __future__ import annotations

from surveys.intake import check_bytes
from tests.sheets.files import xlsx

BLOCK = [["学校代码", "3101010001"], ["学校名称", "测试中学"], ["所在区", "黄浦区"], ["学校类型", "中学"]]


def _read(header: list, *rows):
    return check_bytes(xlsx(BLOCK + [header] + [list(r) for r in rows]), "t.xlsx")


def test_the_first_clause_is_the_roof_type_and_the_rest_its_condition():
    header = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面情况"]
    result = _read(header, ["A楼", "教学", 2000, 4, 4000, 1000, "坡屋面（小青瓦），局部渗漏"],
                   ["B楼", "教学", 2000, 4, 4000, 1000, "平屋面"])
    assert result.ok, result.report.to_text()
    a, b = result.buildings.iloc[0], result.buildings.iloc[1]
    assert (a["roof_type"], a["roof_condition"]) == ("坡屋面", "差")
    assert b["roof_type"] == "混凝土平屋面"
    said = [i for i in result.report.issues if i.code == "roof_type_from_description"]
    assert [i.cell for i in said] == ["G5"]


def test_a_sheet_with_its_own_roof_type_column_keeps_its_condition_as_written():
    header = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "屋面情况"]
    result = _read(header, ["A楼", "教学", 2000, 4, 4000, 1000, "彩钢瓦", "平屋面，良好"])
    assert result.buildings.iloc[0]["roof_type"] == "彩钢瓦"
    assert not [i for i in result.report.issues if i.code == "roof_type_from_description"]
