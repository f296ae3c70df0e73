"""The committee's workbook and CSV: shortlist, full ranking with points, reasons, flags.

Workbook sheets: 入围名单 Shortlist, 全部排名 Ranking (every criterion's value and points),
待核实 Needs clarification (claims above their type's bound: why, what to ask the school),
未通过门槛 Gate failures, 核查标记 Flags, 专家评分 Reviews (aggregate and spread), 方法对比
Comparison (exact shortlist vs rank-order fill), 评分细则 Rubric (tables and the exact TOML
text), 参数 Parameters (budget, caps, date, data versions, solver, robustness). Chinese and
English headers, widths, frozen header, A4 landscape fitted to the page width, header row
repeated on every printed page.

Applicant text can never become a formula: the workbook is written with xlsxwriter's
``strings_to_formulas`` and ``strings_to_urls`` off, every text cell with ``write_string``,
and text starting with ``= + - @`` (also after leading whitespace, full-width forms too, or a
tab or carriage return) gets Excel's quote prefix. In the CSV (UTF-8 with BOM, so Excel shows
Chinese) such text is prefixed with ``'`` (:mod:`sheets.export_safety`).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import xlsxwriter

from energy.subsidy.outputs import (
    COMPARISON,
    CUMULATIVE,
    DECISION,
    FLAGS,
    GATE_REASONS,
    GATES,
    HOLD,
    IDENTITY,
    PARAMETER_LABELS,
    PARAMETERS,
    REVIEWS,
    RUBRIC,
    STATUS_TEXT,
    VERIFICATION,
    criterion_columns,
)
from sheets.export_safety import is_formula_like, neutralise_csv_cell
from sheets.outputs import BOOL_TEXT, OutputColumn, excel_format, is_missing

# --- cell values ---------------------------------------------------------------------------

def cell_text(value, column: OutputColumn) -> str | None:
    """A value as file text (booleans as ``是 yes``/``否 no``), or None when it is a number."""
    if column.dtype == "bool":
        return " ".join(BOOL_TEXT[lang][0 if bool(value) else 1] for lang in ("zh", "en"))
    if excel_format(column) is None or isinstance(value, str):
        return str(value)
    return None


def neutralise_csv(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would read as a formula (also after leading
    whitespace, and full-width ``＝＋－＠``; see :mod:`sheets.export_safety`)."""
    return neutralise_csv_cell(text)


# --- workbook --------------------------------------------------------------------------------

class _Formats:
    def __init__(self, book: xlsxwriter.Workbook):
        base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
        self.book, self.base = book, base
        self.header = book.add_format({**base, "bold": True, "text_wrap": True, "border": 1,
                                       "bg_color": "#BDD7EE", "valign": "vcenter"})
        self.title = book.add_format({**base, "bold": True, "font_size": 13})
        self.text = book.add_format({**base, "text_wrap": True})
        self.quoted = book.add_format({**base, "text_wrap": True, "quote_prefix": True})
        self.numbers: dict[str, object] = {}

    def number(self, column: OutputColumn):
        """The cell format of ``column``'s numbers (its declared Excel format)."""
        code = excel_format(column)
        if code not in self.numbers:
            self.numbers[code] = self.book.add_format({**self.base, "num_format": code})
        return self.numbers[code]


def _cell(sheet, row: int, col: int, value, column: OutputColumn, fmt: _Formats) -> None:
    if is_missing(value):
        sheet.write_blank(row, col, None, fmt.text)
        return
    shown = cell_text(value, column)
    if shown is None:
        sheet.write_number(row, col, float(value), fmt.number(column))
    elif is_formula_like(shown):
        sheet.write_string(row, col, shown, fmt.quoted)
    else:
        sheet.write_string(row, col, shown, fmt.text)


def _print_setup(sheet, header_rows: int, title: str) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_rows - 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_header(f"&L{title.replace('&', '&&')}&R&D")
    sheet.set_footer("&C第 &P / &N 页 Page &P of &N")


def write_frame(book, fmt: _Formats, name: str, frame: pd.DataFrame,
                columns: tuple[OutputColumn, ...]) -> None:
    """One sheet: bilingual header row, the rows, widths, frozen header, print setup."""
    sheet = book.add_worksheet(name)
    columns = tuple(c for c in columns if c.name in frame.columns)
    for j, col in enumerate(columns):
        sheet.write_string(0, j, col.bilingual_header, fmt.header)
        sheet.set_column(j, j, col.width)
    sheet.set_row(0, 36)
    for i, record in enumerate(frame[[c.name for c in columns]].itertuples(index=False)):
        for j, (col, value) in enumerate(zip(columns, record)):
            _cell(sheet, i + 1, j, value, col, fmt)
    sheet.freeze_panes(1, 2 if len(columns) > 2 else 0)
    if columns:
        sheet.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)
    _print_setup(sheet, 1, name)


