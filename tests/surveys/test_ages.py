"""A building's age given for its year (房龄（年）): the year of the sheet minus the age."""

from __future__ import annotations

import datetime as dt

import pytest

from sheets.reader import Located
from surveys.ages import age_to_year, sheet_year
from surveys.intake import check_bytes
from tests.sheets.files import xlsx


def test_the_sheet_s_year_is_its_title_s_else_this_year():
    title = [Located("2024年校舍情况统计表", "A1", 1)]
    assert sheet_year(title) == 2024
    assert sheet_year([Located("校舍情况统计表", "A1", 1)], dt.date(2031, 5, 1)) == 2031


@pytest.mark.parametrize("age,year", [(28, 1998), ("6", 2020), (0, 2026), (28.5, None),
                                      (1998, None), ("老", None)])
def test_an_age_is_a_year_built(age, year):
    assert age_to_year(age, 2026) == year


def test_a_register_s_ages_become_years_built_and_the_school_is_asked():
    rows = [["2025年校舍情况统计表"], ["学校代码", "3101010001"], ["学校名称", "测试中学"],
            ["所在区", "黄浦区"], ["学校类型", "中学"], [],
            ["建筑名称", "用途", "房龄（年）", "层数", "建筑面积", "屋顶面积", "屋面类型"],
            ["教学楼", "教学", 20, 4, 4800, 1200, "平屋面"]]
    result = check_bytes(xlsx(rows), "t.xlsx")
    assert result.ok, result.report.to_text()
    assert result.buildings.iloc[0]["year_built"] == 2025 - 20
    asked = [i for i in result.report.warnings if i.code == "age_to_year"]
    assert [i.cell for i in asked] == ["C7"]
