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

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from energy.subsidy.messages import MESSAGES
from energy.subsidy.schema import (
    APPLICATION,
    APPLICATION_FRAME_COLUMNS,
    NON_PV_REQUIRED,
    PV,
    PV_REQUIRED,
    REVIEW,
    REVIEW_FRAME_COLUMNS,
)
from sheets.cells import clean_text
from sheets.reader import Located, ParsedSheet, Record, read_table
from sheets.report import ERROR, WARNING, Issue, Report
from sheets.safety import DEFAULT_LIMITS, Limits
from sheets.values import Collector, convert, typed_frame
from surveys.intake import isolated, read_bounded
from surveys.schema import EXAMPLE_MARK, TableSpec, normalise_key
from surveys.validate import check_school_code

# Shanghai's best orientation gives about 1,270 kWh/kWp a year (PVWatts v8, TMYx, 25–30°
# south; field notes); above 2,000 the yield is physically impossible here, below 300 it is
# almost surely written in 万kWh.
MAX_SPECIFIC_YIELD_KWH_PER_KWP = 2000.0
MIN_SPECIFIC_YIELD_KWH_PER_KWP = 300.0
FUNDING_TOLERANCE = 1.001  # subsidy + co-funding may exceed the investment by rounding only

APPLICATIONS, REVIEWS = "applications", "reviews"


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


# --- shared sheet handling -----------------------------------------------------------------

def _sheet_level(parsed: ParsedSheet, out: Collector, kind: str) -> bool:
    for sheet, cell in parsed.formulas_without_value:
        row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        zh, en = MESSAGES["formula_no_value"]
        out.report.add(Issue(ERROR, "formula_no_value", zh, en, cell=cell, row=row, sheet=sheet))
    if parsed.header_row is None:
        out.add(ERROR, f"no_header_{kind[:-1]}")
        return False
    for col in parsed.spec.row_columns:
        if col.required and col.name not in parsed.columns:
            out.add(ERROR, "missing_column", None, col.name, row=parsed.header_row,
                    label=f"{col.label_zh} {col.label_en}")
    return True


def _key_text(record: Record, key: str) -> str:
    located = record.values.get(key)
    return clean_text(located.value) or "" if located is not None else ""


def data_records(parsed: ParsedSheet, key: str) -> list[Record]:
    """The sheet's records without the template's 【示例】 example row."""
    return [r for r in parsed.records if not _key_text(r, key).startswith(EXAMPLE_MARK)]


def _cell_of(parsed: ParsedSheet, name: str, row: int) -> str | None:
    header = parsed.columns.get(name)
    return None if header is None else f"{header.rstrip('0123456789')}{row}"


def _block_values(parsed: ParsedSheet, out: Collector) -> dict[str, object]:
    """Fields written once above the table, converted once."""
    values = {}
    for col in parsed.spec.block_columns:
        located = parsed.school_block.get(col.name)
        if located is not None:
            values[col.name] = convert(col, located, 1.0, out, parsed.spec)
        elif col.required and col.name not in parsed.columns:
            cell = parsed.school_value_cells.get(col.name)
            out.add(ERROR, "missing_value" if cell else "missing_column", None, col.name,
                    cell=cell, row=parsed.header_row, label=f"{col.label_zh} {col.label_en}")
    return values


def _convert_record(record: Record, parsed: ParsedSheet, block: dict, out: Collector) -> dict:
    spec = parsed.spec
    row = {"source_row": record.row}
    for col in spec.columns:
        located = record.values.get(col.name)
        if located is None and col.name in block:
            row[col.name] = block[col.name]
            continue
        if located is None and col.required and col.name in parsed.columns:
            out.add(ERROR, "missing_value", None, col.name, row=record.row,
                    cell=_cell_of(parsed, col.name, record.row), label=col.label_zh)
        factor = parsed.header_factors.get(col.name, 1.0)
        row[col.name] = convert(col, located, factor, out, spec)
    return row


def _read(data: bytes, file_name: str, spec: TableSpec, kind: str, limits: Limits
          ) -> tuple[ParsedSheet, Collector, list[Record], dict]:
    """Read a sheet; the records to convert (none when the sheet itself is unusable)."""
    parsed = read_table(data, file_name, spec, limits)
    out = Collector(Report(file_name, list(parsed.issues), parsed.sheet), parsed.sheet, MESSAGES)
    records = data_records(parsed, "application_id")
    if not _sheet_level(parsed, out, kind):
        return parsed, out, [], {}
    if not records:
        out.add(ERROR, f"no_rows_{kind[:-1]}", None, row=parsed.header_row)
    return parsed, out, records, _block_values(parsed, out)


# --- applications ----------------------------------------------------------------------------

