"""A fourth held-out corpus: sheets as a school's 总务处 fills them in Excel 2010 or WPS.

Made without reading the reader, each sheet one habit not in the first three corpora:
a register copied from last year's 校舍安全 or 房产 records, 建筑面积 split into 地上 and 地下,
栋号 names (A楼, 1#, ①), 层数 as 4/1, 占地面积 for a missing roof area, one 屋面情况
sentence, 坐北朝南, phased years (1998-2003), ditto marks (同上, 〃), 照片 links, a school
named only by its sheet tab or file name, numbers kept as text, a table pasted from Word,
struck-through rows, Excel's default empty Sheet2 and Sheet3, and so on. :func:`cases`
returns them with the :class:`~tests.surveys.realistic.corpus.Case` / ``Expect`` structure;
every case name starts with ``fourth_``.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass

import xlsxwriter
import xlwt

from tests.surveys.realistic.corpus import Case, Expect
from tests.surveys.realistic.corpus_unseen import delimited, xls

# --- writers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    """A cell as a person formats it: struck through, kept as text ('), filled, commented, linked."""

    value: object
    strike: bool = False
    quote: bool = False
    fill: str | None = None
    bold: bool = False
    comment: str | None = None
    link: str | None = None
    formula: str | None = None
    num_format: str | None = None
    rich: tuple = ()  # runs of (text, format properties or None), as typed with mixed formatting


@dataclass
class Sheet:
    """One worksheet: ``cells`` from A1, ``merges`` as (r0, c0, r1, c1, text)."""

    cells: list[list]
    name: str = "Sheet1"
    merges: tuple = ()
    hidden_columns: tuple[int, ...] = ()
    table: dict | None = None  # Excel "format as table": first_row, last_row, last_col, options
    hidden_rows: tuple[int, ...] = ()
    protect: bool = False
    chart_of: tuple[int, int, int] | None = None  # (first row, last row, value column)
    bordered_blank_rows: int = 0  # empty rows with borders under the cells, as on a form
    bold_rows: tuple[int, ...] = ()  # whole rows formatted (all 16,384 columns), as by a row click
    chart_sheet_before: bool = False  # a chart sheet (图表1) ahead of this sheet
    collapsed_groups: tuple[tuple[int, int], ...] = ()  # (first, last) rows grouped and collapsed
    text_box: tuple[int, int, str] | None = None  # (row, column, text) of a drawn text box
    filtered: tuple[int, int, str, tuple[int, ...]] | None = None  # header row, column, kept value, rows hidden


def _format(wb, cell: Styled, cache: dict):
    key = (cell.strike, cell.quote, cell.fill, cell.bold, cell.num_format)
    if key == (False, False, None, False, None):
        return None
    if key not in cache:
        props = {"font_strikeout": cell.strike, "quote_prefix": cell.quote, "bold": cell.bold}
        if cell.fill:
            props.update(bg_color=cell.fill, pattern=1)
        if cell.num_format:
            props.update(num_format=cell.num_format)
        cache[key] = wb.add_format(props)
    return cache[key]


def _write(wb, ws, i: int, j: int, value, cache: dict) -> None:
    cell = value if isinstance(value, Styled) else Styled(value)
    style = _format(wb, cell, cache)
    if cell.rich:
        parts = []
        for text, props in cell.rich:
            parts += [wb.add_format(props), text] if props else [text]
        ws.write_rich_string(i, j, *parts)
    elif cell.formula:
        ws.write_formula(i, j, cell.formula, style, cell.value)
    elif cell.link:
        ws.write_url(i, j, cell.link, style, str(cell.value))
    elif isinstance(cell.value, (dt.date, dt.datetime)):
        ws.write_datetime(i, j, cell.value, cache.setdefault("date", wb.add_format(
            {"num_format": "yyyy-mm-dd"})))
    elif isinstance(cell.value, str):
        ws.write_string(i, j, cell.value, style)
    elif cell.value is not None:
        ws.write_number(i, j, cell.value, style)
    if cell.comment:
        ws.write_comment(i, j, cell.comment)


def _chart_sheet(wb, sheet: Sheet) -> None:
    chart = wb.add_chart({"type": "pie"})
    first = next(i for i, row in enumerate(sheet.cells) if row[:1] == [HEADER[0]]) + 1
    chart.add_series({"categories": [sheet.name, first, 0, len(sheet.cells) - 1, 0],
                      "values": [sheet.name, first, 4, len(sheet.cells) - 1, 4]})
    wb.add_chartsheet("图表1").set_chart(chart)


def _decorate(wb, ws, sheet: Sheet) -> None:
    """Hidden rows, protection, a chart and a form's bordered empty rows."""
    for row in sheet.hidden_rows:
        ws.set_row(row, None, None, {"hidden": True})
    if sheet.filtered:
        header, col, kept, rows_hidden = sheet.filtered
        ws.autofilter(header, 0, len(sheet.cells) - 1, max(len(r) for r in sheet.cells) - 1)
        ws.filter_column(col, f"x == {kept}")
        for row in rows_hidden:
            ws.set_row(row, None, None, {"hidden": True})
    if sheet.text_box:
        row, col, text = sheet.text_box
        ws.insert_textbox(row, col, text, {"width": 520, "height": 50})
    for first, last in sheet.collapsed_groups:
        for row in range(first, last + 1):
            ws.set_row(row, None, None, {"level": 1, "hidden": True})
        ws.set_row(last + 1, None, None, {"collapsed": True})
    for row in sheet.bold_rows:
        ws.set_row(row, None, wb.add_format({"bold": True, "bg_color": "#DDEBF7", "pattern": 1}))
    if sheet.protect:
        ws.protect()
    if sheet.chart_of:
        first, last, col = sheet.chart_of
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"categories": [sheet.name, first, 0, last, 0],
                          "values": [sheet.name, first, col, last, col]})
        ws.insert_chart(first, col + 4, chart)
    if sheet.bordered_blank_rows:
        border = wb.add_format({"border": 1})
        width = max(len(r) for r in sheet.cells)
        for i in range(len(sheet.cells), len(sheet.cells) + sheet.bordered_blank_rows):
            for j in range(width):
                ws.write_blank(i, j, None, border)


def workbook(*sheets: Sheet) -> bytes:
    """An .xlsx of ``sheets``; a str cell stays text even when it looks like a number."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    cache: dict = {}
    for sheet in sheets:
        if sheet.chart_sheet_before:
            _chart_sheet(wb, sheet)
        ws = wb.add_worksheet(sheet.name)
        covered = {(r, c) for r0, c0, r1, c1, _ in sheet.merges
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        table_cells = set()
        if sheet.table:
            t = sheet.table
            table_cells = {(t["first_row"], c) for c in range(t["last_col"] + 1)}
            ws.add_table(t["first_row"], 0, t["last_row"], t["last_col"], t["options"])
        for i, row in enumerate(sheet.cells):
            for j, value in enumerate(row):
                if value is not None and (i, j) not in covered and (i, j) not in table_cells:
                    _write(wb, ws, i, j, value, cache)
        for r0, c0, r1, c1, text in sheet.merges:
            ws.merge_range(r0, c0, r1, c1, text)
        for col in sheet.hidden_columns:
            ws.set_column(col, col, None, None, {"hidden": True})
        _decorate(wb, ws, sheet)
    wb.close()
    return buffer.getvalue()


def as_excel_saves_text_results(data: bytes) -> bytes:
    """Mark formula cells whose cached result is the empty text as Excel does (t="str");
    xlsxwriter leaves the type off an empty result."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")?><f>([^<]*)</f><v></v></c>',
                              rb'<c r="\1"\2 t="str"><f>\3</f><v></v></c>', body)
            out.writestr(item, body)
    return target.getvalue()


def web_export(cells: list[list]) -> bytes:
    """An .xlsx as a web platform's export writes it: inline strings, no styles, no shared
    strings, and a <dimension> of A1 whatever the sheet holds."""
    def cell(i: int, j: int, value) -> str:
        ref = f"{chr(65 + j)}{i + 1}"
        if isinstance(value, str):
            text = value.replace("&", "&amp;").replace("<", "&lt;")
            return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'
    body = "".join(
        f'<row r="{i + 1}">' + "".join(cell(i, j, v) for j, v in enumerate(row) if v is not None)
        + "</row>" for i, row in enumerate(cells) if any(v is not None for v in row))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="导出数据" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><dimension ref="A1"/>'
            f"<sheetData>{body}</sheetData></worksheet>"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in files.items():
            out.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def as_excel_fills_down(data: bytes, column: str, first: int, last: int) -> bytes:
    """Rewrite the formulas of ``column`` rows first..last as Excel saves a formula filled down:
    one shared formula (<f t="shared" ref=… si="0">) and the cells below pointing at it."""
    def shared(row: int, formula: bytes) -> bytes:
        if row == first:
            return b'<f t="shared" ref="%s%d:%s%d" si="0">%s</f>' % (
                column.encode(), first, column.encode(), last, formula)
        return b'<f t="shared" si="0"/>'
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for row in range(first, last + 1):
                    pattern = rb'(<c r="%s%d"[^>]*>)<f>([^<]*)</f>' % (column.encode(), row)
                    body = re.sub(pattern, lambda m, r=row: m.group(1) + shared(r, m.group(2)), body)
            out.writestr(item, body)
    return target.getvalue()


def xlsx(cells: list[list], merges: tuple = (), **options) -> bytes:
    return workbook(Sheet(cells, merges=merges, **options))


def school(code: str, name: str, district: str, kind: str) -> list[list]:
    return [["学校名称", name, None, "学校代码", code],
            ["所在区", district, None, "学校类型", kind]]


def case(name: str, file_name: str, data: bytes, expect: Expect) -> Case:
    return Case("fourth_" + name, file_name, data, expect)


HEADER = ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]


# --- registers copied from other forms -----------------------------------------------------

