"""Tables and boxes side by side on one sheet, split where a blank column parts them.

A school writes its 本部 table on the left and its 分校 table on the right of the same rows,
or keeps its details in a small 学校名称 | … box to the right of the table. Read as one
header row, the right-hand part either steals fields from the left one or becomes columns
of nonsense. A person sees two things with a gap between them; so does this module: the
header row is cut at blank columns into parts, a part that is a table of its own is read
as another table, a part whose first column holds school labels is read as the school's
details. Anything else (a spacer column inside one table) stays as it is.
"""

from __future__ import annotations

from dataclasses import replace

from sheets import headers as hdr
from sheets.cells import is_blank
from sheets.spec import TableSpec

MIN_BOX_LABELS = 2  # school labels down a box's first column that make it a box


def header_parts(rows: list[list], top: int, bottom: int) -> list[tuple[int, int]]:
    """Column ranges ``[start, stop)`` of the header rows ``top..bottom`` between blank
    columns (blank in every header row)."""
    width = max(len(rows[i]) for i in range(top, bottom + 1))
    filled = [any(j < len(rows[i]) and not is_blank(rows[i][j]) for i in range(top, bottom + 1))
              for j in range(width)]
    parts, start = [], None
    for j, on in enumerate([*filled, False]):
        if on and start is None:
            start = j
        elif not on and start is not None:
            parts.append((start, j))
            start = None
    return parts


def _names_fields(row: list, start: int, stop: int, spec: TableSpec) -> set[str]:
    """Table fields the header cells ``row[start:stop]`` name confidently."""
    found = set()
    for j in range(start, min(stop, len(row))):
        value = row[j]
        if not isinstance(value, str):
            continue
        hit = hdr.best_field(value, spec)
        if hit and hit[1] >= hdr.CONFIDENT_SCORE and not spec.is_block_column(hit[0]):
            found.add(hit[0])
    return found


def _box_labels(rows: list[list], column: int, spec: TableSpec) -> int:
    """School labels down ``column`` (学校名称, 学校代码, 所在区) with a value beside them."""
    n = 0
    for row in rows:
        label = row[column] if column < len(row) else None
        if not isinstance(label, str) or column + 1 >= len(row) or is_blank(row[column + 1]):
            continue
        hit = hdr.best_field(label, spec, spec.block_columns)
        if hit and hit[1] >= hdr.CONFIDENT_SCORE:
            n += 1
    return n


def split(rows: list[list], header_row: int, spec: TableSpec
          ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The column ranges of the tables and of the school boxes beside each other.

    Returns ``([(0, width)], [])`` when the header row is one table (the common case).
    """
    parts = header_parts(rows, header_row, header_row)
    whole = [(0, max(len(r) for r in rows))]
    if len(parts) < 2:
        return whole, []
    tables, boxes = [], []
    for start, stop in parts:
        fields = _names_fields(rows[header_row], start, stop, spec)
        is_table = len(fields) >= spec.min_header_matches and (
            spec.example_key is None or spec.example_key in fields)
        if is_table:
            tables.append([start, stop])
        elif _box_labels(rows, start, spec) >= MIN_BOX_LABELS:
            boxes.append((start, stop))
        elif tables:
            tables[-1][1] = stop  # a spacer column inside the table, or notes beside it
    if len(tables) < 2 and not boxes:
        return whole, []
    if not tables:
        return whole, []
    tables[0][0] = 0
    bounds = [(a, b) for a, b in tables]
    # every column left of the next table belongs to the one before it
    joined = [(a, bounds[k + 1][0] if k + 1 < len(bounds) else stop_of(rows, b, boxes))
              for k, (a, b) in enumerate(bounds)]
    return joined, boxes


def stop_of(rows: list[list], stop: int, boxes: list[tuple[int, int]]) -> int:
    """Where the last table ends: before the first box right of it, else the sheet's end."""
    later = [a for a, _ in boxes if a >= stop]
    return min(later) if later else max(len(r) for r in rows)


def columns_of(grid, start: int, stop: int):
    """The part ``[start, stop)`` of a grid as a grid of its own, addresses kept."""
    rows = [r[start:stop] for r in grid.rows]
    merges = [((r0, c0 - start), (r1, c1 - start)) for (r0, c0), (r1, c1) in grid.merges
              if c0 >= start and c1 < stop]
    return replace(grid, rows=rows, first_col=grid.first_col + start, merges=merges)
