"""A school's own sheet layout the reader is unsure of, for the column-mapping tests.

The headers are a school's wording: ``序号`` (a running number, not a survey field),
``竣工时间`` (read as the year built, with a question), ``楼顶`` (the roof's condition, which
the reader does not recognise) and ``情况说明`` (notes, which it only guesses). A person
confirms the first two readings and corrects the last two (:data:`CORRECTIONS`).
"""

from __future__ import annotations

import io

import xlsxwriter

HEADERS = ["序号", "楼栋名称", "使用功能", "竣工时间", "建筑层数", "总建筑面积(平方米)", "屋顶面积(㎡)",
           "屋面类型", "楼顶", "情况说明"]
FIELDS = [None, "building_name", "building_use", "year_built", "floors_above_ground",
          "gross_floor_area_m2", "roof_area_m2", "roof_type", "roof_condition", "notes"]
FIRST_TABLE_ROW = 4  # zero-based row of the header (below the school block and a blank row)
# What a person changes in the reader's proposal: header → field (grid column, field)
CORRECTIONS = {"楼顶": (8, "roof_condition"), "情况说明": (9, "notes")}
# The person's mapping: every header's wording → field, None for 序号
CONFIRMED = dict(zip(HEADERS, FIELDS))

SCHOOL_A = {"school_code": "3101159901", "school_name": "上海市浦东新区端到端测试中学",
            "district": "浦东新区", "school_type": "完全中学"}
SCHOOL_B = {"school_code": "3101049902", "school_name": "上海市徐汇区列对应测试小学",
            "district": "徐汇区", "school_type": "小学"}

BUILDINGS_A = [
    [1, "1号教学楼", "教学", 2004, 4, 4000, 1000, "平屋面", "良好", "北侧有高楼"],
    [2, "实验楼", "实验", 2010, 3, 3000, 900, "平屋面", "一般", None],
]
BUILDINGS_B = [
    [1, "行政楼", "办公", 1996, 4, 5200, 1300, "平屋面", "差", "屋面待翻修"],
    [2, "风雨操场", "体育", 2015, 1, 2400, 2300, "平屋面", "良好", None],
    [3, "食堂", "食堂", 2008, 2, 1800, 950, "平屋面", "一般", None],
]


def _write_sheet(sheet, school: dict | None, buildings: list[list]) -> None:
    if school is not None:
        sheet.write_row(0, 0, ["学校名称", school["school_name"], None, "学校代码",
                               school["school_code"]])
        sheet.write_row(1, 0, ["所在区县", school["district"], None, "学校类型",
                               school["school_type"]])
    sheet.write_row(FIRST_TABLE_ROW, 0, HEADERS)
    for i, row in enumerate(buildings, start=FIRST_TABLE_ROW + 1):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)


def own_layout(school: dict, buildings: list[list], branch: list[list] | None = None) -> bytes:
    """An .xlsx in the school's own layout: a school block, a blank row, the table; with
    ``branch``, a second sheet 分校 of the same layout without a school block."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    _write_sheet(book.add_worksheet("本部" if branch else "Sheet1"), school, buildings)
    if branch:
        _write_sheet(book.add_worksheet("分校"), None, branch)
    book.close()
    return out.getvalue()
