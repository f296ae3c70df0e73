"""Check application and expert-score sheets: every problem located, in Chinese and English.

The survey machinery does the reading (:func:`sheets.reader.read_table`: hostile-file
pre-scan, header finding, units from headers such as ``(万元)``) and the cell conversion
(:func:`sheets.values.convert`); this module adds the rules of the two subsidy sheets:

* applications: PV projects give capacity and yield, other projects a saving; the subsidy
  does not exceed the investment; finish not before start; a PV yield above
  :data:`MAX_SPECIFIC_YIELD_KWH_PER_KWP` is a unit slip; application IDs are unique; a
  blank co-funding is taken as total investment minus subsidy;
* reviews: one score per reviewer, application and criterion; scores for applications that
  are not in the application sheet are reported and left out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from energy.subsidy.messages import APPLICATION_NOUN, INTENTION_NOUN, MESSAGES, REVIEW_NOUN
from energy.subsidy.reviews import (
    CRITERIA_OVER_EXPERTS,
    CRITERION_COLUMNS,
    CRITERION_ROWS,
    EXPERT_COLUMNS,
    EXPERT_ROWS,
    ScoreSheet,
    person_name,
    read_score_sheets,
)
from energy.subsidy.schema import (
    APPLICATION,
    APPLICATION_FRAME_COLUMNS,
    INTENTION,
    INTENTION_FRAME_COLUMNS,
    NON_PV_REQUIRED,
    PV,
    PV_REQUIRED,
    REVIEW,
    REVIEW_FRAME_COLUMNS,
)
from sheets import rows as rowkinds
from sheets import workbook
from sheets.cells import (
    NumberProblem,
    clean_text,
    is_blank,
    is_placeholder,
    parse_date,
    parse_number,
    to_halfwidth,
)
from sheets.forms import FORM, paired_fields, read_form, tick_choices
from sheets.notes import read_notes
from sheets.reader import (
    Grid,
    Located,
    ParsedSheet,
    Record,
    find_header,
    parse_grid,
    read_csv_grid,
    read_excel_grids,
    read_sheets,
)
from sheets.report import ERROR, INFO, WARNING, Issue, Report
from sheets.safety import DEFAULT_LIMITS, Limits, prescan
from sheets.spec import EXAMPLE_MARK, UNIT_FACTORS, TableSpec, normalise_key
from sheets.values import Collector, convert, typed_frame
from surveys.inferred import same_school_name
from surveys.intake import isolated, read_bounded
from surveys.validate import check_school_code

# Shanghai's best orientation gives about 1,270 kWh/kWp a year (PVWatts v8, TMYx, 25–30°
# south; field notes); above 2,000 the yield is physically impossible here, below 300 it is
# almost surely written in 万kWh.
MAX_SPECIFIC_YIELD_KWH_PER_KWP = 2000.0
MIN_SPECIFIC_YIELD_KWH_PER_KWP = 300.0
FUNDING_TOLERANCE = 1.001  # subsidy + co-funding may exceed the investment by rounding only

APPLICATIONS, REVIEWS, INTENTIONS = "applications", "reviews", "intentions"


@dataclass
class SheetResult:
    """The report of one sheet and, when it holds no errors, its clean rows.

    ``frame`` has one row per application (or score) in canonical units: money [CNY],
    energy [kWh], capacity [kWp], service life [years]; ``source_row`` is the Excel row.
    """

    kind: str
    report: Report
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        return self.report.ok


# --- reading ---------------------------------------------------------------------------------

@dataclass
class Book:
    """The sheets of one file that hold applications: tables (:func:`sheets.reader.read_sheets`)
    and vertical forms (:func:`sheets.forms.read_form`), in workbook order; file-level issues
    (pre-scan warnings, sheets left with their reason)."""

    sheets: list[ParsedSheet]
    issues: list[Issue]
    formulas_without_value: tuple[tuple[str, str], ...] = ()


def _grids(data: bytes, kind: str) -> list[Grid]:
    return [read_csv_grid(data)] if kind == "csv" else read_excel_grids(data)


def _skipped_issue(spec: TableSpec, sheet: str | None, reason: str) -> Issue:
    code = f"sheet_skipped_{reason}"
    return Issue(WARNING, code, *spec.text(code, sheet=sheet or ""), sheet=sheet)


def _forms(data: bytes, file_name: str, spec: TableSpec, wanted: set, kind: str,
           formulas: tuple) -> tuple[dict, list]:
    """Sheets among ``wanted`` (names) read as vertical forms, by name; all sheet names in
    workbook order."""
    found, order = {}, []
    for grid in _grids(data, kind):
        order.append(grid.sheet)
        if grid.sheet not in wanted or grid.hidden:
            continue
        parsed = ParsedSheet(file_name=file_name, kind=kind, spec=spec,
                             formulas_without_value=tuple(f for f in formulas
                                                          if f[0] == grid.sheet))
        if read_form(grid, parsed):
            found[grid.sheet] = parsed
    return found, order


MAX_FORM_RECORDS = 3  # a "table" of more rows than this is a table, whatever its labels


def _form_rather_than_table(parsed: ParsedSheet) -> bool:
    """A sheet the table reader found a header in that is really a form: it gives more
    fields as label | value pairs than its "header" names (项目编号：… 项目名称：… over a row of
    tick boxes reads as a two-row header otherwise)."""
    if parsed.grid is None or len(parsed.records) > MAX_FORM_RECORDS:
        return False
    spec = parsed.spec
    named = sum(1 for name in parsed.columns if not spec.is_block_column(name))
    return paired_fields(parsed.grid, spec) > named


def read_book(data: bytes, file_name: str, spec: TableSpec = APPLICATION,
              limits: Limits = DEFAULT_LIMITS) -> Book:
    """Every sheet of a file holding applications (a table, or one project per sheet as a
    table or a vertical form), unit notes applied (:func:`sheets.notes.read_notes`).

    Raises
    ------
    sheets.reader.UnreadableFile
        When the file is refused before parsing or cannot be parsed at all.
    """
    wb = read_sheets(data, file_name, spec, limits)
    formulas = tuple(f for s in wb.sheets for f in s.formulas_without_value)
    without = {name for name, reason in wb.skipped if reason == workbook.NO_TABLE}
    without |= {p.sheet for p in wb.sheets if _form_rather_than_table(p)}
    forms, order = {}, [p.sheet for p in wb.sheets]
    if without:
        forms, order = _forms(data, file_name, spec, without, wb.kind,
                              prescan(data, file_name, limits).formulas_without_value)
        formulas += tuple(f for p in forms.values() for f in p.formulas_without_value)
    read = {p.sheet: p for p in wb.sheets} | forms  # a form wins over its misreading
    sheets = [part for name in order if name in read for part in _stacked(read[name], spec)]
    issues = list(wb.issues) + [_skipped_issue(spec, name, reason) for name, reason in wb.skipped
                                if name not in forms and (sheets or reason != workbook.NO_TABLE)]
    for parsed in sheets:
        read_notes(parsed)
    return Book(sheets, issues, formulas)


# --- shared sheet handling -----------------------------------------------------------------

def _formulas(formulas: tuple, out: Collector) -> None:
    for sheet, cell in formulas:
        row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        zh, en = MESSAGES["formula_no_value"]
        out.report.add(Issue(ERROR, "formula_no_value", zh, en, cell=cell, row=row, sheet=sheet))


def _stacked(parsed: ParsedSheet, spec: TableSpec) -> list[ParsedSheet]:
    """A sheet holding two tables one under the other (一、光伏项目 … 二、节能改造项目), the
    second under a header of its own: each table read with its own header."""
    grid = parsed.grid
    if grid is None or is_form(parsed) or not parsed.header_rows:
        return [parsed]
    header = {m.column: normalise_key(m.header) for m in parsed.mapping if m.header}
    for number, kind in parsed.skipped_rows:
        i = number - grid.first_row
        texts = {j: normalise_key(v) for j, v in enumerate(grid.rows[i]) if isinstance(v, str)}
        if kind != rowkinds.REPEATED_HEADER or all(texts.get(j) == h for j, h in header.items()):
            continue
        cut = i
        while cut > 0 and sum(not is_blank(v) for v in grid.rows[cut - 1]) <= 1:
            cut -= 1  # the second table's section title and the blank line above it
        parts = [_reparse(parsed, spec, 0, cut), _reparse(parsed, spec, cut, len(grid.rows))]
        if None in parts:
            return [parsed]
        for name, located in parts[0].school_block.items():
            parts[1].school_block.setdefault(name, located)
        return [parts[0], *_stacked(parts[1], spec)]
    return [parsed]


def _reparse(parsed: ParsedSheet, spec: TableSpec, start: int, stop: int) -> ParsedSheet | None:
    """Rows ``start:stop`` of ``parsed``'s sheet read as a table of their own."""
    grid = parsed.grid
    merges = [((r0 - start, c0), (r1 - start, c1)) for (r0, c0), (r1, c1) in grid.merges
              if start <= r0 and r1 < stop]
    part = dataclasses.replace(grid, rows=grid.rows[start:stop],
                               first_row=grid.first_row + start, merges=merges)
    span = find_header(part, spec)
    if span is None:
        return None
    out = ParsedSheet(file_name=parsed.file_name, kind=parsed.kind, spec=spec,
                      formulas_without_value=parsed.formulas_without_value)
    parse_grid(part, span, out)
    return out


