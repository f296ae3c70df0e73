"""A forgiving reader of declared sheets: .xlsx, .xls and .csv, Chinese or English headers.

The reader finds the header itself (one row, or a parent row over child headers, with a
units row under it), matches header cells onto the declared fields by evidence
(:mod:`sheets.headers`: wording, unit and the column's values; the mapping used is kept on
:attr:`ParsedSheet.mapping`), takes school fields from a block above the table or from
columns repeated on every row, skips rows that are not records (:mod:`sheets.rows`: totals,
sections, footers) and lists each skip, and keeps the Excel row number and cell address of
every value so that validation can point at the cell. It does not judge values: that is
the component's validation (e.g. :mod:`surveys.validate`)'s job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import python_calamine

from sheets import cells, sides, sums
from sheets import headers as hdr
from sheets import messages as msg
from sheets import rows as rowkinds
from sheets.cells import cell_address, clean_text, column_letter, is_blank
from sheets.gcpause import collection_paused
from sheets.notes import read_notes
from sheets.report import INFO, WARNING, Issue
from sheets.safety import (
    DEFAULT_LIMITS,
    Limits,
    RefusedFile,
    ScanResult,
    csv_dialect,
    decode_csv,
    html_table,
    prescan,
    text_boxes,
)
from sheets.spec import UNIT_FACTORS, TableSpec

HEADER_SEARCH_ROWS = 40

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


# --- headers -------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def match_header(text: str, spec: TableSpec) -> tuple[str, float, bool] | None:
    """The field a header or label alone names confidently (see :func:`sheets.headers.best_field`).

    Returns
    -------
    tuple or None
        ``(name, factor, unit_understood)`` where ``factor`` converts values written under
        this header to the column's canonical unit (``1e4`` for ``(万㎡)``).
    """
    label = clean_text(text)
    found = hdr.best_field(label, spec) if label else None
    return None if found is None else (found[0], found[2], found[3])


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


def _span_strength(grid: Grid, top: int, bottom: int, spec: TableSpec) -> tuple[int, float]:
    """(row fields named confidently, total score) of a candidate header."""
    cells = hdr.header_cells(grid.rows, top, bottom, grid.merges, grid.address)
    fields, total = set(), 0.0
    for cell in cells:
        keys, _ = hdr.cell_keys(cell)
        if not keys:
            continue
        score, name = hdr.top_field(tuple(keys), spec)
        if score >= hdr.CONFIDENT_SCORE and not spec.is_block_column(name):
            fields.add(name)
            total += score
    return len(fields), total


def _sub_header_row(grid: Grid, top: int, bottom: int) -> bool:
    """Whether row ``bottom`` only splits merged parents of row ``top`` (地上 | 地下 under
    层数 and 建筑面积): words only, each under a parent merged across two columns or more."""
    spans = [(c0, c1) for (r0, c0), (r1, c1) in grid.merges if r0 == top == r1 and c1 > c0]
    filled = [(j, v) for j, v in enumerate(grid.rows[bottom]) if not is_blank(v)]
    return bool(spans) and bool(filled) and all(
        isinstance(v, str) and any(c0 <= j <= c1 for c0, c1 in spans) for j, v in filled)


def _find_header(grid: Grid, spec: TableSpec) -> HeaderSpan | None:
    """The header among the first :data:`HEADER_SEARCH_ROWS` rows: the one-row or two-row
    header naming most fields; ``None`` when none names ``spec.min_header_matches``.

    A two-row header counts only when it names more fields than either of its rows alone.
    """
    rows = grid.rows[:HEADER_SEARCH_ROWS]
    singles: dict[int, tuple[int, float]] = {}

    def single(i: int) -> tuple[int, float]:
        if i not in singles:
            singles[i] = _span_strength(grid, i, i, spec)
        return singles[i]

    best: HeaderSpan | None = None
    for i, row in enumerate(rows):
        if _mostly_numbers(row) or hdr.row_header_strength(row, spec)[1] == 0:
            continue
        spans = [(i, i)]
        if i + 1 < len(grid.rows) and hdr.has_child_row(row, grid.rows[i + 1], i, grid.merges,
                                                        spec):
            spans.append((i, i + 1))
        for top, bottom in spans:
            strength = single(i) if top == bottom else _span_strength(grid, top, bottom, spec)
            if top != bottom and strength[0] <= max(single(top)[0], single(bottom)[0]) and not (
                    strength[0] == single(top)[0] and _sub_header_row(grid, top, bottom)):
                continue
            if strength[0] >= spec.min_header_matches and (best is None
                                                           or strength > best.strength):
                unit_row = bottom + 1 if bottom + 1 < len(grid.rows) and hdr.is_units_row(
                    grid.rows[bottom + 1]) else None
                best = HeaderSpan(top, bottom, unit_row, strength)
    return best


def _mostly_numbers(row: list) -> bool:
    """A row with more number cells than text cells: data, never a header (a header's
    words are text), so it is not scored against every field."""
    numbers = texts = 0
    for v in row:
        kind = type(v)
        if kind is float or kind is int:
            numbers += 1
        elif kind is str and v.strip():
            texts += 1
    return numbers > texts


def _merges(sheet, start: tuple[int, int]) -> list[hdr.Merge]:
    """Merged ranges of a calamine sheet in grid indices (``[]`` when not known)."""
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - merge information is a hint only
        return []
    r0, c0 = start
    return [((a[0] - r0, a[1] - c0), (b[0] - r0, b[1] - c0)) for a, b in ranges]


# --- sources -------------------------------------------------------------------------------

def _reader_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is the reader giving up on a file. A Rust panic inside python-calamine
    arrives as pyo3's PanicException, which derives from BaseException, not Exception: it
    counts too, or one damaged file would end the check with a crash."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _corrupt(exc: BaseException) -> UnreadableFile:
    return UnreadableFile("corrupt", *msg.text("corrupt_file", detail=str(exc)[:200]))


def _read_excel_grids(data: bytes) -> list[Grid]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # calamine raises several types for corrupt files
        if not _reader_failed(exc):
            raise
        raise _corrupt(exc) from exc
    grids = []
    for meta in workbook.sheets_metadata:
        if str(meta.typ) == "SheetTypeEnum.ChartSheet":
            grids.append(Grid([], 1, 0, meta.name, chart=True))
            continue
        if str(meta.typ) != "SheetTypeEnum.WorkSheet":
            continue
        if str(meta.visible) != "SheetVisibleEnum.Visible":
            grids.append(Grid([], 1, 0, meta.name, hidden=True))  # never parsed
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python()
        except BaseException as exc:
            if not _reader_failed(exc):
                raise
            raise _corrupt(exc) from exc
        start = sheet.start or (0, 0)
        grids.append(Grid(rows, start[0] + 1, start[1], meta.name, _merges(sheet, start)))
    return grids


def _prescanned(data: bytes, file_name: str, limits: Limits) -> ScanResult:
    """The prescan's result; a refusal becomes the reader's :class:`UnreadableFile`."""
    try:
        return prescan(data, file_name, limits)
    except RefusedFile as refused:
        raise UnreadableFile(refused.code, refused.message_zh, refused.message_en,
                             refused.cell) from refused


def _grids(data: bytes, scan: ScanResult) -> list[Grid]:
    """Every sheet's grid, with the rows and columns the sheet hides."""
    if scan.kind == "html":
        rows, merges = html_table(data, "page.html", DEFAULT_LIMITS)
        return [Grid(rows, 1, 0, merges=merges)]
    grids = [_read_csv_grid(data)] if scan.kind == "csv" else _read_excel_grids(data)
    for grid in grids:
        rows, cols = scan.hidden.get(grid.sheet, (frozenset(), frozenset()))
        grid.hidden_rows, grid.hidden_cols = rows, cols
        grid.folded_rows = scan.folded.get(grid.sheet, frozenset())
        grid.struck = scan.struck.get(grid.sheet, frozenset())
    return grids


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).

    The decoding is :func:`sheets.safety.decode_csv`, the one the pre-scan measured.
    """
    text = decode_csv(data)
    if text is None:
        raise UnreadableFile("encoding", *msg.text("bad_encoding"))
    return text


def _read_csv_grid(data: bytes) -> Grid:
    text = decode_text(data)
    # The pre-scan bounded the records parsed with this very dialect.
    dialect = csv_dialect(text)
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:  # e.g. a field beyond csv's 128 KiB limit
        raise UnreadableFile("corrupt", *msg.text("corrupt_file", detail=str(exc)[:200])) from exc
    return Grid(rows, 1, 0, None)


# --- records -------------------------------------------------------------------------------

def _school_block(grid: Grid, span: HeaderSpan, parsed: ParsedSheet) -> dict[str, Located]:
    block: dict[str, Located] = {}
    values_row = None
    for i in range(span.top):
        if i == values_row:
            continue
        if i + 1 < span.top and _labels_over_values(grid, i, parsed, block):
            values_row = i + 1
            continue
        before = len(block)
        _block_fields_of_row(grid, i, parsed, block)
        texts = [(j, v) for j, v in enumerate(grid.rows[i]) if not is_blank(v)]
        if len(block) == before and len(texts) == 1 and isinstance(texts[0][1], str):
            j, text = texts[0]
            parsed.title_lines.append(Located(text.strip(), grid.address(i, j),
                                              grid.first_row + i, grid.sheet))
    return block


LABEL_SCORE = 0.9  # a cell this close to a school field's words is its label


def _is_label(value: object, spec: TableSpec) -> bool:
    text = clean_text(value) if isinstance(value, str) else None
    hit = hdr.best_field(text, spec, spec.block_columns) if text else None
    return hit is not None and hit[1] >= LABEL_SCORE


def _labels_over_values(grid: Grid, i: int, parsed: ParsedSheet,
                        block: dict[str, Located]) -> bool:
    """The school's details as a small table: row ``i`` holds labels only (学校名称 | 学校代码 |
    所在区 …), the row below their values in the same columns, and no label. ``True`` when
    read so."""
    labels = [(j, v) for j, v in enumerate(grid.rows[i]) if not is_blank(v)]
    below = grid.rows[i + 1]
    if len(labels) < 2 or not all(_is_label(v, parsed.spec) and not cells.label_pairs(v)
                                  for _, v in labels):
        return False
    values = [(j, below[j]) for j, _ in labels if j < len(below) and not is_blank(below[j])]
    if len(values) < 2 or any(_is_label(v, parsed.spec) for v in below if not is_blank(v)):
        return False
    for j, value in values:
        label = grid.rows[i][j]
        hit = _block_field(label, parsed, block)
        if hit is None:
            _join_free_text(label, clean_text(value) or "", grid, i + 1, parsed, block)
            continue
        parsed.school_value_cells.setdefault(hit, grid.address(i + 1, j))
        block[hit] = Located(value, grid.address(i + 1, j), grid.first_row + i + 1)
    return True


def _block_fields_of_row(grid: Grid, i: int, parsed: ParsedSheet,
                         block: dict[str, Located]) -> None:
    """School-block fields of grid row ``i``: a label cell with its value to the right
    (学校名称 | 上海市某中学), or ``label：value`` pairs, several in one cell (学校名称：…
    学校代码：… 所在区：…)."""
    row = grid.rows[i]
    for j, value in enumerate(row):
        if not isinstance(value, str) or not value.strip():
            continue
        value = _bracketed_fields(grid, i, j, parsed, block)
        if not value:
            continue
        pairs = cells.label_pairs(value)
        if pairs:
            for label, text, _ in pairs:
                hit = _block_field(label, parsed, block)
                if hit is None and text:
                    _join_free_text(label, text, grid, i, parsed, block)
                if hit:
                    parsed.school_value_cells.setdefault(hit, grid.address(i, j))
                    if text:
                        block[hit] = Located(text, grid.address(i, j), grid.first_row + i)
                    else:
                        _value_to_the_right(grid, i, j, hit, block)
            continue
        hit = _block_field(value, parsed, block)
        if hit:
            parsed.school_value_cells.setdefault(hit, grid.address(i, j + 1))
            _value_to_the_right(grid, i, j, hit, block)
        elif j + 1 < len(row) and isinstance(row[j + 1], (str, int, float)) \
                and not is_blank(row[j + 1]):
            _join_free_text(value, clean_text(row[j + 1]) or "", grid, i, parsed, block)


_BRACKETED_PAIR = re.compile(r"[（(]\s*([^（()）:：]{2,12}?)\s*[:：]\s*([^（()）]+?)\s*[）)]")


def _bracketed_fields(grid: Grid, i: int, j: int, parsed: ParsedSheet,
                      block: dict[str, Located]) -> str:
    """Fields in brackets inside a title (上海市闵行区马桥中学（学校代码：3101120077）校舍屋顶
    情况表): each is read, and the words around them are a title line, where the school's
    name may be found. Returns the cell's text left to read (none for such a title)."""
    text = grid.rows[i][j]
    found = [(m, _block_field(m.group(1), parsed, block)) for m in _BRACKETED_PAIR.finditer(text)]
    found = [(m, hit) for m, hit in found if hit]
    rest = text
    for m, hit in found:
        parsed.school_value_cells.setdefault(hit, grid.address(i, j))
        block[hit] = Located(m.group(2), grid.address(i, j), grid.first_row + i)
        rest = rest.replace(m.group(0), "")
    if not found or cells.label_pairs(rest):
        return rest  # 学校名称：某中学（学校代码：…）: the pairs outside are read as usual
    if rest.strip():
        parsed.title_lines.append(Located(rest.strip(), grid.address(i, j), grid.first_row + i,
                                          grid.sheet))
    return ""


