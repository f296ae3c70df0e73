"""A forgiving reader of survey sheets: .xlsx, .xls and .csv, Chinese or English headers.

The reader finds the header row itself, maps headers onto the schema's canonical columns,
takes school fields from a block above the table or from columns repeated on every row, and
keeps the Excel row number and cell address of every value so that validation can point at
the cell. It does not judge values: that is :mod:`surveys.validate`'s job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import python_calamine

from surveys import messages as msg
from surveys.cells import cell_address, clean_text, column_letter, is_blank
from surveys.report import WARNING, Issue
from surveys.safety import (
    DEFAULT_LIMITS,
    Limits,
    RefusedFile,
    ScanResult,
    csv_dialect,
    decode_csv,
    prescan,
)
from surveys.schema import (
    EXAMPLE_MARK,
    SURVEY,
    TOTAL_ROW_WORDS,
    UNIT_FACTORS,
    TableSpec,
    normalise_key,
)

HEADER_SEARCH_ROWS = 40


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

    def address(self, i: int, j: int) -> str:
        return cell_address(self.first_row + i, self.first_col + j)

    def value(self, i: int, j: int):
        row = self.rows[i]
        return row[j] if j < len(row) else None


@dataclass(frozen=True)
class Located:
    """A raw cell value with its Excel location."""

    value: object
    cell: str
    row: int


@dataclass
class Record:
    """One table row: its Excel row number and located raw values by canonical column."""

    row: int
    values: dict[str, Located]


@dataclass
class ParsedSheet:
    """What the reader found in a file, before any value is judged."""

    file_name: str
    kind: str
    spec: TableSpec = SURVEY
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical name -> header cell
    header_factors: dict[str, float] = field(default_factory=dict)
    school_block: dict[str, Located] = field(default_factory=dict)
    school_value_cells: dict[str, str] = field(default_factory=dict)  # where a blank block value belongs
    records: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    formulas_without_value: tuple[tuple[str, str], ...] = ()
    grid: Grid | None = None  # the sheet the table was found in, for previews


# --- headers -------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[（(\[【〔]([^）)\]】〕]*)[）)\]】〕]")
_CJK = re.compile(r"[\u3400-\u9fff]+")
_UNIT_SPLIT = re.compile(r"[/／:：]")


def _unit_factor(unit_family: str, candidates: list[str]) -> float | None:
    table = UNIT_FACTORS.get(unit_family, {})
    for text in candidates:
        key = text.strip().lower().replace(" ", "")
        if key in table:
            return table[key]
    return None


def _scaled_unit_in_text(unit_family: str, label: str) -> float:
    """Factor of a scaled unit written loose in a header, e.g. ``屋顶面积 万㎡`` → 1e4."""
    text = label.lower().replace(" ", "")
    scaled = [(k, f) for k, f in UNIT_FACTORS.get(unit_family, {}).items() if f != 1.0]
    for key, factor in sorted(scaled, key=lambda kf: -len(kf[0])):
        if key in text:
            return factor
    return 1.0


@lru_cache(maxsize=8192)
def match_header(text: str, spec: TableSpec = SURVEY) -> tuple[str, float, bool] | None:
    """Map a header cell onto a canonical column of ``spec``.

    Returns
    -------
    tuple or None
        ``(name, factor, unit_understood)`` where ``factor`` converts values written under
        this header to the column's canonical unit (``1e4`` for ``(万㎡)``).
    """
    label = clean_text(text)
    if not label:
        return None
    units = _BRACKETS.findall(label)
    label = _BRACKETS.sub(" ", label).replace("*", " ").strip()
    parts = [p for p in _UNIT_SPLIT.split(label) if p.strip()]
    candidates = [label, *parts]
    for part in list(candidates):
        candidates.extend(_CJK.findall(part))
        ascii_part = _CJK.sub(" ", part).strip()
        if ascii_part:
            candidates.append(ascii_part)
    name = None
    for cand in candidates:
        name = spec.header_aliases.get(normalise_key(cand))
        if name:
            break
    if name is None:
        return None
    col = spec.by_name[name]
    extra_parts = parts[1:] if len(parts) > 1 else []
    unit_words = units + [p for p in extra_parts if normalise_key(p) not in spec.header_aliases]
    if not col.unit:
        return name, 1.0, True
    if not unit_words:
        return name, _scaled_unit_in_text(col.unit, label), True
    factor = _unit_factor(col.unit, unit_words)
    return (name, factor, True) if factor is not None else (name, 1.0, False)


def _find_header(grid: Grid, spec: TableSpec) -> tuple[int, dict[int, tuple[str, float, bool]]] | None:
    best: tuple[int, dict] | None = None
    for i, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for j, value in enumerate(row):
            if isinstance(value, str) and value.strip():
                hit = match_header(value, spec)
                if hit:
                    found[j] = hit
        names = {h[0] for h in found.values()}
        n_row_columns = sum(not spec.is_block_column(n) for n in names)
        if n_row_columns >= spec.min_header_matches and (
                best is None or len(names) > _score(best[1])):
            best = (i, found)
    return best


def _score(hits: dict[int, tuple[str, float, bool]]) -> int:
    return len({h[0] for h in hits.values()})


# --- sources -------------------------------------------------------------------------------

# A Rust panic inside python-calamine arrives as pyo3's PanicException, which derives from
# BaseException: caught too, or one damaged file would end the check with a crash.
_READER_FAILURES = (Exception,)


def _reader_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is the reader giving up on a file (not an interrupt or exit)."""
    return isinstance(exc, _READER_FAILURES) or (
        type(exc).__name__ == "PanicException"
        and not isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)))


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
        if str(meta.typ) != "SheetTypeEnum.WorkSheet":
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python()
        except BaseException as exc:
            if not _reader_failed(exc):
                raise
            raise _corrupt(exc) from exc
        start = sheet.start or (0, 0)
        grids.append(Grid(rows, start[0] + 1, start[1], meta.name))
    return grids


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).

    The decoding is :func:`surveys.safety.decode_csv`, the one the pre-scan measured.
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
        rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # e.g. a field beyond csv's 128 KiB limit
        raise UnreadableFile("corrupt", *msg.text("corrupt_file", detail=str(exc)[:200])) from exc
    return Grid(rows, 1, 0, None)


