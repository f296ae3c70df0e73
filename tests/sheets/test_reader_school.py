"""The school's details wherever a school writes them above the table: a label row over a
value row, or a field in brackets inside the title."""

from __future__ import annotations

from surveys.intake import check_bytes, read_survey
from tests.sheets.files import xlsx

HEADER = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]
BUILDINGS = [HEADER, ["教学楼", "教学", 2003, 4, 4400, 1100, "平屋面"],
             ["体育馆", "体育馆", 2014, 2, 1600, 1200, "平屋面"]]
LABELS = ["学校名称", "学校代码", "所在区", "学校类型", "联系人", "联系电话"]
VALUES = ["上海市徐汇区汇师小学", "3101040231", "徐汇区", "小学", "李老师", "021-64381234"]


def test_labels_over_values_are_read_by_column():
    parsed = read_survey(xlsx([LABELS, VALUES, [], *BUILDINGS]), "汇师.xlsx")
    block = {name: located.value for name, located in parsed.school_block.items()}
    assert block["school_name"] == VALUES[0] and block["school_code"] == VALUES[1]
    assert block["district"] == VALUES[2] and block["school_type"] == VALUES[3]
    assert VALUES[4] in block["contact"] and VALUES[5] in block["contact"]
    assert parsed.school_block["school_code"].cell == "B2"


def test_labels_over_values_validate_without_errors():
    result = check_bytes(xlsx([LABELS, VALUES, [], *BUILDINGS]), "汇师.xlsx")
    assert result.ok, result.report.to_text()
    assert result.schools.iloc[0]["school_code"] == VALUES[1]


def test_label_value_pairs_in_one_row_are_not_taken_for_a_label_row():
    rows = [["学校名称", VALUES[0], None, "学校代码", VALUES[1]],
            ["所在区", VALUES[2], None, "学校类型", VALUES[3]], [], *BUILDINGS]
    parsed = read_survey(xlsx(rows), "汇师.xlsx")
    assert parsed.school_block["school_code"].value == VALUES[1]
    assert parsed.school_block["district"].value == VALUES[2]


def test_a_code_in_brackets_in_the_title_is_read_and_the_title_keeps_the_name():
    title = "上海市闵行区马桥中学（学校代码：3101120077）校舍屋顶情况表"
    rows = [[title], ["所在区：闵行区", None, None, "学校类型：初级中学"], [], *BUILDINGS]
    result = check_bytes(xlsx(rows), "马桥.xlsx")
    assert result.ok, result.report.to_text()
    school = result.schools.iloc[0]
    assert school["school_code"] == "3101120077"
    assert school["school_name"] == "上海市闵行区马桥中学"
    assert "name_from_title" in {i.code for i in result.report.warnings}


def test_a_bracketed_code_after_a_labelled_name_leaves_the_name_clean():
    rows = [["学校名称：上海市闵行区马桥中学（学校代码：3101120077）"],
            ["所在区：闵行区", None, None, "学校类型：初级中学"], [], *BUILDINGS]
    parsed = read_survey(xlsx(rows), "马桥.xlsx")
    assert parsed.school_block["school_code"].value == "3101120077"
    assert parsed.school_block["school_name"].value == "上海市闵行区马桥中学"


def test_a_unit_note_in_brackets_is_no_school_field():
    rows = [["学校名称", VALUES[0], None, "学校代码", VALUES[1]],
            ["所在区", VALUES[2], None, "学校类型", VALUES[3]], ["（单位：平方米）"], *BUILDINGS]
    parsed = read_survey(xlsx(rows), "汇师.xlsx")
    assert set(parsed.school_block) == {"school_name", "school_code", "district", "school_type"}