def _block_field(label: str, parsed: ParsedSheet, block: dict[str, Located]) -> str | None:
    spec = parsed.spec
    text = clean_text(label)
    hit = hdr.best_field(text, spec, spec.block_columns) if text else None
    if not hit or hit[0] in block:
        return None
    name, _, factor, _ = hit
    if factor != 1.0 and name not in parsed.columns:
        parsed.header_factors[name] = factor  # 年用电量（万度） in the school block
    return name


def _join_free_text(label: str, text: str, grid: Grid, i: int, parsed: ParsedSheet,
                    block: dict[str, Located]) -> None:
    """A second label of the same free-text field on the same row (填表人：张老师 联系电话：
    021-…) adds its value to the first rather than being lost."""
    spec = parsed.spec
    hit = hdr.best_field(clean_text(label) or "", spec, spec.block_columns)
    if not hit or hit[0] not in block or not hdr.is_free_text(spec.by_name[hit[0]]):
        return
    first = block[hit[0]]
    if text not in str(first.value):  # 联系人：李老师 … 联系电话：139…, same row or the next
        block[hit[0]] = Located(f"{first.value} {text}", first.cell, first.row, first.sheet)


def _value_to_the_right(grid: Grid, i: int, j: int, name: str,
                        block: dict[str, Located]) -> None:
    row = grid.rows[i]
    for k in range(j + 1, len(row)):
        if not is_blank(row[k]):
            block[name] = Located(row[k], grid.address(i, k), grid.first_row + i)
            return


