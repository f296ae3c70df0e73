"""A forgiving reader of declared sheets: .xlsx, .xls and .csv, Chinese or English headers.

The reader finds the header itself (one row, or a parent row over child headers, with a
units row under it), matches header cells onto the declared fields by evidence
(:mod:`sheets.headers`: wording, unit and the column's values; the mapping used is kept on
:attr:`ParsedSheet.mapping`), takes school fields from a block above the table or from
columns repeated on every row, skips rows that are not records (:mod:`sheets.rows`: totals,
sections, footers) and lists each skip, and keeps the Excel row number and cell address of
every value so that validation can point at the cell. It does not judge values: that is
the component's validation (e.g. :mod:`surveys.validate`)'s job.

Its parts: :mod:`sheets.grid` (the data types of a read), :mod:`sheets.school_block`
(school fields around the table), :mod:`sheets.special_columns` (pairs, parts, ticks, unit
columns), :mod:`sheets.second_table` (a table under the buildings), :mod:`sheets.skips`
(rows listed as skipped) and :mod:`sheets.sums`, :mod:`sheets.rows`, :mod:`sheets.headers`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache

import python_calamine

from sheets import headers as hdr
from sheets import messages as msg
from sheets import rows as rowkinds
from sheets import sides
from sheets.carry_down import carry_school_down
from sheets.cells import clean_text, column_letter, is_blank
from sheets.gcpause import collection_paused
from sheets.grid import (
    Grid,
    HeaderSpan,
    Located,
    ParsedSheet,
    Profiles,
    Record,
    UnreadableFile,
)
from sheets.notes import is_standalone_note, read_notes
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
from sheets.school_block import (
    LABEL_SCORE,
    block_below_the_table,
    block_fields_of_row,
    box_block,
    footer_block,
    read_school_block,
    stacked_block,
)
from sheets.second_table import SecondTable
from sheets.skips import (
    blank_run,
    drop_sum_rows,
    folded_rows_read,
    group_labels,
    join_merged_continuation,
    skip_row,
    struck_row,
)
from sheets.spec import TableSpec, normalise_key
from sheets.special_columns import (
    add_below_ground,
    addend_columns,
    field_label,
    paired_columns,
    split_pairs,
    tick_columns,
    ticked,
    unheaded_group_column,
    unheaded_name_column,
    unit_columns,
    with_row_units,
)

HEADER_SEARCH_ROWS = 40


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


def find_header(grid: Grid, spec: TableSpec) -> HeaderSpan | None:
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


def read_excel_grids(data: bytes) -> list[Grid]:
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
    grids = [read_csv_grid(data)] if scan.kind == "csv" else read_excel_grids(data)
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


def read_csv_grid(data: bytes) -> Grid:
    text = decode_text(data)
    # The pre-scan bounded the records parsed with this very dialect.
    dialect = csv_dialect(text)
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:  # e.g. a field beyond csv's 128 KiB limit
        raise UnreadableFile("corrupt", *msg.text("corrupt_file", detail=str(exc)[:200])) from exc
    return Grid(rows, 1, 0, None)


# --- records -------------------------------------------------------------------------------


def _unless_hidden(match: hdr.HeaderMatch, grid: Grid) -> hdr.HeaderMatch:
    """A hidden column is not read: a person filling or checking the sheet never saw it."""
    if grid.first_col + match.column not in grid.hidden_cols:
        return match
    return hdr.HeaderMatch(match.column, match.cell, match.header, None, match.score,
                           hdr.HIDDEN, match.field or match.suggestion)


def report_match(match: hdr.HeaderMatch, used: dict[str, str], grid: Grid, row: int,
                  parsed: ParsedSheet) -> None:
    """The report's word on a header that is not plainly read."""
    spec = parsed.spec
    where = dict(cell=match.cell, row=row, value=match.header, sheet=grid.sheet)
    if match.level == hdr.UNITS or match.column in parsed.addend_columns \
            or match.column in parsed.tick_columns:
        return  # reported with the column it serves (unit_columns, addend_columns, …)
    if not match.field and is_standalone_note(match.header):
        # 单位：万元 after the last header: a unit note, applied (and said) at the columns
        parsed.issues.append(Issue(INFO, "column_is_unit_note", *spec.text(
            "column_is_unit_note", header=match.header), **where))
        return
    if match.level == hdr.HIDDEN:
        parsed.issues.append(Issue(INFO, "column_hidden", *spec.text(
            "column_hidden", header=match.header), **where))
    elif match.level == hdr.DECLINED:
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "column_declined", header=match.header), **where))
    elif match.level == hdr.UNCERTAIN:
        zh, en = field_label(spec, match.field)
        parsed.issues.append(Issue(WARNING, "header_uncertain", *spec.text(
            "header_uncertain", header=match.header, label=zh, label_en=en),
            column=match.field, **where))
    elif match.suggestion and match.suggestion in used and match.score < hdr.CONFIDENT_SCORE:
        # 建筑高度 beside 建筑面积: a faint likeness to a field read elsewhere is no reason
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "ignored_column", header=match.header), **where))
    elif match.suggestion and match.suggestion in used:
        zh, en = field_label(spec, match.suggestion)
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "column_duplicate", header=match.header, label=zh, label_en=en,
            other=used[match.suggestion]), **where))
    elif match.suggestion:
        zh, en = field_label(spec, match.suggestion)
        parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
            "column_suggested", header=match.header, label=zh, label_en=en), **where))
    elif not match.applied and normalise_key(match.header) in hdr.ROW_NUMBER_HEADERS:
        parsed.issues.append(Issue(INFO, "column_row_numbers", *spec.text(
            "column_row_numbers", header=match.header), **where))
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
    unheaded_name_column(parsed, mapping, cells, grid, span)
    unheaded_group_column(parsed, mapping, cells, grid, span)
    unit_columns(parsed, mapping, samples, grid, row)
    paired_columns(parsed, mapping, samples, used, grid, row)
    addend_columns(parsed, mapping, grid, row)
    tick_columns(parsed, mapping, cells, grid, row)
    for match in parsed.mapping:
        report_match(match, used, grid, row, parsed)
    return mapping


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