# --- records -------------------------------------------------------------------------------

def _is_total_row(row: list) -> bool:
    texts = [v for v in row[:4] if isinstance(v, str) and v.strip()][:2]
    for text in texts:
        if any(word in text.lower() for word in TOTAL_ROW_WORDS):
            key = normalise_key(text)
            if any(key.startswith(word) for word in TOTAL_ROW_WORDS):
                return True
    return False


def _school_block(grid: Grid, header_index: int, parsed: ParsedSheet) -> dict[str, Located]:
    spec = parsed.spec
    block: dict[str, Located] = {}
    for i in range(header_index):
        row = grid.rows[i]
        for j, value in enumerate(row):
            if not isinstance(value, str) or not value.strip():
                continue
            inline = re.split(r"[:：]", value, maxsplit=1)
            hit = match_header(inline[0] if len(inline) == 2 else value, spec)
            if not hit or not spec.is_block_column(hit[0]) or hit[0] in block:
                continue
            parsed.school_value_cells.setdefault(hit[0], grid.address(i, j + 1))
            if len(inline) == 2 and inline[1].strip():
                block[hit[0]] = Located(inline[1].strip(), grid.address(i, j), grid.first_row + i)
                continue
            for k in range(j + 1, len(row)):
                if not is_blank(row[k]):
                    block[hit[0]] = Located(row[k], grid.address(i, k), grid.first_row + i)
                    break
    return block


