"""A building's campus when its 校区 cell is blank: typed once above for its group, or named in
the school's name; said in the report with the rows."""

from __future__ import annotations

from surveys.intake import check_bytes
from tests.sheets.files import xlsx

HEADER = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]


def _school(name: str, code: str = "3101150654") -> list[list]:
    return [["学校名称", name, None, "学校代码", code], ["所在区", "浦东新区", None, "学校类型", "小学"], []]


def test_a_campus_typed_once_applies_down_to_the_next():
    rows = [*_school("上海市浦东新区福山外国语小学"), ["校区", *HEADER],
            ["本部", "教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"],
            [None, "食堂", "食堂", 2004, 2, 1200, 600, "平屋面"],
            ["证大校区", "教学楼", "教学", 2012, 4, 4400, 1100, "平屋面"],
            [None, "体育馆", "体育馆", 2012, 2, 1800, 1400, "平屋面"]]
    result = check_bytes(xlsx(rows), "福山.xlsx")
    assert result.ok, result.report.to_text()  # two 教学楼, on two campuses: no duplicate
    assert list(result.buildings["campus"]) == ["本部", "本部", "证大校区", "证大校区"]
    first = len(_school("")) + 2  # the first building's Excel row
    said = [i for i in result.report.issues if i.code == "campus_filled_down"]
    assert [i.cell for i in said] == [f"A{first + 1}"]
    assert f"{first + 1}、{first + 3}" in said[0].message_zh


def test_a_blank_first_campus_stays_blank():
    rows = [*_school("上海市浦东新区福山外国语小学"), ["校区", *HEADER],
            [None, "教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"],
            ["证大校区", "体育馆", "体育馆", 2012, 2, 1800, 1400, "平屋面"]]
    result = check_bytes(xlsx(rows), "福山.xlsx")
    assert result.buildings["campus"].isna().iloc[0]
    assert result.buildings["campus"].iloc[1] == "证大校区"


def test_the_campus_in_the_school_name_is_its_buildings_campus():
    rows = [*_school("上海市建平中学（西校区）", "3101150611"), HEADER,
            ["教学楼", "教学", 2010, 5, 6500, 1400, "平屋面"],
            ["体育馆", "体育馆", 2012, 2, 2600, 2000, "平屋面"]]
    result = check_bytes(xlsx(rows), "建平.xlsx")
    assert list(result.buildings["campus"]) == ["西校区", "西校区"]
    assert "campus_from_name" in {i.code for i in result.report.issues}


def test_a_typed_campus_wins_over_the_name():
    rows = [*_school("上海市建平中学（西校区）", "3101150611"), ["校区", *HEADER],
            ["东校区", "教学楼", "教学", 2010, 5, 6500, 1400, "平屋面"]]
    result = check_bytes(xlsx(rows), "建平.xlsx")
    assert list(result.buildings["campus"]) == ["东校区"]
