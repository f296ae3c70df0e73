"""Bilingual workbooks generated from the declarations: application and expert-score sheets.

Two layouts per sheet, both read back by :mod:`energy.subsidy.intake`:

* the *template* a school (or an expert) fills: instructions, a block of school (reviewer)
  fields at the top, one row per application (score) below, drop-down lists from a hidden
  sheet, units in the headers and a grey 【示例】 example row that is never imported;
* a *flat table* with every column on every row, as the committee merges many schools'
  applications (used by the demo generator and the tests).

Formats and drop-downs are the survey template's (:mod:`surveys.template`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter

from energy.subsidy.schema import APPLICATION, REVIEW
from surveys.schema import EXAMPLE_MARK, Column, TableSpec
from surveys.template import add_dropdown, cell_formats, header_text, write_lists

APPLICATION_SHEET = "申请表 Applications"
REVIEW_SHEET = "评分表 Scores"
INSTRUCTIONS_SHEET = "填写说明 Instructions"
BLANK_ROWS = 200
BLOCK_FIRST_ROW = 3  # zero-based row of the first block field

APPLICATION_NOTES = (
    ("1. 上方填写学校信息，下方每个申请项目一行；带 * 为必填，带下拉箭头的从列表中选择。",
     "1. School information at the top, one row per project below; * marks required "
     "fields, cells with a drop-down take a value from the list."),
    ("2. 金额单位为元；如按万元填写，请把表头单位改为（万元）。电量单位为 kWh，可改为（万kWh）。",
     "2. Money in CNY (元); if you write 万元, change the header unit to (万元). Energy in "
     "kWh, or change the header to (万kWh)."),
    ("3. 光伏项目须填写装机容量和年发电量；其他项目须填写预计年节电量。",
     "3. PV projects give capacity and annual yield; other projects the annual saving."),
    ("4. 申报数据将与本校调研表和光伏估算核对：超出屋顶可装容量、或超过估算发电量120%的申报将被标记，按核定值计分。",
     "4. Claims are checked against the school's survey and our PV estimate: capacity "
     "above the roof's, or yield above 120% of our estimate, is flagged and scored at the "
     "verified figure."),
    ("5. 灰色斜体的【示例】行不会被导入。", "5. The grey 【示例】 example row is never imported."),
)

REVIEW_NOTES = (
    ("1. 每位专家一张表：上方填写专家编号，下方每个申请、每个评分项一行，评分 0–5 分。",
     "1. One sheet per expert: reviewer ID at the top, one row per application and "
     "criterion below, scores 0 to 5."),
    ("2. 4 位及以上专家评分时去掉一个最高分和一个最低分后取平均，否则取平均。",
     "2. With 4 or more reviewers the highest and lowest score are dropped before "
     "averaging; otherwise the plain mean is used."),
    ("3. 灰色斜体的【示例】行不会被导入。", "3. The grey 【示例】 example row is never imported."),
)


def _book(target) -> xlsxwriter.Workbook:
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    if isinstance(target, (str, Path)):
        return xlsxwriter.Workbook(str(target), options)
    return xlsxwriter.Workbook(target, {**options, "in_memory": True})


def _instructions(book, fmt: dict, spec: TableSpec, notes) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_SHEET)
    sheet.write_string(0, 0, f"{spec.title_zh} {spec.title_en} — 填写说明 Instructions",
                       fmt["title"])
    row = 2
    for zh, en in notes:
        sheet.write_string(row, 0, zh, fmt["wrap"])
        sheet.write_string(row + 1, 0, en, fmt["note"])
        row += 2
    heads = ("字段 Field", "单位 Unit", "必填 Required", "可选值 Allowed values", "说明 Description")
    row += 1
    for j, head in enumerate(heads):
        sheet.write_string(row, j, head, fmt["header"])
    for col in spec.columns:
        row += 1
        cells = (f"{col.label_zh} / {col.label_en}", col.unit_label,
                 "是 Yes" if col.required else "", "、".join(col.allowed_values),
                 f"{col.description_zh}\n{col.description_en}")
        for j, value in enumerate(cells):
            sheet.write_string(row, j, value, fmt["wrap"])
    for j, width in enumerate((36, 10, 12, 44, 60)):
        sheet.set_column(j, j, width)


def _write(sheet, row: int, col: int, value, cell_format) -> None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, cell_format)
    elif hasattr(value, "isoformat"):
        sheet.write_string(row, col, value.isoformat()[:10], cell_format)
    else:
        sheet.write_number(row, col, float(value), cell_format)


def _block(sheet, fmt, ranges, spec: TableSpec, values: Mapping | None) -> int:
    sheet.write_string(BLOCK_FIRST_ROW - 1, 0, "基本信息 Basic information", fmt["section"])
    for i, col in enumerate(spec.block_columns):
        row = BLOCK_FIRST_ROW + i
        sheet.write_string(row, 0, header_text(col), fmt["label"])
        _write(sheet, row, 1, (values or {}).get(col.name), fmt["input"])
        sheet.write_comment(row, 1, f"{col.description_zh}\n{col.description_en}",
                            {"x_scale": 2, "visible": False})
        add_dropdown(sheet, row, row, 1, col, ranges)
    return BLOCK_FIRST_ROW + len(spec.block_columns) + 2


def _table(sheet, fmt, ranges, columns: tuple[Column, ...], header_row: int,
           rows: Iterable[Mapping], example: bool) -> None:
    for j, col in enumerate(columns):
        sheet.write_string(header_row, j, header_text(col), fmt["header"])
        sheet.set_column(j, j, max(col.width, 2 * len(col.label_zh) + 2))
    sheet.set_row(header_row, 42)
    first = header_row + 1
    if example:
        for j, col in enumerate(columns):
            value = f"{EXAMPLE_MARK}{col.example}" if j == 0 else col.example
            _write(sheet, first, j, value, fmt["example"])
        first += 1
    n = 0
    for i, record in enumerate(rows):
        for j, col in enumerate(columns):
            _write(sheet, first + i, j, record.get(col.name), fmt["cell"])
        n = i + 1
    for j, col in enumerate(columns):
        add_dropdown(sheet, header_row + 1, first + max(BLANK_ROWS, n + 50), j, col, ranges)
    sheet.freeze_panes(header_row + 1, 1)


def _workbook(target, spec: TableSpec, sheet_name: str, notes, block: Mapping | None,
              rows: Iterable[Mapping], flat: bool, created: dt.datetime | None = None) -> None:
    book = _book(target)
    if created is not None:  # a fixed creation time makes the bytes reproducible
        book.set_properties({"created": created})
    fmt = cell_formats(book)
    _instructions(book, fmt, spec, notes)
    ranges = write_lists(book, spec.columns)
    sheet = book.add_worksheet(sheet_name)
    sheet.activate()
    sheet.write_string(0, 0, f"{spec.title_zh} {spec.title_en}", fmt["title"])
    sheet.write_string(1, 0, "带 * 为必填；【示例】行不会导入。 Fields marked * are required; the "
                       "【示例】 example row is never imported.", fmt["note"])
    columns = spec.columns if flat else spec.row_columns
    header_row = 3 if flat else _block(sheet, fmt, ranges, spec, block)
    _table(sheet, fmt, ranges, columns, header_row, rows, example=not flat)
    book.close()


def write_application_template(target: str | Path | io.BytesIO, school: Mapping | None = None,
                               applications: Iterable[Mapping] = ()) -> None:
    """Write the bilingual application workbook a school fills.

    Parameters
    ----------
    target
        Output path (``.xlsx``) or a binary buffer.
    school
        Optional school fields to prefill (canonical names).
    applications
        Optional application rows to prefill (canonical names; money [CNY], energy [kWh]).
    """
    _workbook(target, APPLICATION, APPLICATION_SHEET, APPLICATION_NOTES, school,
              applications, flat=False)


def write_applications_table(target: str | Path | io.BytesIO,
                             applications: Iterable[Mapping],
                             created: dt.datetime | None = None) -> None:
    """Write applications of many schools as one flat table (every column on every row).

    ``created`` fixes the workbook's creation time (reproducible bytes, e.g. demo data).
    """
    _workbook(target, APPLICATION, APPLICATION_SHEET, APPLICATION_NOTES, None, applications,
              flat=True, created=created)


def write_review_template(target: str | Path | io.BytesIO, reviewer_id: str | None = None,
                          scores: Iterable[Mapping] = ()) -> None:
    """Write the bilingual expert-score workbook (one per reviewer)."""
    block = {"reviewer_id": reviewer_id} if reviewer_id else None
    _workbook(target, REVIEW, REVIEW_SHEET, REVIEW_NOTES, block, scores, flat=False)


def write_reviews_table(target: str | Path | io.BytesIO, scores: Iterable[Mapping],
                        created: dt.datetime | None = None) -> None:
    """Write many reviewers' scores as one flat table (reviewer ID on every row)."""
    _workbook(target, REVIEW, REVIEW_SHEET, REVIEW_NOTES, None, scores, flat=True,
              created=created)


def to_bytes(writer, *args, **kwargs) -> bytes:
    """Run one of the writers above into memory and return the workbook's bytes."""
    buffer = io.BytesIO()
    writer(buffer, *args, **kwargs)
    return buffer.getvalue()
