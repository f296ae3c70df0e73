"""Small spreadsheet files written for tests: .xlsx (xlsxwriter) and CSV in any encoding."""

from __future__ import annotations

import csv
import io

import xlsxwriter


def xlsx(rows: list[list], start_row: int = 0, start_col: int = 0, merge_title: str | None = None,
         sheet: str = "Sheet1") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    if merge_title:
        ws.merge_range(0, 0, 0, 6, merge_title)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(start_row + i, start_col + j, value)
    book.close()
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding)
