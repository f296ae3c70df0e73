"""What a read is made of: the grid of a sheet, located values, records and the parsed sheet.

The reader (:mod:`sheets.reader`) fills them; validation and previews read them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from sheets import headers as hdr
from sheets.cells import cell_address
from sheets.report import Issue
from sheets.spec import TableSpec

# Saved column mappings: header signature → (header wording → field name or None).
Profiles = Mapping[str, Mapping[str, str | None]]


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet at all (exit code 2)."""

    def __init__(self, code: str, message_zh: str, message_en: str, cell: str | None = None):
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.cell = cell

    def to_dict(self, file_name: str | None = None) -> dict:
        """The refusal as data (CLI ``--json``, the report kept beside a refused file)."""
        return {"file": file_name, "ok": False, "unreadable": True, "code": self.code,
                "cell": self.cell, "message_zh": self.message_zh, "message_en": self.message_en}

    def to_text(self, file_name: str) -> str:
        return f"{file_name}: 无法读取 unreadable\n  {self.message_zh}\n  {self.message_en}"

    def print(self, file_name: str, as_json: bool = False) -> None:
        """Print the refusal for a user, as text or JSON."""
        print(json.dumps(self.to_dict(file_name), ensure_ascii=False, indent=2) if as_json
              else self.to_text(file_name))


@dataclass
class Grid:
    """Cell values of one sheet with their position in the workbook."""

    rows: list[list]
    first_row: int  # Excel row number of rows[0]
    first_col: int  # zero-based column index of rows[i][0]
    sheet: str | None = None
    merges: list[hdr.Merge] = field(default_factory=list)  # merged ranges, grid indices
    hidden: bool = False  # hidden or very hidden in the workbook
    chart: bool = False  # a chart sheet (图表1): no cells, only named as left
    hidden_rows: frozenset[int] = frozenset()  # Excel row numbers hidden in the sheet
    hidden_cols: frozenset[int] = frozenset()  # zero-based sheet columns hidden
    folded_rows: frozenset[int] = frozenset()  # hidden by a saved filter or a collapsed group
    struck: frozenset[tuple[int, int]] = frozenset()  # (Excel row, sheet column) struck through

    def address(self, i: int, j: int) -> str:
        return cell_address(self.first_row + i, self.first_col + j)

    def value(self, i: int, j: int):
        row = self.rows[i]
        return row[j] if j < len(row) else None


class Located(NamedTuple):
    """A raw cell value with its Excel location (a tuple: a sheet holds many of them)."""

    value: object
    cell: str
    row: int
    sheet: str | None = None  # set where the value comes from another sheet than its record


@dataclass
class Record:
    """One table row: its Excel row number and located raw values by canonical column;
    ``block`` is the school block written above it when another school's block was stacked
    under the first table (else the sheet's block applies)."""

    row: int
    values: dict[str, Located]
    block: dict[str, Located] | None = None
    column: str | None = None  # the record's column letter in a sideways table


@dataclass
class ParsedSheet:
    """What the reader found in a file, before any value is judged."""

    file_name: str
    kind: str
    spec: TableSpec
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical name -> header cell
    header_factors: dict[str, float] = field(default_factory=dict)
    unit_columns: dict[int, int] = field(default_factory=dict)  # 单位 column → its number column
    transposed: bool = False  # fields down a column, one record per column (sheets.transposed)
    paired_columns: dict[int, tuple[str, str]] = field(default_factory=dict)  # 屋顶/可利用: a/b
    addend_columns: dict[int, int] = field(default_factory=dict)  # 地下 column → its 地上 column
    tick_columns: dict[int, tuple[str, str]] = field(default_factory=dict)  # √ column → field, value
    school_block: dict[str, Located] = field(default_factory=dict)
    school_value_cells: dict[str, str] = field(default_factory=dict)  # where a blank block value belongs
    block_own_labels: set[str] = field(default_factory=set)  # block fields read under their own label
    records: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    formulas_without_value: tuple[tuple[str, str], ...] = ()
    grid: Grid | None = None  # the sheet the table was found in, for previews
    # How every header cell was read (field, score, level), for a mapping-confirmation page.
    mapping: list[hdr.HeaderMatch] = field(default_factory=list)
    header_rows: tuple[int, ...] = ()  # Excel rows of the header (parent, child, units row)
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, kind)
    # The header layout's fingerprint (sheets.headers.header_signature), and whether a saved
    # mapping profile with that signature was applied.
    signature: str | None = None
    profile_applied: bool = False
    # Lines above the header holding one text and no field (the title, notes), where a
    # component may find what the block does not say (the school's name in the title).
    title_lines: list[Located] = field(default_factory=list)

    def cell_of(self, name: str, record: Record) -> str:
        """The cell where ``record``'s value of field ``name`` belongs (blank or not)."""
        header = self.columns[name]
        if self.transposed:
            return f"{record.column}{header.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"
        return f"{header.rstrip('0123456789')}{record.row}"


@dataclass(frozen=True)
class HeaderSpan:
    """Where a table's header lies in a grid: parent row ``top``, child row ``bottom``
    (equal for a one-row header), an optional units row, and how strongly it names fields."""

    top: int
    bottom: int
    unit_row: int | None
    strength: tuple[int, float]

    @property
    def last(self) -> int:
        return self.bottom if self.unit_row is None else self.unit_row
