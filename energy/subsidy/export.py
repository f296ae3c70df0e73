"""The committee's workbook and CSV: shortlist, full ranking with points, reasons, flags.

Workbook sheets: 入围名单 Shortlist, 全部排名 Ranking (every criterion's value and points),
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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter

from energy.subsidy.metrics import METRICS
from sheets.export_safety import is_formula_like, neutralise_csv_cell

NUMBER_FORMATS = {"int": "0", "cny": "#,##0", "kwh": "#,##0", "kwp": "#,##0.0",
                  "score": "0.00", "prob": "0%", "float": "0.00", "share": "0.0%"}


@dataclass(frozen=True)
class Out:
    """One exported column: table key, bilingual header, kind (number format), width."""

    key: str
    zh: str
    en: str
    kind: str = "text"
    width: int = 12

    @property
    def header(self) -> str:
        return f"{self.zh} {self.en}"


IDENTITY = (
    Out("rank", "排名", "Rank", "int", 7),
    Out("application_id", "申请编号", "Application ID", "text", 14),
    Out("school_code", "学校代码", "School code", "text", 13),
    Out("school_name", "学校名称", "School name", "text", 22),
    Out("district", "所在区", "District", "text", 10),
    Out("project_name", "项目名称", "Project", "text", 24),
    Out("project_type", "项目类型", "Type", "text", 12),
    Out("subsidy_requested_cny", "申请补助（元）", "Subsidy requested (CNY)", "cny", 14),
    Out("score", "得分", "Score", "score", 9),
)
DECISION = (
    Out("shortlisted", "入围（最优）", "Shortlisted (optimal)", "bool", 11),
    Out("rank_fill_shortlisted", "按名次填充入围", "In rank-order fill", "bool", 11),
    Out("shortlist_probability", "入围概率", "Shortlist probability", "prob", 10),
    Out("borderline", "边缘", "Borderline", "bool", 9),
    Out("weight_moves_that_flip", "单项权重变动导致变化", "Weight moves that flip it", "text", 26),
    Out("n_flags", "核查标记数", "Flags", "int", 8),
)
VERIFICATION = (
    Out("claimed_annual_kwh", "申报年电量（kWh）", "Claimed (kWh/yr)", "kwh", 13),
    Out("verified_annual_kwh", "核定年电量（kWh）", "Verified (kWh/yr)", "kwh", 13),
    Out("pv_roof_capacity_kwp", "屋顶可装容量（kWp）", "Roof capacity (kWp)", "kwp", 13),
    Out("claimed_pv_capacity_kwp", "申报装机（kWp）", "Claimed capacity (kWp)", "kwp", 13),
)
GATE_COLUMNS = (
    Out("application_id", "申请编号", "Application ID", "text", 14),
    Out("school_name", "学校名称", "School name", "text", 22),
    Out("project_name", "项目名称", "Project", "text", 24),
    Out("gate", "门槛", "Gate", "text", 16),
    Out("value", "本项目数值", "Value", "float", 12),
    Out("threshold", "门槛值", "Threshold", "float", 10),
    Out("reason_zh", "原因", "Reason (Chinese)", "text", 46),
    Out("reason_en", "原因（英文）", "Reason (English)", "text", 46),
)
FLAG_COLUMNS = (
    Out("application_id", "申请编号", "Application ID", "text", 14),
    Out("school_name", "学校名称", "School name", "text", 22),
    Out("code", "标记", "Flag", "text", 26),
    Out("claimed", "申报值", "Claimed", "float", 13),
    Out("estimated", "我们的估算/上限", "Our estimate / bound", "float", 13),
    Out("unit", "单位", "Unit", "text", 7),
    Out("message_zh", "说明", "Explanation (Chinese)", "text", 50),
    Out("message_en", "说明（英文）", "Explanation (English)", "text", 50),
)
REVIEW_COLUMNS = (
    Out("application_id", "申请编号", "Application ID", "text", 14),
    Out("criterion", "评分项", "Criterion", "text", 12),
    Out("n_reviewers", "专家人数", "Reviewers", "int", 9),
    Out("score", "汇总得分", "Aggregate", "score", 10),
    Out("mean", "平均分", "Mean", "score", 9),
    Out("min", "最低分", "Lowest", "score", 9),
    Out("max", "最高分", "Highest", "score", 9),
    Out("spread", "极差", "Spread", "score", 9),
    Out("std", "标准差", "Std. dev.", "score", 9),
    Out("trimmed", "去掉最高最低", "Trimmed", "bool", 10),
)
PARAMETER_LABELS = {
    "budget_cny": ("预算（元）", "Budget (CNY)"), "caps": ("限额", "Caps"),
    "run_date": ("运行日期", "Run date"), "reference_year": ("楼龄计算年份", "Reference year"),
    "rubric_name": ("评分细则", "Rubric"), "rubric_version": ("细则版本", "Rubric version"),
    "rubric_sha256": ("细则 SHA-256", "Rubric SHA-256"), "method": ("方法", "Method"),
    "survey_data": ("调研数据版本", "Survey data version"),
    "application_data": ("申请数据版本", "Application data version"),
}


def criterion_columns(rubric) -> tuple[Out, ...]:
    """Value and points of every criterion (and TOPSIS gaps), for the ranking sheet."""
    cols = []
    for c in rubric.criteria:
        unit = METRICS[c.metric].unit
        cols.append(Out(c.metric, c.label_zh + (f"（{unit}）" if unit else ""), c.label_en,
                        "float", 14))
        view = ("（加权和视角）", " (weighted-sum view)") if rubric.method == "topsis" else ("", "")
        cols.append(Out(f"points_{c.id}", f"{c.label_zh} 得分{view[0]}",
                        f"points (w {c.weight:g}){view[1]}", "score", 11))
    if rubric.method == "topsis":
        for c in rubric.criteria:
            cols.append(Out(f"gap_best_{c.id}", f"{c.label_zh} 距理想解²",
                            "squared gap to ideal", "float", 11))
            cols.append(Out(f"gap_worst_{c.id}", f"{c.label_zh} 距负理想解²",
                            "squared gap to anti-ideal", "float", 11))
    return tuple(cols)


# --- cell values ---------------------------------------------------------------------------

def is_blank(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def cell_text(value, kind: str) -> str | None:
    """A value as display text (booleans as 是/否), or None when it is a number."""
    if kind == "bool":
        return "是 yes" if bool(value) else "否 no"
    if kind == "text" or isinstance(value, str):
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
        self.numbers = {k: book.add_format({**base, "num_format": f})
                        for k, f in NUMBER_FORMATS.items()}


def _cell(sheet, row: int, col: int, value, kind: str, fmt: _Formats) -> None:
    if is_blank(value):
        sheet.write_blank(row, col, None, fmt.text)
        return
    shown = cell_text(value, kind)
    if shown is None:
        sheet.write_number(row, col, float(value), fmt.numbers.get(kind, fmt.numbers["float"]))
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
                columns: tuple[Out, ...]) -> None:
    """One sheet: bilingual header row, the rows, widths, frozen header, print setup."""
    sheet = book.add_worksheet(name)
    columns = tuple(c for c in columns if c.key in frame.columns)
    for j, col in enumerate(columns):
        sheet.write_string(0, j, col.header, fmt.header)
        sheet.set_column(j, j, col.width)
    sheet.set_row(0, 36)
    for i, record in enumerate(frame[[c.key for c in columns]].itertuples(index=False)):
        for j, (col, value) in enumerate(zip(columns, record)):
            _cell(sheet, i + 1, j, value, col.kind, fmt)
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


RUBRIC_COLUMNS = (
    Out("section", "部分", "Section", "text", 10), Out("id", "编号", "ID", "text", 22),
    Out("detail", "定义", "Definition", "text", 40), Out("weight", "权重", "Weight", "float", 8),
    Out("text", "说明 / TOML 原文", "Text / TOML source", "text", 90),
)
PARAMETER_COLUMNS = (
    Out("name", "参数", "Parameter", "text", 28), Out("label", "说明", "Label", "text", 28),
    Out("value", "值", "Value", "text", 80),
)


def _parameter_rows(parameters: dict) -> pd.DataFrame:
    rows = []
    for name, value in parameters.items():
        zh, en = PARAMETER_LABELS.get(name, ("", ""))
        shown = value if isinstance(value, str) else (
            f"{value:,.2f}" if isinstance(value, float) and math.isfinite(value) else str(value))
        rows.append({"name": name, "label": f"{zh} {en}".strip(), "value": shown})
    return pd.DataFrame(rows)


def write_workbook(result, target: str | Path | io.BytesIO) -> None:
    """Write the committee's workbook for a :class:`~energy.subsidy.ranking.RankingResult`."""
    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    if isinstance(target, (str, Path)):
        book = xlsxwriter.Workbook(str(target), options)
    else:
        book = xlsxwriter.Workbook(target, {**options, "in_memory": True})
    fmt = _Formats(book)
    shortlist_cols = IDENTITY + (Out("cumulative_cny", "累计补助（元）", "Cumulative (CNY)",
                                     "cny", 14),) + DECISION
    write_frame(book, fmt, "入围名单 Shortlist", _shortlist_frame(result), shortlist_cols)
    write_frame(book, fmt, "全部排名 Ranking", result.ranking,
                IDENTITY + DECISION + VERIFICATION + criterion_columns(result.rubric))
    write_frame(book, fmt, "未通过门槛 Gate failures",
                _with_school(result.gate_failures, result.table), GATE_COLUMNS)
    write_frame(book, fmt, "核查标记 Flags", _with_school(result.flags, result.table),
                FLAG_COLUMNS)
    write_frame(book, fmt, "专家评分 Reviews", result.reviews, REVIEW_COLUMNS)
    write_frame(book, fmt, "方法对比 Comparison", _comparison(result),
                (Out("only_in", "差异", "Difference", "text", 24),) + IDENTITY)
    write_frame(book, fmt, "评分细则 Rubric", _rubric_rows(result.rubric), RUBRIC_COLUMNS)
    write_frame(book, fmt, "参数 Parameters", _parameter_rows(result.parameters),
                PARAMETER_COLUMNS)
    book.close()