def _with_school(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    names = table.drop_duplicates("application_id").set_index("application_id")
    return frame.assign(school_name=frame["application_id"].map(names["school_name"]),
                        project_name=frame["application_id"].map(names["project_name"]))


def _shortlist_frame(result) -> pd.DataFrame:
    shortlist = result.shortlist.copy()
    shortlist["cumulative_cny"] = shortlist["subsidy_requested_cny"].cumsum()
    return shortlist


def _comparison(result) -> pd.DataFrame:
    ranked = result.ranking
    differ = ranked[ranked["shortlisted"] != ranked["rank_fill_shortlisted"]]
    return differ.assign(only_in=differ["shortlisted"].map(
        {True: "仅最优方案 optimal only", False: "仅按名次填充 rank fill only"}))


def _rubric_rows(rubric) -> pd.DataFrame:
    rows = [{"section": "rubric", "id": rubric.name, "detail": rubric.version,
             "weight": None, "text": f"{rubric.label_zh} / {rubric.label_en}"},
            {"section": "method", "id": rubric.method, "detail": "", "weight": None,
             "text": "tie-break: " + ", ".join(rubric.tie_break)}]
    for g in rubric.gates:
        rows.append({"section": "gate", "id": g.id,
                     "detail": f"{g.metric} {g.op} {'' if g.threshold is None else g.threshold}",
                     "weight": None, "text": f"{g.reason_zh} / {g.reason_en}"})
    for c in rubric.criteria:
        bounds = f" [{c.lower:g}, {c.upper:g}]" if c.normalisation == "fixed" else ""
        rows.append({"section": "criterion", "id": c.id, "weight": c.weight,
                     "detail": f"{c.metric}, {c.direction}, {c.normalisation}{bounds}",
                     "text": f"{c.label_zh} / {c.label_en}"})
    for cap in rubric.caps:
        rows.append({"section": "cap", "id": cap.group, "detail": f"{cap.kind} ≤ {cap.limit:g}",
                     "weight": None, "text": ""})
    rows += [{"section": "toml", "id": f"{i + 1}", "detail": "", "weight": None, "text": line}
             for i, line in enumerate(rubric.text.splitlines())]
    return pd.DataFrame(rows)


def _parameter_rows(parameters: dict) -> pd.DataFrame:
    rows = []
    for name, value in parameters.items():
        known = PARAMETER_LABELS.by_name.get(name)
        zh, en = (known.label_zh, known.label_en) if known else ("", "")
        shown = value if isinstance(value, str) else (
            f"{value:,.2f}" if isinstance(value, float) and math.isfinite(value) else str(value))
        rows.append({"name": name, "label": f"{zh} {en}".strip(), "value": shown})
    return pd.DataFrame(rows)


def _with_status(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(status_text=frame["status"].map(STATUS_TEXT))


def _ranking_columns(rubric) -> tuple[OutputColumn, ...]:
    return (IDENTITY.columns + DECISION.columns + VERIFICATION.columns
            + criterion_columns(rubric))


def write_workbook(result, target: str | Path | io.BytesIO) -> None:
    """Write the committee's workbook for a :class:`~energy.subsidy.ranking.RankingResult`."""
    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    if isinstance(target, (str, Path)):
        book = xlsxwriter.Workbook(str(target), options)
    else:
        book = xlsxwriter.Workbook(target, {**options, "in_memory": True})
    fmt = _Formats(book)
    identity = IDENTITY.columns
    write_frame(book, fmt, "入围名单 Shortlist", _shortlist_frame(result),
                identity + (CUMULATIVE,) + DECISION.columns)
    write_frame(book, fmt, "全部排名 Ranking", result.ranking, _ranking_columns(result.rubric))
    write_frame(book, fmt, "待核实 Needs clarification", _with_status(result.held),
                identity + VERIFICATION.columns + HOLD.columns)
    write_frame(book, fmt, "未通过门槛 Gate failures",
                _with_school(result.gate_failures, result.table), GATES.columns)
    write_frame(book, fmt, "核查标记 Flags", _with_school(result.flags, result.table),
                FLAGS.columns)
    write_frame(book, fmt, "专家评分 Reviews", result.reviews, REVIEWS.columns)
    write_frame(book, fmt, "方法对比 Comparison", _comparison(result), (COMPARISON,) + identity)
    write_frame(book, fmt, "评分细则 Rubric", _rubric_rows(result.rubric), RUBRIC.columns)
    write_frame(book, fmt, "参数 Parameters", _parameter_rows(result.parameters),
                PARAMETERS.columns)
    book.close()


# --- CSV -------------------------------------------------------------------------------------

def _csv_frame(result) -> tuple[list[OutputColumn], pd.DataFrame]:
    reasons = result.gate_failures.groupby("application_id")["reason_zh"].agg("；".join)
    reasons_en = result.gate_failures.groupby("application_id")["reason_en"].agg("; ".join)
    rest = result.table[result.table["status"] != "ranked"]
    table = pd.concat([result.ranking, rest.sort_values("status", kind="stable")])
    table = table.assign(gate_reasons_zh=table["application_id"].map(reasons),
                         gate_reasons_en=table["application_id"].map(reasons_en))
    table = _with_status(table)
    cols = _ranking_columns(result.rubric) + GATE_REASONS + HOLD.columns
    return [c for c in cols if c.name in table.columns], table


def write_csv(result, target: str | Path | io.StringIO) -> None:
    """Every application (ranked first, then ineligible with reasons) as CSV, UTF-8 with BOM.

    A path is written with a BOM; a text buffer gets the BOM character first.
    """
    cols, table = _csv_frame(result)
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            _write_csv_rows(handle, cols, table)
    else:
        target.write("\ufeff")
        _write_csv_rows(target, cols, table)


def _write_csv_rows(handle, cols: list[OutputColumn], table: pd.DataFrame) -> None:
    writer = csv.writer(handle)
    writer.writerow([c.bilingual_header for c in cols])
    for record in table[[c.name for c in cols]].itertuples(index=False):
        writer.writerow([_csv_value(v, c) for c, v in zip(cols, record)])


def _csv_value(value, column: OutputColumn) -> str:
    if is_missing(value):
        return ""
    shown = cell_text(value, column)
    if shown is None:
        number = float(value)
        return str(int(number)) if number.is_integer() else f"{number:.4f}".rstrip("0")
    return neutralise_csv(shown)
