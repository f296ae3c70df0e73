"""Which sheets of a workbook are read: sheets the reader leaves are named with their reason."""

from __future__ import annotations

import io

import xlsxwriter

from sheets import workbook
from sheets.reader import read_sheets
from surveys.schema import SURVEY

TABLE = [["学校名称", "上海市杨浦区二联中学", None, "学校代码", "3101100386"],
         ["所在区", "杨浦区", None, "学校类型", "初中"], [],
         ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
         ["教学楼", "教学", 2008, 4, 4800, 1200, "平屋面"],
         ["食堂", "食堂", 2008, 2, 1300, 650, "平屋面"]]


def _with_chart_sheet() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    chart = book.add_chart({"type": "pie"})
    chart.add_series({"categories": ["数据", 4, 0, 5, 0], "values": ["数据", 4, 4, 5, 4]})
    book.add_chartsheet("图表1").set_chart(chart)
    sheet = book.add_worksheet("数据")
    for i, row in enumerate(TABLE):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.close()
    return buffer.getvalue()


def test_a_chart_sheet_ahead_of_the_table_is_named_as_left():
    book = read_sheets(_with_chart_sheet(), "二联中学.xlsx", SURVEY)
    assert [p.sheet for p in book.sheets] == ["数据"]
    assert ("图表1", workbook.CHART) in book.skipped
    assert len(book.sheets[0].records) == 2


def test_every_skip_reason_has_its_message():
    for reason in workbook.SKIP_REASONS:
        zh, en = SURVEY.text(f"sheet_skipped_{reason}", sheet="S")
        assert "S" in zh and "S" in en