def _sheet_level(parsed: ParsedSheet, out: Collector, kind: str,
                 assumed: tuple[str, ...] = ()) -> bool:
    if parsed.header_row is None:
        out.add(ERROR, f"no_header_{kind[:-1]}")
        return False
    for col in parsed.spec.row_columns:
        if col.required and col.name not in parsed.columns and col.name not in assumed:
            out.add(ERROR, "missing_column", None, col.name, row=parsed.header_row,
                    label=f"{col.label_zh} {col.label_en}")
    return True


def _key_text(record: Record, key: str) -> str:
    located = record.values.get(key)
    return clean_text(located.value) or "" if located is not None else ""


def data_records(parsed: ParsedSheet, key: str) -> list[Record]:
    """The sheet's records without the template's 【示例】 example row."""
    return [r for r in parsed.records if not _key_text(r, key).startswith(EXAMPLE_MARK)]


def is_form(parsed: ParsedSheet) -> bool:
    """Whether the sheet was read as a vertical form (:mod:`sheets.forms`)."""
    return getattr(parsed, "layout", None) == FORM


def _cell_of(parsed: ParsedSheet, name: str, row: int) -> str | None:
    header = parsed.columns.get(name)
    if header is None or is_form(parsed):
        return header  # a form's value cell, where the value is or belongs
    return f"{header.rstrip('0123456789')}{row}"