def _stacked_block(grid: Grid, i: int, parsed: ParsedSheet) -> dict[str, Located]:
    """School-block fields of a row under the table (a committee sheet stacking schools,
    each with its own 学校名称 | … block): only when the row holds nothing but labels and
    their values."""
    row = grid.rows[i]
    filled = []
    for v in row:
        if v is not None and not is_blank(v):
            filled.append(v)
            if len(filled) > 8:
                return {}  # a building row: a block row holds a few labels and values
    if not filled or not isinstance(filled[0], str):
        return {}
    found: dict[str, Located] = {}
    cells_before = dict(parsed.school_value_cells)
    _block_fields_of_row(grid, i, parsed, found)
    parsed.school_value_cells = cells_before  # the first school's cells stay where they are
    if not found or len(filled) > 2 * len(found):
        return {}
    return found


def _footer_block(grid: Grid, parsed: ParsedSheet) -> None:
    """School fields written in the footer (填表人：… 联系电话：…) that the block above the
    table did not give."""
    first = grid.first_row
    for number, kind in parsed.skipped_rows:
        if kind == rowkinds.FOOTER:
            _block_fields_of_row(grid, number - first, parsed, parsed.school_block)


def _label(spec: TableSpec, name: str | None) -> tuple[str, str]:
    col = spec.by_name[name]
    return col.label_zh, col.label_en


def _unless_hidden(match: hdr.HeaderMatch, grid: Grid) -> hdr.HeaderMatch:
    """A hidden column is not read: a person filling or checking the sheet never saw it."""
    if grid.first_col + match.column not in grid.hidden_cols:
        return match
    return hdr.HeaderMatch(match.column, match.cell, match.header, None, match.score,
                           hdr.HIDDEN, match.field or match.suggestion)


def _report_match(match: hdr.HeaderMatch, used: dict[str, str], grid: Grid, row: int,
                  parsed: ParsedSheet) -> None:
    """The report's word on a header that is not plainly read."""
    spec = parsed.spec
    where = dict(cell=match.cell, row=row, value=match.header, sheet=grid.sheet)
    if match.level == hdr.UNITS or match.column in parsed.addend_columns \
            or match.column in parsed.tick_columns:
        return  # reported with the column it serves (_unit_columns, _addend_columns, …)
    if match.level == hdr.HIDDEN:
        parsed.issues.append(Issue(INFO, "column_hidden", *spec.text(
            "column_hidden", header=match.header), **where))
    elif match.level == hdr.DECLINED:
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "column_declined", header=match.header), **where))
    elif match.level == hdr.UNCERTAIN:
        zh, en = _label(spec, match.field)
        parsed.issues.append(Issue(WARNING, "header_uncertain", *spec.text(
            "header_uncertain", header=match.header, label=zh, label_en=en),
            column=match.field, **where))
    elif match.suggestion and match.suggestion in used and match.score < hdr.CONFIDENT_SCORE:
        # 建筑高度 beside 建筑面积: a faint likeness to a field read elsewhere is no reason
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "ignored_column", header=match.header), **where))
    elif match.suggestion and match.suggestion in used:
        zh, en = _label(spec, match.suggestion)
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "column_duplicate", header=match.header, label=zh, label_en=en,
            other=used[match.suggestion]), **where))
    elif match.suggestion:
        zh, en = _label(spec, match.suggestion)
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "column_suggested", header=match.header, label=zh, label_en=en), **where))
    elif not match.applied:
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "ignored_column", header=match.header), **where))
    if match.applied and not match.unit_understood:
        parsed.issues.append(Issue(WARNING, "unknown_unit", *spec.text(
            "unknown_unit", header=match.header, unit=spec.by_name[match.field].unit_label),
            column=match.field, **where))


def _header_columns(grid: Grid, span: HeaderSpan, parsed: ParsedSheet,
                    profiles: Profiles | None) -> dict[int, str]:
    cells = hdr.header_cells(grid.rows, span.top, span.bottom, grid.merges, grid.address,
                             span.unit_row)
    samples = hdr.sample_values(grid.rows, span.last + 1, [c.column for c in cells])
    parsed.mapping = hdr.match_columns(cells, samples, parsed.spec)
    parsed.signature = hdr.header_signature(cells, parsed.spec)
    profile = (profiles or {}).get(parsed.signature)
    if profile is not None:
        parsed.mapping = hdr.apply_profile(parsed.mapping, cells, profile, parsed.spec)
        parsed.profile_applied = True
    if grid.hidden_cols:
        parsed.mapping = [_unless_hidden(m, grid) for m in parsed.mapping]
    mapping: dict[int, str] = {}
    used: dict[str, str] = {}
    for match in parsed.mapping:
        if match.applied:
            mapping[match.column] = match.field
            parsed.columns[match.field] = match.cell
            parsed.header_factors[match.field] = match.factor
            used[match.field] = match.header
    row = grid.first_row + span.bottom
    _unheaded_name_column(parsed, mapping, cells, grid, span)
    _unit_columns(parsed, mapping, samples, grid, row)
    _paired_columns(parsed, mapping, samples, used, grid, row)
    _addend_columns(parsed, mapping, grid, row)
    _tick_columns(parsed, mapping, cells, grid, row)
    for match in parsed.mapping:
        _report_match(match, used, grid, row, parsed)
    return mapping


def _unheaded_name_column(parsed: ParsedSheet, mapping: dict[int, str],
                          cells: list[hdr.HeaderCell], grid: Grid, span: HeaderSpan) -> None:
    """A table whose name column has no header (the first cell left blank) has its names in
    the column without a header left of the others: read as the names, to be confirmed."""
    name = parsed.spec.example_key
    if name is None or name in mapping.values() or not mapping:
        return
    headed = {c.column for c in cells}
    first_mapped = min(mapping)
    for j in range(first_mapped):
        if j in headed:
            continue
        values = [r[j] for r in grid.rows[span.last + 1:span.last + 1 + hdr.SAMPLE_ROWS]
                  if j < len(r) and not is_blank(r[j])]
        texts = [v for v in values if isinstance(v, str) and not cells_is_number(v)]
        if len(texts) >= 2 and len(texts) == len(values) and len(set(texts)) == len(texts):
            cell = grid.address(span.bottom, j)
            mapping[j] = name
            parsed.columns[name] = cell
            col = parsed.spec.by_name[name]
            parsed.issues.append(Issue(WARNING, "unheaded_name_column", *parsed.spec.text(
                "unheaded_name_column", letter=column_letter(grid.first_col + j),
                label=col.label_zh, label_en=col.label_en), cell=cell,
                row=grid.first_row + span.bottom, sheet=grid.sheet))
            return