def _require(row: dict, names: tuple[str, ...], code: str, record: Record,
             parsed: ParsedSheet, out: Collector) -> None:
    for name in names:
        if row[name] is None and name not in record.values:
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


def _application_rules(row: dict, record: Record, parsed: ParsedSheet, out: Collector) -> None:
    if row["project_type"] == PV:
        _require(row, PV_REQUIRED, "pv_field_required", record, parsed, out)
        _pv_yield_rule(row, record.values, out)
    elif row["project_type"] is not None:
        _require(row, NON_PV_REQUIRED, "saving_required", record, parsed, out)
    _money_rules(row, record.values, out)
    start, finish = row["planned_start"], row["planned_finish"]
    if start is not None and finish is not None and finish < start:
        out.add(ERROR, "finish_before_start", record.values.get("planned_finish"),
                "planned_finish", start=start.isoformat(), finish=finish.isoformat())
    check_school_code(row, record.values.get("school_code"), out)


def _unique(rows: list[dict], records: list[Record], key, code: str, out: Collector,
            **fields) -> None:
    first: dict = {}
    for row, record in zip(rows, records):
        k = key(row)
        if None in k:
            continue
        located = record.values.get("application_id")
        if k in first:
            out.add(ERROR, code, located, "application_id", value=row["application_id"],
                    first=first[k], **{f: fn(row) for f, fn in fields.items()})
        else:
            first[k] = located.cell if located else f"row {record.row}"


def check_applications(data: bytes, file_name: str,
                       limits: Limits = DEFAULT_LIMITS) -> SheetResult:
    """Read and validate an application sheet's bytes.

    Parameters
    ----------
    data
        The file exactly as uploaded (.xlsx, .xls or .csv).
    file_name
        Original name; its extension decides the format.

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
    parsed, out, records, block = _read(data, file_name, APPLICATION, APPLICATIONS, limits)
    rows = []
    for record in records:
        row = _convert_record(record, parsed, block, out)
        _application_rules(row, record, parsed, out)
        rows.append(row)
    _unique(rows, records, lambda r: (normalise_key(r["application_id"] or ""),),
            "duplicate_application", out)
    frame = typed_frame(rows, APPLICATION_FRAME_COLUMNS, APPLICATION)
    return SheetResult(APPLICATIONS, out.report, frame)


# --- reviews -----------------------------------------------------------------------------

def _criterion_en(value: str | None) -> str:
    col = REVIEW.by_name["criterion"]
    return next((c.label_en for c in col.choices if c.value == value), str(value))


def check_reviews(data: bytes, file_name: str, application_ids: Collection[str] | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> SheetResult:
    """Read and validate an expert-score sheet's bytes.

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
    parsed, out, records, block = _read(data, file_name, REVIEW, REVIEWS, limits)
    rows = [_convert_record(record, parsed, block, out) for record in records]
    _unique(rows, records,
            lambda r: (r["reviewer_id"], normalise_key(r["application_id"] or ""),
                       r["criterion"]),
            "duplicate_review", out, reviewer=lambda r: r["reviewer_id"],
            criterion=lambda r: r["criterion"], criterion_en=lambda r: _criterion_en(
                r["criterion"]))
    if application_ids is not None:
        rows = _known_applications(rows, records, set(application_ids), out)
    return SheetResult(REVIEWS, out.report, typed_frame(rows, REVIEW_FRAME_COLUMNS, REVIEW))


def _known_applications(rows: list[dict], records: list[Record], known: set[str],
                        out: Collector) -> list[dict]:
    kept = []
    for row, record in zip(rows, records):
        if row["application_id"] is None or row["application_id"] in known:
            kept.append(row)
            continue
        out.add(WARNING, "review_unknown_application", record.values.get("application_id"),
                "application_id", value=row["application_id"])
    return kept


def check_sheet(data: bytes, file_name: str, kind: str = APPLICATIONS,
                limits: Limits = DEFAULT_LIMITS,
                application_ids: Collection[str] | None = None) -> SheetResult:
    """Check an application (``kind="applications"``) or score sheet's bytes, in this
    process; ``application_ids``: for score sheets, the applications under review."""
    if kind == REVIEWS:
        return check_reviews(data, file_name, application_ids, limits=limits)
    if kind != APPLICATIONS:
        raise ValueError(f"kind must be {APPLICATIONS!r} or {REVIEWS!r}, got {kind!r}")
    return check_applications(data, file_name, limits)


def check_file(path: str | Path, kind: str = APPLICATIONS,
               limits: Limits = DEFAULT_LIMITS) -> SheetResult:
    """Check an application (``kind="applications"``) or score sheet on disk, in the
    isolated worker (:func:`surveys.intake.isolated`)."""
    data = read_bounded(path, limits)
    return isolated(check_sheet, data, Path(path).name, kind, limits)
