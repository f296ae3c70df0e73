"""The bilingual survey workbook a school fills in Excel or WPS, generated from the schema."""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from surveys.schema import BUILDING_COLUMNS, EXAMPLE_MARK, SCHOOL_COLUMNS, Column

SURVEY_SHEET = "调研表 Survey"
INSTRUCTIONS_SHEET = "填写说明 Instructions"
LISTS_SHEET = "选项 Lists"
TITLE = "建筑楼宇面积调研表 Building-area survey"
BLANK_ROWS = 300  # rows prepared with drop-down lists below the example row

# Layout of the survey sheet (zero-based rows): title, note, school block, buildings table.
SCHOOL_BLOCK_FIRST_ROW = 3
HEADER_ROW = SCHOOL_BLOCK_FIRST_ROW + len(SCHOOL_COLUMNS) + 2
EXAMPLE_ROW = HEADER_ROW + 1

INSTRUCTIONS = (
    ("1. 请在“调研表 Survey”工作表中填写：上方为学校信息，下方每栋建筑一行。",
     "1. Fill in the 'Survey' sheet: school information at the top, one row per building below."),
    ("2. 带 * 的为必填项；带下拉箭头的单元格请从列表中选择。",
     "2. Fields marked * are required; cells with a drop-down take a value from the list."),
    ("3. 面积单位为平方米（m²）；如按万平方米填写，请把表头单位改为（万㎡）。",
     "3. Areas are in square metres (m²); if you use 万㎡, change the header unit to (万㎡)."),
    ("4. 灰色斜体的【示例】行仅作参考，不会被导入，可保留或删除。",
     "4. The grey 【示例】 example row is for reference only and is never imported."),
    ("5. 经纬度可从高德/腾讯/百度地图复制，并在“坐标系”中注明来源，系统会自动换算为WGS84。",
     "5. Coordinates may be copied from Amap/Tencent/Baidu maps: name the source under "
     "'Coordinate system' and they are converted to WGS84."),
    ("6. 填好后可用命令 python -m surveys check 文件名 自查，或在系统“学校上传”页面上传。",
     "6. Check the sheet with `python -m surveys check FILE`, or upload it on the "
     "'School upload' page."),
)


def header_text(col: Column) -> str:
    """Header cell text of a column: ``*`` when required, then Chinese, English, unit."""
    return ("*" if col.required else "") + col.header


def cell_formats(book: xlsxwriter.Workbook) -> dict:
    """The shared cell formats of our workbooks (title, labels, headers, inputs…)."""
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "note": book.add_format({**base, "font_color": "#555555"}),
        "section": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7"}),
        "label": book.add_format({**base, "bold": True, "bg_color": "#F2F2F2", "border": 1}),
        "input": book.add_format({**base, "border": 1, "bg_color": "#FFFDE7"}),
        "header": book.add_format({**base, "bold": True, "text_wrap": True, "border": 1,
                                   "bg_color": "#BDD7EE", "align": "center"}),
        "example": book.add_format({**base, "italic": True, "font_color": "#808080",
                                    "border": 1}),
        "cell": book.add_format({**base, "border": 1}),
        "wrap": book.add_format({**base, "text_wrap": True, "valign": "top"}),
    }


def write_lists(book: xlsxwriter.Workbook, columns: tuple[Column, ...]) -> dict[str, str]:
    """Allowed values of ``columns`` on a hidden sheet; returns column name → cell range for
    the drop-down lists (data validation)."""
    sheet = book.add_worksheet(LISTS_SHEET)
    ranges = {}
    enum_columns = [c for c in columns if c.choices]
    for j, col in enumerate(enum_columns):
        sheet.write(0, j, col.name)
        for i, choice in enumerate(col.choices, start=1):
            sheet.write(i, j, choice.value)
        first = xl_rowcol_to_cell(1, j, row_abs=True, col_abs=True)
        last = xl_rowcol_to_cell(len(col.choices), j, row_abs=True, col_abs=True)
        ranges[col.name] = f"='{LISTS_SHEET}'!{first}:{last}"
    sheet.hide()
    return ranges


def add_dropdown(sheet, first_row: int, last_row: int, col_index: int, col: Column,
                 ranges: dict[str, str]) -> None:
    """A list validation over a column range when the column is enumerated."""
    if col.choices:
        sheet.data_validation(first_row, col_index, last_row, col_index, {
            "validate": "list", "source": ranges[col.name],
            "error_type": "warning",
            "error_title": "请从列表中选择 Choose from the list",
            "error_message": "、".join(col.allowed_values),
        })