# --- CSV -------------------------------------------------------------------------------------

def _csv_frame(result) -> tuple[list[Out], pd.DataFrame]:
    reasons = result.gate_failures.groupby("application_id")["reason_zh"].agg("；".join)
    reasons_en = result.gate_failures.groupby("application_id")["reason_en"].agg("; ".join)
    table = pd.concat([result.ranking, result.table[~result.table["eligible"]]])
    table = table.assign(gate_reasons_zh=table["application_id"].map(reasons),
                         gate_reasons_en=table["application_id"].map(reasons_en))
    cols = list(IDENTITY + DECISION + VERIFICATION + criterion_columns(result.rubric)) + [
        Out("gate_reasons_zh", "未通过门槛原因", "Gate failures (Chinese)"),
        Out("gate_reasons_en", "未通过门槛原因（英文）", "Gate failures (English)")]
    return [c for c in cols if c.key in table.columns], table


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


def _write_csv_rows(handle, cols: list[Out], table: pd.DataFrame) -> None:
    writer = csv.writer(handle)
    writer.writerow([c.header for c in cols])
    for record in table[[c.key for c in cols]].itertuples(index=False):
        writer.writerow([_csv_value(v, c.kind) for c, v in zip(cols, record)])


def _csv_value(value, kind: str) -> str:
    if is_blank(value):
        return ""
    shown = cell_text(value, kind)
    if shown is None:
        number = float(value)
        return str(int(number)) if number.is_integer() else f"{number:.4f}".rstrip("0")
    return neutralise_csv(shown)
