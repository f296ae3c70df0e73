"""A sheet of twelve months: what a school's year adds up to.

Beside the table a school may keep its use month by month on a sheet of its own (月份 |
用电量（kWh） with 1月 … 12月 and a 合计 row). Nothing on it is a record of the table, but a
person reads its year's total as the field the header names (年用电量). This module finds
the twelve months, the column of numbers beside them and its header, and the typed total;
it knows no field: the reader matches the header to one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sheets.cells import NumberProblem, clean_text, is_blank, parse_number

MONTHS = 12
_CN_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_MONTH = re.compile(r"^(?:(\d{1,2})|(十[一二]?|[一二三四五六七八九]))月份?$")
_TOTAL_WORDS = ("合计", "总计", "全年", "小计", "total", "sum")
RELATIVE_TOLERANCE = 0.005  # a typed total is rounded: 0.5 % …
ABSOLUTE_TOLERANCE = 1.0    # … or one unit


@dataclass(frozen=True)
class MonthlyColumn:
    """Twelve monthly numbers under ``header``: their sum and the typed total, if any.

    Rows and columns are grid indices; ``total_row`` is ``None`` when no total was typed.
    """

    header: str
    header_row: int
    column: int
    first_row: int
    months_sum: float
    total: float | None
    total_row: int | None

    @property
    def total_agrees(self) -> bool:
        return self.total is None or abs(self.total - self.months_sum) <= max(
            ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * abs(self.months_sum))


def month_of(value: object) -> int | None:
    """The month a label names (1月, 01月, 十二月, 3月份), else ``None``."""
    if not isinstance(value, str):
        return None
    found = _MONTH.match(re.sub(r"\s+", "", value))
    if not found:
        return None
    number = int(found.group(1)) if found.group(1) else _CN_MONTHS.index(found.group(2)) + 1
    return number if 1 <= number <= MONTHS else None


def _number(value: object) -> float | None:
    try:
        return parse_number(value)
    except NumberProblem:
        return None


def _month_rows(rows: list[list]) -> tuple[int, int] | None:
    """(first row, label column) of twelve consecutive rows labelled 1月 … 12月."""
    for i in range(len(rows) - MONTHS + 1):
        for j, value in enumerate(rows[i]):
            if month_of(value) == 1 and all(
                    j < len(rows[i + k]) and month_of(rows[i + k][j]) == k + 1 for k in range(MONTHS)):
                return i, j
    return None


def _header_above(rows: list[list], first: int, column: int) -> tuple[str, int] | None:
    for i in range(first - 1, -1, -1):
        value = rows[i][column] if column < len(rows[i]) else None
        if isinstance(value, str) and value.strip():
            return clean_text(value), i
    return None


def _typed_total(rows: list[list], after: int, label_col: int, column: int
                 ) -> tuple[float, int] | None:
    for i in range(after, min(after + 2, len(rows))):
        label = rows[i][label_col] if label_col < len(rows[i]) else None
        value = rows[i][column] if column < len(rows[i]) else None
        if isinstance(label, str) and any(w in label.lower() for w in _TOTAL_WORDS):
            number = _number(value)
            return (number, i) if number is not None else None
    return None


def monthly_columns(rows: list[list]) -> list[MonthlyColumn]:
    """Every column of twelve monthly numbers on a sheet, with its header and typed total."""
    found = _month_rows(rows)
    if found is None:
        return []
    first, label_col = found
    out = []
    for j in range(label_col + 1, max(len(r) for r in rows[first:first + MONTHS])):
        numbers = [_number(rows[first + k][j]) if j < len(rows[first + k]) else None
                   for k in range(MONTHS)]
        if any(n is None for n in numbers) or all(is_blank(v) for v in numbers):
            continue
        header = _header_above(rows, first, j)
        if header is None:
            continue
        total = _typed_total(rows, first + MONTHS, label_col, j)
        out.append(MonthlyColumn(header[0], header[1], j, first, float(sum(numbers)),
                                 total[0] if total else None, total[1] if total else None))
    return out