def _header_columns(grid: Grid, header_index: int, hits: dict, parsed: ParsedSheet) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for j, value in enumerate(grid.rows[header_index]):
        if is_blank(value):
            continue
        cell = grid.address(header_index, j)
        hit = hits.get(j)
        if hit is None or hit[0] in parsed.columns:
            parsed.issues.append(Issue(WARNING, "ignored_column", *msg.text(
                "ignored_column", header=clean_text(value)), cell=cell,
                row=grid.first_row + header_index, value=clean_text(value), sheet=grid.sheet))
            continue
        name, factor, understood = hit
        if not understood:
            parsed.issues.append(Issue(WARNING, "unknown_unit", *msg.text(
                "unknown_unit", header=clean_text(value),
                unit=parsed.spec.by_name[name].unit_label),
                cell=cell, row=grid.first_row + header_index, column=name,
                value=clean_text(value), sheet=grid.sheet))
        mapping[j] = name
        parsed.columns[name] = cell
        parsed.header_factors[name] = factor
    return mapping


def _records(grid: Grid, header_index: int, mapping: dict[int, str], parsed: ParsedSheet) -> None:
    name_col = next((j for j, n in mapping.items() if n == parsed.spec.example_key), None)
    letters = [(j, name, column_letter(grid.first_col + j)) for j, name in mapping.items()]
    data_rows = range(header_index + 1, len(grid.rows))
    last_filled = max((i for i in data_rows if any(not is_blank(v) for v in grid.rows[i])),
                      default=header_index)
    for i in range(header_index + 1, last_filled + 1):
        row = grid.rows[i]
        row_number = grid.first_row + i
        values = {}
        for j, name, letter in letters:
            value = row[j] if j < len(row) else None
            if value is not None and value != "" and not is_blank(value):
                values[name] = Located(value, f"{letter}{row_number}", row_number)
        if not values:
            continue
        name_value = row[name_col] if name_col is not None and name_col < len(row) else None
        if isinstance(name_value, str) and name_value.strip().startswith(EXAMPLE_MARK):
            continue
        if _is_total_row(row):
            if i < last_filled:
                parsed.issues.append(Issue(WARNING, "total_row_skipped", *msg.text(
                    "total_row_skipped"), row=row_number, sheet=grid.sheet))
            continue
        parsed.records.append(Record(row_number, values))


def _parse_grid(grid: Grid, header_index: int, hits: dict, parsed: ParsedSheet) -> None:
    parsed.grid = grid
    parsed.sheet = grid.sheet
    parsed.header_row = grid.first_row + header_index
    mapping = _header_columns(grid, header_index, hits, parsed)
    parsed.school_block = _school_block(grid, header_index, parsed)
    _records(grid, header_index, mapping, parsed)


def read_survey(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS) -> ParsedSheet:
    """Read a building survey sheet (see :func:`read_table`)."""
    return read_table(data, file_name, SURVEY, limits)


def read_table(data: bytes, file_name: str, spec: TableSpec,
               limits: Limits = DEFAULT_LIMITS) -> ParsedSheet:
    """Read a sheet declared by ``spec`` after refusing hostile files.

    Parameters
    ----------
    data
        The file's bytes, exactly as uploaded.
    file_name
        Original file name; its extension decides the format, checked against the content.

    Returns
    -------
    ParsedSheet
        Header mapping, school block, records with their Excel locations, reader warnings.

    Raises
    ------
    UnreadableFile
        When the file is refused or cannot be parsed at all.
    """
    try:
        scan: ScanResult = prescan(data, file_name, limits)
    except RefusedFile as refused:
        raise UnreadableFile(refused.code, refused.message_zh, refused.message_en,
                             refused.cell) from refused
    parsed = ParsedSheet(file_name=file_name, kind=scan.kind, spec=spec,
                         formulas_without_value=scan.formulas_without_value)
    parsed.issues.extend(Issue(WARNING, "file_warning", zh, en) for zh, en in scan.warnings)
    grids = [_read_csv_grid(data)] if scan.kind == "csv" else _read_excel_grids(data)
    candidates = [(grid, _find_header(grid, spec)) for grid in grids]
    candidates = [(grid, found) for grid, found in candidates if found is not None]
    if candidates:
        grid, (header_index, hits) = max(candidates, key=lambda c: _score(c[1][1]))
        _parse_grid(grid, header_index, hits, parsed)
    return parsed