def cells_is_number(text: str) -> bool:
    try:
        return cells.parse_number(text) is not None
    except cells.NumberProblem:
        return False


_PAIR = re.compile(r"^\s*[\d.,]+\s*[/／]\s*[\d.,]+\s*$")
_HEADER_PAIR = re.compile(r"^(?P<a>[^/／]+)[/／](?P<b>[^/／]+)$")


def _paired_columns(parsed: ParsedSheet, mapping: dict[int, str], samples: dict[int, list],
                    used: dict[str, str], grid: Grid, row: int) -> None:
    """A header naming two fields (屋顶面积/可利用面积（㎡）) over values typed as pairs
    (1200/800) gives each field its half."""
    spec = parsed.spec
    for match in parsed.mapping:
        values = samples.get(match.column, [])
        found = _HEADER_PAIR.match(match.header.replace("\n", ""))
        if not match.applied or not found or not values or not all(
                isinstance(v, str) and _PAIR.match(v) for v in values):
            continue
        unit = hdr.parse_header(match.header)
        tail = "".join(f"（{u}）" for u in (unit.units if unit else ()))
        first = hdr.best_field(found["a"] + tail, spec)
        second = hdr.best_field(found["b"], spec)
        if not first or not second or first[0] == second[0] or second[0] in used:
            continue
        mapping[match.column] = first[0]
        parsed.columns.pop(match.field, None)
        used.pop(match.field, None)
        for name in (first[0], second[0]):
            parsed.columns[name] = match.cell
            parsed.header_factors[name] = match.factor
            used[name] = match.header
        parsed.paired_columns[match.column] = (first[0], second[0])
        zh_a, en_a = _label(spec, first[0])
        zh_b, en_b = _label(spec, second[0])
        parsed.issues.append(Issue(INFO, "column_paired", *spec.text(
            "column_paired", header=match.header, label=zh_a, label_en=en_a, other=zh_b,
            other_en=en_b), cell=match.cell, row=row, value=match.header, sheet=grid.sheet))


def _split_pairs(values: dict[str, Located], paired: dict[int, tuple[str, str]],
                 mapping: dict[int, str]) -> None:
    """1200/800 under 屋顶面积/可利用面积: 1200 for the first field, 800 for the second."""
    for j, (first, second) in paired.items():
        located = values.get(mapping[j])
        if located is None or not isinstance(located.value, str) or not _PAIR.match(
                located.value):
            continue
        a, b = re.split(r"[/／]", located.value)
        values[first] = located._replace(value=a.strip())
        values[second] = located._replace(value=b.strip())


_ABOVE, _BELOW = "地上", "地下"


def _addend_columns(parsed: ParsedSheet, mapping: dict[int, str], grid: Grid, row: int) -> None:
    """An area split into 地上 and 地下 columns with no total is their sum: the 地下 column
    is added to the 地上 one that was read as the field."""
    spec = parsed.spec
    by_header = {m.header.replace(" ", ""): m for m in parsed.mapping if not m.applied}
    for match in parsed.mapping:
        col = spec.by_name.get(match.field) if match.applied else None
        if col is None or col.unit != "m2" or _ABOVE not in match.header:
            continue
        below = by_header.get(match.header.replace(" ", "").replace(_ABOVE, _BELOW))
        if below is None or below.column in mapping:
            continue
        parsed.addend_columns[below.column] = match.column
        parsed.issues.append(Issue(INFO, "columns_added", *spec.text(
            "columns_added", first=match.header, second=below.header, label=col.label_zh,
            label_en=col.label_en), cell=below.cell, row=row, sheet=grid.sheet))


_TICKS = frozenset({"√", "✓", "✔", "☑", "■", "●", "v", "V", "是", "有", "1", "x", "X", "×", "☒"})


def _tick_columns(parsed: ParsedSheet, mapping: dict[int, str], cells: list[hdr.HeaderCell],
                  grid: Grid, row: int) -> None:
    """A paper form's tick columns (屋面类型 over 平屋面 | 坡屋面 | 彩钢瓦, √ in one): each
    child names a value of the parent's field, and a ticked cell gives its row that value."""
    spec = parsed.spec
    groups: dict[str, list[tuple[int, str]]] = {}
    for cell in cells:
        if not cell.parent:
            continue
        parent = hdr.parse_header(cell.parent)
        if parent is None:
            continue
        field_name = spec.header_aliases.get(parent.keys[0])
        col = spec.by_name.get(field_name) if field_name else None
        if col is None or col.dtype != "enum":
            continue
        value = spec.choice_value(col.name, cells_text(cell.child))
        if value is not None:
            groups.setdefault(col.name, []).append((cell.column, value))
    for name, columns in groups.items():
        read_elsewhere = any(f == name and j not in dict(columns) for j, f in mapping.items())
        if len(columns) < 2 or read_elsewhere:
            continue
        for j, value in columns:
            mapping.pop(j, None)
            parsed.tick_columns[j] = (name, value)
        parsed.columns[name] = next(m.cell for m in parsed.mapping if m.column == columns[0][0])
        col = spec.by_name[name]
        for j, value in columns:
            header = next(m for m in parsed.mapping if m.column == j)
            parsed.issues.append(Issue(INFO, "tick_column", *spec.text(
                "tick_column", header=header.header, label=col.label_zh, label_en=col.label_en,
                value=value), cell=header.cell, row=row, sheet=grid.sheet))


def cells_text(text: str) -> str:
    return clean_text(text) or ""


def _unit_columns(parsed: ParsedSheet, mapping: dict[int, str], samples: dict[int, list],
                  grid: Grid, row: int) -> None:
    """Tie each 单位 column to the nearest number column on its left whose unit family holds
    its words (建筑面积 | 单位: ㎡ / 万㎡); one that fits none is listed as not read."""
    spec = parsed.spec
    for match in parsed.mapping:
        if match.level != hdr.UNITS:
            continue
        words = {hdr.unit_key(v) for v in samples.get(match.column, [])}
        target = next((j for j in sorted(mapping, reverse=True) if j < match.column
                       and words <= set(UNIT_FACTORS.get(spec.by_name[mapping[j]].unit, ()))),
                      None)
        where = dict(cell=match.cell, row=row, value=match.header, sheet=grid.sheet)
        if target is None:
            parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
                "ignored_column", header=match.header), **where))
            continue
        parsed.unit_columns[match.column] = target
        zh, en = _label(spec, mapping[target])
        parsed.issues.append(Issue(INFO, "column_units", *spec.text(
            "column_units", header=match.header, label=zh, label_en=en), **where))


def _row_text(row: list) -> str:
    texts = [clean_text(v, fold=False) for v in row if not is_blank(v)]
    return " ".join(t for t in texts[:3] if t)[:40]