def _factor(parsed: ParsedSheet, name: str) -> float:
    return parsed.header_factors.get(name, 1.0)


def _block_values(parsed: ParsedSheet, out: Collector) -> dict[str, object]:
    """Fields written once above the table, converted once."""
    values = {}
    for col in parsed.spec.block_columns:
        located = parsed.school_block.get(col.name)
        if located is not None:
            values[col.name] = convert(col, located, _factor(parsed, col.name), out, parsed.spec)
        elif col.required and col.name not in parsed.columns:
            cell = parsed.school_value_cells.get(col.name)
            out.add(ERROR, "missing_value" if cell else "missing_column", None, col.name,
                    cell=cell, row=parsed.header_row, label=f"{col.label_zh} {col.label_en}")
    return values


def _convert_record(record: Record, parsed: ParsedSheet, block: dict, out: Collector,
                    skip: Collection[str] = ()) -> dict:
    spec = parsed.spec
    row = {"source_row": record.row}
    for col in spec.columns:
        if col.name in skip:
            row[col.name] = col.default
            continue
        located = record.values.get(col.name)
        if located is None and col.name in block:
            row[col.name] = block[col.name]
            continue
        if located is None and col.required and col.name in parsed.columns:
            out.add(ERROR, "missing_value", None, col.name, row=record.row,
                    cell=_cell_of(parsed, col.name, record.row), label=col.label_zh)
        if located is not None and not col.required and is_not_applicable(located.value):
            located = None
        if located is not None and col.dtype == "enum":
            located = _ticked(located)
        row[col.name] = convert(col, located, _factor(parsed, col.name), out, spec)
    return row


def _ticked(located: Located) -> Located:
    """``☑光伏 □照明`` in a table cell: the one ticked option (else the cell unchanged, and
    the converter reports it)."""
    choices = tick_choices(located.value)
    if choices is None or len(choices[0]) != 1:
        return located
    return Located(choices[0][0], located.cell, located.row)


def _collector(report: Report, parsed: ParsedSheet, noun: tuple[str, str]) -> Collector:
    return Collector(report, parsed.sheet, MESSAGES, noun)


# --- applications ----------------------------------------------------------------------------

