"""What a person infers when the school block is silent: names and codes from the sheet tab or
the file name, the campus from the school's name; each said, never silent."""

from __future__ import annotations

import pytest

from surveys import inferred
from surveys.intake import check_bytes
from tests.sheets.files import xlsx

HEADER = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]
BUILDINGS = [HEADER, ["教学楼", "教学", 2000, 5, 5200, 1100, "平屋面"],
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"]]


@pytest.mark.parametrize("text, name", [
    ("田林第三中学", "田林第三中学"),
    ("上海市长宁区愚园路第一小学_建筑楼宇面积调研表.xlsx", "上海市长宁区愚园路第一小学"),
    ("2026年校舍情况统计表-徐汇区汇师小学.xls", "徐汇区汇师小学"),
    ("Sheet1", None), ("调研表.xlsx", None), ("本部", None), (None, None)])
def test_school_name_in_a_tab_or_file_name(text, name):
    assert inferred.school_name_in(text) == name


@pytest.mark.parametrize("file_name, code", [
    ("3101130667.xlsx", "3101130667"), ("3101130667_调研表.xlsx", "3101130667"),
    ("2026.xlsx", None), ("20260101123.xlsx", None), ("3101130667-3101130668.xlsx", None)])
def test_code_in_file_name_is_a_shanghai_school_code_only(file_name, code):
    assert inferred.code_in_file_name(file_name) == code


@pytest.mark.parametrize("name, campus", [
    ("上海市建平中学（西校区）", "西校区"), ("上海市建平中学(南校区)", "南校区"),
    ("上海市建平中学", None), ("上海市西校区中学", None), (None, None)])
def test_campus_in_the_school_name(name, campus):
    assert inferred.campus_in_name(name) == campus


def test_name_from_the_sheet_tab_is_read_and_asked():
    rows = [["学校代码", "3101040047", None, "所在区", "徐汇区"], ["学校类型", "初级中学"], [],
            *BUILDINGS]
    result = check_bytes(xlsx(rows, sheet="田林第三中学"), "调研表.xlsx")
    assert result.ok, result.report.to_text()
    assert result.schools.iloc[0]["school_name"] == "田林第三中学"
    assert "name_from_sheet" in {i.code for i in result.report.warnings}


def test_the_sheet_tab_comes_before_the_file_name():
    rows = [["学校代码", "3101040047", None, "所在区", "徐汇区"], ["学校类型", "初级中学"], [],
            *BUILDINGS]
    result = check_bytes(xlsx(rows, sheet="田林第三中学"), "上海市徐汇区某某小学.xlsx")
    assert result.schools.iloc[0]["school_name"] == "田林第三中学"


def test_code_from_the_file_name_reaches_every_building():
    rows = [["学校名称", "上海市宝山区通河新村第三小学", None, "所在区", "宝山区"], ["学校类型", "小学"], [],
            *BUILDINGS]
    result = check_bytes(xlsx(rows), "3101130667.xlsx")
    assert result.ok, result.report.to_text()
    assert set(result.buildings["school_code"]) == {"3101130667"}
    assert "code_from_file" in {i.code for i in result.report.warnings}


def test_a_code_in_the_sheet_wins_over_the_file_name():
    rows = [["学校名称", "上海市宝山区通河新村第三小学", None, "学校代码", "3101130001"],
            ["所在区", "宝山区", None, "学校类型", "小学"], [], *BUILDINGS]
    result = check_bytes(xlsx(rows), "3101130667.xlsx")
    assert set(result.buildings["school_code"]) == {"3101130001"}
    assert "code_from_file" not in {i.code for i in result.report.issues}


def test_a_credit_code_identifies_the_school_and_is_said_to_be_one():
    rows = [["单位名称", "上海市徐汇区向阳小学", None, "统一社会信用代码", "12310104425005176X"],
            ["所属区", "徐汇", None, "办学类型", "公办小学"], [], *BUILDINGS]
    result = check_bytes(xlsx(rows), "向阳小学.xlsx")
    assert result.ok, result.report.to_text()
    assert result.schools.iloc[0]["school_code"] == "12310104425005176X"
    warned = [i for i in result.report.warnings if i.code == "school_code_is_credit_code"]
    assert [i.cell for i in warned] == ["E1"]


@pytest.mark.parametrize("name, kind", [
    ("上海市长宁区愚园路幼儿园", "幼儿园"), ("上海工商职业技术学院", "高校"), ("上海市建平中学（西校区）", "中小学"),
    ("上海市奉贤中等专业学校", "中职"), ("上海市某某学校", None), (None, None)])
def test_type_from_the_name_by_the_types_own_words(name, kind):
    assert inferred.type_from_name(name) == kind


def test_a_kindergarten_without_a_type_is_read_from_its_name_and_asked():
    rows = [["学校名称", "上海市长宁区愚园路幼儿园", None, "学校代码", "3101050216"], ["所在区", "长宁区"], [],
            *BUILDINGS]
    result = check_bytes(xlsx(rows), "愚园路幼儿园.xlsx")
    assert result.ok, result.report.to_text()
    assert result.schools.iloc[0]["school_type"] == "幼儿园"
    assert [i.cell for i in result.report.warnings if i.code == "type_from_name"] == ["B1"]