def _skip(parsed: ParsedSheet, grid: Grid, i: int, kind: str, row: list) -> None:
    number = grid.first_row + i
    parsed.skipped_rows.append((number, kind))
    code = "total_row_skipped" if kind == rowkinds.TOTAL else f"row_skipped_{kind}"
    # a hidden row may be a building the school meant: a warning they see, not a note
    severity = WARNING if kind in (rowkinds.HIDDEN, rowkinds.STRUCK) else INFO
    parsed.issues.append(Issue(severity, code, *parsed.spec.text(code, row=number, text=_row_text(row)),
                               cell=grid.address(i, 0), row=number, sheet=grid.sheet))


def _blank_run(parsed: ParsedSheet, grid: Grid, first: int, last: int) -> None:
    numbers = (grid.first_row + first, grid.first_row + last)
    parsed.skipped_rows.extend((n, "blank") for n in range(numbers[0], numbers[1] + 1))
    rows = str(numbers[0]) if numbers[0] == numbers[1] else f"{numbers[0]}–{numbers[1]}"
    parsed.issues.append(Issue(INFO, "rows_blank", *parsed.spec.text("rows_blank", rows=rows),
                               row=numbers[0], sheet=grid.sheet))


def _merged_down(grid: Grid, first: int, mapping: dict[int, str]
                 ) -> dict[tuple[int, int], tuple[int, int]]:
    """Data cells covered by a merge in a mapped column → the merge's first cell.

    A vertical merge (a school cell merged down its rows) covers the rows under its first;
    a short horizontal one (平屋面，良好 across 屋面类型 and 屋顶状况) the mapped cells beside its
    first. A band across most of the table is a section row, not a value of each column.
    """
    covered = {}
    widest = max(2, len(mapping) // 2)
    for (r0, c0), (r1, c1) in grid.merges:
        if r0 < first:
            continue
        mapped = [j for j in range(c0, c1 + 1) if j in mapping]
        if r1 == r0 and not (c0 in mapping and 2 <= len(mapped) <= widest):
            continue
        for j in mapped:
            covered.update({(i, j): (r0, c0) for i in range(r0, r1 + 1) if (i, j) != (r0, c0)})
    return covered


def _merged_across_notes(parsed: ParsedSheet, grid: Grid,
                         covered: dict[tuple[int, int], tuple[int, int]],
                         mapping: dict[int, str]) -> None:
    """Say which fields a horizontal merge in a building row was read for."""
    spans: dict[tuple[int, int], list[int]] = {}
    for (i, j), (r0, c0) in covered.items():
        if i == r0 and j != c0:
            spans.setdefault((r0, c0), [c0]).append(j)
    records = {rec.row for rec in parsed.records}
    for (r0, c0), columns in sorted(spans.items()):
        if grid.first_row + r0 not in records:
            continue
        labels = [parsed.spec.by_name[mapping[j]] for j in sorted(columns)]
        numbers = any(col.dtype in ("int", "float", "azimuth") for col in labels)
        last = grid.address(r0, max(columns))
        parsed.issues.append(Issue(
            WARNING if numbers else INFO, "merged_across_fields", *parsed.spec.text(
                "merged_across_fields", cells=f"{grid.address(r0, c0)}:{last}",
                value=clean_text(grid.value(r0, c0), fold=False),
                fields="、".join(c.label_zh for c in labels),
                fields_en=", ".join(c.label_en for c in labels)),
            cell=grid.address(r0, c0), row=grid.first_row + r0,
            value=clean_text(grid.value(r0, c0), fold=False), sheet=grid.sheet))


def _band_columns(grid: Grid, first: int) -> dict[int, set[int]]:
    """Rows under the header whose cell starts a horizontal merge (a section band)."""
    bands: dict[int, set[int]] = {}
    for (r0, c0), (_, c1) in grid.merges:
        if r0 >= first and c1 > c0:
            bands.setdefault(r0, set()).add(c0)
    return bands


def _records(grid: Grid, span: HeaderSpan, mapping: dict[int, str], parsed: ParsedSheet) -> None:
    spec = parsed.spec
    name_col = next((j for j, n in mapping.items() if n == spec.example_key), None)
    letters = [(j, name, column_letter(grid.first_col + j)) for j, name in mapping.items()]
    first = span.last + 1
    data_rows = range(first, len(grid.rows))
    last_filled = next((i for i in reversed(data_rows)
                        if any(not is_blank(v) for v in grid.rows[i])), span.last)
    covered = _merged_down(grid, first, mapping) if grid.merges else {}
    bands = _band_columns(grid, first) if grid.merges else {}
    header_texts = {c.column: c.child for c in hdr.header_cells(
        grid.rows, span.top, span.bottom, grid.merges, grid.address)}
    context = dict(name_column=name_col, mapped=set(mapping), header_texts=header_texts,
                   total_words=spec.total_words, min_header=min(3, max(1, len(mapping))))
    blank_from, footer_seen = None, False
    second: _SecondTable | None = None  # a table under the buildings' table
    appendix_seen = False
    stacked: dict[str, Located] = {}  # the school block of a school stacked under another
    block_rows: list[int] = []
    width = max(header_texts, default=-1) + 1
    gaps = [j for j in range(width) if j not in header_texts and j not in mapping]
    unheaded: dict[int, int] = {}  # column with values but no header → first row
    first_record = len(parsed.records)
    for i in range(first, last_filled + 1):
        row = grid.rows[i]
        row_number = grid.first_row + i
        for j in _unheaded_values(row, gaps, width):
            unheaded.setdefault(j, i)
        values = _row_values(row, letters, row_number)
        if covered:
            _covered_values(values, grid, i, covered, mapping)
        if parsed.unit_columns and values:
            _with_row_units(values, row, parsed.unit_columns, mapping)
        if parsed.paired_columns and values:
            _split_pairs(values, parsed.paired_columns, mapping)
        if parsed.addend_columns and values:
            _add_below_ground(values, row, parsed.addend_columns, mapping)
        if parsed.tick_columns:
            _ticked(values, row, parsed.tick_columns, grid, i)
        if not values and all(is_blank(v) for v in row):
            blank_from = i if blank_from is None else blank_from
            continue
        after_blank = blank_from is not None
        if blank_from is not None:
            if parsed.records:
                _blank_run(parsed, grid, blank_from, i - 1)
            blank_from = None
        if second is not None:
            second.take(i, row)
            continue
        if len(parsed.records) > first_record and (after_blank or appendix_seen) and (
                rowkinds.is_appendix_title(row) or rowkinds.is_header_like(row)):
            if rowkinds.is_appendix_title(row):
                appendix_seen = True
                _skip(parsed, grid, i, rowkinds.OTHER_TABLE, row)
                continue
            table = _SecondTable(parsed, grid, i, first_record, set(mapping.values()),
                                 appendix_seen)
            if table.kind is not None:
                second = table
                continue
        appendix_seen = False
        name_value = row[name_col] if name_col is not None and name_col < len(row) else None
        if rowkinds.is_example(name_value, spec.example_mark):
            _skip(parsed, grid, i, rowkinds.EXAMPLE, row)
            continue
        if spec.block_columns:
            found = _stacked_block(grid, i, parsed)
            if found:
                if not block_rows or block_rows[-1] != i - 1:
                    stacked = {}  # another school's block starts under the table
                stacked.update(found)
                block_rows.append(i)
                _skip(parsed, grid, i, rowkinds.SCHOOL_BLOCK, row)
                continue
        if row_number in grid.hidden_rows:
            kind = rowkinds.HIDDEN
        elif grid.struck and _struck_row(grid, i, name_col):
            kind = rowkinds.STRUCK
        else:
            kind = rowkinds.classify(row, merged=bands.get(i, set()), **context)
        if kind is None and footer_seen and (name_col is None or is_blank(name_value)):
            kind = rowkinds.FOOTER  # under the footer, a line without a name is footer too
        footer_seen = footer_seen or kind == rowkinds.FOOTER
        if kind is None and hdr.is_units_row(row):
            kind = rowkinds.UNITS
        if kind is None and not values:
            kind = rowkinds.NO_FIELDS
        if kind is not None:
            _skip(parsed, grid, i, kind, row)
            continue
        parsed.records.append(Record(row_number, values, stacked or None))
        if stacked:
            block_rows.clear()  # the block is used by the rows under it
    if stacked and block_rows:
        _block_below_the_table(parsed, grid, stacked, block_rows)
    _drop_sum_rows(parsed, grid, first_record)
    if grid.folded_rows:
        _folded_rows_read(parsed, grid, first_record)
    if covered:
        _merged_across_notes(parsed, grid, covered, mapping)
    for j, i in sorted(unheaded.items()):
        letter = column_letter(grid.first_col + j)
        parsed.issues.append(Issue(WARNING, "column_without_header", *spec.text(
            "column_without_header", letter=letter), cell=grid.address(i, j),
            row=grid.first_row + i, value=clean_text(grid.value(i, j)), sheet=grid.sheet))


_new_tuple = tuple.__new__


def _row_values(row: list, letters: list[tuple[int, str, str]], row_number: int
                ) -> dict[str, Located]:
    """The located non-blank values of one row's mapped cells (the hot loop of a read:
    tuples are made directly, without the named tuple's keyword handling)."""
    values = {}
    n_cells = len(row)
    number_text = str(row_number)
    for j, name, letter in letters:
        if j >= n_cells:
            continue
        value = row[j]
        if value is None or value == "":
            continue
        kind = type(value)
        if kind is str and not value.strip() or kind is float and value != value:
            continue  # blank text or NaN
        values[name] = _new_tuple(Located, (value, letter + number_text, row_number, None))
    return values


def _covered_values(values: dict[str, Located], grid: Grid, i: int,
                    covered: dict[tuple[int, int], tuple[int, int]], mapping: dict[int, str]
                    ) -> None:
    """Blank cells under a merge take the merge's first value, located at that cell."""
    row = grid.rows[i]
    for j, name in mapping.items():
        if (i, j) not in covered or not is_blank(row[j] if j < len(row) else None):
            continue
        top, left = covered[(i, j)]
        value = grid.value(top, left)
        if not is_blank(value):
            values[name] = Located(value, grid.address(top, left), grid.first_row + i)


class _SecondTable:
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
        self.by_name = {cells_key(r.values[spec.example_key].value): r
                        for r in parsed.records[first_record:] if spec.example_key in r.values}
        _skip(parsed, grid, i, self.kind, grid.rows[i])
        if self.continued:
            for m in matches:
                parsed.columns.setdefault(m.field, m.cell)

    def take(self, i: int, row: list) -> None:
        spec, grid = self.parsed.spec, self.grid
        if not self.continued:
            _skip(self.parsed, grid, i, rowkinds.OTHER_TABLE, row)
            return
        name_col = next(j for j, f in self.columns.items() if f == spec.example_key)
        record = self.by_name.get(cells_key(row[name_col])) if name_col < len(row) else None
        if record is None:
            _skip(self.parsed, grid, i, rowkinds.OTHER_TABLE, row)
            return
        for j, name in self.columns.items():
            value = row[j] if j < len(row) else None
            if name != spec.example_key and not is_blank(value) and name not in record.values:
                record.values[name] = Located(value, grid.address(i, j), record.row)
        self.parsed.skipped_rows.append((grid.first_row + i, rowkinds.CONTINUED))
        self.parsed.issues.append(Issue(INFO, "row_continued", *spec.text(
            "row_continued", row=grid.first_row + i, first=record.row, text=_row_text(row)),
            cell=grid.address(i, 0), row=grid.first_row + i, sheet=grid.sheet))


def cells_key(value) -> str:
    return (clean_text(value) or "").replace(" ", "")


def _struck_row(grid: Grid, i: int, name_col: int | None) -> bool:
    """Whether a row is struck through: its name cell, or most of its filled cells."""
    number = grid.first_row + i
    if name_col is not None and (number, grid.first_col + name_col) in grid.struck:
        return True
    filled = [j for j, v in enumerate(grid.rows[i]) if not is_blank(v)]
    struck = sum((number, grid.first_col + j) in grid.struck for j in filled)
    return bool(filled) and struck * 2 > len(filled)


def _folded_rows_read(parsed: ParsedSheet, grid: Grid, first_record: int) -> None:
    """Say which buildings were read from rows a saved filter or a collapsed group hides."""
    rows = sorted(r.row for r in parsed.records[first_record:] if r.row in grid.folded_rows)
    if rows:
        listed = "、".join(map(str, rows[:20])) + ("…" if len(rows) > 20 else "")
        parsed.issues.append(Issue(INFO, "rows_folded_read", *parsed.spec.text(
            "rows_folded_read", rows=listed, n=len(rows)), row=rows[0], sheet=grid.sheet))


class _RawValues(Mapping):
    """A record's raw values by field, read through its located ones (no copy)."""

    def __init__(self, located: dict[str, Located]):
        self._located = located

    def __getitem__(self, name: str):
        return self._located[name].value

    def get(self, name: str, default=None):
        found = self._located.get(name)
        return default if found is None else found.value

    def __iter__(self):
        return iter(self._located)

    def values(self):
        return (v.value for v in self._located.values())

    def __len__(self) -> int:
        return len(self._located)


def _drop_sum_rows(parsed: ParsedSheet, grid: Grid, first_record: int) -> None:
    """Group headings carrying their rows' sums (一、教学区 | … | 12400) and unlabelled totals
    are listed skips, not buildings."""
    additive = tuple(c.name for c in parsed.spec.columns if c.unit in sums.ADDITIVE_UNITS)
    mine = list(range(first_record, len(parsed.records)))  # this table's records
    found = sums.sum_rows([_RawValues(parsed.records[k].values) for k in mine], additive)
    if not found:
        return
    dropped = set()
    for hit in found:
        k = mine[hit.index]
        rec = parsed.records[k]
        dropped.add(k)
        i = rec.row - grid.first_row
        code = "row_skipped_group_sum" if hit.below else "row_skipped_unlabelled_total"
        parsed.skipped_rows.append((rec.row, rowkinds.TOTAL))
        parsed.issues.append(Issue(INFO, code, *parsed.spec.text(
            code, row=rec.row, text=_row_text(grid.rows[i]), n=hit.n),
            cell=grid.address(i, 0), row=rec.row, sheet=grid.sheet))
    parsed.records[:] = [r for k, r in enumerate(parsed.records) if k not in dropped]


def _block_below_the_table(parsed: ParsedSheet, grid: Grid, block: dict[str, Located],
                           rows: list[int]) -> None:
    """School fields written under the last building, with no rows under them, are the
    sheet's own school (学校名称：… 学校代码：… beside the signature lines)."""
    own = parsed.school_block
    if any(name in own and clean_text(own[name].value) != clean_text(v.value)
           for name, v in block.items() if not hdr.is_free_text(parsed.spec.by_name[name])):
        return  # another school's details with no rows of its own: stays a listed skip
    for name, located in block.items():
        own.setdefault(name, located)
    numbers = {grid.first_row + i for i in rows}
    for k, issue in enumerate(parsed.issues):
        if issue.code == "row_skipped_school_block" and issue.row in numbers \
                and issue.sheet == grid.sheet:
            text = _row_text(grid.rows[issue.row - grid.first_row])
            parsed.issues[k] = Issue(INFO, "row_read_school_below", *parsed.spec.text(
                "row_read_school_below", row=issue.row, text=text), cell=issue.cell,
                row=issue.row, sheet=issue.sheet)


def _add_below_ground(values: dict[str, Located], row: list, addends: dict[int, int],
                      mapping: dict[int, str]) -> None:
    """地上 + 地下 where both are numbers; a blank or a dash under 地下 adds nothing."""
    for k, j in addends.items():
        located = values.get(mapping[j])
        extra = row[k] if k < len(row) else None
        if located is None or not isinstance(located.value, (int, float)) \
                or isinstance(extra, bool) or not isinstance(extra, (int, float)):
            continue
        values[mapping[j]] = located._replace(value=float(located.value) + float(extra))


def _ticked(values: dict[str, Located], row: list, ticks: dict[int, tuple[str, str]],
            grid: Grid, i: int) -> None:
    """The value of the tick column whose cell is ticked (√), at that cell."""
    for j, (name, value) in ticks.items():
        mark = row[j] if j < len(row) else None
        if isinstance(mark, (int, float)) and not isinstance(mark, bool):
            mark = str(int(mark)) if float(mark).is_integer() else str(mark)
        if isinstance(mark, str) and mark.strip() in _TICKS and name not in values:
            values[name] = Located(value, grid.address(i, j), grid.first_row + i)


def _with_row_units(values: dict[str, Located], row: list, unit_columns: dict[int, int],
                    mapping: dict[int, str]) -> None:
    """A number whose unit stands in the row's 单位 cell is read with it (0.32 | 万㎡)."""
    for j_unit, j_number in unit_columns.items():
        name = mapping[j_number]
        unit = row[j_unit] if j_unit < len(row) else None
        located = values.get(name)
        if located is None or is_blank(unit) or not isinstance(located.value, (int, float, str)):
            continue
        values[name] = located._replace(value=f"{located.value}{str(unit).strip()}")


def _unheaded_values(row: list, gaps: list[int], width: int) -> list[int]:
    """Columns of ``row`` holding a value under no header cell (``gaps`` inside the
    header's ``width``, or beyond it)."""
    found = [j for j in gaps if j < len(row) and not is_blank(row[j])]
    return found + [j for j in range(width, len(row)) if not is_blank(row[j])]


def _parse_grid(grid: Grid, span: HeaderSpan, parsed: ParsedSheet,
                profiles: Profiles | None = None) -> None:
    parsed.grid = grid
    parsed.sheet = grid.sheet
    parsed.header_row = grid.first_row + span.bottom
    parsed.header_rows = tuple(range(grid.first_row + span.top, grid.first_row + span.last + 1))
    mapping = _header_columns(grid, span, parsed, profiles)
    parsed.school_block = _school_block(grid, span, parsed)
    _records(grid, span, mapping, parsed)
    _footer_block(grid, parsed)
    read_notes(parsed)  # units stated in a title or note: （单位：万元）


def read_table(data: bytes, file_name: str, spec: TableSpec,
               limits: Limits = DEFAULT_LIMITS, profiles: Profiles | None = None) -> ParsedSheet:
    """Read a sheet declared by ``spec`` after refusing hostile files.

    Parameters
    ----------
    data
        The file's bytes, exactly as uploaded.
    file_name
        Original file name; its extension decides the format, checked against the content.
    profiles
        Saved column mappings by header signature (:func:`sheets.headers.header_signature`):
        header wording → field name, or ``None`` for a column not read. A layout with a
        saved profile is read as the person who confirmed it said.

    Returns
    -------
    ParsedSheet
        Header mapping, school block, records with their Excel locations, reader warnings.

    Raises
    ------
    UnreadableFile
        When the file is refused or cannot be parsed at all.
    """
    scan = _prescanned(data, file_name, limits)
    parsed = ParsedSheet(file_name=file_name, kind=scan.kind, spec=spec,
                         formulas_without_value=scan.formulas_without_value)
    parsed.issues.extend(Issue(WARNING, "file_warning", zh, en) for zh, en in scan.warnings)
    grids = _grids(data, scan)
    candidates = [(grid, _find_header(grid, spec)) for grid in grids if not grid.hidden]
    candidates = [(grid, found) for grid, found in candidates if found is not None]
    if candidates:
        grid, span = max(candidates, key=lambda c: c[1].strength)
        _parse_grid(grid, span, parsed, profiles)
    return parsed


@dataclass
class WorkbookRead:
    """Every sheet of a workbook that holds the declared table, and why the others were not
    read (``skipped``: sheet name, reason code of :data:`sheets.workbook.SKIP_REASONS`)."""

    file_name: str
    kind: str
    sheets: list[ParsedSheet]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)  # file-level: prescan warnings