def safety_register_xls() -> Case:
    """Last year's 校舍安全 register (.xls from the old system) with our roof columns added."""
    rows = [["上海市徐汇区南洋初级中学校舍安全信息登记表（2025年度）"],
            ["学校名称", "上海市徐汇区南洋初级中学", None, "学校代码", "3101040021"],
            ["所在区", "徐汇区", None, "学校类型", "初级中学"],
            ["序号", "资产编号", "产权证号", "建筑名称", "结构类型", "建筑用途", "建成年份", "层数",
             "土地面积（㎡）", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型", "抗震设防类别", "安全等级"],
            [1, "GZ-2003-0011", "沪房地徐字(2003)第012345号", "教学楼", "框架", "教学", 2003, 5,
             28000, 7800, 1600, "平屋面", "乙类", "B级"],
            [2, "GZ-1996-0004", "沪房地徐字(1996)第004321号", "实验楼", "砖混", "实验", 1996, 4,
             28000, 3200, 820, "平屋面", "乙类", "C级"],
            [3, "GZ-2011-0020", "沪房地徐字(2011)第020202号", "体育馆", "钢结构", "体育馆", 2011, 2,
             28000, 2600, 1900, "彩钢瓦", "乙类", "A级"]]
    return case("safety_register_xls", "南洋初中校舍安全登记表.xls", xls(rows), Expect(
        3, {(0, "gross_floor_area_m2"): 7800.0, (1, "gross_floor_area_m2"): 3200.0,
            (2, "roof_area_m2"): 1900.0, (0, "roof_type"): "混凝土平屋面",
            (2, "roof_type"): "彩钢瓦", (1, "floors_above_ground"): 4, (1, "year_built"): 1996},
        {"school_code": "3101040021", "school_type": "中小学"}, warnings={"ignored_column"}))


def property_register_footprint() -> Case:
    """A 房产 register: no roof area, but 占地面积 of flat-roofed buildings; dates of completion."""
    rows = [["学校房屋产权登记台账"], *school("3101050016", "上海市长宁区天山第一小学", "长宁区", "小学"),
            [],
            ["房屋名称", "房屋坐落", "产权证号", "房屋用途", "竣工日期", "层数", "建筑面积（㎡）",
             "占地面积（㎡）", "屋面形式"],
            ["教学楼", "天山路100号", "长2005-0031", "教学", dt.date(2005, 8, 20), 4, 5200, 1300, "平屋面"],
            ["综合楼", "天山路100号", "长2012-0102", "办公", dt.date(2012, 6, 30), 5, 4000, 800, "平屋面"],
            ["食堂", "天山路100号", "长1999-0009", "食堂", dt.date(1999, 1, 15), 2, 1200, 600, "平屋面"]]
    return case("property_register_footprint", "天山一小房产台账.xlsx", xlsx(rows), Expect(
        3, {(0, "roof_area_m2"): 1300.0, (1, "roof_area_m2"): 800.0, (2, "roof_area_m2"): 600.0,
            (0, "year_built"): 2005, (2, "year_built"): 1999, (1, "gross_floor_area_m2"): 4000.0},
        {"school_code": "3101050016"}))


def gross_split_above_below() -> Case:
    """建筑面积 as two columns, 地上 and 地下, with no total: the building's area is their sum."""
    rows = [["建筑楼宇面积调研表"], *school("3101060033", "上海市静安区市北初级中学", "静安区", "初中"), [],
            ["建筑名称", "用途", "建成年份", "地上层数", "地上建筑面积（㎡）", "地下建筑面积（㎡）",
             "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 2008, 5, 6000, 1500, 1250, "平屋面"],
            ["图书馆", "图书馆", 2001, 3, 2400, "—", 820, "平屋面"],
            ["体育馆", "体育馆", 2015, 2, 2800, 0, 2100, "彩钢瓦"]]
    return case("gross_split_above_below", "市北初中.xlsx", xlsx(rows), Expect(
        3, {(0, "gross_floor_area_m2"): 7500.0, (1, "gross_floor_area_m2"): 2400.0,
            (2, "gross_floor_area_m2"): 2800.0, (0, "roof_area_m2"): 1250.0}))


def building_numbers_as_names() -> Case:
    """Buildings named by their 栋号 as on the campus plan: A楼, 1#, ①, 2#楼."""
    rows = [*school("3101070008", "上海市普陀区曹杨中学", "普陀区", "高级中学"), [],
            ["栋号", "用途", "建成年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["A楼", "教学", 2002, 5, 6100, 1220, "平屋面"],
            ["B楼", "实验", 2002, 4, 3900, 980, "平屋面"],
            ["1#", "宿舍", 1995, 6, 4500, 760, "平屋面"],
            ["①", "食堂", 1990, 2, 1400, 700, "坡屋面"],
            ["2#楼", "办公", 2010, 3, 1800, 600, "平屋面"]]
    return case("building_numbers_as_names", "曹杨中学.xlsx", xlsx(rows), Expect(
        5, {(0, "building_name"): "A楼", (2, "building_name"): "1#", (3, "building_name"): "①",
            (4, "building_name"): "2#楼", (2, "gross_floor_area_m2"): 4500.0,
            (3, "roof_area_m2"): 700.0}))


def floors_above_slash_below() -> Case:
    """层数（地上/地下） typed 4/1: four storeys above ground, one below."""
    rows = [*school("3101090012", "上海市虹口区复兴高级中学", "虹口区", "高中"), [],
            ["建筑名称", "用途", "建成年份", "层数（地上/地下）", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 2004, "4/1", 6400, 1500, "平屋面"],
            ["科技楼", "实验", 2010, "6/0", 5200, 900, "平屋面"],
            ["食堂", "食堂", 1998, "2/-", 1600, 800, "平屋面"],
            ["风雨操场", "体育馆", 2012, 1, 1800, 1800, "彩钢瓦"]]
    return case("floors_above_slash_below", "复兴高中.xlsx", xlsx(rows), Expect(
        4, {(0, "floors_above_ground"): 4, (1, "floors_above_ground"): 6,
            (2, "floors_above_ground"): 2, (3, "floors_above_ground"): 1}))


def roof_described_in_one_cell() -> Case:
    """One 屋面情况 column holding a sentence: the roof type, its condition, what stands on it."""
    rows = [*school("3101100041", "上海市杨浦区控江中学", "杨浦区", "完全中学"), [],
            ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面情况"],
            ["教学楼", "教学", 2006, 5, 7200, 1450, "平屋面，防水较好，有少量设备"],
            ["老办公楼", "办公", 1985, 3, 1500, 520, "坡屋面（小青瓦），局部渗漏"],
            ["体育馆", "体育馆", 2000, 1, 2000, 2000, "彩钢瓦屋面，锈蚀较严重"]]
    return case("roof_described_in_one_cell", "控江中学.xlsx", xlsx(rows), Expect(
        3, {(0, "roof_type"): "混凝土平屋面", (0, "roof_condition"): "良好",
            (1, "roof_type"): "坡屋面", (2, "roof_type"): "彩钢瓦", (2, "roof_condition"): "差"}))


def orientation_words() -> Case:
    """朝向 as people say it: 坐北朝南, 坐东朝西, 南偏东15°, 东南."""
    rows = [*school("3101120034", "上海市闵行区七宝第二中学", "闵行区", "初级中学"), [],
            [*HEADER, "朝向"],
            ["教学楼", "教学", 2003, 4, 5000, 1300, "坡屋面", "坐北朝南"],
            ["宿舍楼", "宿舍", 2005, 6, 4800, 800, "坡屋面", "坐东朝西"],
            ["实验楼", "实验", 2009, 4, 3600, 900, "坡屋面", "南偏东15°"],
            ["艺术楼", "其他", 2015, 3, 2100, 700, "坡屋面", "东南"]]
    return case("orientation_words", "七宝二中.xlsx", xlsx(rows), Expect(
        4, {(0, "roof_azimuth_deg"): 180.0, (1, "roof_azimuth_deg"): 270.0,
            (2, "roof_azimuth_deg"): 165.0, (3, "roof_azimuth_deg"): 135.0}))


def phased_years() -> Case:
    """A building finished in phases: 建成年份 1998-2003 is the year it was completed, 2003."""
    rows = [*school("3101130017", "上海市宝山区行知中学", "宝山区", "高级中学"), [],
            [*HEADER, "备注"],
            ["教学主楼", "教学", "1998-2003", 5, 9000, 1800, "平屋面", "分两期建成"],
            ["实验楼", "实验", "2001～2002", 4, 3800, 950, "平屋面", None],
            ["学生公寓", "宿舍", 2010, 6, 6000, 1000, "平屋面", None]]
    return case("phased_years", "行知中学.xlsx", xlsx(rows), Expect(
        3, {(0, "year_built"): 2003, (1, "year_built"): 2002, (2, "year_built"): 2010}))


def ditto_marks() -> Case:
    """同上 and 〃 down a column: the value of the row above."""
    rows = [*school("3101140026", "上海市嘉定区第一中学", "嘉定区", "完全中学"), [],
            HEADER,
            ["1号教学楼", "教学", 2007, 5, 5600, 1200, "平屋面"],
            ["2号教学楼", "同上", "同上", "〃", 5400, 1150, "〃"],
            ["3号教学楼", "〃", "〃", "同上", 5500, 1180, "同上"],
            ["宿舍楼", "宿舍", 2012, 6, 6200, 1050, "平屋面"]]
    return case("ditto_marks", "嘉定一中.xlsx", xlsx(rows), Expect(
        4, {(1, "building_use"): "教学", (2, "building_use"): "教学", (1, "year_built"): 2007,
            (2, "year_built"): 2007, (1, "floors_above_ground"): 5, (2, "floors_above_ground"): 5,
            (1, "roof_type"): "混凝土平屋面", (2, "roof_type"): "混凝土平屋面"}))


def line_breaks_in_values() -> Case:
    """Alt+Enter inside value cells: a number on the first line, a remark on the second."""
    rows = [*school("3101150123", "上海市浦东新区建平实验中学", "浦东新区", "初中"), [],
            HEADER,
            ["实验楼\n（含报告厅）", "实验", 2004, "5\n(局部6层)", "4200\n（含地下室）", "980", "平屋面"],
            ["教学楼", "教学", "2001\n2015年大修", 4, 5600, "1300\n（不含楼梯间）", "平屋面"],
            ["食堂", "食堂", 1999, 2, 1500, 750, "平屋面"]]
    return case("line_breaks_in_values", "建平实验.xlsx", xlsx(rows), Expect(
        3, {(0, "floors_above_ground"): 5, (0, "gross_floor_area_m2"): 4200.0,
            (0, "roof_area_m2"): 980.0, (1, "year_built"): 2001, (1, "roof_area_m2"): 1300.0}))


def photo_links() -> Case:
    """A 照片 column of hyperlinks to photos on the school's share, and one 见附件."""
    rows = [*school("3101160007", "上海市金山区金山中学", "金山区", "高中"), [],
            [*HEADER, "照片"],
            ["教学楼", "教学", 2006, 5, 6800, 1400, "平屋面",
             Styled("教学楼屋顶.jpg", link="file:///D:/校舍照片/教学楼屋顶.jpg")],
            ["实训楼", "实验", 2013, 4, 4100, 1000, "平屋面",
             Styled("https://pan.baidu.com/s/1a2B3c", link="https://pan.baidu.com/s/1a2B3c")],
            ["体育馆", "体育馆", 2009, 1, 2500, 2500, "彩钢瓦", "见附件"]]
    return case("photo_links", "金山中学.xlsx", xlsx(rows), Expect(
        3, {(0, "gross_floor_area_m2"): 6800.0, (1, "roof_area_m2"): 1000.0,
            (2, "roof_type"): "彩钢瓦"}, warnings={"ignored_column"}))


def name_only_in_sheet_tab() -> Case:
    """The school's name is the sheet tab; the block gives code, district and type only."""
    rows = [["学校代码", "3101040047", None, "所在区", "徐汇区"],
            ["学校类型", "初级中学"], [],
            HEADER,
            ["教学楼", "教学", 2000, 5, 5200, 1100, "平屋面"],
            ["综合楼", "办公", 2011, 4, 3000, 800, "平屋面"]]
    return case("name_only_in_sheet_tab", "调研表.xlsx", workbook(Sheet(rows, name="田林第三中学")),
                Expect(2, {(1, "gross_floor_area_m2"): 3000.0},
                       {"school_name": "田林第三中学", "school_code": "3101040047"}))


def name_only_in_file_name() -> Case:
    """No school name in the sheet at all: the file is named after the school."""
    rows = [["建筑楼宇面积调研表"], ["学校代码：3101050029", None, None, "所在区：长宁区", None, "学校类型：小学"], [],
            HEADER,
            ["教学楼", "教学", 1997, 4, 4300, 1080, "平屋面"],
            ["体育馆", "体育馆", 2014, 2, 1900, 1500, "彩钢瓦"]]
    return case("name_only_in_file_name", "上海市长宁区愚园路第一小学_建筑楼宇面积调研表.xlsx",
                xlsx(rows), Expect(2, {(0, "year_built"): 1997},
                                   {"school_name": "上海市长宁区愚园路第一小学",
                                    "school_code": "3101050029"}))


def colored_header_with_comments() -> Case:
    """A yellow, bold header row; comments on header and value cells (批注)."""
    header = [Styled(h, fill="#FFFF00", bold=True) for h in HEADER]
    header[5] = Styled("屋顶面积（㎡）", fill="#FFFF00", bold=True, comment="不含女儿墙、楼梯间")
    rows = [*school("3101170019", "上海市松江区第二中学", "松江区", "完全中学"), [],
            header,
            ["教学楼", "教学", 2005, 5, 6600, 1380, "平屋面"],
            ["宿舍楼", "宿舍", Styled(2010, comment="2010年竣工，2018年改造"), 6, 5200, 880, "平屋面"],
            ["食堂", "食堂", 2003, 2, 1700, Styled(850, fill="#FF0000", comment="数据待核实"), "平屋面"]]
    return case("colored_header_with_comments", "松江二中.xlsx", xlsx(rows), Expect(
        3, {(1, "year_built"): 2010, (2, "roof_area_m2"): 850.0, (0, "roof_area_m2"): 1380.0}))


def quote_prefixed_text_numbers() -> Case:
    """Numbers typed with a leading apostrophe (文本型数字, WPS's green corner): text cells."""
    def t(value: str) -> Styled:
        return Styled(value, quote=True)
    rows = [["学校名称", "上海市青浦区实验中学", None, "学校代码", t("3101180005")],
            ["所在区", "青浦区", None, "学校类型", "初中"], [],
            HEADER,
            ["教学楼", "教学", t("2006"), t("5"), t("6200"), t("1320"), "平屋面"],
            ["艺术楼", "其他", t("2016"), t("3"), t("2400.5"), t("760"), "平屋面"]]
    return case("quote_prefixed_text_numbers", "青浦实验.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 2006, (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 6200.0, (1, "gross_floor_area_m2"): 2400.5,
            (1, "roof_area_m2"): 760.0}, {"school_code": "3101180005"}))


def apostrophes_in_gbk_csv() -> Case:
    """A GBK CSV from the school's asset system, every number written '6200 to stay text."""
    rows = [["学校名称", "上海市奉贤区奉城高级中学"], ["学校代码", "'3101200011"],
            ["所在区", "奉贤区"], ["学校类型", "高中"], [],
            HEADER,
            ["教学楼", "教学", "'2003", "'4", "'6200", "'1500", "平屋面"],
            ["宿舍", "宿舍", "'2008", "'5", "'4800", "'960", "平屋面"]]
    return case("apostrophes_in_gbk_csv", "奉城高中.csv", delimited(rows, "gbk"), Expect(
        2, {(0, "gross_floor_area_m2"): 6200.0, (1, "roof_area_m2"): 960.0,
            (0, "year_built"): 2003, (1, "floors_above_ground"): 5},
        {"school_code": "3101200011"}))


def word_pasted_table() -> Case:
    """A table pasted from a Word report: a cell with two paragraphs became two Excel rows,
    the row's other cells merged down over both; an empty column from the Word border."""
    rows = [["附表：学校建筑基本情况"],
            ["学校名称：上海市崇明区城桥中学", None, None, None, "学校代码：3101510003"],
            ["所在区：崇明区", None, None, None, "学校类型：完全中学"],
            ["建筑名称", None, "用途", "建成年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型", "备注"],
            ["教学楼", None, "教学", 2004, 4, 5800, 1450, "平屋面", "东侧有冷却塔"],
            [None, None, None, None, None, None, None, None, "南侧有大树"],
            ["实验楼", None, "实验", 2009, 4, 3600, 900, "平屋面", None],
            ["食堂", None, "食堂", 2001, 2, 1500, 760, "坡屋面", None]]
    merges = tuple((4, c, 5, c, rows[4][c]) for c in (0, 2, 3, 4, 5, 6, 7)) + (
        (3, 0, 3, 1, "建筑名称"), (6, 0, 6, 1, "实验楼"), (7, 0, 7, 1, "食堂"))
    return case("word_pasted_table", "城桥中学（从Word复制）.xlsx", xlsx(rows, merges), Expect(
        3, {(0, "gross_floor_area_m2"): 5800.0, (0, "roof_area_m2"): 1450.0,
            (1, "building_name"): "实验楼", (2, "roof_type"): "坡屋面"},
        {"school_code": "3101510003", "district": "崇明区"}))


def english_international() -> Case:
    """An international school's facilities office: English labels and English values."""
    rows = [["Shanghai Minhang Concord International School — Building Survey"],
            ["School Name", "Shanghai Minhang Concord International School", None, "School ID", "3101120901"],
            ["District", "Minhang", None, "School Type", "K-12"], [],
            ["Building", "Function", "Year Completed", "No. of Storeys", "GFA (sqm)", "Roof Area (sqm)",
             "Roof Type", "Roof Condition", "Shading", "Existing Solar (kWp)", "Comments"],
            ["Main Teaching Block", "Teaching", 2008, 4, 9600, 2400, "Flat concrete", "Good", "None", 0, None],
            ["Sports Hall", "Gymnasium", 2010, 1, 3000, 3100, "Metal sheet", "Fair", "Minor", 120,
             "PV installed 2021"],
            ["Boarding House", "Dormitory", 2012, 5, 5000, 1000, "Flat concrete", "Good", "None", 0, None]]
    return case("english_international", "Concord_building_survey.xlsx", xlsx(rows), Expect(
        3, {(0, "building_use"): "教学", (1, "building_use"): "体育馆", (2, "building_use"): "宿舍",
            (0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "彩钢瓦",
            (1, "roof_condition"): "一般", (1, "shading"): "轻微", (1, "existing_pv_kw"): 120.0,
            (0, "gross_floor_area_m2"): 9600.0},
        {"district": "闵行区", "school_type": "中小学", "school_code": "3101120901"}))


# --- rows a person reads past --------------------------------------------------------------

def subtotals_per_campus() -> Case:
    """Buildings sorted by campus, each campus closed by its 小计 row; both campuses have a 教学楼."""
    rows = [*school("3101150288", "上海市浦东新区东昌中学", "浦东新区", "完全中学"), [],
            HEADER,
            ["教学楼", "教学", 2002, 5, 6000, 1250, "平屋面"],
            ["实验楼", "实验", 2006, 4, 3000, 800, "平屋面"],
            ["本部小计", None, None, None, 9000, 2050, None],
            ["教学楼", "教学", 2011, 4, 4000, 1000, "平屋面"],
            ["食堂", "食堂", 2011, 2, 1200, 600, "平屋面"],
            ["南校区小计", None, None, None, 5200, 1600, None],
            ["全校合计", None, None, None, 14200, 3650, None]]
    return case("subtotals_per_campus", "东昌中学.xlsx", xlsx(rows), Expect(
        4, {(0, "campus"): "本部", (1, "campus"): "本部", (2, "campus"): "南校区",
            (3, "campus"): "南校区", (2, "year_built"): 2011},
        skipped={7, 10, 11}))


def total_in_the_middle() -> Case:
    """A 合计 row under the first buildings, then two buildings added below it later."""
    rows = [*school("3101010015", "上海市黄浦区格致中学", "黄浦区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 1999, 5, 6500, 1300, "平屋面"],
            ["图书馆", "图书馆", 2005, 3, 2400, 800, "平屋面"],
            ["合计", None, None, None, 8900, 2100, None],
            ["新建体育馆", "体育馆", 2022, 2, 3200, 2400, "彩钢瓦"],
            ["学生活动中心", "其他", 2023, 3, 2700, 900, "平屋面"]]
    return case("total_in_the_middle", "格致中学.xlsx", xlsx(rows), Expect(
        4, {(2, "building_name"): "新建体育馆", (3, "gross_floor_area_m2"): 2700.0,
            (2, "year_built"): 2022}, skipped={7}))


def hidden_helper_columns() -> Case:
    """Hidden helper columns: the area in 万㎡ by formula, and a 校验 formula column."""
    rows = [*school("3101130044", "上海市宝山区吴淞中学", "宝山区", "高中"), [],
            [*HEADER, "建筑面积（万㎡）", "校验"],
            ["教学楼", "教学", 2004, 5, 7000, 1400, "平屋面",
             Styled(0.7, formula="=E5/10000"), Styled("", formula='=IF(F5>E5,"错","")')],
            ["宿舍", "宿舍", 2009, 6, 5400, 900, "平屋面",
             Styled(0.54, formula="=E6/10000"), Styled("", formula='=IF(F6>E6,"错","")')]]
    data = as_excel_saves_text_results(xlsx(rows, hidden_columns=(7, 8)))
    return case("hidden_helper_columns", "吴淞中学.xlsx", data, Expect(
        2, {(0, "gross_floor_area_m2"): 7000.0, (1, "gross_floor_area_m2"): 5400.0}))


def title_and_note_box_right() -> Case:
    """A two-line title, and a 填报说明 box merged right of the table beside the buildings."""
    note = "填报说明：\n1. 面积按竣工图；\n2. 屋面类型填平屋面/坡屋面/彩钢瓦；\n3. 12月20日前报送。"
    rows = [["2026年上海市中小学校园屋顶光伏调查"], ["建筑楼宇面积调研表"],
            *school("3101070052", "上海市普陀区宜川中学", "普陀区", "完全中学"), [],
            [*HEADER, None, None],
            ["教学楼", "教学", 2003, 5, 6300, 1300, "平屋面"],
            ["体育馆", "体育馆", 2008, 2, 2300, 1800, "彩钢瓦"],
            ["实验楼", "实验", 2013, 4, 3900, 950, "平屋面"]]
    merges = ((0, 0, 0, 6, rows[0][0]), (1, 0, 1, 6, rows[1][0]), (5, 9, 8, 12, note))
    return case("title_and_note_box_right", "宜川中学.xlsx", xlsx(rows, merges), Expect(
        3, {(1, "roof_area_m2"): 1800.0, (2, "year_built"): 2013}))


def repeated_header_per_page() -> Case:
    """A register printed over pages and pasted back: a page line and the header again mid-table."""
    rows = [*school("3101100063", "上海市杨浦区同济第一附属中学", "杨浦区", "完全中学"), [],
            HEADER,
            ["1号楼", "教学", 2001, 5, 5000, 1100, "平屋面"],
            ["2号楼", "教学", 2001, 5, 5000, 1100, "平屋面"],
            ["第 1 页，共 2 页"],
            HEADER,
            ["3号楼", "实验", 2007, 4, 3500, 900, "平屋面"],
            ["4号楼", "宿舍", 2012, 6, 6000, 1000, "平屋面"]]
    return case("repeated_header_per_page", "同济一附中.xlsx", xlsx(rows), Expect(
        4, {(2, "building_name"): "3号楼", (3, "roof_area_m2"): 1000.0}, skipped={7, 8}))


def struck_through_row() -> Case:
    """A demolished building struck through (删除线) rather than deleted."""
    struck = [Styled(v, strike=True) for v in ["老食堂", "食堂", 1978, 2, 900, 450, "坡屋面"]]
    rows = [*school("3101180027", "上海市青浦区朱家角中学", "青浦区", "完全中学"), [],
            HEADER,
            ["教学楼", "教学", 2005, 4, 5400, 1350, "平屋面"],
            struck,
            ["新食堂", "食堂", 2020, 2, 1800, 900, "平屋面"]]
    return case("struck_through_row", "朱家角中学.xlsx", xlsx(rows), Expect(
        2, {(1, "building_name"): "新食堂"}, skipped={6}))


def second_table_below() -> Case:
    """Under the buildings, a second small table of the roof's equipment (附：屋顶设备)."""
    rows = [*school("3101140071", "上海市嘉定区安亭中学", "嘉定区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2006, 5, 6100, 1300, "平屋面"],
            ["宿舍楼", "宿舍", 2010, 6, 5000, 900, "平屋面"],
            ["体育馆", "体育馆", 2015, 2, 2600, 2000, "彩钢瓦"],
            [],
            ["附：屋顶现有设备"],
            ["设备名称", "所在建筑", "数量", "占用面积（㎡）"],
            ["空调外机", "教学楼", 12, 40],
            ["太阳能热水器", "宿舍楼", 6, 60]]
    return case("second_table_below", "安亭中学.xlsx", xlsx(rows), Expect(
        3, {(2, "roof_area_m2"): 2000.0}, skipped={9, 10, 11, 12}))


def excel_default_empty_sheets() -> Case:
    """Excel 2010's new workbook: the table on Sheet1, Sheet2 and Sheet3 left empty."""
    rows = [*school("3101160031", "上海市金山区张堰中学", "金山区", "完全中学"), [],
            HEADER,
            ["教学楼", "教学", 2002, 4, 4800, 1200, "平屋面"],
            ["实验楼", "实验", 2008, 4, 3000, 760, "平屋面"]]
    data = workbook(Sheet(rows), Sheet([], name="Sheet2"), Sheet([], name="Sheet3"))
    return case("excel_default_empty_sheets", "张堰中学.xlsx", data, Expect(
        2, {(1, "roof_area_m2"): 760.0}, sheets_read=("Sheet1",)))


def excel_table_with_total_row() -> Case:
    """套用表格格式: an Excel table with a 列1 column it named itself and a 汇总 total row."""
    rows = [*school("3101170048", "上海市松江区九亭中学", "松江区", "初中"), []]
    data_rows = [["教学楼", "教学", 2009, 4, 5200, 1300, "平屋面", "东侧"],
                 ["综合楼", "办公", 2014, 5, 4200, 860, "平屋面", None],
                 ["食堂", "食堂", 2009, 2, 1500, 700, "平屋面", "有油烟机"]]
    columns = [{"header": h} for h in HEADER] + [{"header": "列1"}]
    columns[0]["total_string"] = "汇总"
    columns[4]["total_function"] = "sum"
    columns[4]["total_value"] = 10900
    options = {"data": data_rows, "columns": columns, "total_row": True, "style": "Table Style Medium 2"}
    first = len(rows)
    table = {"first_row": first, "last_row": first + len(data_rows) + 1, "last_col": 7, "options": options}
    return case("excel_table_with_total_row", "九亭中学.xlsx", workbook(Sheet(rows, table=table)), Expect(
        3, {(2, "building_use"): "食堂", (1, "gross_floor_area_m2"): 4200.0}, skipped={first + 5}))


# --- values as they are typed --------------------------------------------------------------

def two_digit_years() -> Case:
    """Years typed short: 98年, 05年, 12年."""
    rows = [*school("3101090035", "上海市虹口区北虹高级中学", "虹口区", "高中"), [],
            HEADER,
            ["教学楼", "教学", "98年", 5, 5200, 1200, "平屋面"],
            ["实验楼", "实验", "05年", 4, 3100, 800, "平屋面"],
            ["体育馆", "体育馆", "12年", 1, 1900, 1900, "彩钢瓦"],
            ["宿舍", "宿舍", 2003, 6, 4300, 720, "平屋面"]]
    return case("two_digit_years", "北虹高中.xlsx", xlsx(rows), Expect(
        4, {(0, "year_built"): 1998, (1, "year_built"): 2005, (2, "year_built"): 2012,
            (3, "year_built"): 2003}))


def areas_typed_with_wan_and_m2() -> Case:
    """Areas typed 1.2万 in a ㎡ column, 4200m2, 3,600平米."""
    rows = [*school("3101120066", "上海市闵行区莘庄中学", "闵行区", "高中"), [],
            ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
            ["教学楼", "教学", 2004, 5, "1.2万", "2400m2", "平屋面"],
            ["实验楼", "实验", 2010, 4, "4200m2", "1050m2", "平屋面"],
            ["宿舍", "宿舍", 2012, 6, "3,600平米", "600平米", "平屋面"]]
    return case("areas_typed_with_wan_and_m2", "莘庄中学.xlsx", xlsx(rows), Expect(
        3, {(0, "gross_floor_area_m2"): 12000.0, (0, "roof_area_m2"): 2400.0,
            (1, "gross_floor_area_m2"): 4200.0, (1, "roof_area_m2"): 1050.0,
            (2, "gross_floor_area_m2"): 3600.0}))


def slope_as_percent() -> Case:
    """屋面坡度 of a flat roof given as its drainage fall (2%), of a pitched one in degrees."""
    rows = [*school("3101150307", "上海市浦东新区川沙中学", "浦东新区", "高中"), [],
            [*HEADER, "屋面坡度"],
            ["教学楼", "教学", 2006, 5, 6800, 1500, "平屋面", "2%"],
            ["图书馆", "图书馆", 2008, 3, 2600, 900, "平屋面", "3%"],
            ["礼堂", "其他", 1992, 1, 1200, 1300, "坡屋面", "30°"]]
    return case("slope_as_percent", "川沙中学.xlsx", xlsx(rows), Expect(
        3, {(0, "roof_tilt_deg"): math.degrees(math.atan(0.02)),
            (1, "roof_tilt_deg"): math.degrees(math.atan(0.03)), (2, "roof_tilt_deg"): 30.0}))


def pv_in_mw_and_kwp() -> Case:
    """已建光伏容量 without a unit in the header: 0.1MW, 50kWp."""
    rows = [*school("3101130082", "上海市宝山区罗店中学", "宝山区", "高中"), [],
            [*HEADER, "已建光伏容量"],
            ["体育馆", "体育馆", 2014, 1, 3000, 3000, "彩钢瓦", "0.1MW"],
            ["教学楼", "教学", 2007, 5, 6000, 1300, "平屋面", "50kWp"],
            ["宿舍", "宿舍", 2010, 6, 4200, 700, "平屋面", None]]
    return case("pv_in_mw_and_kwp", "罗店中学.xlsx", xlsx(rows), Expect(
        3, {(0, "existing_pv_kw"): 100.0, (1, "existing_pv_kw"): 50.0}))


def use_words_local() -> Case:
    """用途 in the school's own words: 风雨操场, 学生公寓, 学生餐厅, 图文信息中心, 行政楼."""
    rows = [*school("3101200024", "上海市奉贤区曙光中学", "奉贤区", "高级中学"), [],
            HEADER,
            ["风雨操场", "风雨操场", 2011, 1, 2200, 2300, "彩钢瓦"],
            ["公寓楼", "学生公寓", 2008, 6, 6000, 1000, "平屋面"],
            ["餐厅", "学生餐厅", 2008, 2, 1800, 900, "平屋面"],
            ["图文楼", "图文信息中心", 2013, 4, 4200, 1050, "平屋面"],
            ["行政楼", "行政办公", 2001, 4, 2400, 600, "平屋面"]]
    return case("use_words_local", "曙光中学.xlsx", xlsx(rows), Expect(
        5, {(0, "building_use"): "体育馆", (1, "building_use"): "宿舍", (2, "building_use"): "食堂",
            (3, "building_use"): "图书馆", (4, "building_use"): "办公"}))


def roof_words_local() -> Case:
    """屋面类型 as the drawings say it: 上人屋面, 不上人屋面, 琉璃瓦坡顶, 压型钢板, 现浇混凝土平顶."""
    rows = [*school("3101060074", "上海市静安区育才中学", "静安区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2004, 5, 6400, 1400, "上人屋面"],
            ["实验楼", "实验", 2004, 4, 3400, 900, "不上人屋面"],
            ["礼堂", "其他", 1956, 2, 1500, 1200, "琉璃瓦坡顶"],
            ["体育馆", "体育馆", 2012, 1, 2500, 2600, "压型钢板"],
            ["宿舍", "宿舍", 1999, 6, 4000, 700, "现浇混凝土平顶"]]
    return case("roof_words_local", "育才中学.xlsx", xlsx(rows), Expect(
        5, {(0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "混凝土平屋面",
            (2, "roof_type"): "坡屋面", (3, "roof_type"): "彩钢瓦", (4, "roof_type"): "混凝土平屋面"}))


def shading_sentences() -> Case:
    """遮挡情况 as sentences: 周边无遮挡, 部分遮挡, 东侧高层住宅遮挡严重."""
    rows = [*school("3101010038", "上海市黄浦区大同中学", "黄浦区", "高中"), [],
            [*HEADER, "遮挡情况"],
            ["教学楼", "教学", 2003, 5, 6000, 1300, "平屋面", "周边无遮挡"],
            ["实验楼", "实验", 2003, 4, 3200, 800, "平屋面", "部分遮挡"],
            ["宿舍", "宿舍", 1995, 5, 3800, 700, "平屋面", "东侧高层住宅遮挡严重"]]
    return case("shading_sentences", "大同中学.xlsx", xlsx(rows), Expect(
        3, {(0, "shading"): "无", (1, "shading"): "轻微", (2, "shading"): "严重"}))


def multi_use_first_word() -> Case:
    """用途 naming two uses (教学/办公, 实验及教学): the first is the building's use."""
    rows = [*school("3101180049", "上海市青浦区第一中学", "青浦区", "完全中学"), [],
            HEADER,
            ["综合楼", "教学/办公", 2006, 5, 5800, 1200, "平屋面"],
            ["科技楼", "实验及教学", 2012, 4, 3600, 900, "平屋面"]]
    return case("multi_use_first_word", "青浦一中.xlsx", xlsx(rows), Expect(
        2, {(0, "building_use"): "教学", (1, "building_use"): "实验"}))


# --- the school as people write it ---------------------------------------------------------

def district_without_qu() -> Case:
    """所在区 written 浦东, as everyone says it."""
    rows = [*school("3101150415", "上海市浦东新区进才中学", "浦东", "高中"), [],
            HEADER, ["教学楼", "教学", 2005, 5, 7000, 1500, "平屋面"]]
    return case("district_without_qu", "进才中学.xlsx", xlsx(rows), Expect(
        1, {(0, "roof_area_m2"): 1500.0}, {"district": "浦东新区"}))


def credit_code_instead() -> Case:
    """The 统一社会信用代码 (18 characters) given where the school code belongs; 区 as 徐汇."""
    rows = [["单位名称", "上海市徐汇区向阳小学", None, "统一社会信用代码", "12310104425005176X"],
            ["所属区", "徐汇", None, "办学类型", "公办小学"], [],
            HEADER,
            ["教学楼", "教学", 1998, 4, 4200, 1050, "平屋面"],
            ["体育馆", "体育馆", 2016, 2, 1600, 1300, "彩钢瓦"]]
    return case("credit_code_instead", "向阳小学.xlsx", xlsx(rows), Expect(
        2, {(1, "gross_floor_area_m2"): 1600.0},
        {"school_code": "12310104425005176X", "district": "徐汇区", "school_type": "中小学"}))


def school_code_with_spaces() -> Case:
    """The school code copied from a letter with spaces between its groups: 3101 0500 38."""
    rows = [["学校名称", "上海市长宁区延安初级中学", None, "学校代码", "3101 0500 38"],
            ["所在区", "长宁区", None, "学校类型", "初中"], [],
            HEADER, ["教学楼", "教学", 2002, 5, 5600, 1250, "平屋面"]]
    return case("school_code_with_spaces", "延安初中.xlsx", xlsx(rows), Expect(
        1, {(0, "year_built"): 2002}, {"school_code": "3101050038"}))


def code_in_title() -> Case:
    """Name and code only in the title line: 上海市闵行区马桥中学（学校代码：3101120077）."""
    rows = [["上海市闵行区马桥中学（学校代码：3101120077）校舍屋顶情况表"],
            ["所在区：闵行区", None, None, "学校类型：初级中学"], [],
            HEADER,
            ["教学楼", "教学", 2007, 4, 4800, 1200, "平屋面"],
            ["食堂", "食堂", 2007, 2, 1300, 650, "平屋面"]]
    return case("code_in_title", "马桥中学.xlsx", xlsx(rows, ((0, 0, 0, 6, rows[0][0]),)), Expect(
        2, {(1, "roof_area_m2"): 650.0}, {"school_code": "3101120077"}))


def coordinates_in_chinese_dms() -> Case:
    """Coordinates typed 东经121度26分30秒 / 北纬31度10分12秒."""
    rows = [["学校名称", "上海市徐汇区田林中学", None, "学校代码", "3101040058"],
            ["所在区", "徐汇区", None, "学校类型", "初中"],
            ["经度", "东经121度26分30秒", None, "纬度", "北纬31度10分12秒"], [],
            HEADER, ["教学楼", "教学", 2001, 5, 5200, 1150, "平屋面"]]
    return case("coordinates_in_chinese_dms", "田林中学.xlsx", xlsx(rows), Expect(
        1, near={"longitude": (121 + 26 / 60 + 30 / 3600, 0.01),
                 "latitude": (31 + 10 / 60 + 12 / 3600, 0.01)}))


def vocational_school_type() -> Case:
    """学校类型 as the school calls itself: 中等职业技术学校; its 实训楼 are laboratories."""
    rows = [*school("3101100090", "上海市杨浦职业技术学校", "杨浦区", "中等职业技术学校"), [],
            HEADER,
            ["实训楼", "实训", 2010, 5, 6400, 1350, "平屋面"],
            ["教学楼", "教学", 2003, 5, 5600, 1200, "平屋面"]]
    return case("vocational_school_type", "杨浦职校.xlsx", xlsx(rows), Expect(
        2, {(1, "building_use"): "教学"}, {"school_type": "中职"}))


def sum_typed_in_area_cell() -> Case:
    """建筑面积 typed as the sum the staff member worked out: 3200+800 (地上+地下)."""
    rows = [*school("3101070096", "上海市普陀区晋元高级中学", "普陀区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2005, 5, "3200+800", 700, "平屋面"],
            ["图书馆", "图书馆", 2005, 3, "2000+0", 720, "平屋面"]]
    return case("sum_typed_in_area_cell", "晋元高中.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 4000.0, (1, "gross_floor_area_m2"): 2000.0}))


# --- more habits ---------------------------------------------------------------------------

def typos_in_headers() -> Case:
    """Headers typed with the usual slips: 屋项面积 for 屋顶面积, 建成年分 for 建成年份."""
    rows = [*school("3101130095", "上海市宝山区顾村中学", "宝山区", "初中"), [],
            ["建筑名称", "用途", "建成年分", "地上层数", "建筑面积（㎡）", "屋项面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 2008, 4, 4800, 1200, "平屋面"],
            ["食堂", "食堂", 2008, 2, 1400, 700, "平屋面"]]
    return case("typos_in_headers", "顾村中学.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 2008, (0, "roof_area_m2"): 1200.0, (1, "roof_area_m2"): 700.0}))


def usable_as_share_of_roof() -> Case:
    """可利用屋顶面积 given as a share of the roof: 60% typed, 0.5 shown as 50%."""
    rows = [*school("3101150520", "上海市浦东新区洋泾中学", "浦东新区", "高中"), [],
            [*HEADER, "可利用屋顶面积"],
            ["教学楼", "教学", 2006, 5, 7000, 1500, "平屋面", "60%"],
            ["实验楼", "实验", 2006, 4, 4000, 1000, "平屋面", Styled(0.5, num_format="0%")],
            ["宿舍", "宿舍", 2011, 6, 4800, 800, "平屋面", 500]]
    return case("usable_as_share_of_roof", "洋泾中学.xlsx", xlsx(rows), Expect(
        3, {(0, "usable_roof_area_m2"): 900.0, (1, "usable_roof_area_m2"): 500.0,
            (2, "usable_roof_area_m2"): 500.0}))


def floors_written_with_f() -> Case:
    """层数 as the building plans write them: 5F, B1+4F, 3F."""
    rows = [*school("3101040083", "上海市徐汇区位育初级中学", "徐汇区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2009, "5F", 6000, 1300, "平屋面"],
            ["综合楼", "办公", 2015, "B1+4F", 5200, 1100, "平屋面"],
            ["食堂", "食堂", 2009, "3F", 2100, 700, "平屋面"]]
    return case("floors_written_with_f", "位育初中.xlsx", xlsx(rows), Expect(
        3, {(0, "floors_above_ground"): 5, (1, "floors_above_ground"): 4,
            (2, "floors_above_ground"): 3}))


def campus_in_school_name() -> Case:
    """One sheet per campus, the campus named in the school's name: 建平中学（西校区）."""
    rows = [*school("3101150611", "上海市建平中学（西校区）", "浦东新区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2010, 5, 6500, 1400, "平屋面"],
            ["体育馆", "体育馆", 2012, 2, 2600, 2000, "彩钢瓦"]]
    return case("campus_in_school_name", "建平中学西校区.xlsx", xlsx(rows), Expect(
        2, {(0, "campus"): "西校区", (1, "campus"): "西校区"}, {"school_code": "3101150611"}))


def year_named_tabs() -> Case:
    """Last year's sheet kept beside this year's, the tabs named 2025年 and 2026年."""
    def rows(extra: list[list]) -> list[list]:
        return [*school("3101060102", "上海市静安区风华初级中学", "静安区", "初中"), [], HEADER,
                ["教学楼", "教学", 2004, 5, 5800, 1250, "平屋面"],
                ["实验楼", "实验", 2004, 4, 3300, 850, "平屋面"], *extra]
    data = workbook(Sheet(rows([]), name="2025年"),
                    Sheet(rows([["艺术楼", "其他", 2025, 3, 2200, 760, "平屋面"]]), name="2026年"))
    return case("year_named_tabs", "风华初中.xlsx", data, Expect(
        3, {(2, "building_name"): "艺术楼"}, sheets_read=("2026年",)))


def note_row_in_the_table() -> Case:
    """A note typed across the table between buildings: 注：原3号楼已于2024年拆除."""
    rows = [*school("3101070117", "上海市普陀区梅陇中学", "普陀区", "初中"), [],
            HEADER,
            ["1号楼", "教学", 2003, 4, 4800, 1200, "平屋面"],
            ["2号楼", "教学", 2003, 4, 4800, 1200, "平屋面"],
            ["注：原3号楼已于2024年拆除，不再填报。"],
            ["4号楼", "宿舍", 2010, 5, 4000, 800, "平屋面"]]
    merges = ((6, 0, 6, 6, rows[6][0]),)
    return case("note_row_in_the_table", "梅陇中学.xlsx", xlsx(rows, merges), Expect(
        3, {(2, "building_name"): "4号楼"}, skipped={7}))


def protected_sheet() -> Case:
    """A sheet protected (保护工作表) by the district before it was sent to the school."""
    rows = [*school("3101160120", "上海市金山区罗星中学", "金山区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2007, 4, 5000, 1250, "平屋面"],
            ["体育馆", "体育馆", 2011, 1, 1800, 1800, "彩钢瓦"]]
    return case("protected_sheet", "罗星中学.xlsx", workbook(Sheet(rows, protect=True)), Expect(
        2, {(1, "gross_floor_area_m2"): 1800.0}))


def electricity_by_month_sheet() -> Case:
    """The year's electricity on a second sheet, month by month with a 合计 row."""
    months = [11000, 9800, 10500, 12000, 14000, 18000, 9000, 8000, 16000, 12500, 11000, 12200]
    use = [["2025年学校用电情况"], ["月份", "用电量（kWh）"],
           *[[f"{m}月", v] for m, v in enumerate(months, start=1)], ["合计", sum(months)]]
    rows = [*school("3101170133", "上海市松江区新桥中学", "松江区", "初中"), [],
            HEADER, ["教学楼", "教学", 2008, 4, 5200, 1300, "平屋面"]]
    data = workbook(Sheet(rows, name="建筑情况"), Sheet(use, name="用电情况"))
    return case("electricity_by_month_sheet", "新桥中学.xlsx", data, Expect(
        1, {(0, "roof_area_m2"): 1300.0}, {"annual_electricity_kwh": float(sum(months))}))


def full_width_separators() -> Case:
    """Thousands typed with the Chinese IME's full-width comma (4，200) or a space (6 800)."""
    rows = [*school("3101100146", "上海市杨浦区市东中学", "杨浦区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2005, 5, "6 800", "1，450", "平屋面"],
            ["实验楼", "实验", 2005, 4, "4，200", "1，050", "平屋面"]]
    return case("full_width_separators", "市东中学.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 6800.0, (0, "roof_area_m2"): 1450.0,
            (1, "gross_floor_area_m2"): 4200.0, (1, "roof_area_m2"): 1050.0}))


def bordered_empty_form_rows() -> Case:
    """A form with borders drawn down 120 empty rows below the three filled in."""
    rows = [*school("3101180159", "上海市青浦区东方中学", "青浦区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2002, 4, 4600, 1150, "平屋面"],
            ["实验楼", "实验", 2002, 4, 3000, 760, "平屋面"],
            ["食堂", "食堂", 2002, 2, 1200, 600, "平屋面"]]
    return case("bordered_empty_form_rows", "东方中学.xlsx",
                workbook(Sheet(rows, bordered_blank_rows=120)),
                Expect(3, {(2, "gross_floor_area_m2"): 1200.0}))


def roof_words_shanghai() -> Case:
    """Roof words from Shanghai's housing programmes: 平改坡, 瓦屋面, 金属屋面, 混凝土屋面."""
    rows = [*school("3101090161", "上海市虹口区继光高级中学", "虹口区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 1988, 5, 5000, 1100, "平改坡"],
            ["老礼堂", "其他", 1960, 1, 900, 1000, "瓦屋面"],
            ["体育馆", "体育馆", 2013, 1, 2100, 2200, "金属屋面"],
            ["实验楼", "实验", 2001, 4, 3000, 800, "混凝土屋面"]]
    return case("roof_words_shanghai", "继光高中.xlsx", xlsx(rows), Expect(
        4, {(0, "roof_type"): "坡屋面", (1, "roof_type"): "坡屋面", (2, "roof_type"): "彩钢瓦",
            (3, "roof_type"): "混凝土平屋面"}))


def headers_with_remarks() -> Case:
    """Headers carrying the drawing's remarks: 建筑面积（含地下室，㎡）, 屋顶面积（不含挑檐，㎡）."""
    rows = [*school("3101120174", "上海市闵行区文来中学", "闵行区", "初中"), [],
            ["建筑名称", "用途", "建成年份（竣工）", "层数（地上）", "建筑面积（含地下室，㎡）",
             "屋顶面积（不含挑檐，㎡）", "屋面类型"],
            ["教学楼", "教学", 2006, 5, 7200, 1500, "平屋面"],
            ["图书馆", "图书馆", 2006, 3, 2700, 950, "平屋面"]]
    return case("headers_with_remarks", "文来中学.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 7200.0, (0, "roof_area_m2"): 1500.0,
            (1, "year_built"): 2006, (1, "floors_above_ground"): 3}))


def chart_beside_table() -> Case:
    """A column chart of the buildings' areas placed beside the table."""
    rows = [*school("3101140188", "上海市嘉定区嘉一实验初级中学", "嘉定区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2012, 4, 5200, 1300, "平屋面"],
            ["体育馆", "体育馆", 2012, 2, 2400, 1900, "彩钢瓦"],
            ["食堂", "食堂", 2012, 2, 1300, 650, "平屋面"]]
    return case("chart_beside_table", "嘉一实验.xlsx", workbook(Sheet(rows, chart_of=(4, 6, 4))),
                Expect(3, {(1, "roof_area_m2"): 1900.0}))


def hidden_row_demolished() -> Case:
    """A demolished building's row hidden (隐藏行) rather than deleted."""
    rows = [*school("3101200190", "上海市奉贤区南桥中学", "奉贤区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2004, 4, 5000, 1250, "平屋面"],
            ["老食堂", "食堂", 1980, 1, 600, 600, "坡屋面"],
            ["新食堂", "食堂", 2021, 2, 1600, 800, "平屋面"]]
    return case("hidden_row_demolished", "南桥中学.xlsx", workbook(Sheet(rows, hidden_rows=(5,))),
                Expect(2, {(1, "building_name"): "新食堂"}, skipped={6}))


def district_review_columns() -> Case:
    """The sheet as the district sends it back: 区审核意见 and 审核人 filled in beside the table."""
    rows = [*school("3101010203", "上海市黄浦区光明初级中学", "黄浦区", "初中"), [],
            [*HEADER, "区审核意见", "审核人"],
            ["教学楼", "教学", 1996, 5, 5200, 1100, "平屋面", "已核", "张"],
            ["综合楼", "办公", 2010, 4, 3200, 800, "平屋面", "面积请按竣工图复核", "张"]]
    return case("district_review_columns", "光明初中（区审核）.xlsx", xlsx(rows), Expect(
        2, {(1, "gross_floor_area_m2"): 3200.0}, warnings={"ignored_column"}))


def kindergarten_type_from_name() -> Case:
    """No 学校类型 field: the name says it, 上海市长宁区愚园路幼儿园."""
    rows = [["学校名称", "上海市长宁区愚园路幼儿园", None, "学校代码", "3101050216"],
            ["所在区", "长宁区"], [],
            HEADER,
            ["主楼", "教学", 2000, 3, 2600, 900, "平屋面"],
            ["后勤楼", "办公", 2000, 2, 700, 350, "平屋面"]]
    return case("kindergarten_type_from_name", "愚园路幼儿园.xlsx", xlsx(rows), Expect(
        2, {(0, "roof_area_m2"): 900.0}, {"school_type": "幼儿园"}))


def roof_same_as_floor() -> Case:
    """A one-storey hall's roof area typed 同建筑面积 rather than the figure again."""
    rows = [*school("3101130229", "上海市宝山区大场中学", "宝山区", "初中"), [],
            HEADER,
            ["风雨操场", "体育馆", 2014, 1, 1800, "同建筑面积", "彩钢瓦"],
            ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"]]
    return case("roof_same_as_floor", "大场中学.xlsx", xlsx(rows), Expect(
        2, {(0, "roof_area_m2"): 1800.0, (1, "roof_area_m2"): 1200.0}))


def school_block_as_table() -> Case:
    """The school's details as a small table: a row of labels, the values in the row below."""
    rows = [["学校名称", "学校代码", "所在区", "学校类型", "联系人", "联系电话"],
            ["上海市徐汇区汇师小学", "3101040231", "徐汇区", "小学", "李老师", "021-64381234"], [],
            HEADER,
            ["教学楼", "教学", 2003, 4, 4400, 1100, "平屋面"],
            ["体育馆", "体育馆", 2014, 2, 1600, 1200, "彩钢瓦"]]
    return case("school_block_as_table", "汇师小学.xlsx", xlsx(rows), Expect(
        2, {(1, "roof_area_m2"): 1200.0},
        {"school_name": "上海市徐汇区汇师小学", "school_code": "3101040231", "district": "徐汇区",
         "school_type": "中小学"}))


def slope_as_ratio() -> Case:
    """屋面坡度 as on the drawings, rise to run: 1:2, 1：3; 朝向 南偏西10度."""
    rows = [*school("3101100244", "上海市杨浦区民星中学", "杨浦区", "初中"), [],
            [*HEADER, "屋面坡度", "朝向"],
            ["教学楼", "教学", 1990, 4, 4200, 1150, "坡屋面", "1:2", "南偏西10度"],
            ["礼堂", "其他", 1985, 1, 800, 900, "坡屋面", "1：3", "正南"]]
    return case("slope_as_ratio", "民星中学.xlsx", xlsx(rows), Expect(
        2, {(0, "roof_tilt_deg"): math.degrees(math.atan(1 / 2)),
            (1, "roof_tilt_deg"): math.degrees(math.atan(1 / 3)),
            (0, "roof_azimuth_deg"): 190.0, (1, "roof_azimuth_deg"): 180.0}))


def text_dates_with_slashes() -> Case:
    """建成年份 typed as a completion date in text: 2003/9/1, 2011-07."""
    rows = [*school("3101120257", "上海市闵行区华漕学校", "闵行区", "九年一贯制学校"), [],
            HEADER,
            ["教学楼", "教学", "2003/9/1", 4, 5000, 1250, "平屋面"],
            ["宿舍", "宿舍", "2011-07", 5, 3500, 700, "平屋面"]]
    return case("text_dates_with_slashes", "华漕学校.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 2003, (1, "year_built"): 2011}))


def subtotal_in_serial_column() -> Case:
    """小计 and 合计 typed under 序号, the building-name cell of those rows left empty."""
    rows = [*school("3101140260", "上海市嘉定区南翔中学", "嘉定区", "初中"), [],
            ["序号", *HEADER],
            [1, "教学楼", "教学", 2005, 4, 5200, 1300, "平屋面"],
            [2, "实验楼", "实验", 2005, 4, 3000, 760, "平屋面"],
            ["小计", None, None, None, None, 8200, 2060, None],
            [3, "体育馆", "体育馆", 2016, 2, 2400, 1900, "彩钢瓦"],
            ["合计", None, None, None, None, 10600, 3960, None]]
    return case("subtotal_in_serial_column", "南翔中学.xlsx", xlsx(rows), Expect(
        3, {(2, "building_name"): "体育馆"}, skipped={7, 9}))


def year_in_the_future() -> Case:
    """A slip: 2052 typed for 2025. A person stops at the cell."""
    rows = [*school("3101160273", "上海市金山区亭林中学", "金山区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2006, 4, 5000, 1250, "平屋面"],
            ["新体育馆", "体育馆", 2052, 2, 2400, 1900, "彩钢瓦"]]
    return case("year_in_the_future", "亭林中学.xlsx", xlsx(rows), Expect(2, errors={"C6"}))


def pending_required_value() -> Case:
    """A required area left as 待测 (to be measured): an error at that cell only."""
    rows = [*school("3101170286", "上海市松江区泗泾中学", "松江区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2007, 5, 6400, 1400, "平屋面"],
            ["新实验楼", "实验", 2024, 4, 3600, "待测", "平屋面"]]
    return case("pending_required_value", "泗泾中学.xlsx", xlsx(rows), Expect(2, errors={"F6"}))


def blank_name_header() -> Case:
    """The building names in column A under an empty header cell (the title was merged over it)."""
    rows = [["学校名称", "上海市青浦区豫才中学", None, "学校代码", "3101180299"],
            ["所在区", "青浦区", None, "学校类型", "初中"], [],
            [None, "用途", "建成年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"],
            ["实验楼", "实验", 2004, 4, 3000, 760, "平屋面"]]
    return case("blank_name_header", "豫才中学.xlsx", xlsx(rows), Expect(
        2, {(0, "building_name"): "教学楼", (1, "building_name"): "实验楼"}))


def rebuilt_year() -> Case:
    """建成年份 1958年建，2005年翻建: rebuilt from the ground, so 2005."""
    rows = [*school("3101010302", "上海市黄浦区敬业中学", "黄浦区", "高中"), [],
            HEADER,
            ["教学楼", "教学", "1958年建，2005年翻建", 5, 6000, 1300, "平屋面"],
            ["图书馆", "图书馆", 2009, 3, 2400, 850, "平屋面"]]
    return case("rebuilt_year", "敬业中学.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 2005, (1, "year_built"): 2009}))


def seal_note_and_former_district() -> Case:
    """学校名称 with （盖章） left in it; 所在区 浦东新区（原南汇）."""
    rows = [*school("3101150315", "上海市南汇中学（盖章）", "浦东新区（原南汇）", "高中"), [],
            HEADER, ["教学楼", "教学", 2008, 5, 7000, 1500, "平屋面"]]
    return case("seal_note_and_former_district", "南汇中学.xlsx", xlsx(rows), Expect(
        1, {(0, "gross_floor_area_m2"): 7000.0},
        {"school_name": "上海市南汇中学", "district": "浦东新区"}))


def split_table_two_parts() -> Case:
    """A table too wide for A4, printed as two stacked parts, 建筑名称 repeated in the second."""
    rows = [*school("3101150328", "上海市浦东新区高桥中学", "浦东新区", "完全中学"), [],
            HEADER,
            ["教学楼", "教学", 2005, 5, 6800, 1450, "平屋面"],
            ["体育馆", "体育馆", 2010, 2, 2600, 2000, "彩钢瓦"],
            [],
            ["建筑名称", "可利用屋顶面积（㎡）", "已建光伏容量（kW）", "遮挡情况", "屋面状况"],
            ["教学楼", 1000, 0, "无", "良好"],
            ["体育馆", 1600, 150, "轻微", "一般"]]
    return case("split_table_two_parts", "高桥中学.xlsx", xlsx(rows), Expect(
        2, {(0, "usable_roof_area_m2"): 1000.0, (1, "usable_roof_area_m2"): 1600.0,
            (1, "existing_pv_kw"): 150.0, (1, "shading"): "轻微", (1, "roof_condition"): "一般",
            (1, "roof_area_m2"): 2000.0}))


def legend_line_above_header() -> Case:
    """A colour legend typed above the header (注：黄色底色为本年新增建筑), new rows filled yellow."""
    new = [Styled(v, fill="#FFFF00") for v in ["艺术中心", "其他", 2025, 3, 2600, 900, "平屋面"]]
    rows = [*school("3101130331", "上海市宝山区淞浦中学", "宝山区", "初中"),
            ["注：黄色底色为本年新增建筑。"],
            HEADER,
            ["教学楼", "教学", 2003, 4, 4800, 1200, "平屋面"],
            new]
    return case("legend_line_above_header", "淞浦中学.xlsx", xlsx(rows), Expect(
        2, {(1, "building_name"): "艺术中心", (1, "year_built"): 2025}))


def whole_row_formatting() -> Case:
    """The header row formatted by clicking its row number: every one of 16,384 columns styled."""
    rows = [*school("3101120344", "上海市闵行区古美高级中学", "闵行区", "高中"), [],
            HEADER,
            ["教学楼", "教学", 2006, 5, 6200, 1350, "平屋面"],
            ["实验楼", "实验", 2006, 4, 3400, 850, "平屋面"]]
    return case("whole_row_formatting", "古美高中.xlsx", workbook(Sheet(rows, bold_rows=(3,))),
                Expect(2, {(1, "gross_floor_area_m2"): 3400.0}))


def floors_as_range() -> Case:
    """层数 typed as the floors the building spans: 1-4层, 地上1-6层."""
    rows = [*school("3101070357", "上海市普陀区真如中学", "普陀区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2004, "1-4层", 5000, 1250, "平屋面"],
            ["宿舍", "宿舍", 2009, "地上1-6层", 4800, 800, "平屋面"]]
    return case("floors_as_range", "真如中学.xlsx", xlsx(rows), Expect(
        2, {(0, "floors_above_ground"): 4, (1, "floors_above_ground"): 6}))


def rich_text_and_padded_cells() -> Case:
    """Cells typed with mixed formatting (m² with a superscript 2, a red （新）) and full-width padding."""
    superscript = {"font_script": 1}
    red = {"font_color": "red"}
    rows = [*school("3101060360", "上海市静安区七一中学", "静安区", "初中"), [],
            HEADER,
            [Styled("", rich=(("教学楼", None), ("（新）", red))), "教学", 2021, 5,
             Styled("", rich=(("6200m", None), ("2", superscript))), 1300, "平屋面"],
            ["　实验楼　", "实验", 2001, 4, 3000, Styled("", rich=(("760m", None), ("2", superscript))),
             "平屋面"]]
    return case("rich_text_and_padded_cells", "七一中学.xlsx", xlsx(rows), Expect(
        2, {(0, "building_name"): "教学楼（新）", (0, "gross_floor_area_m2"): 6200.0,
            (1, "building_name"): "实验楼", (1, "roof_area_m2"): 760.0}))


def block_values_merged() -> Case:
    """School details with each value merged over three cells, the labels bold and filled."""
    label = {"bold": True}
    rows = [[Styled("学校名称", **label), None, None, None, Styled("学校代码", **label), "3101010373"],
            [Styled("所在区", **label), "黄浦区", None, None, Styled("学校类型", **label), "完全中学"], [],
            HEADER, ["教学楼", "教学", 2007, 5, 6000, 1300, "平屋面"]]
    merges = ((0, 1, 0, 3, "上海市黄浦区向明中学"), (1, 1, 1, 3, "黄浦区"))
    return case("block_values_merged", "向明中学.xlsx", xlsx(rows, merges), Expect(
        1, {(0, "roof_area_m2"): 1300.0},
        {"school_name": "上海市黄浦区向明中学", "school_code": "3101010373", "district": "黄浦区"}))


def csv_code_in_scientific() -> Case:
    """A CSV saved from Excel after the code column showed 3.10104E+09: the code is lost, so the
    cell is an error (a person cannot read 3101040386 back out of it)."""
    rows = [["学校名称", "上海市徐汇区康健外国语实验中学"], ["学校代码", "3.10104E+09"],
            ["所在区", "徐汇区"], ["学校类型", "初中"], [],
            HEADER,
            ["教学楼", "教学", 2006, 4, 5200, 1300, "平屋面"],
            ["体育馆", "体育馆", 2012, 2, 2000, 1500, "彩钢瓦"]]
    return case("csv_code_in_scientific", "康健外国语.csv", delimited(rows, "gbk"),
                Expect(2, errors={"B2"}))


def chart_sheet_first() -> Case:
    """A pie chart of the areas moved to its own chart sheet, 图表1, ahead of the table's sheet."""
    rows = [*school("3101100386", "上海市杨浦区二联中学", "杨浦区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2008, 4, 4800, 1200, "平屋面"],
            ["食堂", "食堂", 2008, 2, 1300, 650, "平屋面"]]
    data = workbook(Sheet(rows, name="Sheet1", chart_sheet_before=True))
    return case("chart_sheet_first", "二联中学.xlsx", data, Expect(
        2, {(1, "roof_area_m2"): 650.0}, sheets_read=("Sheet1",)))


def gb18030_rare_character() -> Case:
    """A GB18030 CSV whose school name holds a character outside GBK (䶮)."""
    rows = [["学校名称", "上海市闵行区䶮山实验学校"], ["学校代码", "3101120399"],
            ["所在区", "闵行区"], ["学校类型", "九年一贯制"], [],
            HEADER, ["教学楼", "教学", 2015, 4, 5200, 1300, "平屋面"]]
    return case("gb18030_rare_character", "实验学校.csv", delimited(rows, "gb18030"), Expect(
        1, {(0, "gross_floor_area_m2"): 5200.0}, {"school_name": "上海市闵行区䶮山实验学校"}))


def product_typed_in_area() -> Case:
    """建筑面积 typed as floor plate times floors: 1200×5, 800*3."""
    rows = [*school("3101090402", "上海市虹口区钟山初级中学", "虹口区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2002, 5, "1200×5", 1200, "平屋面"],
            ["实验楼", "实验", 2002, 3, "800*3", 800, "平屋面"]]
    return case("product_typed_in_area", "钟山初中.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "gross_floor_area_m2"): 2400.0}))


def unlabelled_total_row() -> Case:
    """An AutoSum row under the table: the sums with no word beside them."""
    rows = [*school("3101180415", "上海市青浦区华新中学", "青浦区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"],
            ["实验楼", "实验", 2004, 4, 3000, 760, "平屋面"],
            ["食堂", "食堂", 2004, 2, 1200, 600, "平屋面"],
            [None, None, None, None, Styled(9000, formula="=SUM(E5:E7)"),
             Styled(2560, formula="=SUM(F5:F7)"), None]]
    return case("unlabelled_total_row", "华新中学.xlsx", xlsx(rows), Expect(
        3, {(2, "gross_floor_area_m2"): 1200.0}, skipped={8}))


def mixed_roof_words() -> Case:
    """屋面类型 naming the main roof and a part: 平屋面（局部坡屋面）, 坡屋面+平台."""
    rows = [*school("3101200428", "上海市奉贤区育秀实验学校", "奉贤区", "九年一贯制学校"), [],
            HEADER,
            ["教学楼", "教学", 2012, 4, 5600, 1400, "平屋面（局部坡屋面）"],
            ["行政楼", "办公", 2012, 3, 1800, 600, "坡屋面+平台"]]
    return case("mixed_roof_words", "育秀实验.xlsx", xlsx(rows), Expect(
        2, {(0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面"}))


def web_platform_export() -> Case:
    """Exported from the district's asset platform: inline strings, no styles, <dimension> A1."""
    rows = [["学校名称", "上海市嘉定区马陆小学", None, "学校代码", "3101140431"],
            ["所在区", "嘉定区", None, "学校类型", "小学"], [],
            HEADER,
            ["教学楼", "教学", 2009, 4, 4600, 1150, "平屋面"],
            ["体育馆", "体育馆", 2016, 2, 1900, 1500, "彩钢瓦"]]
    return case("web_platform_export", "资产导出_20260301.xlsx", web_export(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 4600.0, (1, "roof_type"): "彩钢瓦"},
        {"school_code": "3101140431"}))


def age_instead_of_year() -> Case:
    """A 校舍安全 register giving 房龄（年） in 2026 instead of the year built: 28 years is 1998."""
    rows = [["2026年校舍情况统计表"], *school("3101170444", "上海市松江区九峰实验学校", "松江区", "九年一贯制"),
            [],
            ["建筑名称", "用途", "房龄（年）", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 28, 4, 4800, 1200, "平屋面"],
            ["体育馆", "体育馆", 6, 2, 2000, 1600, "彩钢瓦"]]
    return case("age_instead_of_year", "九峰实验.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 1998, (1, "year_built"): 2020}))


def square_feet_international() -> Case:
    """An international school's estates office: areas in sq ft, district in English."""
    rows = [["School Name", "Shanghai Pudong Harbour International School", None, "School ID", "3101150457"],
            ["District", "Pudong New Area", None, "School Type", "International (K-12)"], [],
            ["Building", "Use", "Year Built", "Floors", "GFA (sq ft)", "Roof Area (sq ft)", "Roof Type"],
            ["Secondary Block", "Teaching", 2009, 4, 64583, 16146, "Flat concrete"],
            ["Aquatics Centre", "Gymnasium", 2011, 1, 21528, 23681, "Metal sheet"]]
    sq_ft = 0.09290304
    return case("square_feet_international", "PHIS_buildings.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 64583 * sq_ft, (0, "roof_area_m2"): 16146 * sq_ft,
            (1, "gross_floor_area_m2"): 21528 * sq_ft},
        {"district": "浦东新区", "school_type": "中小学"}))


def underscores_around_values() -> Case:
    """A paper form's blanks kept: 学校名称：＿＿上海市崇明区登瀛中学＿＿."""
    rows = [["学校名称：＿＿上海市崇明区登瀛中学＿＿", None, None, None, "学校代码：__3101510470__"],
            ["所在区：＿崇明区＿", None, None, None, "学校类型：＿初级中学＿"], [],
            HEADER, ["教学楼", "教学", 2010, 4, 4400, 1100, "平屋面"]]
    return case("underscores_around_values", "登瀛中学.xlsx", xlsx(rows), Expect(
        1, {(0, "roof_area_m2"): 1100.0},
        {"school_name": "上海市崇明区登瀛中学", "school_code": "3101510470", "district": "崇明区"}))


def five_digit_year() -> Case:
    """A slip: 20005 typed for 2005. An error at its cell."""
    rows = [*school("3101050483", "上海市长宁区复旦初级中学", "长宁区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 20005, 4, 4800, 1200, "平屋面"],
            ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"]]
    return case("five_digit_year", "复旦初中.xlsx", xlsx(rows), Expect(2, errors={"C5"}))


def storey_height_beside_floors() -> Case:
    """层高（m） beside 层数: the storey height is not a floor count."""
    rows = [*school("3101060496", "上海市静安区回民中学", "静安区", "初中"), [],
            ["建筑名称", "用途", "建成年份", "层高（m）", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 2003, 3.6, 5, 5500, 1150, "平屋面"],
            ["体育馆", "体育馆", 2012, 9, 1, 1600, 1650, "彩钢瓦"]]
    return case("storey_height_beside_floors", "回民中学.xlsx", xlsx(rows), Expect(
        2, {(0, "floors_above_ground"): 5, (1, "floors_above_ground"): 1}))


def three_area_columns() -> Case:
    """占地面积, 总建筑面积 and 地上建筑面积 side by side: 建筑面积 is the total."""
    rows = [*school("3101070509", "上海市普陀区培佳双语学校", "普陀区", "九年一贯制学校"), [],
            ["建筑名称", "用途", "建成年份", "层数", "占地面积（㎡）", "总建筑面积（㎡）", "地上建筑面积（㎡）",
             "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", 2013, 5, 1400, 8200, 7000, 1350, "平屋面"],
            ["宿舍", "宿舍", 2013, 6, 800, 4800, 4800, 780, "平屋面"]]
    return case("three_area_columns", "培佳双语.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 8200.0, (1, "gross_floor_area_m2"): 4800.0,
            (0, "roof_area_m2"): 1350.0}))


def azimuth_south_zero() -> Case:
    """屋面朝向 in degrees with PVGIS's convention stated in the header: 正南为0°，偏东为负."""
    rows = [*school("3101150512", "上海市浦东新区上南中学", "浦东新区", "完全中学"), [],
            [*HEADER, "屋面朝向（正南为0°，偏东为负，偏西为正）"],
            ["教学楼", "教学", 2007, 5, 6000, 1300, "坡屋面", -15],
            ["实验楼", "实验", 2007, 4, 3200, 820, "坡屋面", 0],
            ["图书馆", "图书馆", 2010, 3, 2400, 900, "坡屋面", 20]]
    return case("azimuth_south_zero", "上南中学.xlsx", xlsx(rows), Expect(
        3, {(0, "roof_azimuth_deg"): 165.0, (1, "roof_azimuth_deg"): 180.0,
            (2, "roof_azimuth_deg"): 200.0}))


def grouped_rows_collapsed() -> Case:
    """Buildings grouped under each campus's 小计 row (数据→组合), the groups left collapsed:
    the 小计 rows show, a ＋ beside each says the buildings are there."""
    rows = [*school("3101040525", "上海市徐汇区南模中学", "徐汇区", "完全中学"), [],
            HEADER,
            ["教学楼", "教学", 2004, 5, 6000, 1300, "平屋面"],
            ["实验楼", "实验", 2004, 4, 3000, 800, "平屋面"],
            ["本部小计", None, None, None, 9000, 2100, None],
            ["初中楼", "教学", 2012, 4, 4000, 1000, "平屋面"],
            ["初中部小计", None, None, None, 4000, 1000, None]]
    sheet = Sheet(rows, collapsed_groups=((4, 5), (7, 7)))
    return case("grouped_rows_collapsed", "南模中学.xlsx", workbook(sheet), Expect(
        3, {(0, "building_name"): "教学楼", (2, "building_name"): "初中楼"}, skipped={7, 9}))


def roof_as_dimensions() -> Case:
    """Roof areas as the caretaker measured them, length × width: 60×20, 45*18."""
    rows = [*school("3101130538", "上海市宝山区月浦中学", "宝山区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2003, 4, 4800, "60×20", "平屋面"],
            ["实验楼", "实验", 2003, 4, 3200, "45*18", "平屋面"]]
    return case("roof_as_dimensions", "月浦中学.xlsx", xlsx(rows), Expect(
        2, {(0, "roof_area_m2"): 1200.0, (1, "roof_area_m2"): 810.0}))


def identification_code_label() -> Case:
    """The code labelled as the education bureau names it, 学校标识码; 其它 for 其他."""
    rows = [["学校名称", "上海市长宁区建青实验学校", None, "学校标识码", "3101050541"],
            ["所在区", "长宁区", None, "学校类型", "九年一贯制"], [],
            HEADER,
            ["教学楼", "教学", 2005, 5, 6000, 1300, "平屋面"],
            ["连廊", "其它", 2005, 2, 300, 150, "其它"]]
    return case("identification_code_label", "建青实验.xlsx", xlsx(rows), Expect(
        2, {(1, "building_use"): "其他", (1, "roof_type"): "其他"}, {"school_code": "3101050541"}))


# --- columns that look like ours and are not -----------------------------------------------

def pv_capacity_in_mw_header() -> Case:
    """已建光伏容量（MW）: 0.1 in the cell is 100 kW."""
    rows = [*school("3101100554", "上海市杨浦区少云中学", "杨浦区", "初中"), [],
            [*HEADER, "已建光伏容量（MW）"],
            ["体育馆", "体育馆", 2015, 1, 2800, 2800, "彩钢瓦", 0.1],
            ["教学楼", "教学", 2006, 4, 4800, 1200, "平屋面", 0.05]]
    return case("pv_capacity_in_mw_header", "少云中学.xlsx", xlsx(rows), Expect(
        2, {(0, "existing_pv_kw"): 100.0, (1, "existing_pv_kw"): 50.0}))


def electricity_cost_not_use() -> Case:
    """The school block gives last year's electricity bill (年电费（万元）), not its use in kWh."""
    rows = [["学校名称", "上海市闵行区鹤北初级中学", None, "学校代码", "3101120567"],
            ["所在区", "闵行区", None, "学校类型", "初中"],
            ["2025年电费（万元）", 48.6], [],
            HEADER, ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"]]
    return case("electricity_cost_not_use", "鹤北初中.xlsx", xlsx(rows), Expect(
        1, {(0, "roof_area_m2"): 1200.0}, {"annual_electricity_kwh": None}))


def pv_panel_count() -> Case:
    """已建光伏（块）: a count of panels, not a capacity in kW."""
    rows = [*school("3101140570", "上海市嘉定区徐行中学", "嘉定区", "初中"), [],
            [*HEADER, "已建光伏（块）"],
            ["体育馆", "体育馆", 2016, 1, 2400, 2400, "彩钢瓦", 200],
            ["教学楼", "教学", 2005, 4, 4400, 1100, "平屋面", None]]
    return case("pv_panel_count", "徐行中学.xlsx", xlsx(rows), Expect(
        2, {(0, "existing_pv_kw"): None, (0, "roof_area_m2"): 2400.0}))


def numbering_column() -> Case:
    """A 编号 column of the school's own building numbers (JZ001) before 建筑名称."""
    rows = [*school("3101160583", "上海市金山区朱泾第二中学", "金山区", "初中"), [],
            ["编号", *HEADER],
            ["JZ001", "教学楼", "教学", 2006, 4, 5000, 1250, "平屋面"],
            ["JZ002", "食堂", "食堂", 2006, 2, 1400, 700, "平屋面"]]
    return case("numbering_column", "朱泾二中.xlsx", xlsx(rows), Expect(
        2, {(0, "building_name"): "教学楼", (1, "building_name"): "食堂"},
        {"school_code": "3101160583"}))


def green_roof_column() -> Case:
    """屋顶绿化面积 beside 屋顶面积: a planted roof, not roof free for panels."""
    rows = [*school("3101060596", "上海市静安区华东模范中学", "静安区", "初中"), [],
            [*HEADER, "屋顶绿化面积（㎡）"],
            ["教学楼", "教学", 2009, 5, 5800, 1300, "平屋面", 600],
            ["实验楼", "实验", 2009, 4, 3000, 800, "平屋面", 0]]
    return case("green_roof_column", "华东模范.xlsx", xlsx(rows), Expect(
        2, {(0, "roof_area_m2"): 1300.0, (0, "usable_roof_area_m2"): None,
            (1, "usable_roof_area_m2"): None}))


def pv_panel_area_column() -> Case:
    """已建光伏面积（㎡）: the panels' area, not their capacity."""
    rows = [*school("3101180609", "上海市青浦区白鹤中学", "青浦区", "初中"), [],
            [*HEADER, "已建光伏面积（㎡）"],
            ["体育馆", "体育馆", 2014, 1, 2200, 2200, "彩钢瓦", 300],
            ["教学楼", "教学", 2008, 4, 4400, 1100, "平屋面", None]]
    return case("pv_panel_area_column", "白鹤中学.xlsx", xlsx(rows), Expect(
        2, {(0, "existing_pv_kw"): None, (0, "roof_area_m2"): 2200.0}))


def solar_water_heater_column() -> Case:
    """A 太阳能热水器 column: solar hot water on the dormitory, not photovoltaics."""
    rows = [*school("3101200612", "上海市奉贤区齐贤学校", "奉贤区", "九年一贯制学校"), [],
            [*HEADER, "太阳能热水器（台）"],
            ["宿舍", "宿舍", 2010, 5, 4000, 800, "平屋面", 12],
            ["教学楼", "教学", 2010, 4, 4800, 1200, "平屋面", None]]
    return case("solar_water_heater_column", "齐贤学校.xlsx", xlsx(rows), Expect(
        2, {(0, "existing_pv_kw"): None, (0, "year_built"): 2010}))


def waterproofing_year_column() -> Case:
    """竣工年份 and 屋面防水改造年份 side by side: the building's year is the first."""
    rows = [*school("3101090625", "上海市虹口区澄衷高级中学", "虹口区", "高中"), [],
            ["建筑名称", "用途", "屋面防水改造年份", "竣工年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）",
             "屋面类型"],
            ["教学楼", "教学", 2019, 1996, 5, 5500, 1150, "平屋面"],
            ["图书馆", "图书馆", 2021, 2001, 3, 2400, 850, "平屋面"]]
    return case("waterproofing_year_column", "澄衷高中.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 1996, (1, "year_built"): 2001}))


def usage_area_column() -> Case:
    """使用面积 (the floor area in use, a property-register term) beside 建筑面积 and 屋顶面积."""
    rows = [*school("3101010638", "上海市黄浦区储能中学", "黄浦区", "初中"), [],
            ["建筑名称", "用途", "建成年份", "层数", "建筑面积（㎡）", "使用面积（㎡）", "屋顶面积（㎡）",
             "屋面类型"],
            ["教学楼", "教学", 2000, 5, 5200, 3900, 1100, "平屋面"],
            ["综合楼", "办公", 2010, 4, 3000, 2200, 780, "平屋面"]]
    return case("usage_area_column", "储能中学.xlsx", xlsx(rows), Expect(
        2, {(0, "gross_floor_area_m2"): 5200.0, (0, "roof_area_m2"): 1100.0,
            (0, "usable_roof_area_m2"): None, (1, "usable_roof_area_m2"): None}))


def building_coordinates_columns() -> Case:
    """经度 and 纬度 per building (picked on a map for each), none for the school."""
    rows = [*school("3101040641", "上海市徐汇区龙华中学", "徐汇区", "初中"), [],
            [*HEADER, "经度", "纬度"],
            ["教学楼", "教学", 2005, 4, 5000, 1250, "平屋面", 121.4520, 31.1710],
            ["体育馆", "体育馆", 2013, 2, 2000, 1600, "彩钢瓦", 121.4530, 31.1716]]
    return case("building_coordinates_columns", "龙华中学.xlsx", xlsx(rows), Expect(
        2, {(1, "roof_area_m2"): 1600.0},
        near={"longitude": (121.4525, 0.002), "latitude": (31.1713, 0.002)}))


def campus_filled_once() -> Case:
    """校区 typed once at the top of each campus's rows, blank below: the same campus."""
    rows = [*school("3101150654", "上海市浦东新区福山外国语小学", "浦东新区", "小学"), [],
            ["校区", *HEADER],
            ["本部", "教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"],
            [None, "食堂", "食堂", 2004, 2, 1200, 600, "平屋面"],
            ["证大校区", "教学楼", "教学", 2012, 4, 4400, 1100, "平屋面"],
            [None, "体育馆", "体育馆", 2012, 2, 1800, 1400, "彩钢瓦"]]
    return case("campus_filled_once", "福山外国语.xlsx", xlsx(rows), Expect(
        4, {(1, "campus"): "本部", (2, "campus"): "证大校区", (3, "campus"): "证大校区"}))


def code_only_in_file_name() -> Case:
    """The district renamed each school's file to its code; the sheet names the school only."""
    rows = [["学校名称", "上海市宝山区通河新村第三小学", None, "所在区", "宝山区"],
            ["学校类型", "小学"], [],
            HEADER, ["教学楼", "教学", 1996, 4, 4200, 1050, "平屋面"]]
    return case("code_only_in_file_name", "3101130667.xlsx", xlsx(rows), Expect(
        1, {(0, "year_built"): 1996}, {"school_code": "3101130667"}))


def school_in_text_box() -> Case:
    """The school's details typed in a text box (插入→文本框) drawn above the table."""
    box = "学校名称：上海市嘉定区清河路小学    学校代码：3101140670    所在区：嘉定区    学校类型：小学"
    rows = [[], [], [], HEADER,
            ["教学楼", "教学", 2003, 4, 4400, 1100, "平屋面"],
            ["食堂", "食堂", 2003, 2, 1100, 550, "平屋面"]]
    return case("school_in_text_box", "清河路小学.xlsx", workbook(Sheet(rows, text_box=(0, 0, box))),
                Expect(2, {(1, "roof_area_m2"): 550.0},
                       {"school_name": "上海市嘉定区清河路小学", "school_code": "3101140670"}))


def floors_and_area_parent_headers() -> Case:
    """层数 and 建筑面积 each a parent over 地上 | 地下; no total typed."""
    rows = [*school("3101170683", "上海市松江区华阳桥学校", "松江区", "九年一贯制学校"), [],
            ["建筑名称", "用途", "建成年份", "层数", None, "建筑面积（㎡）", None, "屋顶面积（㎡）", "屋面类型"],
            [None, None, None, "地上", "地下", "地上", "地下", None, None],
            ["教学楼", "教学", 2011, 4, 1, 4800, 1200, 1200, "平屋面"],
            ["体育馆", "体育馆", 2011, 2, 0, 1800, 0, 1400, "彩钢瓦"]]
    merges = ((3, 3, 3, 4, "层数"), (3, 5, 3, 6, "建筑面积（㎡）"),
              *((3, c, 4, c, rows[3][c]) for c in (0, 1, 2, 7, 8)))
    return case("floors_and_area_parent_headers", "华阳桥学校.xlsx", xlsx(rows, merges), Expect(
        2, {(0, "floors_above_ground"): 4, (0, "gross_floor_area_m2"): 6000.0,
            (1, "floors_above_ground"): 2, (1, "gross_floor_area_m2"): 1800.0}))


def chinese_numeral_year() -> Case:
    """建成年份 in the register's formal style: 二〇〇三年, 一九九八年."""
    rows = [*school("3101010696", "上海市黄浦区卢湾中学", "黄浦区", "完全中学"), [],
            HEADER,
            ["教学楼", "教学", "二〇〇三年", 5, 6000, 1300, "平屋面"],
            ["实验楼", "实验", "一九九八年", 4, 3200, 800, "平屋面"]]
    return case("chinese_numeral_year", "卢湾中学.xlsx", xlsx(rows), Expect(
        2, {(0, "year_built"): 2003, (1, "year_built"): 1998}))


def shared_formula_fill_down() -> Case:
    """可利用屋顶面积 as =F5*0.8 filled down, saved by Excel as one shared formula."""
    rows = [*school("3101120709", "上海市闵行区梅陇中学", "闵行区", "初中"), [],
            [*HEADER, "可利用屋顶面积（㎡）"],
            ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面", Styled(960, formula="=F5*0.8")],
            ["实验楼", "实验", 2004, 4, 3000, 800, "平屋面", Styled(640, formula="=F6*0.8")],
            ["食堂", "食堂", 2004, 2, 1200, 600, "平屋面", Styled(480, formula="=F7*0.8")]]
    data = as_excel_fills_down(xlsx(rows), "H", 5, 7)
    return case("shared_formula_fill_down", "梅陇中学.xlsx", data, Expect(
        3, {(0, "usable_roof_area_m2"): 960.0, (1, "usable_roof_area_m2"): 640.0,
            (2, "usable_roof_area_m2"): 480.0}))


def university_many_buildings() -> Case:
    """A university's 后勤处: 150 buildings on three campuses, one 校区 column."""
    campuses = ("徐汇校区", "闵行校区", "奉贤校区")
    rows = [*school("4131010270", "上海应用技术大学", "奉贤区", "普通高等学校"), [],
            ["校区", *HEADER]]
    for k in range(150):
        campus = campuses[k % 3]
        rows.append([campus, f"{campus[:2]}{k // 3 + 1}号楼", ("教学", "宿舍", "实验")[k % 3],
                     1990 + k % 30, 3 + k % 5, 3000 + 10 * k, 700 + 2 * k, "平屋面"])
    return case("university_many_buildings", "应用技术大学_后勤处.xlsx", xlsx(rows), Expect(
        150, {(0, "campus"): "徐汇校区", (149, "campus"): "奉贤校区",
              (149, "gross_floor_area_m2"): 4490.0, (100, "roof_area_m2"): 900.0},
        {"school_type": "高校"}))


def same_as_another_building() -> Case:
    """A twin building described as 同1号楼 in each cell, as the caretaker writes it."""
    rows = [*school("3101070712", "上海市普陀区桃浦中学", "普陀区", "初中"), [],
            HEADER,
            ["1号楼", "教学", 2006, 4, 4800, 1200, "平屋面"],
            ["2号楼", "同1号楼", "同1号楼", "同1号楼", "同1号楼", "同1号楼", "同1号楼"]]
    return case("same_as_another_building", "桃浦中学.xlsx", xlsx(rows), Expect(
        2, {(1, "building_use"): "教学", (1, "year_built"): 2006, (1, "floors_above_ground"): 4,
            (1, "gross_floor_area_m2"): 4800.0, (1, "roof_area_m2"): 1200.0,
            (1, "roof_type"): "混凝土平屋面"}))


def english_tabs_school_info() -> Case:
    """Two English tabs: School Info (label | value down column A) and Buildings."""
    info = [["School Name", "上海市长宁区世界外国语小学"], ["School Code", "3101050725"],
            ["District", "长宁区"], ["School Type", "小学"]]
    buildings = [HEADER, ["教学楼", "教学", 2007, 4, 5000, 1250, "平屋面"],
                 ["体育馆", "体育馆", 2010, 2, 1800, 1500, "彩钢瓦"]]
    data = workbook(Sheet(info, name="School Info"), Sheet(buildings, name="Buildings"))
    return case("english_tabs_school_info", "WFLPS.xlsx", data, Expect(
        2, {(1, "roof_area_m2"): 1500.0},
        {"school_code": "3101050725", "school_name": "上海市长宁区世界外国语小学"},
        sheets_read=("Buildings",)))


def filtered_rows_saved() -> Case:
    """Saved with a filter left on (用途 = 教学): the other buildings' rows hidden by the filter,
    the funnel on the header saying so. They are still the school's buildings."""
    rows = [*school("3101100738", "上海市杨浦区惠民中学", "杨浦区", "初中"), [],
            HEADER,
            ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"],
            ["食堂", "食堂", 2004, 2, 1200, 600, "平屋面"],
            ["综合楼", "教学", 2012, 5, 5000, 1000, "平屋面"],
            ["体育馆", "体育馆", 2012, 2, 2000, 1600, "彩钢瓦"]]
    sheet = Sheet(rows, filtered=(3, 1, "教学", (5, 7)))
    return case("filtered_rows_saved", "惠民中学.xlsx", workbook(sheet), Expect(
        4, {(1, "building_name"): "食堂", (3, "roof_type"): "彩钢瓦"}))


def na_in_optional_fields() -> Case:
    """N/A, NA and n/a typed in the optional fields, as in an English-trained office."""
    rows = [*school("3101120741", "上海市闵行区协和双语学校", "闵行区", "九年一贯制学校"), [],
            [*HEADER, "可利用屋顶面积（㎡）", "已建光伏容量（kW）", "遮挡情况"],
            ["教学楼", "教学", 2008, 4, 5200, 1300, "平屋面", "N/A", "NA", "n/a"],
            ["体育馆", "体育馆", 2010, 2, 2000, 1600, "彩钢瓦", 1200, "N/A", "无"]]
    return case("na_in_optional_fields", "协和双语.xlsx", xlsx(rows), Expect(
        2, {(0, "usable_roof_area_m2"): None, (0, "existing_pv_kw"): None,
            (1, "usable_roof_area_m2"): 1200.0, (1, "existing_pv_kw"): None}))


def short_condition_and_block_words() -> Case:
    """屋面状况 as one character (良, 中, 差); 遮挡 无明显遮挡; 学校类型 完中; 所在区 闵行区莘庄镇."""
    rows = [*school("3101120754", "上海市闵行区莘庄镇中学", "闵行区莘庄镇", "完中"), [],
            [*HEADER, "屋面状况", "遮挡情况"],
            ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面", "良", "无明显遮挡"],
            ["实验楼", "实验", 1995, 4, 3000, 760, "平屋面", "中", "无明显遮挡"],
            ["老食堂", "食堂", 1988, 1, 700, 700, "坡屋面", "差", "无明显遮挡"]]
    return case("short_condition_and_block_words", "莘庄镇中学.xlsx", xlsx(rows), Expect(
        3, {(0, "roof_condition"): "良好", (1, "roof_condition"): "一般", (2, "roof_condition"): "差",
            (0, "shading"): "无"}, {"district": "闵行区", "school_type": "中小学"}))


# --- files as they arrive ------------------------------------------------------------------

def csv_padded_rows() -> Case:
    """Excel's CSV export: every line padded with commas to the widest row, the title too."""
    rows = [["建筑楼宇面积调研表"], [], *school("3101130767", "上海市宝山区高境第一中学", "宝山区", "初中"), [],
            HEADER, ["教学楼", "教学", 2005, 4, 4800, 1200, "平屋面"],
            ["实验楼", "实验", 2005, 4, 3000, 760, "平屋面"]]
    width = max(len(r) for r in rows) + 3
    padded = [row + [None] * (width - len(row)) for row in rows]
    return case("csv_padded_rows", "高境一中.csv", delimited(padded, "gbk"), Expect(
        2, {(1, "roof_area_m2"): 760.0}, {"school_code": "3101130767"}))


def csv_quoted_line_breaks() -> Case:
    """A CSV whose quoted cells hold line breaks (Alt+Enter in Excel, exported as-is)."""
    rows = [*school("3101140770", "上海市嘉定区迎园中学", "嘉定区", "初中"), [],
            [*HEADER, "备注"],
            ["实验楼\r\n（含报告厅）", "实验", 2004, 4, 3600, 900, "平屋面", "东侧有\r\n冷却塔"],
            ["教学楼", "教学", 2004, 5, 6000, 1300, "平屋面", None]]
    return case("csv_quoted_line_breaks", "迎园中学.csv", delimited(rows, "utf-8-sig"), Expect(
        2, {(0, "gross_floor_area_m2"): 3600.0, (1, "roof_area_m2"): 1300.0}))


def tab_text_named_xls() -> Case:
    """An old web system's 导出Excel: GBK tab-separated text saved with an .xls ending."""
    rows = [*school("3101160783", "上海市金山区山阳中学", "金山区", "初中"), [],
            HEADER, ["教学楼", "教学", 2007, 4, 5000, 1250, "平屋面"],
            ["体育馆", "体育馆", 2013, 2, 2100, 1700, "彩钢瓦"]]
    return case("tab_text_named_xls", "建筑信息导出.xls", delimited(rows, "gbk", "\t"), Expect(
        2, {(1, "gross_floor_area_m2"): 2100.0}, {"school_code": "3101160783"}))


def csv_sep_hint_line() -> Case:
    """A CSV opening with Excel's sep=; hint line, then semicolon-separated rows."""
    rows = [*school("3101170796", "上海市松江区车墩学校", "松江区", "九年一贯制学校"), [],
            HEADER, ["教学楼", "教学", 2009, 4, 4600, 1150, "平屋面"]]
    data = b"sep=;\r\n" + delimited(rows, "gbk", ";")
    return case("csv_sep_hint_line", "车墩学校.csv", data, Expect(
        1, {(0, "roof_area_m2"): 1150.0}, {"school_code": "3101170796"}))


def xls_year_dates() -> Case:
    """A legacy .xls whose 建成年份 cells are dates shown as yyyy (the column was formatted so)."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet1")
    year_style = xlwt.easyxf(num_format_str="yyyy")
    rows = [*school("3101180809", "上海市青浦区练塘中学", "青浦区", "初中"), [],
            HEADER, ["教学楼", "教学", dt.date(2003, 9, 1), 4, 4800, 1200, "平屋面"],
            ["食堂", "食堂", dt.date(1999, 1, 1), 2, 1200, 600, "平屋面"]]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write(i, j, value, year_style)
            elif value is not None:
                ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return case("xls_year_dates", "练塘中学.xls", buffer.getvalue(), Expect(
        2, {(0, "year_built"): 2003, (1, "year_built"): 1999}))


def names_with_total_words() -> Case:
    """Buildings whose names or notes hold 总 or 合计: 总务楼, 综合计算机实训楼, 与3号楼合计."""
    rows = [*school("3101040812", "上海市信息技术学校", "徐汇区", "中等职业学校"), [],
            [*HEADER, "备注"],
            ["总务楼", "办公", 1998, 3, 1800, 600, "平屋面", None],
            ["综合计算机实训楼", "实验", 2011, 5, 6200, 1300, "平屋面", None],
            ["3号楼", "教学", 2004, 4, 4000, 1000, "平屋面", None],
            ["4号楼", "教学", 2004, 4, 4000, 1000, "平屋面", "面积与3号楼合计报送"]]
    return case("names_with_total_words", "信息技术学校.xlsx", xlsx(rows), Expect(
        4, {(0, "building_name"): "总务楼", (1, "building_name"): "综合计算机实训楼",
            (3, "building_name"): "4号楼"}, {"school_type": "中职"}))


def header_words_variants() -> Case:
    """Headers in the words of other forms: 楼宇名称, 使用功能, 投入使用年份, 建筑层数, 总建筑面积,
    屋面面积, 屋顶形式; uses as 教学用房, 学生宿舍, 行政办公用房."""
    rows = [*school("3101050825", "上海市长宁区仙霞高级中学", "长宁区", "高中"), [],
            ["楼宇名称", "使用功能", "投入使用年份", "建筑层数", "总建筑面积（㎡）", "屋面面积（㎡）", "屋顶形式"],
            ["教学楼", "教学用房", 2003, 5, 6200, 1300, "平屋面"],
            ["学生公寓", "学生宿舍", 2008, 6, 5400, 900, "平屋面"],
            ["行政楼", "行政办公用房", 2003, 4, 2400, 600, "平屋面"]]
    return case("header_words_variants", "仙霞高中.xlsx", xlsx(rows), Expect(
        3, {(0, "building_use"): "教学", (1, "building_use"): "宿舍", (2, "building_use"): "办公",
            (0, "year_built"): 2003, (1, "floors_above_ground"): 6, (0, "gross_floor_area_m2"): 6200.0,
            (1, "roof_area_m2"): 900.0, (2, "roof_type"): "混凝土平屋面"}))


def text_formula_names() -> Case:
    """Building names made by a formula from a 楼号 column (=A5&"号楼"), hidden helper gone."""
    rows = [*school("3101070838", "上海市普陀区子长学校", "普陀区", "九年一贯制学校"), [],
            ["楼号", *HEADER],
            [1, Styled("1号楼", formula='=A5&"号楼"'), "教学", 2005, 4, 4800, 1200, "平屋面"],
            [2, Styled("2号楼", formula='=A6&"号楼"'), "实验", 2005, 4, 3000, 760, "平屋面"]]
    return case("text_formula_names", "子长学校.xlsx", xlsx(rows), Expect(
        2, {(0, "building_name"): "1号楼", (1, "building_name"): "2号楼",
            (1, "roof_area_m2"): 760.0}))


def one_card_sheet_per_building() -> Case:
    """A 校舍信息卡 per building: one sheet each (1号楼, 2号楼, 3号楼), label | value down the page,
    the school's details on every card."""
    def card(name: str, use: str, year: int, floors: int, area: int, roof: int, kind: str) -> list:
        return [["校舍信息卡"], ["学校名称", "上海市虹口区长青学校"], ["学校代码", "3101090841"],
                ["所在区", "虹口区"], ["学校类型", "九年一贯制学校"],
                ["建筑名称", name], ["建筑用途", use], ["建成年份", year], ["地上层数", floors],
                ["建筑面积（㎡）", area], ["屋顶面积（㎡）", roof], ["屋面类型", kind]]
    data = workbook(Sheet(card("教学楼", "教学", 2006, 4, 4800, 1200, "平屋面"), name="1号楼"),
                    Sheet(card("实验楼", "实验", 2006, 4, 3000, 760, "平屋面"), name="2号楼"),
                    Sheet(card("体育馆", "体育馆", 2014, 2, 2000, 1600, "彩钢瓦"), name="3号楼"))
    return case("one_card_sheet_per_building", "长青学校校舍信息卡.xlsx", data, Expect(
        3, {(0, "building_name"): "教学楼", (2, "roof_type"): "彩钢瓦", (1, "roof_area_m2"): 760.0},
        {"school_code": "3101090841"}, sheets_read=("1号楼", "2号楼", "3号楼")))


def planned_buildings_beside() -> Case:
    """Right of the buildings, a second table of buildings planned for 2027 (拟建): not yet built."""
    gap = [None]
    rows = [*school("3101150854", "上海市浦东新区临港第一中学", "浦东新区", "初中"), [],
            ["现有建筑", None, None, None, None, None, None, *gap, "拟建建筑（2027年）"],
            [*HEADER, *gap, *HEADER],
            ["教学楼", "教学", 2018, 4, 5200, 1300, "平屋面", *gap,
             "艺体楼", "其他", 2027, 3, 3000, 1000, "平屋面"],
            ["食堂", "食堂", 2018, 2, 1400, 700, "平屋面"]]
    return case("planned_buildings_beside", "临港一中.xlsx", xlsx(rows), Expect(
        2, {(0, "building_name"): "教学楼", (1, "building_name"): "食堂"}))


def roof_type_tick_columns() -> Case:
    """屋面类型 as a paper form's tick columns: 平屋面 | 坡屋面 | 彩钢瓦 under one parent, √ in one."""
    rows = [*school("3101160867", "上海市金山区海棠小学", "金山区", "小学"), [],
            ["建筑名称", "用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型", None, None],
            [None, None, None, None, None, None, "平屋面", "坡屋面", "彩钢瓦"],
            ["教学楼", "教学", 2009, 4, 4600, 1150, "√", None, None],
            ["连廊门厅", "其他", 2009, 1, 300, 320, None, "√", None],
            ["风雨操场", "体育馆", 2015, 1, 1500, 1550, None, None, "√"]]
    merges = ((3, 6, 3, 8, "屋面类型"), *((3, c, 4, c, rows[3][c]) for c in range(6)))
    return case("roof_type_tick_columns", "海棠小学.xlsx", xlsx(rows, merges), Expect(
        3, {(0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面", (2, "roof_type"): "彩钢瓦"}))


CASE_FUNCTIONS = (
    safety_register_xls, property_register_footprint, gross_split_above_below,
    building_numbers_as_names, floors_above_slash_below, roof_described_in_one_cell,
    orientation_words, phased_years, ditto_marks, line_breaks_in_values, photo_links,
    name_only_in_sheet_tab, name_only_in_file_name, colored_header_with_comments,
    quote_prefixed_text_numbers, apostrophes_in_gbk_csv, word_pasted_table, english_international,
    subtotals_per_campus, total_in_the_middle, hidden_helper_columns, title_and_note_box_right,
    repeated_header_per_page, struck_through_row, second_table_below, excel_default_empty_sheets,
    excel_table_with_total_row, two_digit_years, areas_typed_with_wan_and_m2, slope_as_percent,
    pv_in_mw_and_kwp, use_words_local, roof_words_local, shading_sentences, multi_use_first_word,
    district_without_qu, credit_code_instead, school_code_with_spaces, code_in_title,
    coordinates_in_chinese_dms, vocational_school_type, sum_typed_in_area_cell,
    typos_in_headers, usable_as_share_of_roof, floors_written_with_f, campus_in_school_name,
    year_named_tabs, note_row_in_the_table, protected_sheet, electricity_by_month_sheet,
    full_width_separators, bordered_empty_form_rows, roof_words_shanghai, headers_with_remarks,
    chart_beside_table, hidden_row_demolished, district_review_columns,
    kindergarten_type_from_name, roof_same_as_floor, school_block_as_table, slope_as_ratio,
    text_dates_with_slashes, subtotal_in_serial_column, year_in_the_future, pending_required_value,
    blank_name_header, rebuilt_year, seal_note_and_former_district, split_table_two_parts,
    legend_line_above_header, whole_row_formatting, floors_as_range, rich_text_and_padded_cells,
    block_values_merged, csv_code_in_scientific, chart_sheet_first, gb18030_rare_character,
    product_typed_in_area, unlabelled_total_row, mixed_roof_words, web_platform_export,
    age_instead_of_year, square_feet_international, underscores_around_values, five_digit_year,
    storey_height_beside_floors, three_area_columns, azimuth_south_zero, grouped_rows_collapsed,
    roof_as_dimensions, identification_code_label, pv_capacity_in_mw_header,
    electricity_cost_not_use, pv_panel_count, numbering_column, green_roof_column,
    pv_panel_area_column, solar_water_heater_column, waterproofing_year_column, usage_area_column,
    building_coordinates_columns, campus_filled_once, code_only_in_file_name, school_in_text_box,
    floors_and_area_parent_headers, chinese_numeral_year, shared_formula_fill_down,
    university_many_buildings, same_as_another_building, english_tabs_school_info,
    filtered_rows_saved, na_in_optional_fields, short_condition_and_block_words, csv_padded_rows,
    csv_quoted_line_breaks, tab_text_named_xls, csv_sep_hint_line, xls_year_dates,
    names_with_total_words, header_words_variants, text_formula_names, one_card_sheet_per_building,
    planned_buildings_beside, roof_type_tick_columns)


def cases() -> list[Case]:
    """Every fourth-corpus sheet, built fresh."""
    return [make() for make in CASE_FUNCTIONS]