def _require(row: dict, names: tuple[str, ...], code: str, record: Record,
             parsed: ParsedSheet, out: Collector) -> None:
    for name in names:
        given = record.values.get(name)
        if row[name] is None and (given is None or is_not_applicable(given.value)):
            col = APPLICATION.by_name[name]
            out.add(ERROR, code, None, name, row=record.row,
                    cell=_cell_of(parsed, name, record.row), label=col.label_zh,
                    label_en=col.label_en)


def _money_rules(row: dict, values: dict[str, Located], out: Collector) -> None:
    total, subsidy, own = (row["total_investment_cny"], row["subsidy_requested_cny"],
                           row["co_funding_cny"])
    if total is None or subsidy is None:
        return
    if subsidy > total:
        out.add(ERROR, "subsidy_above_investment", values.get("subsidy_requested_cny"),
                "subsidy_requested_cny", subsidy=subsidy, total=total)
    elif own is None:
        row["co_funding_cny"] = total - subsidy
    elif subsidy + own > total * FUNDING_TOLERANCE:
        out.add(WARNING, "funding_above_investment", values.get("co_funding_cny"),
                "co_funding_cny", sum=subsidy + own, total=total)
    elif subsidy + own < total / FUNDING_TOLERANCE:
        out.add(WARNING, "funding_below_investment", values.get("co_funding_cny"),
                "co_funding_cny", sum=subsidy + own, total=total, gap=total - subsidy - own)


def _pv_yield_rule(row: dict, values: dict[str, Located], out: Collector) -> None:
    kwp, kwh = row["claimed_pv_capacity_kwp"], row["claimed_annual_pv_kwh"]
    if not kwp or not kwh:
        return
    specific = kwh / kwp
    cell = values.get("claimed_annual_pv_kwh")
    if specific > MAX_SPECIFIC_YIELD_KWH_PER_KWP:
        out.add(ERROR, "pv_yield_impossible", cell, "claimed_annual_pv_kwh", specific=specific,
                limit=MAX_SPECIFIC_YIELD_KWH_PER_KWP)
    elif specific < MIN_SPECIFIC_YIELD_KWH_PER_KWP:
        out.add(WARNING, "pv_yield_low", cell, "claimed_annual_pv_kwh", specific=specific)


def _saving_rule(row: dict, record: Record, school_use: Mapping[str, float] | None,
                 out: Collector) -> None:
    """A claimed saving above the school's whole annual use, at the saving's cell."""
    saving = row["claimed_annual_saving_kwh"]
    if not saving:
        return
    use, source = row.get("annual_electricity_kwh"), ("申请表所填", "as stated on the application")
    surveyed = (school_use or {}).get(row.get("school_code") or "")
    if surveyed:
        use, source = surveyed, ("调研表", "from the survey")
    if use and saving > use:
        out.add(WARNING, "saving_above_use", record.values.get("claimed_annual_saving_kwh"),
                "claimed_annual_saving_kwh", saving=saving, use=use, source=source[0],
                source_en=source[1])


def _application_rules(row: dict, record: Record, parsed: ParsedSheet, out: Collector,
                       school_use: Mapping[str, float] | None = None) -> None:
    if row["project_type"] == PV:
        _require(row, PV_REQUIRED, "pv_field_required", record, parsed, out)
        _pv_yield_rule(row, record.values, out)
    elif row["project_type"] is not None:
        _require(row, NON_PV_REQUIRED, "saving_required", record, parsed, out)
        _saving_rule(row, record, school_use, out)
    _money_rules(row, record.values, out)
    start, finish = row["planned_start"], row["planned_finish"]
    if start is not None and finish is not None and finish < start:
        out.add(ERROR, "finish_before_start", record.values.get("planned_finish"),
                "planned_finish", start=start.isoformat(), finish=finish.isoformat())
    check_school_code(row, record.values.get("school_code"), out)


# Words saying a field does not concern this project (a lighting project's PV capacity).
NOT_APPLICABLE_WORDS = frozenset({"不涉及", "不适用", "无需", "不需要", "不含", "不填", "非光伏",
                                  "无此项", "n/a", "na", "notapplicable"})


def is_not_applicable(value: object) -> bool:
    """A "does not apply" entry: a placeholder (—, 无, ／) or 不涉及, 不适用, N/A."""
    if is_placeholder(value):
        return True
    return isinstance(value, str) and normalise_key(value) in NOT_APPLICABLE_WORDS


