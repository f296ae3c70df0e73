"""A second table under the buildings: the same buildings continued, or another table."""

from __future__ import annotations

from sheets import headers as hdr
from sheets import rows as rowkinds
from sheets.cells import clean_text, is_blank
from sheets.grid import Grid, Located, ParsedSheet
from sheets.report import INFO, Issue
from sheets.skips import row_text, skip_row
from sheets.spec import normalise_key


class SecondTable:
    """A second table under the buildings (after a blank row or an 附： title).

    When its header names the building-name field and others of ours (the same buildings,
    the table continued: 建筑名称 | 可利用屋顶面积 | 已建光伏容量), each of its rows adds its
    values to the building of the same name; otherwise (附：屋顶现有设备) its rows are another
    table's, listed as skipped.
    """

    def __init__(self, parsed: ParsedSheet, grid: Grid, i: int, first_record: int,
                 read: set[str], titled: bool = False):
        self.parsed, self.grid = parsed, grid
        spec = parsed.spec
        cells = hdr.header_cells(grid.rows, i, i, grid.merges, grid.address)
        matches = [m for m in hdr.match_columns(cells, {}, spec) if m.applied]
        self.columns = {m.column: m.field for m in matches}
        fields = set(self.columns.values())
        new, again = fields - read, (fields & read) - {spec.example_key}
        # the buildings' own header again (a second campus) is no second table
        self.continued = spec.example_key in fields and bool(new) and len(again) <= len(new)
        self.kind = rowkinds.CONTINUED if self.continued else (
            rowkinds.OTHER_TABLE if titled or len(fields) <= 1 else None)
        if self.kind is None:
            return
        self.by_name = {_name_key(r.values[spec.example_key].value): r
                        for r in parsed.records[first_record:] if spec.example_key in r.values}
        skip_row(parsed, grid, i, self.kind, grid.rows[i])
        if self.continued:
            for m in matches:
                parsed.columns.setdefault(m.field, m.cell)

    def take(self, i: int, row: list) -> None:
        spec, grid = self.parsed.spec, self.grid
        if not self.continued:
            skip_row(self.parsed, grid, i, rowkinds.OTHER_TABLE, row)
            return
        name_col = next(j for j, f in self.columns.items() if f == spec.example_key)
        record = self.by_name.get(_name_key(row[name_col])) if name_col < len(row) else None
        if record is None:
            skip_row(self.parsed, grid, i, rowkinds.OTHER_TABLE, row)
            return
        for j, name in self.columns.items():
            value = row[j] if j < len(row) else None
            if name != spec.example_key and not is_blank(value) and name not in record.values:
                record.values[name] = Located(value, grid.address(i, j), record.row)
        self.parsed.skipped_rows.append((grid.first_row + i, rowkinds.CONTINUED))
        self.parsed.issues.append(Issue(INFO, "row_continued", *spec.text(
            "row_continued", row=grid.first_row + i, first=record.row, text=row_text(row)),
            cell=grid.address(i, 0), row=grid.first_row + i, sheet=grid.sheet))


def _name_key(value) -> str:
    """A building name compared as validation compares names (1号楼 = 1 号楼 = １号楼)."""
    return normalise_key(clean_text(value) or "")