def _header_again(grid: Grid, i: int, spec: TableSpec, mapping: dict[int, str]
                  ) -> tuple[dict[int, str], dict[int, str]] | None:
    """Row ``i``, under a school block stacked below the first table, as that school's own
    header: ``(its mapping, its header texts)`` when it names the record's name and two more
    fields exactly and puts them in other columns than the first header; else ``None``."""
    row = grid.rows[i]
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row):
        return None
    cells = hdr.header_cells(grid.rows, i, i, grid.merges, grid.address)
    found = {m.column: m.field for m in hdr.match_columns(cells, {}, spec)
             if m.field and m.level in (hdr.EXACT, hdr.CONFIDENT)}
    if spec.example_key not in found.values() or len(found) < 3 or found == {
            j: f for j, f in mapping.items() if j in found}:
        return None
    return found, {c.column: c.child for c in cells}


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
    second: SecondTable | None = None  # a table under the buildings' table
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
            continued = _merged_name_record(parsed, grid, i, covered, name_col, first_record)
            if continued is not None and join_merged_continuation(parsed, grid, i, continued,
                                                                  values):
                continue
            _covered_values(values, grid, i, covered, mapping)
        if parsed.unit_columns and values:
            with_row_units(values, row, parsed.unit_columns, mapping)
        if parsed.paired_columns and values:
            split_pairs(values, parsed.paired_columns, mapping)
        if parsed.addend_columns and values:
            add_below_ground(values, row, parsed.addend_columns, mapping)
        if parsed.tick_columns:
            ticked(values, row, parsed.tick_columns, grid, i)
        if not values and all(is_blank(v) for v in row):
            blank_from = i if blank_from is None else blank_from
            continue
        after_blank = blank_from is not None
        if blank_from is not None:
            if parsed.records:
                blank_run(parsed, grid, blank_from, i - 1)
            blank_from = None
        if second is not None:
            second.take(i, row)
            continue
        if len(parsed.records) > first_record and (after_blank or appendix_seen) and (
                rowkinds.is_appendix_title(row) or rowkinds.is_header_like(row)):
            if rowkinds.is_appendix_title(row):
                appendix_seen = True
                skip_row(parsed, grid, i, rowkinds.OTHER_TABLE, row)
                continue
            table = SecondTable(parsed, grid, i, first_record, set(mapping.values()),
                                 appendix_seen)
            if table.kind is not None:
                second = table
                continue
        appendix_seen = False
        name_value = row[name_col] if name_col is not None and name_col < len(row) else None
        if rowkinds.is_example(name_value, spec.example_mark):
            skip_row(parsed, grid, i, rowkinds.EXAMPLE, row)
            continue
        if rowkinds.is_demolished(name_value):
            skip_row(parsed, grid, i, rowkinds.DEMOLISHED, row)
            continue
        if rowkinds.is_withdrawn(row):
            skip_row(parsed, grid, i, rowkinds.WITHDRAWN, row)
            continue
        if spec.block_columns:
            found = stacked_block(grid, i, parsed)
            if found:
                if not block_rows or block_rows[-1] != i - 1:
                    stacked = {}  # another school's block starts under the table
                stacked.update(found)
                block_rows.append(i)
                skip_row(parsed, grid, i, rowkinds.SCHOOL_BLOCK, row)
                continue
        remapped = _header_again(grid, i, spec, mapping) if block_rows else None
        if remapped is not None:  # the next school's own header, its columns in its order
            mapping, header_texts = remapped
            name_col = next((j for j, n in mapping.items() if n == spec.example_key), None)
            letters = [(j, name, column_letter(grid.first_col + j)) for j, name in mapping.items()]
            context.update(name_column=name_col, mapped=set(mapping), header_texts=header_texts)
            skip_row(parsed, grid, i, rowkinds.REPEATED_HEADER, row)
            continue
        if row_number in grid.hidden_rows:
            kind = rowkinds.HIDDEN
        elif grid.struck and struck_row(grid, i, name_col):
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
            skip_row(parsed, grid, i, kind, row)
            continue
        parsed.records.append(Record(row_number, values, stacked or None))
        if stacked:
            block_rows.clear()  # the block is used by the rows under it
    if stacked and block_rows:
        block_below_the_table(parsed, grid, stacked, block_rows)
    drop_sum_rows(parsed, grid, first_record)
    group_labels(parsed, grid, first_record, grid.first_row + span.last)
    if grid.folded_rows:
        folded_rows_read(parsed, grid, first_record)
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