@collection_paused()
def read_sheets(data: bytes, file_name: str, spec: TableSpec, limits: Limits = DEFAULT_LIMITS,
                profiles: Profiles | None = None) -> WorkbookRead:
    """Read every visible sheet holding a table of ``spec`` (a school's 本部 and 分校 sheets,
    a committee workbook with one sheet per district, one application per sheet).

    Hidden sheets, instruction sheets (填表说明), drop-down list sheets, example, backup and
    last year's sheets, and a summary sheet beside the sheets it sums, are skipped, each with
    its reason (:func:`sheets.workbook.skip_reason`). Parameters as :func:`read_table`.

    Returns
    -------
    WorkbookRead
        One :class:`ParsedSheet` per sheet read, in workbook order (none when no sheet holds
        the table), and the skipped sheets.
    """
    from sheets import transposed, workbook

    scan = _prescanned(data, file_name, limits)
    out = WorkbookRead(file_name, scan.kind, [])
    out.issues.extend(Issue(WARNING, "file_warning", zh, en) for zh, en in scan.warnings)
    grids = _grids(data, scan)
    names = [g.sheet for g in grids if g.sheet]
    found = []
    for grid in grids:
        reason = (workbook.CHART if grid.chart
                  else workbook.skip_reason(grid.sheet, grid.hidden, names))
        span = None if reason else _find_header(grid, spec)
        if reason is None and span is None:
            sideways = transposed.find(grid, spec) if any(grid.rows) else None
            if sideways is not None:
                parsed = ParsedSheet(file_name=file_name, kind=scan.kind, spec=spec)
                transposed.read(grid, sideways, parsed)
                out.sheets.append(parsed)
                continue
            reason = workbook.EMPTY if not any(grid.rows) else workbook.NO_TABLE
        if reason:
            out.skipped.append((grid.sheet, reason))
        else:
            found.append((grid, span))
    for grid, reason in workbook.summaries_beside_details([g for g, _ in found]):
        out.skipped.append((grid.sheet, reason))
        found = [(g, sp) for g, sp in found if g is not grid]
    for grid, span in found:
        formulas = tuple(f for f in scan.formulas_without_value if f[0] == grid.sheet)
        for part, part_span, boxes in _side_by_side(grid, span, spec):
            parsed = ParsedSheet(file_name=file_name, kind=scan.kind, spec=spec,
                                 formulas_without_value=formulas)
            _parse_grid(part, part_span, parsed, profiles)
            for box in boxes:
                _box_block(box, parsed)
            out.sheets.append(parsed)
    if out.sheets and spec.block_columns:
        if scan.kind == "xlsx":
            _text_box_blocks(out, data, limits)
        _cover_sheets(out, {g.sheet: g for g in grids})
        _monthly_sheets(out, {g.sheet: g for g in grids})
    return out


