"""The sheet preview shows each cell as the school typed it (a real .xlsx read and checked)."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from surveys.intake import check_for_upload
from tests.surveys.mapping_fixtures import BUILDINGS_A, SCHOOL_A, own_layout


def _with_a_date() -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["建筑名称", "建成年份", "建筑面积", "填表日期"])
    sheet.write_row(1, 0, ["1号楼", 2004, 4000.5])
    sheet.write_datetime(1, 3, dt.datetime(2026, 11, 30), book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    return out.getvalue()


def _row(table, first_cell: str) -> list[str]:
    return next(list(r) for _, r in table.iterrows() if r.iloc[0] == first_cell)


def test_whole_numbers_read_as_typed_and_blanks_stay_blank():
    table = check_for_upload(own_layout(SCHOOL_A, BUILDINGS_A), "own.xlsx").preview
    first, second = (list(BUILDINGS_A[i]) for i in (0, 1))
    assert _row(table, str(first[0])) == [str(v) for v in first]
    assert _row(table, str(second[0]))[-1] == ""   # the blank note, not nan or None
    assert not any(cell.endswith(".0") for cell in table.to_numpy().ravel())


def test_a_fraction_keeps_its_digits_and_a_date_shows_no_midnight():
    table = check_for_upload(_with_a_date(), "dated.xlsx").preview
    assert _row(table, "1号楼") == ["1号楼", "2004", "4000.5", "2026-11-30"]