def _merged_name_record(parsed: ParsedSheet, grid: Grid, i: int,
                        covered: dict[tuple[int, int], tuple[int, int]], name_col: int | None,
                        first_record: int) -> Record | None:
    """The record above whose building-name cell is merged down over row ``i`` (the same
    building on two rows), if there is one."""
    if name_col is None or (i, name_col) not in covered or len(parsed.records) <= first_record:
        return None
    top, _ = covered[(i, name_col)]
    row = grid.rows[i]
    if top >= i or not is_blank(row[name_col] if name_col < len(row) else None):
        return None
    last = parsed.records[-1]
    return last if last.row == grid.first_row + top else None


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


def _unheaded_values(row: list, gaps: list[int], width: int) -> list[int]:
    """Columns of ``row`` holding a value under no header cell (``gaps`` inside the
    header's ``width``, or beyond it)."""
    found = [j for j in gaps if j < len(row) and not is_blank(row[j])]
    return found + [j for j in range(width, len(row)) if not is_blank(row[j])]


def parse_grid(grid: Grid, span: HeaderSpan, parsed: ParsedSheet,
                profiles: Profiles | None = None) -> None:
    parsed.grid = grid
    parsed.sheet = grid.sheet
    parsed.header_row = grid.first_row + span.bottom
    parsed.header_rows = tuple(range(grid.first_row + span.top, grid.first_row + span.last + 1))
    mapping = _header_columns(grid, span, parsed, profiles)
    parsed.school_block = read_school_block(grid, span, parsed)
    _records(grid, span, mapping, parsed)
    carry_school_down(parsed)
    footer_block(grid, parsed)
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
    candidates = [(grid, find_header(grid, spec)) for grid in grids if not grid.hidden]
    candidates = [(grid, found) for grid, found in candidates if found is not None]
    if candidates:
        grid, span = max(candidates, key=lambda c: c[1].strength)
        parse_grid(grid, span, parsed, profiles)
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
        span = None if reason else find_header(grid, spec)
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
    left = workbook.summaries_beside_details([g for g, _ in found])
    left += workbook.copies([g for g, _ in found if all(g is not s for s, _ in left)])
    for grid, reason in left:
        out.skipped.append((grid.sheet, reason))
        found = [(g, sp) for g, sp in found if g is not grid]
    for grid, span in found:
        formulas = tuple(f for f in scan.formulas_without_value if f[0] == grid.sheet)
        for part, part_span, boxes, notes in _side_by_side(grid, span, spec):
            parsed = ParsedSheet(file_name=file_name, kind=scan.kind, spec=spec,
                                 formulas_without_value=formulas)
            parse_grid(part, part_span, parsed, profiles)
            parsed.issues.extend(notes)
            for box in boxes:
                box_block(box, parsed)
            out.sheets.append(parsed)
    if out.sheets and spec.block_columns:
        if scan.kind == "xlsx":
            _text_box_blocks(out, data, limits)
        _cover_sheets(out, {g.sheet: g for g in grids})
        _monthly_sheets(out, {g.sheet: g for g in grids})
    return out