def _side_by_side(grid: Grid, span: HeaderSpan, spec: TableSpec) -> list:
    """``(grid, span, boxes)`` of every table on the sheet: the sheet itself, or its parts
    when tables or a school box stand side by side (:mod:`sheets.sides`)."""
    tables, boxes = sides.split(grid.rows, span.bottom, spec)
    if len(tables) == 1 and not boxes:
        return [(grid, span, [])]
    box_grids = [sides.columns_of(grid, a, b) for a, b in boxes]
    out = []
    for k, (start, stop) in enumerate(tables):
        part = sides.columns_of(grid, start, stop)
        part_span = _find_header(part, spec) or span
        out.append((part, part_span, box_grids if k == 0 else []))
    return out


def _box_block(box: Grid, parsed: ParsedSheet) -> None:
    """The school's details in a label | value box beside the table, listed as read."""
    found: dict[str, Located] = {}
    for i in range(len(box.rows)):
        _block_fields_of_row(box, i, parsed, found)
    for name, located in found.items():
        parsed.school_block.setdefault(name, located)
    first = box.address(0, 0)
    last = box.address(len(box.rows) - 1, max(len(r) for r in box.rows) - 1)
    parsed.issues.append(Issue(INFO, "school_box_read", *parsed.spec.text(
        "school_box_read", cells=f"{first}:{last}"), cell=first, sheet=box.sheet))