def _instructions(book: xlsxwriter.Workbook, fmt: dict) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_SHEET)
    sheet.write(0, 0, TITLE + " — 填写说明 Instructions", fmt["title"])
    row = 2
    for zh, en in INSTRUCTIONS:
        sheet.write(row, 0, zh, fmt["wrap"])
        sheet.write(row + 1, 0, en, fmt["note"])
        row += 2
    row += 1
    heads = ("字段 Field", "单位 Unit", "必填 Required", "可选值 Allowed values", "说明 Description")
    for j, head in enumerate(heads):
        sheet.write(row, j, head, fmt["header"])
    for col in SCHOOL_COLUMNS + BUILDING_COLUMNS:
        row += 1
        allowed = "、".join(col.allowed_values)
        cells = (f"{col.label_zh} / {col.label_en}", col.unit_label,
                 "是 Yes" if col.required else "", allowed,
                 f"{col.description_zh}\n{col.description_en}")
        for j, value in enumerate(cells):
            sheet.write(row, j, value, fmt["wrap"])
    for j, width in enumerate((36, 10, 12, 40, 60)):
        sheet.set_column(j, j, width)


def _school_block(sheet, fmt: dict, ranges: dict, school: Mapping | None) -> None:
    sheet.write(SCHOOL_BLOCK_FIRST_ROW - 1, 0, "学校信息 School information", fmt["section"])
    for i, col in enumerate(SCHOOL_COLUMNS):
        row = SCHOOL_BLOCK_FIRST_ROW + i
        sheet.write(row, 0, header_text(col), fmt["label"])
        value = (school or {}).get(col.name)
        if value is None and school is None and col.default is not None:
            value = col.default
        sheet.write(row, 1, "" if value is None else value, fmt["input"])
        sheet.write_comment(row, 1, f"{col.description_zh}\n{col.description_en}",
                            {"x_scale": 2, "visible": False})
        add_dropdown(sheet, row, row, 1, col, ranges)


def _building_rows(sheet, fmt: dict, rows: Iterable[Mapping]) -> int:
    n = 0
    for i, building in enumerate(rows):
        for j, col in enumerate(BUILDING_COLUMNS):
            value = building.get(col.name)
            if value is not None and value == value:  # skip NaN
                sheet.write(EXAMPLE_ROW + 1 + i, j, value, fmt["cell"])
        n = i + 1
    return n


def _example_row(sheet, fmt: dict) -> None:
    for j, col in enumerate(BUILDING_COLUMNS):
        value = col.example
        if col.name == "building_name":
            value = f"{EXAMPLE_MARK}{value}"
        sheet.write(EXAMPLE_ROW, j, "" if value is None else value, fmt["example"])


def _survey_sheet(book, fmt, ranges, school, buildings) -> None:
    sheet = book.add_worksheet(SURVEY_SHEET)
    sheet.activate()
    last_col = len(BUILDING_COLUMNS) - 1
    sheet.merge_range(0, 0, 0, last_col, TITLE, fmt["title"])
    sheet.write(1, 0, "带 * 为必填；面积单位 m²；【示例】行不会导入。 Fields marked * are required; "
                "areas in m²; the 【示例】 example row is never imported.", fmt["note"])
    _school_block(sheet, fmt, ranges, school)
    sheet.write(HEADER_ROW - 1, 0, "建筑信息 Buildings (每栋建筑一行 one row per building)",
                fmt["section"])
    for j, col in enumerate(BUILDING_COLUMNS):
        sheet.write(HEADER_ROW, j, header_text(col), fmt["header"])
        sheet.set_column(j, j, col.width)
    sheet.set_column(0, 0, 36)
    sheet.set_row(HEADER_ROW, 42)
    _example_row(sheet, fmt)
    filled = _building_rows(sheet, fmt, buildings or ())
    last_row = EXAMPLE_ROW + max(BLANK_ROWS, filled + 50)
    for j, col in enumerate(BUILDING_COLUMNS):
        add_dropdown(sheet, EXAMPLE_ROW + 1, last_row, j, col, ranges)
    sheet.freeze_panes(HEADER_ROW + 1, 1)


def write_template(target: str | Path | io.BytesIO, school: Mapping | None = None,
                   buildings: Iterable[Mapping] | None = None,
                   created: _dt.datetime | None = None) -> None:
    """Write the bilingual survey workbook.

    Parameters
    ----------
    target
        Output path (``.xlsx``) or a binary buffer.
    school
        Optional school fields to prefill (canonical names), e.g. for demo sheets.
    buildings
        Optional building rows to prefill (canonical names; areas [m²]).
    created
        Creation time written into the file's properties; fix it for byte-identical output.
    """
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    if isinstance(target, (str, Path)):
        book = xlsxwriter.Workbook(str(target), options)
    else:
        book = xlsxwriter.Workbook(target, {**options, "in_memory": True})
    book.set_properties({"title": TITLE, "created": created or _dt.datetime.now(_dt.UTC)})
    fmt = cell_formats(book)
    _instructions(book, fmt)
    ranges = write_lists(book, SCHOOL_COLUMNS + BUILDING_COLUMNS)
    _survey_sheet(book, fmt, ranges, school, buildings)
    book.close()


def template_bytes(**kwargs) -> bytes:
    """The template as bytes (for downloads)."""
    buffer = io.BytesIO()
    write_template(buffer, **kwargs)
    return buffer.getvalue()