def _not_applicable_fields(record: Record, parsed: ParsedSheet, out: Collector) -> set[str]:
    """Fields that do not apply to the record's project type and hold 0 or a "does not
    apply" word: left blank, not errors (a lighting project's PV capacity of 0)."""
    located = record.values.get("project_type")
    kind = APPLICATION.choice_value("project_type", clean_text(located.value) or "") \
        if located is not None else None
    if kind is None:
        return set()
    names = NON_PV_REQUIRED if kind == PV else PV_REQUIRED
    skip = set()
    for name in names:
        cell = record.values.get(name)
        if cell is not None and (is_not_applicable(cell.value) or _is_zero(cell.value)):
            skip.add(name)
    return skip


_ENERGY_AND_POWER_UNITS = {**UNIT_FACTORS["kwh"], **UNIT_FACTORS["kwp"]}


def _is_zero(value: object) -> bool:
    """0, 0.0, 0kWh, 0 kWp: nothing, whatever energy or power unit is typed after it."""
    try:
        return parse_number(value, _ENERGY_AND_POWER_UNITS) == 0.0
    except NumberProblem:
        return False


def _serial_numbers_are_no_ids(parsed: ParsedSheet, records: list[Record]) -> None:
    """A 序号 column read as the ID for want of a 项目编号 (it may hold XH-2027-01) that only
    counts the rows, 1, 2, 3: no IDs; the rows are numbered as a sheet without IDs is."""
    match = next((m for m in parsed.mapping if m.field == "application_id"), None)
    if match is None or match.score >= 1.0:
        return
    values = [r.values["application_id"].value for r in records if "application_id" in r.values]
    try:
        numbers = [int(float(v)) for v in values]
    except (TypeError, ValueError):
        return
    if numbers == list(range(1, len(numbers) + 1)):
        for record in records:
            record.values.pop("application_id", None)
        parsed.columns.pop("application_id", None)


def _assumed_id(parsed: ParsedSheet, records: list[Record], book: Book, file_name: str,
                out: Collector) -> tuple[str, ...]:
    """Projects on a sheet with no application ID at all: one is numbered after the sheet
    (or the file when it is the only sheet), several (a district's summary numbered by 序号)
    after it with their order, -1, -2 …; with a warning."""
    _serial_numbers_are_no_ids(parsed, records)
    if "application_id" in parsed.columns or not records:
        return ()
    value = parsed.sheet if len(book.sheets) > 1 and parsed.sheet else Path(file_name).stem
    numbered = [value] if len(records) == 1 else [f"{value}-{k}" for k in
                                                    range(1, len(records) + 1)]
    for record, number in zip(records, numbered):
        record.values["application_id"] = Located(number, _cell_of(
            parsed, "project_name", record.row), record.row)
    shown = numbered[0] if len(numbered) == 1 else f"{numbered[0]} … {numbered[-1]}"
    out.add(WARNING, "application_id_assumed", None, "application_id", row=records[0].row,
            sheet=parsed.sheet or "", value=shown)
    return ("application_id",)


# One column giving both planned dates (建设周期: 2027年3月-2027年8月).
PERIOD_HEADERS = frozenset(normalise_key(w) for w in (
    "建设周期", "实施周期", "建设工期", "项目周期", "实施时间", "建设时间", "建设期限", "实施期限",
    "起止时间", "建设起止时间", "实施起止时间", "项目实施期", "计划实施时间", "计划建设周期"))
_RANGE_SEPARATORS = re.compile(r"\s*(?:—+|–|~|～|至|到|-)\s*")


def date_range(value: object) -> tuple[str, str] | None:
    """The two dates of ``2027年3月-2027年8月``, ``2027.03—2027.08`` or ``2027-03至2027-08``
    as typed, split where both halves read as dates; ``None`` otherwise."""
    if not isinstance(value, str):
        return None
    text = to_halfwidth(value).strip()
    for found in _RANGE_SEPARATORS.finditer(text):
        first, second = text[:found.start()], text[found.end():]
        try:
            if first and second and parse_date(first) and parse_date(second):
                return first, second
        except ValueError:
            continue
    return None


