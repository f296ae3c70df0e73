"""Tables written sideways: the fields down a column, one record per column.

Some schools find a few buildings easier to read across (``项目 | 1号楼 | 2号楼``, then
``建筑面积（㎡） | 5200 | 2400`` …). :func:`find` recognises such a sheet when a column near
the left holds enough field labels one under another; :func:`read` reads it into the same
:class:`~sheets.reader.ParsedSheet` as a table, every value with its own cell, and the
labels matched by the same evidence as a header row. The row above the labels whose own
label names nothing (项目, 楼号) holds the records' names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sheets import headers as hdr
from sheets.cells import is_blank
from sheets.grid import HeaderSpan, Located, ParsedSheet, Record
from sheets.reader import report_match
from sheets.report import INFO, Issue
from sheets.school_block import read_school_block
from sheets.spec import TableSpec

LABEL_COLUMNS = 3  # columns from the left where the labels may stand
SEARCH_ROWS = 60  # rows looked at for labels


@dataclass(frozen=True)
class Sideways:
    """Where a sideways table lies: its label column and first and last label rows."""

    column: int
    top: int
    bottom: int


def _field_rows(grid, j: int, spec: TableSpec) -> list[int]:
    """Rows whose cell in column ``j`` names a record field confidently, with a value
    to its right."""
    found = []
    for i, row in enumerate(grid.rows[:SEARCH_ROWS]):
        label = row[j] if j < len(row) else None
        if not isinstance(label, str) or not any(not is_blank(v) for v in row[j + 1:]):
            continue
        hit = hdr.best_field(label, spec)
        if hit and hit[1] >= hdr.CONFIDENT_SCORE and not spec.is_block_column(hit[0]):
            found.append(i)
    return found


def find(grid, spec: TableSpec) -> Sideways | None:
    """The sideways table of a grid without a header row, or ``None``."""
    best = None
    for j in range(LABEL_COLUMNS):
        rows = _field_rows(grid, j, spec)
        if len(rows) > spec.min_header_matches and (best is None or len(rows) > len(best[1])):
            best = (j, rows)
    if best is None:
        return None
    j, rows = best
    top = rows[0]
    above = grid.rows[top - 1] if top > 0 else []
    if top > 0 and j < len(above) and isinstance(above[j], str) and any(
            not is_blank(v) for v in above[j + 1:]):
        top -= 1  # 项目 | 1号楼 | 2号楼: the names row
    return Sideways(j, top, rows[-1])


def _labels(grid, at: Sideways) -> list[hdr.HeaderCell]:
    cells = []
    for i in range(at.top, at.bottom + 1):
        label = grid.value(i, at.column)
        if isinstance(label, str) and label.strip():
            cells.append(hdr.HeaderCell(i, grid.address(i, at.column), label.strip(),
                                        label.strip()))
    return cells


def _names_row(matches: list[hdr.HeaderMatch], at: Sideways, spec: TableSpec
               ) -> list[hdr.HeaderMatch]:
    """The first label row read as the records' names when its label names nothing."""
    key = spec.example_key
    if key is None or any(m.field == key for m in matches) or not matches:
        return matches
    first = matches[0]
    if first.column != at.top or first.applied:
        return matches
    named = hdr.HeaderMatch(first.column, first.cell, first.header, key, first.score,
                            hdr.UNCERTAIN)
    return [named, *matches[1:]]


def read(grid, at: Sideways, parsed: ParsedSheet) -> None:
    """Read the sideways table ``at`` of ``grid`` into ``parsed``."""
    spec = parsed.spec
    cells = _labels(grid, at)
    width = max(len(r) for r in grid.rows[at.top:at.bottom + 1])
    samples = {c.column: [v for v in grid.rows[c.column][at.column + 1:] if not is_blank(v)]
               for c in cells}
    parsed.grid, parsed.sheet, parsed.transposed = grid, grid.sheet, True
    parsed.header_row = grid.first_row + at.top
    parsed.header_rows = tuple(range(grid.first_row + at.top, grid.first_row + at.bottom + 1))
    parsed.mapping = _names_row(hdr.match_columns(cells, samples, spec), at, spec)
    parsed.signature = hdr.header_signature(cells, spec)
    used = {}
    fields = {}  # grid row → field
    for match in parsed.mapping:
        if match.applied:
            fields[match.column] = match.field
            parsed.columns[match.field] = match.cell
            parsed.header_factors[match.field] = match.factor
            used[match.field] = match.header
    for match in parsed.mapping:
        report_match(match, used, grid, grid.first_row + match.column, parsed)
    parsed.school_block = read_school_block(grid, HeaderSpan(at.top, at.top, None, (0, 0)), parsed)
    for k in range(at.column + 1, width):
        values = {name: Located(grid.value(i, k), grid.address(i, k), grid.first_row + i)
                  for i, name in fields.items() if not is_blank(grid.value(i, k))}
        if values:
            parsed.records.append(Record(grid.first_col + k + 1, values,
                                         column=grid.address(0, k).rstrip("0123456789")))
    parsed.issues.append(Issue(INFO, "table_sideways", *spec.text(
        "table_sideways", n=len(parsed.records)), cell=grid.address(at.top, at.column),
        row=grid.first_row + at.top, sheet=grid.sheet))
