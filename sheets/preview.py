"""A sheet as the school sees it, with the cells that have problems marked."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from sheets.cells import clean_text, column_letter
from sheets.reader import ParsedSheet
from sheets.report import ERROR, INFO, Report

CONTEXT_ROWS = 2  # rows shown around each problem in a long sheet
MAX_PREVIEW_COLS = 64     # columns shown; a survey has about 30 [columns]
MAX_CELL_CHARS = 200      # characters shown of one cell [characters]


def _rows_to_show(parsed: ParsedSheet, report: Report, max_rows: int) -> list[int]:
    grid = parsed.grid
    all_rows = list(range(grid.first_row, grid.first_row + len(grid.rows)))
    if len(all_rows) <= max_rows:
        return all_rows
    wanted = set(all_rows[:40])
    for issue in report.issues:
        if issue.row:
            wanted.update(range(issue.row - CONTEXT_ROWS, issue.row + CONTEXT_ROWS + 1))
    return sorted(r for r in wanted if grid.first_row <= r < grid.first_row + len(grid.rows))[:max_rows]


def _shown(value) -> str:
    """A cell's text as the sheet shows it: 2004, not 2004.0; a date without 00:00:00; a
    blank or NaN cell empty."""
    if isinstance(value, _dt.datetime):
        value = value.date() if value.time() == _dt.time() else value.isoformat(" ")
    return (clean_text(value, fold=False) or "")[:MAX_CELL_CHARS]


def preview(parsed: ParsedSheet, report: Report, max_rows: int = 300,
            max_cols: int = MAX_PREVIEW_COLS
            ) -> tuple[pd.DataFrame, dict[tuple[int, str], str]]:
    """The sheet's cells as a table indexed by Excel row number, columns by Excel letters.

    Bounded whatever the sheet: at most ``max_rows`` rows, ``max_cols`` columns and
    :data:`MAX_CELL_CHARS` characters per cell.

    Returns
    -------
    tuple
        The table (text of each cell; long sheets cut to the first rows and the rows around
        each problem) and the severity of each marked cell, keyed by (row number, letters).
    """
    grid = parsed.grid
    if grid is None:
        return pd.DataFrame(), {}
    width = min(max_cols, max((len(r) for r in grid.rows), default=0))
    letters = [column_letter(grid.first_col + j) for j in range(width)]
    rows = _rows_to_show(parsed, report, max_rows)
    body = []
    for number in rows:
        cells = grid.rows[number - grid.first_row][:width]
        body.append([_shown(v) for v in cells] + [""] * (width - len(cells)))
    table = pd.DataFrame(body, index=pd.Index(rows, name="行 Row"), columns=letters)
    marks: dict[tuple[int, str], str] = {}
    for issue in report.issues:
        if issue.severity == INFO or issue.sheet not in (None, parsed.sheet):
            continue
        if issue.cell and issue.row in table.index:
            key = (issue.row, issue.cell.rstrip("0123456789"))
            if key[1] in table.columns and marks.get(key) != ERROR:
                marks[key] = issue.severity
    return table, marks