def _period_column(parsed: ParsedSheet, records: list[Record]) -> None:
    """An unread 建设周期 column whose every value is a date range gives each project its
    planned start and finish, said at the header."""
    if is_form(parsed) or parsed.grid is None or not records or {
            "planned_start", "planned_finish"} & set(parsed.columns):
        return
    grid = parsed.grid
    for match in parsed.mapping:
        if match.applied or normalise_key(clean_text(match.header) or "") not in PERIOD_HEADERS:
            continue
        cells = [(r, grid.value(r.row - grid.first_row, match.column)) for r in records]
        split = [(r, date_range(v)) for r, v in cells if not is_blank(v)]
        if not split or any(pair is None for _, pair in split):
            continue
        letter = match.cell.rstrip("0123456789")
        for record, (start, finish) in split:
            where = (f"{letter}{record.row}", record.row)
            record.values["planned_start"] = Located(start, *where)
            record.values["planned_finish"] = Located(finish, *where)
        parsed.columns["planned_start"] = parsed.columns["planned_finish"] = match.cell
        parsed.issues[:] = [i for i in parsed.issues if i.cell != match.cell]
        start, finish = APPLICATION.by_name["planned_start"], APPLICATION.by_name["planned_finish"]
        parsed.issues.append(Issue(INFO, "column_paired", *APPLICATION.text(
            "column_paired", header=match.header, label=start.label_zh, label_en=start.label_en,
            other=finish.label_zh, other_en=finish.label_en), cell=match.cell,
            row=parsed.header_row, value=match.header, sheet=parsed.sheet))
        return


def _types_from_names(parsed: ParsedSheet, records: list[Record], out: Collector
                      ) -> tuple[str, ...]:
    """No project-type column, but every project's name says its type (教学楼屋顶光伏,
    LED照明改造): the type is read from the name, with a warning at each name."""
    if "project_type" in parsed.columns or "project_name" not in parsed.columns or not records:
        return ()
    found = []
    for record in records:
        name = record.values.get("project_name")
        kind = APPLICATION.choice_value("project_type", clean_text(name.value) or "") \
            if name is not None else None
        if kind is None:
            return ()
        found.append((record, name, kind))
    for record, name, kind in found:
        record.values["project_type"] = Located(kind, name.cell, name.row)
        out.add(WARNING, "project_type_from_name", name, "project_type", type=kind,
                type_en=APPLICATION.by_name["project_type"].choices[
                    APPLICATION.by_name["project_type"].allowed_values.index(kind)].label_en)
    return ("project_type",)


def _unique(items: list[tuple[dict, Record, Collector]], key, code: str, **fields) -> None:
    first: dict = {}
    for row, record, out in items:
        k = key(row)
        if None in k:
            continue
        located = record.values.get("application_id")
        where = (located.cell if located else None) or f"row {record.row}"
        if out.sheet and len({o.sheet for _, _, o in items}) > 1:
            where = f"{out.sheet}!{where}"
        if k in first:
            out.add(ERROR, code, located, "application_id", value=row["application_id"],
                    first=first[k], **{f: fn(row) for f, fn in fields.items()})
        else:
            first[k] = where


def _sheet_applications(parsed: ParsedSheet, book: Book, file_name: str, report: Report,
                        school_use) -> list[tuple[dict, Record, Collector]]:
    out = _collector(report, parsed, APPLICATION_NOUN)
    records = data_records(parsed, "application_id")
    assumed = _assumed_id(parsed, records, book, file_name, out) if parsed.header_row else ()
    assumed += _types_from_names(parsed, records, out) if parsed.header_row else ()
    _period_column(parsed, records)
    if not _sheet_level(parsed, out, APPLICATIONS, assumed):
        return []
    if not records:
        out.add(ERROR, "no_rows_application", None, row=parsed.header_row)
        return []
    block = _block_values(parsed, out)
    items = []
    for record in records:
        skip = _not_applicable_fields(record, parsed, out)
        row = _convert_record(record, parsed, block, out, skip)
        _application_rules(row, record, parsed, out, school_use)
        items.append((row, record, out))
    return items


def _one_name_per_code(items: list[tuple[dict, Record, Collector]]) -> None:
    """One school code given two different school names (a code copied down a district's
    summary onto the next school's rows): an error at the second name's cell."""
    first: dict[str, tuple[str, Located | None]] = {}
    for row, record, out in items:
        code, name = row.get("school_code"), row.get("school_name")
        if not code or not name:
            continue
        seen = first.setdefault(code, (name, record.values.get("school_name")))
        if not same_school_name(seen[0], name):
            out.add(ERROR, "code_two_names", record.values.get("school_name"), "school_name",
                    school=code, first=seen[0], first_cell=seen[1].cell if seen[1] else "",
                    value=name)


