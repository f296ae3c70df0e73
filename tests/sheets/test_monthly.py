"""A sheet of twelve months beside the table: its year's sum read for the field its header names."""

from __future__ import annotations

import io

import pytest
import xlsxwriter

from sheets import monthly, workbook
from surveys.intake import check_bytes

MONTHS = [11000, 9800, 10500, 12000, 14000, 18000, 9000, 8000, 16000, 12500, 11000, 12200]
TABLE = [["学校名称", "上海市松江区新桥中学", None, "学校代码", "3101170133"],
         ["所在区", "松江区", None, "学校类型", "初中"], [],
         ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
         ["教学楼", "教学", 2008, 4, 5200, 1300, "平屋面"]]


def _use_sheet(header: str, values: list, total: float | None) -> list[list]:
    rows = [["2025年学校用电情况"], ["月份", header],
            *[[f"{m}月", v] for m, v in enumerate(values, start=1)]]
    return rows + ([["合计", total]] if total is not None else [])


def _book(*sheets: tuple[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is not None:
                    ws.write(i, j, value)
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize("label, month", [("1月", 1), ("12月", 12), ("03月", 3), ("十二月", 12),
                                          ("五月份", 5), ("13月", None), ("月份", None), (5, None)])
def test_month_labels(label, month):
    assert monthly.month_of(label) == month


def test_twelve_months_with_their_header_and_typed_total():
    found = monthly.monthly_columns(_use_sheet("用电量（kWh）", MONTHS, sum(MONTHS)))
    assert len(found) == 1
    assert found[0].months_sum == sum(MONTHS) and found[0].total == sum(MONTHS)
    assert found[0].total_agrees and found[0].column == 1


def test_eleven_months_are_no_year():
    assert monthly.monthly_columns(_use_sheet("用电量（kWh）", MONTHS[:11], None)) == []


def test_the_year_is_the_schools_annual_use_and_said():
    data = _book(("建筑情况", TABLE), ("用电情况", _use_sheet("用电量（kWh）", MONTHS, sum(MONTHS))))
    result = check_bytes(data, "新桥中学.xlsx")
    assert result.ok, result.report.to_text()
    assert result.schools.iloc[0]["annual_electricity_kwh"] == pytest.approx(sum(MONTHS))
    codes = {i.code for i in result.report.issues}
    assert f"sheet_skipped_{workbook.MONTHLY}" in codes and "monthly_sum_read" in codes


def test_a_unit_in_the_months_header_applies():
    in_wan = [v / 10000 for v in MONTHS]
    data = _book(("建筑情况", TABLE), ("用电情况", _use_sheet("用电量（万kWh）", in_wan, None)))
    result = check_bytes(data, "新桥中学.xlsx")
    assert result.schools.iloc[0]["annual_electricity_kwh"] == pytest.approx(sum(MONTHS))


def test_a_typed_total_other_than_the_months_sum_is_asked():
    data = _book(("建筑情况", TABLE), ("用电情况", _use_sheet("用电量（kWh）", MONTHS, 150000)))
    result = check_bytes(data, "新桥中学.xlsx")
    assert result.schools.iloc[0]["annual_electricity_kwh"] == pytest.approx(sum(MONTHS))
    assert "monthly_total_differs" in {i.code for i in result.report.warnings}


def test_a_year_stated_in_the_block_wins_over_the_months():
    stated = [*TABLE[:2], ["年用电量（kWh）", 200000], *TABLE[2:]]
    data = _book(("建筑情况", stated), ("用电情况", _use_sheet("用电量（kWh）", MONTHS, None)))
    result = check_bytes(data, "新桥中学.xlsx")
    assert result.schools.iloc[0]["annual_electricity_kwh"] == pytest.approx(200000)
    assert "monthly_sum_read" not in {i.code for i in result.report.issues}