def _side_by_side(grid: Grid, span: HeaderSpan, spec: TableSpec) -> list:
    """``(grid, span, boxes, notes)`` of every table on the sheet: the sheet itself, or its
    parts when tables or a school box stand side by side (:mod:`sheets.sides`). A table
    beside the main one whose title says its rows are no records (拟建) is left out, and
    ``notes`` of the first table say so."""
    tables, boxes = sides.split(grid.rows, span.bottom, spec)
    if len(tables) == 1 and not boxes:
        return [(grid, span, [], [])]
    box_grids = [sides.columns_of(grid, a, b) for a, b in boxes]
    out, left_out = [], []
    for start, stop in tables:
        part = sides.columns_of(grid, start, stop)
        part_span = find_header(part, spec) or span
        word = _other_table_word(part, part_span, spec) if len(tables) > 1 else None
        if word is not None:
            left_out.append((part, part_span, word))
        else:
            out.append((part, part_span, box_grids if not out else []))
    if not out:  # every table says it is another: the sheet is read as it stands
        return [(grid, span, box_grids, [])]
    notes = [_table_not_read(part, part_span, word, spec) for part, part_span, word in left_out]
    return [(part, part_span, boxes, notes if k == 0 else [])
            for k, (part, part_span, boxes) in enumerate(out)]


def _title_cell(part: Grid, span: HeaderSpan) -> tuple[int, int, str] | None:
    """The text nearest above a table's header in its own columns (its title)."""
    for i in range(span.top - 1, -1, -1):
        for j, value in enumerate(part.rows[i]):
            if isinstance(value, str) and value.strip():
                return i, j, value.strip()
    return None


def _other_table_word(part: Grid, span: HeaderSpan, spec: TableSpec) -> str | None:
    title = _title_cell(part, span)
    if title is None:
        return None
    return next((w for w in spec.other_table_words if w in title[2].lower()), None)


def _table_not_read(part: Grid, span: HeaderSpan, word: str, spec: TableSpec) -> Issue:
    """What the main table's report says of the table ``part`` beside it, left out."""
    i, j, title = _title_cell(part, span)
    filled = [k for k, row in enumerate(part.rows) if k > span.last and any(
        not is_blank(v) for v in row)]
    last = part.first_row + (filled[-1] if filled else span.last)
    width = max(len(r) for r in part.rows)
    cols = f"{column_letter(part.first_col)}–{column_letter(part.first_col + width - 1)}"
    return Issue(INFO, "table_beside_not_read", *spec.text(
        "table_beside_not_read", title=title, cols=cols, first=part.first_row + i, last=last,
        word=word), cell=part.address(i, j), row=part.first_row + i, sheet=part.sheet)


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
        block = read_school_block(grid, HeaderSpan(len(grid.rows), len(grid.rows), None, (0, 0)),
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
                block_fields_of_row(grid, i, parsed, found)
            given = {n: v for n, v in found.items() if n not in parsed.school_block}
            if not given:
                continue
            parsed.school_block.update(given)
            cell = grid.address(0, 0)
            labels = "、".join(parsed.spec.by_name[n].label_zh for n in given)
            parsed.issues.append(Issue(INFO, "school_text_box_read", *parsed.spec.text(
                "school_text_box_read", cell=cell, fields=labels), cell=cell, sheet=parsed.sheet))