def _empty(file_name: str, spec: TableSpec, kind: str) -> ParsedSheet:
    return ParsedSheet(file_name=file_name, kind=kind, spec=spec)


def check_applications(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS,
                       school_use: Mapping[str, float] | None = None) -> SheetResult:
    """Read and validate an application sheet's bytes.

    Every sheet holding applications is read: one table of many projects, or one project
    per sheet (申报表, 申报表 (2), …) as a table or a vertical form; units stated in a title
    or note (``（单位：万元）``) apply to the columns they govern.

    Parameters
    ----------
    data
        The file exactly as uploaded (.xlsx, .xls or .csv).
    file_name
        Original name; its extension decides the format.
    school_use
        Annual electricity use [kWh/yr] by school code from the survey store, when known;
        a claimed saving above it (or above the use the application states) is reported at
        the saving's cell.

    Returns
    -------
    SheetResult
        Report with every problem located by cell, and the applications in canonical
        units (money [CNY], energy [kWh], capacity [kWp], life [years]).

    Raises
    ------
    sheets.reader.UnreadableFile
        When the file is refused before parsing or cannot be parsed at all.
    """
    book = read_book(data, file_name, APPLICATION, limits)
    sheets = book.sheets or [_empty(file_name, APPLICATION, "")]
    issues = list(book.issues) + [i for p in sheets for i in p.issues]
    report = Report(file_name, issues, sheets[0].sheet)
    _formulas(book.formulas_without_value, _collector(report, sheets[0], APPLICATION_NOUN))
    items = []
    for parsed in sheets:
        items += _sheet_applications(parsed, book, file_name, report, school_use)
    _unique(items, lambda r: (normalise_key(r["application_id"] or ""),), "duplicate_application")
    _one_name_per_code(items)
    frame = typed_frame([row for row, _, _ in items], APPLICATION_FRAME_COLUMNS, APPLICATION)
    return SheetResult(APPLICATIONS, report, frame)


# --- reviews -----------------------------------------------------------------------------

def _criterion_en(value: str | None) -> str:
    col = REVIEW.by_name["criterion"]
    return next((c.label_en for c in col.choices if c.value == value), str(value))


def _score_sheet(sheet: ScoreSheet, report: Report) -> list[tuple[dict, Record, Collector]]:
    parsed = sheet.parsed
    out = _collector(report, parsed, REVIEW_NOUN)
    records = data_records(parsed, "application_id")
    if not _sheet_level(parsed, out, REVIEWS, ("criterion",)):  # see _whole_sheet_known
        return []
    if not records:
        out.add(ERROR, "no_rows_review", None, row=parsed.header_row)
        return []
    block = _block_values(parsed, out) if not is_score_matrix(sheet) else {}
    for name, located in (("reviewer_id", sheet.reviewer), ("criterion", sheet.criterion)):
        if located is not None and name not in block:
            block[name] = convert(REVIEW.by_name[name], located, 1.0, out, REVIEW)
    if not _whole_sheet_known(sheet, records, block, out):
        return []
    return [(_convert_record(r, parsed, block, out), r, out) for r in records]


def is_score_matrix(sheet: ScoreSheet) -> bool:
    return sheet.layout in (EXPERT_COLUMNS, CRITERION_COLUMNS, CRITERION_ROWS, EXPERT_ROWS,
                            CRITERIA_OVER_EXPERTS)


def _whole_sheet_known(sheet: ScoreSheet, records: list[Record], block: dict,
                       out: Collector) -> bool:
    """Every score needs its expert and criterion: from a column, the block, the title or
    the sheet's name; otherwise one located error for the sheet."""
    ok = True
    for name, code in (("reviewer_id", "review_no_reviewer"), ("criterion", "review_no_criterion")):
        if name not in block and not any(name in r.values for r in records):
            out.add(ERROR, code, None, name, row=sheet.parsed.header_row,
                    cell=sheet.parsed.columns.get("application_id"))
            ok = False
    return ok