MIN_COVER_FIELDS = 2  # school fields that make a sheet without a table a cover


def _cover_sheets(out: WorkbookRead, grids: dict) -> None:
    """A sheet with no table but the school's details (封面: 学校名称 | …, 学校代码 | …) gives
    them to the table sheets that do not state them; it is listed as such."""
    from sheets import workbook

    for k, (sheet, reason) in enumerate(out.skipped):
        if reason != workbook.NO_TABLE:
            continue
        grid = grids[sheet]
        probe = ParsedSheet(out.file_name, out.kind, out.sheets[0].spec)
        block = _school_block(grid, HeaderSpan(len(grid.rows), len(grid.rows), None, (0, 0)),
                              probe)
        if len(block) < MIN_COVER_FIELDS:
            continue
        out.skipped[k] = (sheet, workbook.COVER)
        for parsed in out.sheets:
            for name, located in block.items():
                if name not in parsed.school_block and name not in parsed.columns:
                    parsed.school_block[name] = located._replace(sheet=sheet)
                    if name in probe.header_factors:
                        parsed.header_factors.setdefault(name, probe.header_factors[name])


def _monthly_sheets(out: WorkbookRead, grids: dict) -> None:
    """A sheet of twelve months (用电情况: 1月 … 12月 | 用电量（kWh）, 合计) gives its year's
    sum to the school field its header names, for the table sheets that do not state it;
    it is listed as read so, and a typed total that is not the months' sum is asked."""
    from sheets import monthly, workbook

    spec = out.sheets[0].spec
    for k, (sheet, reason) in enumerate(out.skipped):
        if reason != workbook.NO_TABLE:
            continue
        grid = grids[sheet]
        for column in monthly.monthly_columns(grid.rows):
            hit = hdr.best_field(column.header, spec, spec.block_columns)
            if hit is None or hit[1] < LABEL_SCORE:
                continue
            if _give_monthly(out, grid, column, hit):
                out.skipped[k] = (sheet, workbook.MONTHLY)


def _give_monthly(out: WorkbookRead, grid: Grid, column, hit: tuple) -> bool:
    """``True`` when a table sheet took the months' sum (none states the field itself)."""
    from sheets.monthly import MONTHS

    name, _, factor, _ = hit
    spec = out.sheets[0].spec
    row = column.total_row if column.total_row is not None else column.header_row
    cell = grid.address(row, column.column)
    located = Located(column.months_sum, cell, grid.first_row + row, grid.sheet)
    first = grid.address(column.first_row, column.column)
    last = grid.address(column.first_row + MONTHS - 1, column.column)
    given = False
    for parsed in out.sheets:
        if name in parsed.school_block or name in parsed.columns:
            continue
        given = True
        parsed.school_block[name] = located
        if factor != 1.0:
            parsed.header_factors.setdefault(name, factor)
        label = spec.by_name[name].label_zh, spec.by_name[name].label_en
        parsed.issues.append(Issue(INFO, "monthly_sum_read", *spec.text(
            "monthly_sum_read", sheet=grid.sheet, cells=f"{first}:{last}", header=column.header,
            total=f"{column.months_sum:g}", field=label[0], field_en=label[1]),
            cell=cell, sheet=grid.sheet))
        if not column.total_agrees:
            parsed.issues.append(Issue(WARNING, "monthly_total_differs", *spec.text(
                "monthly_total_differs", typed=f"{column.total:g}", total=f"{column.months_sum:g}"),
                cell=cell, sheet=grid.sheet))
    return given


def _text_box_blocks(out: WorkbookRead, data: bytes, limits: Limits) -> None:
    """The school's details typed in a drawn text box (插入→文本框 学校名称：… 学校代码：…),
    for sheets whose cells do not give them all; the box is listed as read, at its corner."""
    required = [c.name for c in out.sheets[0].spec.block_columns if c.required]
    wanting = [p for p in out.sheets if any(n not in p.school_block and n not in p.columns
                                            for n in required)]
    boxes = text_boxes(data, limits) if wanting else {}
    for parsed in wanting:
        for box in boxes.get(parsed.sheet, ()):
            grid = Grid([[line] for line in box.lines], box.row + 1, box.col, parsed.sheet)
            found: dict[str, Located] = {}
            for i in range(len(grid.rows)):
                _block_fields_of_row(grid, i, parsed, found)
            given = {n: v for n, v in found.items() if n not in parsed.school_block}
            if not given:
                continue
            parsed.school_block.update(given)
            cell = grid.address(0, 0)
            labels = "、".join(parsed.spec.by_name[n].label_zh for n in given)
            parsed.issues.append(Issue(INFO, "school_text_box_read", *parsed.spec.text(
                "school_text_box_read", cell=cell, fields=labels), cell=cell, sheet=parsed.sheet))
