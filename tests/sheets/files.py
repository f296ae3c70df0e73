"""Small spreadsheet files written for tests: .xlsx (xlsxwriter) and CSV in any encoding."""

from __future__ import annotations

import csv
import io

import xlsxwriter


def xlsx(rows: list[list], start_row: int = 0, start_col: int = 0, merge_title: str | None = None,
         sheet: str = "Sheet1", merges: tuple[tuple[int, int, int, int], ...] = ()) -> bytes:
    """``merges``: (first row, first column, last row, last column) of ``rows``, holding the
    first cell's value."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    if merge_title:
        ws.merge_range(0, 0, 0, 6, merge_title)
    merged = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1)
              for c in range(c0, c1 + 1)}
    for r0, c0, r1, c1 in merges:
        ws.merge_range(start_row + r0, start_col + c0, start_row + r1, start_col + c1,
                       rows[r0][c0])
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None and (i, j) not in merged:
                ws.write(start_row + i, start_col + j, value)
    book.close()
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding)