def check_reviews(data: bytes, file_name: str, application_ids: Collection[str] | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> SheetResult:
    """Read and validate an expert-score file's bytes, in any layout
    (:func:`energy.subsidy.reviews.read_score_sheets`): a long table, experts or criteria as
    columns, one sheet per expert.

    Parameters
    ----------
    application_ids
        IDs of the applications under review; scores for other IDs are reported as
        warnings and dropped from the frame. ``None`` keeps every score.

    Returns
    -------
    SheetResult
        Report and one row per reviewer, application and criterion (score 0–5 [points]).
    """
    book = read_score_sheets(data, file_name, limits)
    sheets = book.sheets or [ScoreSheet(_empty(file_name, REVIEW, ""))]
    skipped = [_skipped_issue(REVIEW, name, reason) for name, reason in book.skipped
               if book.sheets]
    issues = book.issues + skipped + [i for s in sheets for i in s.parsed.issues]
    report = Report(file_name, issues, sheets[0].parsed.sheet)
    _formulas(book.formulas_without_value, _collector(report, sheets[0].parsed, REVIEW_NOUN))
    items = []
    for sheet in sheets:
        items += _score_sheet(sheet, report)
    for row, _, _ in items:  # 张  伟 padded to fill the cell is 张伟
        if isinstance(row.get("reviewer_id"), str):
            row["reviewer_id"] = person_name(row["reviewer_id"])
    _unique(items, lambda r: (r["reviewer_id"], normalise_key(r["application_id"] or ""),
                              r["criterion"]),
            "duplicate_review", reviewer=lambda r: r["reviewer_id"],
            criterion=lambda r: r["criterion"],
            criterion_en=lambda r: _criterion_en(r["criterion"]))
    if application_ids is not None:
        items = _known_applications(items, set(application_ids))
    rows = [row for row, _, _ in items]
    return SheetResult(REVIEWS, report, typed_frame(rows, REVIEW_FRAME_COLUMNS, REVIEW))


def _known_applications(items: list, known: set[str]) -> list:
    kept = []
    for row, record, out in items:
        if row["application_id"] is None or row["application_id"] in known:
            kept.append((row, record, out))
            continue
        out.add(WARNING, "review_unknown_application", record.values.get("application_id"),
                "application_id", value=row["application_id"])
    return kept


# --- intentions -------------------------------------------------------------------------

def check_intentions(data: bytes, file_name: str, limits: Limits = DEFAULT_LIMITS
                     ) -> SheetResult:
    """Read and validate a sheet of project intentions (收集项目申报意向): per row a project
    type, a rough investment [CNY] and a short description; the school code in a block
    above the table or as a column.

    Raises
    ------
    sheets.reader.UnreadableFile
        When the file is refused before parsing or cannot be parsed at all.
    """
    book = read_book(data, file_name, INTENTION, limits)
    sheets = book.sheets or [_empty(file_name, INTENTION, "")]
    report = Report(file_name, list(book.issues) + [i for p in sheets for i in p.issues],
                    sheets[0].sheet)
    _formulas(book.formulas_without_value, _collector(report, sheets[0], INTENTION_NOUN))
    rows = []
    for parsed in sheets:
        out = _collector(report, parsed, INTENTION_NOUN)
        if not _sheet_level(parsed, out, INTENTIONS):
            continue
        records = data_records(parsed, "project_type")
        if not records:
            out.add(ERROR, "no_rows_intention", None, row=parsed.header_row)
        block = _block_values(parsed, out)
        rows += [_convert_record(record, parsed, block, out) for record in records]
    frame = typed_frame(rows, INTENTION_FRAME_COLUMNS, INTENTION)
    return SheetResult(INTENTIONS, report, frame)


def check_sheet(data: bytes, file_name: str, kind: str = APPLICATIONS,
                limits: Limits = DEFAULT_LIMITS,
                application_ids: Collection[str] | None = None,
                school_use: Mapping[str, float] | None = None) -> SheetResult:
    """Check an application (``kind="applications"``) or score sheet's bytes, in this
    process; ``application_ids``: for score sheets, the applications under review;
    ``school_use``: for applications, annual use by school code [kWh/yr]."""
    if kind == REVIEWS:
        return check_reviews(data, file_name, application_ids, limits=limits)
    if kind != APPLICATIONS:
        raise ValueError(f"kind must be {APPLICATIONS!r} or {REVIEWS!r}, got {kind!r}")
    return check_applications(data, file_name, limits, school_use)


def check_file(path: str | Path, kind: str = APPLICATIONS, limits: Limits = DEFAULT_LIMITS,
               school_use: Mapping[str, float] | None = None) -> SheetResult:
    """Check an application (``kind="applications"``) or score sheet on disk, in the
    isolated worker (:func:`surveys.intake.isolated`)."""
    data = read_bounded(path, limits)
    return isolated(check_sheet, data, Path(path).name, kind, limits, None, school_use)
