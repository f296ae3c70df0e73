"""A fifth held-out corpus: sheets as Shanghai school staff and district bureaus really fill them.

Made without reading the reader, each sheet one habit not in the earlier corpora: former
names in brackets, a 校区 column merged down with 序号 restarting, gate lodges and bicycle
sheds, a committee's wide sheet (one school a row, buildings as column groups), school band
rows, a long 填表说明 full of field words above the block, cross-sheet and external-workbook
formulas, custom number formats (0.00"㎡"), old county names (崇明县, 南汇县), a 上海市 prefix
on one row only, a workbook protected against modification, district drop-down words, a
栏次 row (甲 乙 1 2 3), pandas exports with 2005.0 and nan, cached #REF! results and so on.
:func:`cases` returns them with the :class:`~tests.surveys.realistic.corpus.Case` /
``Expect`` structure; every case name starts with ``fifth_``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
import openpyxl.styles
import xlsxwriter
import xlwt
from openpyxl.workbook.protection import WorkbookProtection

from tests.surveys.realistic.corpus import Case, Expect

# --- writers -------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet as a person left it.

    ``formulas`` maps (row, col) to (formula, cached value); ``formats`` (row, col) to an
    Excel number format; ``comments`` (row, col) to a 批注; ``validations`` (first row, col,
    last row, list source); ``merges`` (r0, c0, r1, c1, text). Rows and columns from 0.
    """

    name: str
    cells: list[list]
    merges: tuple = ()
    formulas: dict = field(default_factory=dict)
    formats: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    validations: tuple = ()
    hidden: bool = False
    very_hidden: bool = False
    hidden_rows: tuple = ()
    hidden_cols: tuple = ()
    collapsed_cols: tuple = ()  # a column group (数据→组合) left collapsed
    freeze: tuple | None = None
    protect: bool = False
    header_row: int | None = None  # bold and filled, as staff format their header


def book(*sheets: Sheet) -> bytes:
    """An .xlsx as Excel 2010 saves it; a str stays text even when it looks like a number."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    formats: dict[str, object] = {}
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        merged = {(r0, c0) for r0, c0, *_ in sheet.merges}
        for i, row in enumerate(sheet.cells):
            style = bold if i == sheet.header_row else None
            for j, value in enumerate(row):
                if (i, j) in sheet.formulas or (i, j) in merged:
                    continue
                fmt = sheet.formats.get((i, j))
                cell_format = formats.setdefault(fmt, wb.add_format({"num_format": fmt})) \
                    if fmt else style
                if isinstance(value, str):
                    ws.write_string(i, j, value, cell_format)
                elif value is not None:
                    ws.write(i, j, value, cell_format)
        for (i, j), (formula, cached) in sheet.formulas.items():
            fmt = sheet.formats.get((i, j))
            cell_format = formats.setdefault(fmt, wb.add_format({"num_format": fmt})) if fmt else None
            ws.write_formula(i, j, formula, cell_format, cached)
        for r0, c0, r1, c1, text in sheet.merges:
            ws.merge_range(r0, c0, r1, c1, text, bold if r0 == sheet.header_row else None)
        for (i, j), text in sheet.comments.items():
            ws.write_comment(i, j, text, {"author": "总务处"})
        for first, col, last, source in sheet.validations:
            ws.data_validation(first, col, last, col, {"validate": "list", "source": source,
                                                       "input_title": "请选择",
                                                       "input_message": "从下拉列表中选择"})
        for r in sheet.hidden_rows:
            ws.set_row(r, None, None, {"hidden": True})
        for c in sheet.hidden_cols:
            ws.set_column(c, c, None, None, {"hidden": True})
        if sheet.collapsed_cols:
            first, last = sheet.collapsed_cols
            ws.set_column(first, last, None, None, {"level": 1, "hidden": True})
            ws.set_column(last + 1, last + 1, None, None, {"collapsed": True})
        if sheet.freeze:
            ws.freeze_panes(*sheet.freeze)
        if sheet.protect:
            ws.protect("zwc2026")
        if sheet.hidden:
            ws.hide()
        if sheet.very_hidden:
            ws.very_hidden()
    wb.close()
    return buffer.getvalue()


def xlsx(cells: list[list], merges: tuple = (), name: str = "Sheet1", **kw) -> bytes:
    return book(Sheet(name, cells, merges, **kw))


def patch_cells(data: bytes, sheet_no: int, edits: dict[str, str]) -> bytes:
    """Rewrite cells of sheet ``sheet_no`` as Excel saves them: ``edits`` maps a cell
    reference to its whole ``<c>`` element (cached errors, formulas with an empty text)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    name = f"xl/worksheets/sheet{sheet_no}.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                text = content.decode("utf-8")
                for ref, element in edits.items():
                    text, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', element, text, count=1)
                    assert n == 1, ref
                content = text.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def xls(cells: list[list], merges: tuple = (), name: str = "Sheet1",
        formats: dict | None = None) -> bytes:
    """A legacy .xls (BIFF8) as WPS saves it for an old district system."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(name)
    styles: dict[str, xlwt.XFStyle] = {}
    covered = {(i, j) for r0, c0, r1, c1, _ in merges
               for i in range(r0, r1 + 1) for j in range(c0, c1 + 1)}
    for r0, c0, r1, c1, text in merges:
        ws.write_merge(r0, r1, c0, c1, text)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is None or (i, j) in covered:
                continue
            fmt = (formats or {}).get((i, j))
            if fmt:
                style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
                ws.write(i, j, value, style)
            else:
                ws.write(i, j, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def text_bytes(rows: list[list], encoding: str, delimiter: str = ",") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows])
    return text.getvalue().encode(encoding)


def case(name: str, file_name: str, data: bytes, expect: Expect) -> Case:
    return Case(f"fifth_{name}", file_name, data, expect)


HEADER = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]


def block(name="上海市浦东新区建平实验中学", code="3101150233", district="浦东新区", kind="初级中学"):
    return [["学校名称", name, None, "学校代码", code],
            ["所在区", district, None, "学校类型", kind]]


# --- sheets --------------------------------------------------------------------------------

def former_names_in_brackets() -> Case:
    """Buildings named with their 曾用名 in brackets, as the caretakers still call them."""
    cells = [["建筑楼宇面积调研表"], *block(), [], HEADER,
             ["科技楼（原3号楼）", "实验", 1998, 4, 4200, 1050, "平屋面"],
             ["逸夫楼(原图书馆)", "教学", 1994, 5, 5600, 1120, "平屋面"],
             ["1号楼【原行政楼】", "办公", 1987, 3, 2100, 700, "坡屋面"]]
    return case("former_names_in_brackets", "建平实验中学.xlsx", xlsx(cells, header_row=4), Expect(
        3, {(0, "building_name"): "科技楼（原3号楼）", (1, "building_name"): "逸夫楼(原图书馆)",
            (2, "building_name"): "1号楼【原行政楼】", (1, "gross_floor_area_m2"): 5600.0,
            (2, "roof_type"): "坡屋面"},
        {"school_code": "3101150233"}))


def campus_merged_serial_restarts() -> Case:
    """校区 in a first column merged down over each campus's rows, 序号 restarting at 1 per
    campus; both campuses have a 1号楼."""
    header = ["校区", "序号", *HEADER]
    cells = [["上海市杨浦高级中学建筑情况表"], *[[None, *r] for r in block(
                 "上海市杨浦高级中学", "3101100002", "杨浦区", "高级中学")], [], header,
             [None, 1, "1号楼", "教学", 1999, 5, 6000, 1200, "平屋面"],
             [None, 2, "2号楼", "办公", 2001, 4, 3200, 800, "平屋面"],
             [None, 3, "体育馆", "体育馆", 2006, 1, 2200, 2300, "彩钢瓦"],
             [None, 1, "1号楼", "教学", 2012, 4, 4400, 1100, "平屋面"],
             [None, 2, "宿舍楼", "宿舍", 2012, 6, 5400, 900, "平屋面"]]
    merges = ((5, 0, 7, 0, "本部"), (8, 0, 9, 0, "双阳路校区"))
    return case("campus_merged_serial_restarts", "杨浦高级中学.xlsx",
                xlsx(cells, merges, header_row=4, freeze=(5, 0)), Expect(
        5, {(0, "campus"): "本部", (2, "campus"): "本部", (3, "campus"): "双阳路校区",
            (4, "campus"): "双阳路校区", (3, "building_name"): "1号楼", (3, "year_built"): 2012,
            (2, "roof_type"): "彩钢瓦", (4, "floors_above_ground"): 6},
        {"school_code": "3101100002", "n_buildings": 5}))


def small_structures() -> Case:
    """门卫室, 连廊, 自行车棚, 垃圾房 and 配电房 listed with the teaching block: small, but
    the school listed them as its structures (the bicycle shed's roof is a good PV roof)."""
    cells = [["学校建筑一览表"], *block("上海市闵行区莘松小学", "3101120045", "闵行区", "小学"), HEADER,
             ["教学楼", "教学", 2004, 4, 5200, 1300, "平屋面"],
             ["门卫室", "门卫", 2004, 1, 28, 32, "平屋面"],
             ["连廊", "其他", 2004, 2, 160, 90, "平屋面"],
             ["自行车棚", "车棚", 2015, 1, 240, 260, "彩钢瓦"],
             ["垃圾房", "其他", 2010, 1, 18, 20, "平屋面"],
             ["配电房", "配电", 2004, 1, 60, 64, "平屋面"]]
    return case("small_structures", "莘松小学.xlsx", xlsx(cells, header_row=3), Expect(
        6, {(1, "building_name"): "门卫室", (1, "building_use"): "其他",
            (3, "building_name"): "自行车棚", (3, "building_use"): "其他",
            (3, "roof_area_m2"): 260.0, (3, "roof_type"): "彩钢瓦", (5, "building_use"): "其他",
            (1, "gross_floor_area_m2"): 28.0}))


def wide_school_per_row() -> Case:
    """A bureau's wide sheet: one school a row, each building a group of columns under a
    merged 建筑一 / 建筑二 parent; the second school has one building only."""
    fields = ["名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [["金山区中小学建筑情况汇总（每校一行）"],
             [None] * 18,
             ["学校代码", "学校名称", "所在区", "学校类型", *fields, *fields],
             ["3101160011", "金山区石化第一小学", "金山区", "小学",
              "教学楼", "教学", 1996, 4, 4800, 1200, "平屋面",
              "风雨操场", "体育馆", 2011, 1, 1800, 1900, "彩钢瓦"],
             ["3101160012", "金山区张堰中学", "金山区", "初级中学",
              "实验楼", "实验", 2003, 5, 5000, 1000, "平屋面"],
             ["3101160013", "金山区朱行小学", "金山区", "小学",
              "主楼", "教学", 2009, 3, 3300, 1100, "平屋面",
              "食堂", "食堂", 2009, 2, 1200, 600, "平屋面"]]
    merges = ((1, 0, 2, 0, "学校代码"), (1, 1, 2, 1, "学校名称"), (1, 2, 2, 2, "所在区"),
              (1, 3, 2, 3, "学校类型"), (1, 4, 1, 10, "建筑一"), (1, 11, 1, 17, "建筑二"))
    return case("wide_school_per_row", "金山区汇总（每校一行）.xlsx", xlsx(cells, merges), Expect(
        5, {(0, "building_name"): "教学楼", (1, "building_name"): "风雨操场",
            (1, "roof_area_m2"): 1900.0},
        n_schools=3,
        schools={("3101160011", "n_buildings"): 2, ("3101160012", "n_buildings"): 1,
                 ("3101160013", "n_buildings"): 2}))


def school_band_rows() -> Case:
    """A bureau's list with one header on top and each school introduced by a merged band
    row naming it with its code; the district only in the title."""
    cells = [["松江区中小学建筑楼宇面积汇总表"], HEADER,
             [None], ["教学楼", "教学", 2002, 5, 6500, 1300, "平屋面"],
             ["图书馆", "图书馆", 2008, 3, 2700, 900, "平屋面"],
             [None], ["主楼", "教学", 2014, 4, 4000, 1000, "平屋面"]]
    merges = ((2, 0, 2, 6, "上海市松江二中（集团）初级中学（学校代码：3101170010）"),
              (5, 0, 5, 6, "上海市松江区岳阳小学（学校代码：3101170021）"))
    return case("school_band_rows", "松江区汇总.xlsx", xlsx(cells, merges, header_row=1), Expect(
        3, {(0, "school_code"): "3101170010", (1, "school_code"): "3101170010",
            (2, "school_code"): "3101170021", (2, "building_name"): "主楼"},
        n_schools=2,
        schools={("3101170010", "district"): "松江区", ("3101170021", "district"): "松江区",
                 ("3101170021", "school_type"): "中小学",
                 ("3101170010", "school_name"): "上海市松江二中（集团）初级中学",
                 ("3101170021", "school_name"): "上海市松江区岳阳小学"}))


def instructions_full_of_field_words() -> Case:
    """A long 填表说明 on rows 1–7 whose lines name the fields with colons
    (学校名称：填写全称), the block on rows 8–9 and the header on row 11."""
    notes = ["填表说明：", "1. 学校名称：填写学校全称，与公章一致；学校代码：填写10位学校标识码。",
             "2. 建筑名称：按校内通用名称填写，每栋一行。", "3. 建成年份：填写竣工验收年份（四位数字）。",
             "4. 建筑面积、屋顶面积：单位为平方米，保留整数。",
             "5. 屋面类型：平屋面/坡屋面/彩钢瓦，请从下拉框选择。", "6. 本表于3月31日前报区教育局后勤管理中心。"]
    cells = [[n] for n in notes] + [
        ["学校名称", "上海市黄浦区曹光彪小学", None, "学校代码", "3101010026"],
        ["所在区", "黄浦区", None, "学校类型", "小学"], [], HEADER,
        ["教学楼", "教学", 1997, 5, 4800, 960, "平屋面"],
        ["综合楼", "办公", 2006, 4, 2600, 650, "坡屋面"]]
    return case("instructions_full_of_field_words", "曹光彪小学.xlsx", xlsx(cells, header_row=10),
                Expect(2, {(1, "roof_type"): "坡屋面", (0, "year_built"): 1997},
                       {"school_name": "上海市黄浦区曹光彪小学", "school_code": "3101010026",
                        "district": "黄浦区", "school_type": "中小学"}))


def cross_sheet_formulas() -> Case:
    """The survey's areas and years pulled by formula from the school's 房产台账 sheet
    (='房产台账'!D3), cached values kept; the register sheet sits beside it."""
    register = [["房产台账"], ["序号", "房屋名称", "产权证号", "建筑面积", "竣工日期"],
                [1, "教学楼", "沪房地浦字(2001)第012345号", 6100, "2001-08"],
                [2, "实验楼", "沪房地浦字(2005)第023456号", 3900, "2005-07"]]
    survey = [["建筑楼宇面积调研表"], *block(), [], HEADER,
              ["教学楼", "教学", 2001, 5, None, 1220, "平屋面"],
              ["实验楼", "实验", 2005, 4, None, 980, "平屋面"]]
    formulas = {(5, 4): ("='房产台账'!D3", 6100), (6, 4): ("='房产台账'!D4", 3900)}
    data = book(Sheet("调研表", survey, formulas=formulas, header_row=4),
                Sheet("房产台账", register, header_row=1))
    return case("cross_sheet_formulas", "建平实验中学-调研表.xlsx", data, Expect(
        2, {(0, "gross_floor_area_m2"): 6100.0, (1, "gross_floor_area_m2"): 3900.0,
            (1, "roof_area_m2"): 980.0},
        {"school_code": "3101150233"}, sheets_read=("调研表",)))


def custom_number_formats() -> Case:
    """Numbers formatted to show their units: 0.00"㎡", 0"层", 0"年", #,##0"㎡"; the cells
    hold plain numbers."""
    cells = [["建筑楼宇面积调研表"], *block("上海市长宁区延安初级中学", "3101050007", "长宁区", "初中"),
             [], HEADER,
             ["东楼", "教学", 1995, 5, 6200.5, 1240.25, "平屋面"],
             ["西楼", "办公", 2003, 4, 3100, 775, "平屋面"]]
    formats = {}
    for r in (5, 6):
        formats.update({(r, 2): '0"年"', (r, 3): '0"层"', (r, 4): '#,##0.00"㎡"',
                        (r, 5): '0.00"㎡"'})
    return case("custom_number_formats", "延安初级中学.xlsx",
                xlsx(cells, formats=formats, header_row=4), Expect(
        2, {(0, "year_built"): 1995, (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 6200.5, (0, "roof_area_m2"): 1240.25,
            (1, "gross_floor_area_m2"): 3100.0}))


def old_county_names_xls() -> Case:
    """A legacy .xls list kept since before the counties became districts: 崇明县 (崇明区
    since 2016) and 南汇县 (a district in 2001, part of 浦东新区 since 2009)."""
    header = ["学校代码", "学校名称", "区县", "学校类型", *HEADER]
    cells = [["郊区学校校舍情况登记表"], header,
             ["3101300004", "崇明县城桥中学", "崇明县", "完全中学", "教学楼", "教学", 1993, 4, 4600,
              1150, "平屋面"],
             ["3101150410", "南汇县惠南小学", "南汇县", "小学", "主楼", "教学", 1999, 4, 3600, 900,
              "坡屋面"]]
    return case("old_county_names_xls", "郊区学校登记.xls", xls(cells), Expect(
        2, n_schools=2,
        schools={("3101300004", "district"): "崇明区", ("3101150410", "district"): "浦东新区"}))


def shanghai_prefix_on_some_rows() -> Case:
    """A bureau's merged list: one school's name written with 上海市 on one row and without it
    on the next (pasted from two returns). The same code, the same school."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    cells = [["松江区学校建筑汇总"], header,
             ["3101170033", "上海市松江区实验小学", "松江区", "小学", "教学楼", "教学", 2003, 4, 4400,
              1100, "平屋面"],
             ["3101170033", "松江区实验小学", "松江区", "小学", "体育馆", "体育馆", 2010, 1, 1600,
              1700, "彩钢瓦"],
             ["3101170034", "松江区泗泾中学", "松江区", "初级中学", "教学楼", "教学", 2001, 5, 5200,
              1040, "平屋面"]]
    return case("shanghai_prefix_on_some_rows", "松江汇总.xlsx", xlsx(cells, header_row=1), Expect(
        3, n_schools=2, schools={("3101170033", "n_buildings"): 2,
                                 ("3101170034", "n_buildings"): 1}))


def _reservation(data: bytes) -> bytes:
    """Add Excel's 修改权限密码 (password to modify: read-only recommended) to workbook.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<workbook[^>]*>)", r'\1<fileSharing readOnlyRecommended="1" '
                              r'userName="总务处" reservationPassword="C258"/>', text, count=1)
                content = text.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def password_to_modify() -> Case:
    """Saved with a 修改权限密码 (opens read-only without it), the workbook structure and the
    sheet protected, as a careful 总务处 sends it: readable by anyone."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "调研表"
    for row in [["建筑楼宇面积调研表"], *block("上海市普陀区晋元高级中学", "3101070003", "普陀区", "高级中学"),
                [], HEADER, ["求是楼", "教学", 2005, 5, 7800, 1560, "平屋面"],
                ["体艺馆", "体育馆", 2007, 2, 3600, 2400, "彩钢瓦"]]:
        ws.append(row)
    ws.protection.sheet = True
    ws.protection.password = "jy2026"
    wb.security = WorkbookProtection(workbookPassword="jy2026", lockStructure=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return case("password_to_modify", "晋元高级中学（只读）.xlsx", _reservation(buffer.getvalue()),
                Expect(2, {(0, "building_name"): "求是楼", (1, "roof_area_m2"): 2400.0},
                       {"school_code": "3101070003", "district": "普陀区"}))


def district_dropdown_words() -> Case:
    """Drop-downs (数据有效性) fed from a hidden 数据源 sheet with the district's own words:
    生活用房（宿舍）, 体育用房, 轻钢屋面, 瓦屋面, 钢筋混凝土平屋面."""
    uses = ["教学用房", "行政办公用房", "生活用房（宿舍）", "生活用房（食堂）", "体育用房", "其他用房"]
    roofs = ["钢筋混凝土平屋面", "轻钢屋面", "瓦屋面", "其他"]
    lists = [[u, r] for u, r in zip(uses, roofs + ["", ""])]
    survey = [["建筑楼宇面积调研表"], *block("上海市嘉定区启良中学", "3101140031", "嘉定区", "初级中学"), [],
              HEADER,
              ["启良楼", "教学用房", 2000, 4, 5000, 1250, "钢筋混凝土平屋面"],
              ["学生公寓", "生活用房（宿舍）", 2008, 5, 4500, 900, "瓦屋面"],
              ["风雨操场", "体育用房", 2013, 1, 2000, 2100, "轻钢屋面"],
              ["食堂", "生活用房（食堂）", 2008, 2, 1400, 700, "钢筋混凝土平屋面"]]
    validations = ((5, 1, 40, "=数据源!$A$1:$A$6"), (5, 6, 40, "=数据源!$B$1:$B$4"))
    data = book(Sheet("调研表", survey, validations=validations, header_row=4),
                Sheet("数据源", lists, hidden=True))
    return case("district_dropdown_words", "启良中学.xlsx", data, Expect(
        4, {(0, "building_use"): "教学", (1, "building_use"): "宿舍", (2, "building_use"): "体育馆",
            (3, "building_use"): "食堂", (0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面",
            (2, "roof_type"): "彩钢瓦"},
        sheets_read=("调研表",)))


def remarks_in_brackets_after_values() -> Case:
    """Values with the staff member's remark in brackets: 8600（含地下1200）, 3200(不含连廊),
    4层（含夹层）, 1层（高大空间）, 2001（竣工）."""
    cells = [["建筑楼宇面积调研表"], *block("上海市徐汇区位育初级中学", "3101040021", "徐汇区", "初中"),
             [], HEADER,
             ["教学楼", "教学", "2001（竣工）", "4层（含夹层）", "8600（含地下1200）", 1700, "平屋面"],
             ["体育馆", "体育馆", 2010, "1层（高大空间）", "3200(不含连廊)", "3300（含挑檐）", "彩钢瓦"]]
    return case("remarks_in_brackets_after_values", "位育初级中学.xlsx", xlsx(cells), Expect(
        2, {(0, "year_built"): 2001, (0, "floors_above_ground"): 4,
            (0, "gross_floor_area_m2"): 8600.0, (1, "floors_above_ground"): 1,
            (1, "gross_floor_area_m2"): 3200.0, (1, "roof_area_m2"): 3300.0}))


def years_with_question_marks() -> Case:
    """Years the clerk was not sure of: 1985?, 1992（待查）, 2003？, 2005年度 — each the year written."""
    cells = [["建筑楼宇面积调研表"], *block("上海市虹口区复兴实验中学", "3101090013", "虹口区", "初中"),
             [], HEADER,
             ["老楼", "办公", "1985?", 3, 2100, 700, "坡屋面"],
             ["北楼", "教学", "1992（待查）", 4, 3600, 900, "平屋面"],
             ["南楼", "教学", "2003？", 5, 5000, 1000, "平屋面"],
             ["食堂", "食堂", "2005年度", 2, 1300, 650, "平屋面"]]
    return case("years_with_question_marks", "复兴实验中学.xlsx", xlsx(cells), Expect(
        4, {(0, "year_built"): 1985, (1, "year_built"): 1992, (2, "year_built"): 2003,
            (3, "year_built"): 2005}))


def _empty_text_results(data: bytes, refs: list[str], formulas: dict[str, str]) -> bytes:
    return patch_cells(data, 1, {ref: f'<c r="{ref}" t="str"><f>{formulas[ref]}</f><v></v></c>'
                                 for ref in refs})


def prefilled_serials_and_if_formulas() -> Case:
    """The district's form with 序号 1–12 already typed and 可利用屋顶面积 as
    =IF(F6="","",F6*0.7) on every row; the school filled three buildings."""
    header = ["序号", *HEADER, "可利用屋顶面积（㎡）"]
    filled = [["教学楼", "教学", 1999, 4, 4800, 1200, "平屋面"],
              ["实验楼", "实验", 2006, 4, 3600, 900, "平屋面"],
              ["食堂", "食堂", 2006, 2, 1500, 750, "平屋面"]]
    cells = [["建筑楼宇面积调研表"], *block("上海市宝山区淞谊中学", "3101130022", "宝山区", "初级中学"),
             [], header]
    formulas, empty = {}, []
    for k in range(12):
        r = 5 + k
        cells.append([k + 1, *(filled[k] if k < 3 else [None] * 7), None])
        text = f'IF(G{r + 1}="","",G{r + 1}*0.7)'
        formulas[(r, 8)] = ("=" + text, filled[k][5] * 0.7 if k < 3 else "")
        if k >= 3:
            empty.append((f"I{r + 1}", text))
    data = xlsx(cells, formulas=formulas, header_row=4)
    data = _empty_text_results(data, [ref for ref, _ in empty],
                               {ref: t.replace('"', "&quot;") for ref, t in empty})
    return case("prefilled_serials_and_if_formulas", "淞谊中学.xlsx", data, Expect(
        3, {(0, "usable_roof_area_m2"): 840.0, (2, "usable_roof_area_m2"): 525.0,
            (2, "building_name"): "食堂"},
        skipped=set(range(9, 18))))


def invisible_characters() -> Case:
    """Values pasted from a web page or WeChat: no-break spaces, zero-width spaces and
    ideographic spaces around names and numbers."""
    cells = [["建筑楼宇面积调研表"], *block("上海市静安区市西初级中学", "3101060014", "静安区", "初中"),
             [], HEADER,
             ["\u3000教学楼", "教学", " 2002 ", "5\u00a0", "6\u00a0200", "1240\u00a0", "平屋面"],
             ["图书馆\u200b", "图书馆", "\u200b2009", 3, "2400 ", "\u00a0800", " 平屋面"]]
    return case("invisible_characters", "市西初级中学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼", (0, "year_built"): 2002, (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 6200.0, (0, "roof_area_m2"): 1240.0,
            (1, "building_name"): "图书馆", (1, "year_built"): 2009,
            (1, "gross_floor_area_m2"): 2400.0, (1, "roof_area_m2"): 800.0,
            (1, "roof_type"): "混凝土平屋面"}))


def external_workbook_links() -> Case:
    """Areas linked to the school's own asset workbook ([1]房屋!D5, the file not sent): the
    values shown are the cached ones."""
    cells = [["建筑楼宇面积调研表"], *block("上海市青浦区实验中学", "3101180006", "青浦区", "完全中学"),
             [], HEADER,
             ["教学楼", "教学", 2004, 5, None, None, "平屋面"],
             ["行政楼", "办公", 2004, 4, None, None, "平屋面"]]
    formulas = {(5, 4): ("=[1]房屋!D5", 7200), (5, 5): ("=[1]房屋!E5", 1440),
                (6, 4): ("=[1]房屋!D6", 2800), (6, 5): ("=[1]房屋!E6", 700)}
    return case("external_workbook_links", "青浦实验中学.xlsx", xlsx(cells, formulas=formulas), Expect(
        2, {(0, "gross_floor_area_m2"): 7200.0, (0, "roof_area_m2"): 1440.0,
            (1, "gross_floor_area_m2"): 2800.0, (1, "roof_area_m2"): 700.0}))


def cached_ref_errors() -> Case:
    """The sheet the formulas pointed at was deleted: a required 屋顶面积 shows #REF!, an
    optional 可利用屋顶面积 #DIV/0!. The roof area cannot be read; a person stops at F6."""
    header = [*HEADER, "可利用屋顶面积（㎡）"]
    cells = [["建筑楼宇面积调研表"], *block("上海市奉贤区解放路小学", "3101200015", "奉贤区", "小学"),
             [], header,
             ["教学楼", "教学", 2000, 4, 4000, 0, "平屋面", 0],
             ["综合楼", "办公", 2007, 3, 2400, 800, "平屋面", 560]]
    data = xlsx(cells, header_row=4)
    data = patch_cells(data, 1, {
        "F6": '<c r="F6" t="e"><f>#REF!*1</f><v>#REF!</v></c>',
        "H6": '<c r="H6" t="e"><f>F6*0.7/0</f><v>#DIV/0!</v></c>'})
    return case("cached_ref_errors", "解放路小学.xlsx", data, Expect(2, errors={"F6"}))


def pv_in_watts_and_words() -> Case:
    """已建光伏容量（W）: 50000 W is 50 kW; 暂无 and 未安装 mean none installed."""
    header = [*HEADER, "已建光伏容量（W）"]
    cells = [["建筑楼宇面积调研表"], *block("上海市崇明区城桥中学", "3101510004", "崇明区", "完全中学"),
             [], header,
             ["教学楼", "教学", 2006, 4, 5200, 1300, "平屋面", 50000],
             ["实验楼", "实验", 2006, 4, 3000, 750, "平屋面", "暂无"],
             ["宿舍楼", "宿舍", 2010, 5, 4000, 800, "平屋面", "未安装"]]
    return case("pv_in_watts_and_words", "城桥中学.xlsx", xlsx(cells), Expect(
        3, {(0, "existing_pv_kw"): 50.0, (1, "existing_pv_kw"): 0.0, (2, "existing_pv_kw"): 0.0}))


def compass_letters() -> Case:
    """屋面朝向 typed with compass letters from the design institute's drawings: S, SW, E, SSE."""
    header = [*HEADER, "屋面朝向"]
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区进才中学", "3101150040", "浦东新区", "高级中学"),
             [], header,
             ["A楼", "教学", 2001, 5, 6000, 1300, "坡屋面", "S"],
             ["B楼", "教学", 2001, 5, 6000, 1300, "坡屋面", "SW"],
             ["C楼", "办公", 2003, 4, 3000, 800, "坡屋面", "E"],
             ["D楼", "宿舍", 2003, 6, 5400, 900, "坡屋面", "SSE"]]
    return case("compass_letters", "进才中学.xlsx", xlsx(cells), Expect(
        4, {(0, "roof_azimuth_deg"): 180.0, (1, "roof_azimuth_deg"): 225.0,
            (2, "roof_azimuth_deg"): 90.0, (3, "roof_azimuth_deg"): 157.5}))


def district_only_in_name() -> Case:
    """No 所在区 line: the school's full name says 虹口区."""
    cells = [["建筑楼宇面积调研表"],
             ["学校名称", "上海市虹口区第四中心小学", None, "学校代码", "3101090031"],
             ["学校类型", "小学"], [], HEADER,
             ["教学楼", "教学", 1990, 4, 3800, 950, "平屋面"]]
    return case("district_only_in_name", "虹口四中心.xlsx", xlsx(cells), Expect(
        1, {(0, "roof_area_m2"): 950.0}, {"district": "虹口区", "school_type": "中小学"}))


def school_subtotals_xls() -> Case:
    """A bureau's .xls with a 小计 row under each school naming it (张江中学小计, 建平
    小　计) and a 全区合计 at the bottom."""
    header = ["学校代码", "学校名称", *HEADER]
    cells = [["浦东新区学校建筑统计"], header,
             ["3101150301", "张江中学", "教学楼", "教学", 1998, 5, 5000, 1000, "平屋面"],
             ["3101150301", "张江中学", "艺术楼", "教学", 2012, 3, 2400, 800, "平屋面"],
             [None, "张江中学小计", None, None, None, None, 7400, 1800, None],
             ["3101150302", "建平小学", "主楼", "教学", 2005, 4, 4000, 1000, "平屋面"],
             [None, "建平小学 小　计", None, None, None, None, 4000, 1000, None],
             [None, "全区合计", None, None, None, None, 11400, 2800, None]]
    return case("school_subtotals_xls", "浦东统计.xls", xls(cells), Expect(
        3, {(1, "building_name"): "艺术楼", (2, "school_code"): "3101150302"}, n_schools=2,
        skipped={5, 7, 8}))


def description_row_under_header() -> Case:
    """Under the header, the district's row of how to fill each column (填写楼宇全称, 下拉选择,
    四位数字，如2005, 单位：㎡): not a building."""
    hints = ["填写楼宇全称", "下拉选择", "四位数字，如2005", "整数", "单位：㎡，保留整数", "单位：㎡", "下拉选择"]
    cells = [["建筑楼宇面积调研表"], *block("上海市普陀区甘泉外国语中学", "3101070015", "普陀区", "完全中学"),
             [], HEADER, hints,
             ["教学楼", "教学", 2002, 5, 6400, 1280, "平屋面"],
             ["外语楼", "教学", 2011, 4, 3200, 800, "平屋面"]]
    return case("description_row_under_header", "甘泉外国语中学.xlsx", xlsx(cells, header_row=4),
                Expect(2, {(0, "building_name"): "教学楼", (1, "year_built"): 2011}))


def bilingual_two_header_rows() -> Case:
    """A bilingual school's header: Chinese on one row, English on the row below."""
    english = ["Building", "Use", "Year built", "Floors", "GFA (sqm)", "Roof area (sqm)", "Roof type"]
    cells = [["Building Survey 建筑楼宇面积调研表"],
             ["学校名称 School", "上海市民办协和双语学校", None, "学校代码 Code", "3101150777"],
             ["所在区 District", "浦东新区", None, "学校类型 Type", "十二年一贯制"], [], HEADER, english,
             ["小学部教学楼", "教学", 2009, 4, 8800, 2200, "平屋面"],
             ["体育中心", "体育馆", 2010, 2, 5000, 3000, "彩钢瓦"]]
    return case("bilingual_two_header_rows", "协和双语.xlsx", xlsx(cells, header_row=4), Expect(
        2, {(0, "building_name"): "小学部教学楼", (1, "roof_type"): "彩钢瓦",
            (0, "gross_floor_area_m2"): 8800.0},
        {"school_type": "中小学"}))


def region_code_and_source_columns() -> Case:
    """A bureau's merge: 序号, 行政区划代码 (310115, six digits) beside 学校代码, 学段, and a
    来源文件 column naming each school's returned file."""
    header = ["序号", "行政区划代码", "区", "学校代码", "学校名称", "学段", *HEADER, "来源文件"]
    cells = [["浦东新区校舍屋顶调查汇总"], header,
             [1, "310115", "浦东新区", "3101150501", "浦东新区东港小学", "小学", "教学楼", "教学", 2008, 4,
              4000, 1000, "平屋面", "东港小学.xlsx"],
             [2, "310115", "浦东新区", "3101150501", "浦东新区东港小学", "小学", "食堂", "食堂", 2008, 2,
              1200, 600, "平屋面", "东港小学.xlsx"],
             [3, "310115", "浦东新区", "3101150502", "浦东新区高行中学", "初中", "主楼", "教学", 1996, 5,
              5500, 1100, "平屋面", "高行中学（修改版）.xls"]]
    return case("region_code_and_source_columns", "浦东汇总.xlsx", xlsx(cells, header_row=1), Expect(
        3, {(0, "school_code"): "3101150501", (2, "school_code"): "3101150502"}, n_schools=2,
        schools={("3101150502", "district"): "浦东新区", ("3101150502", "school_type"): "中小学"}))


def roof_occupied_area_column() -> Case:
    """屋顶设备占用面积 (水箱, 空调外机) placed before 屋顶面积, 可利用屋顶面积 after it."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶设备占用面积（㎡）",
              "屋顶面积（㎡）", "可利用屋顶面积（㎡）", "屋面类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市长宁区天山第二中学", "3101050019", "长宁区", "初中"),
             [], header,
             ["教学楼", "教学", 1999, 5, 5000, 180, 1000, 650, "平屋面"],
             ["实验楼", "实验", 2004, 4, 3200, 120, 800, 560, "平屋面"]]
    return case("roof_occupied_area_column", "天山二中.xlsx", xlsx(cells), Expect(
        2, {(0, "roof_area_m2"): 1000.0, (0, "usable_roof_area_m2"): 650.0,
            (1, "roof_area_m2"): 800.0, (1, "gross_floor_area_m2"): 3200.0}))


def district_workbook_mixed_layouts() -> Case:
    """A bureau's workbook of three schools' returns pasted as three sheets, each in the
    school's own layout: template words, phrases with a two-row header, a flat list."""
    a = [["建筑楼宇面积调研表"], *block("上海市宝山区罗店中学", "3101130041", "宝山区", "完全中学"), [],
         HEADER, ["教学楼", "教学", 2002, 5, 5600, 1120, "平屋面"]]
    b = [["学校建筑基本情况"], ["学校名称：宝山区罗店小学", None, None, "学校代码：3101130042"],
         ["所在区县：宝山", None, None, "办学类型：小学"], [None] * 7,
         [None, None, None, None, "总建筑面积", "屋面面积", None],
         ["北楼", "教学", 1996, 4, 3000, 750, "平屋面"], ["南楼", "办公", 1998, 3, 1800, 600, "坡屋面"]]
    b_merges = ((3, 0, 4, 0, "楼栋名称"), (3, 1, 4, 1, "使用功能"), (3, 2, 4, 2, "竣工年份"),
                (3, 3, 4, 3, "层数"), (3, 4, 3, 5, "面积（平方米）"), (3, 6, 4, 6, "屋顶形式"))
    c = [["学校代码", "学校名称", "区", "类型", "楼名", "用途", "年份", "层数", "建筑面积", "屋顶", "屋面"],
         ["3101130043", "宝山区罗店幼儿园", "宝山区", "幼儿园", "主楼", "教学", 2012, 3, 2400, 800,
          "平屋面"]]
    data = book(Sheet("罗店中学", a, header_row=4), Sheet("罗店小学", b, b_merges),
                Sheet("罗店幼儿园", c, header_row=0))
    return case("district_workbook_mixed_layouts", "罗店片区汇总.xlsx", data, Expect(
        4, {(1, "building_name"): "北楼", (2, "roof_type"): "坡屋面", (3, "building_name"): "主楼"},
        n_schools=3,
        schools={("3101130042", "n_buildings"): 2, ("3101130043", "school_type"): "幼儿园",
                 ("3101130042", "district"): "宝山区"},
        sheets_read=("罗店中学", "罗店小学", "罗店幼儿园")))


def value_only_in_comment() -> Case:
    """A required 建筑面积 left empty with the figure put in a 批注 (约1500，待测量) instead: the
    cell is empty, a person stops at E6."""
    cells = [["建筑楼宇面积调研表"], *block("上海市金山区罗星中学", "3101160021", "金山区", "初级中学"),
             [], HEADER,
             ["教学楼", "教学", 2003, 4, None, 1100, "平屋面"],
             ["体育馆", "体育馆", 2012, 1, 1800, 1900, "彩钢瓦"]]
    return case("value_only_in_comment", "罗星中学.xlsx",
                xlsx(cells, comments={(5, 4): "约1500，待测量后补"}), Expect(2, errors={"E6"}))


def year_zero_for_unknown() -> Case:
    """0 typed in 建成年份 because nobody knew it (and 0 in 屋面坡度 for a flat roof, as asked):
    the year is not a year, an error at C7."""
    header = [*HEADER, "屋面坡度（°）"]
    cells = [["建筑楼宇面积调研表"], *block("上海市嘉定区南翔小学", "3101140052", "嘉定区", "小学"),
             [], header,
             ["教学楼", "教学", 2005, 4, 4000, 1000, "平屋面", 0],
             ["老礼堂", "其他", 0, 1, 600, 650, "坡屋面", 30]]
    return case("year_zero_for_unknown", "南翔小学.xlsx", xlsx(cells), Expect(2, errors={"C7"}))


def use_words_rare() -> Case:
    """用途 words from a school's own list: 游泳馆, 教工宿舍, 师生餐厅, 图书信息楼, 物理实验楼, 校史馆;
    音乐楼 (music rooms: teaching, or 其他) is the school's to confirm, so not asserted."""
    rows = [["游泳馆", "游泳馆", "体育馆"], ["音乐楼", "音乐楼", None], ["教工楼", "教工宿舍", "宿舍"],
            ["餐厅", "师生餐厅", "食堂"], ["信息楼", "图书信息楼", "图书馆"], ["物理楼", "物理实验楼", "实验"],
            ["校史馆", "校史馆", "其他"]]
    cells = [["建筑楼宇面积调研表"], *block("上海市华东师范大学第二附属中学", "3101150010", "浦东新区", "高级中学"),
             [], HEADER,
             *[[name, use, 2000 + k, 3, 2000 + 100 * k, 700, "平屋面"]
               for k, (name, use, _) in enumerate(rows)]]
    return case("use_words_rare", "华师大二附中.xlsx", xlsx(cells), Expect(
        7, {(k, "building_use"): want for k, (_, _, want) in enumerate(rows) if want}))


def approximate_symbols() -> Case:
    """Estimates typed with symbols and words: ~1200, ≈1500, 大约800, 近2000 — read as the
    figure with a warning to confirm."""
    cells = [["建筑楼宇面积调研表"], *block("上海市闵行区七宝中学", "3101120001", "闵行区", "高级中学"),
             [], HEADER,
             ["老图书馆", "图书馆", 1992, 3, "~1200", "≈500", "坡屋面"],
             ["报告厅", "其他", 2001, 2, "大约800", "近600", "平屋面"],
             ["艺术楼", "教学", 2006, 4, "≈2000", 520, "平屋面"]]
    return case("approximate_symbols", "七宝中学.xlsx", xlsx(cells), Expect(
        3, {(0, "gross_floor_area_m2"): 1200.0, (0, "roof_area_m2"): 500.0,
            (1, "gross_floor_area_m2"): 800.0, (1, "roof_area_m2"): 600.0,
            (2, "gross_floor_area_m2"): 2000.0},
        warnings={"approximate_read"}))


def pandas_export_csv() -> Case:
    """A bureau IT colleague's export from the district database (pandas to_csv, UTF-8 BOM):
    codes and years as 3101150101.0 and 2005.0, empty cells as nan."""
    header = ["school_code", "学校名称", "所在区", "学校类型", "建筑名称", "建筑用途", "建成年份", "地上层数",
              "建筑面积", "屋顶面积", "屋面类型", "已建光伏容量", "备注"]
    rows = [["3101150601.0", "浦东新区竹园小学", "浦东新区", "小学", "教学楼", "教学", "2005.0", "4.0",
             "4200.0", "1050.0", "混凝土平屋面", "nan", "nan"],
            ["3101150601.0", "浦东新区竹园小学", "浦东新区", "小学", "体育馆", "体育馆", "2011.0", "1.0",
             "1600.5", "1700.0", "彩钢瓦", "30.0", "nan"],
            ["3101150602.0", "浦东新区东方幼儿园", "浦东新区", "幼儿园", "主楼", "教学", "2014.0", "3.0",
             "2400.0", "800.0", "混凝土平屋面", "nan", "2020年屋面翻新"]]
    data = text_bytes([header, *rows], "utf-8-sig")
    return case("pandas_export_csv", "pudong_export.csv", data, Expect(
        3, {(0, "school_code"): "3101150601", (0, "year_built"): 2005, (0, "floors_above_ground"): 4,
            (0, "existing_pv_kw"): None, (0, "notes"): None, (1, "existing_pv_kw"): 30.0,
            (1, "gross_floor_area_m2"): 1600.5, (2, "notes"): "2020年屋面翻新"},
        n_schools=2, schools={("3101150602", "school_type"): "幼儿园"}))


def reporter_and_unit_one_row() -> Case:
    """A statistics-office layout: 填报单位：<school> at the left and 单位：万平方米 at the right
    of the same row above the table; the areas are in 万㎡."""
    cells = [[None] * 7,
             ["填报单位：上海市杨浦区二联小学", None, None, None, None, "单位：万平方米"],
             ["学校代码：3101100041", None, None, "所在区：杨浦区", None, "学校类型：小学"],
             HEADER[:4] + ["建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 1994, 4, 0.42, 0.11, "平屋面"],
             ["综合楼", "办公", 2008, 3, 0.18, 0.06, "平屋面"]]
    merges = ((0, 0, 0, 6, "学校建筑面积统计表"),)
    return case("reporter_and_unit_one_row", "二联小学.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 4200.0, (0, "roof_area_m2"): 1100.0,
            (1, "gross_floor_area_m2"): 1800.0},
        {"school_name": "上海市杨浦区二联小学", "school_code": "3101100041"}))


def column_code_row() -> Case:
    """A statistical form's 栏次 row under the header: 甲 | 乙 | 1 | 2 | 3 … (the column numbers)."""
    header = ["序号", *HEADER]
    cells = [["建筑楼宇面积调研表"], *block("上海市黄浦区卢湾中学", "3101010043", "黄浦区", "初级中学"),
             header, ["甲", "乙", "1", "2", "3", "4", "5", "6"],
             [1, "教学楼", "教学", 1989, 5, 5100, 1020, "平屋面"],
             [2, "体育馆", "体育馆", 2008, 1, 1400, 1500, "彩钢瓦"]]
    return case("column_code_row", "卢湾中学.xlsx", xlsx(cells, header_row=3), Expect(
        2, {(0, "year_built"): 1989, (1, "roof_area_m2"): 1500.0}))


def kindergarten_yuanqu() -> Case:
    """A kindergarten on two sites: the column is 园区 (总园, 分园), not 校区."""
    header = ["园区", *HEADER]
    cells = [["建筑楼宇面积调研表"], *block("上海市徐汇区东方幼儿园", "3101040501", "徐汇区", "幼儿园"),
             [], header,
             ["总园", "主楼", "教学", 2003, 3, 2600, 900, "平屋面"],
             ["分园", "主楼", "教学", 2015, 3, 2200, 750, "平屋面"]]
    return case("kindergarten_yuanqu", "东方幼儿园.xlsx", xlsx(cells), Expect(
        2, {(0, "campus"): "总园", (1, "campus"): "分园", (1, "gross_floor_area_m2"): 2200.0},
        {"school_type": "幼儿园"}))


def abbreviated_headers() -> Case:
    """Narrow columns headed with the office's abbreviations: 名称, 用途, 年份, 层, 建面, 屋面积, 屋面."""
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区洋泾中学", "3101150050", "浦东新区", "完全中学"),
             [], ["名称", "用途", "年份", "层", "建面", "屋面积", "屋面"],
             ["主楼", "教学", 1998, 6, 7800, 1300, "平屋面"],
             ["副楼", "办公", 2002, 4, 2800, 700, "坡屋面"]]
    return case("abbreviated_headers", "洋泾中学.xlsx", xlsx(cells, header_row=4), Expect(
        2, {(0, "building_name"): "主楼", (0, "year_built"): 1998, (0, "floors_above_ground"): 6,
            (0, "gross_floor_area_m2"): 7800.0, (0, "roof_area_m2"): 1300.0,
            (1, "roof_type"): "坡屋面"}))


def school_filled_once() -> Case:
    """A bureau's list where each school's code and name are typed only on its first row
    (not merged), blank below until the next school."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    cells = [["青浦区学校建筑情况"], header,
             ["3101180021", "青浦区白鹤小学", "青浦区", "小学", "教学楼", "教学", 2007, 4, 4200, 1050,
              "平屋面"],
             [None, None, None, None, "食堂", "食堂", 2007, 2, 1300, 650, "平屋面"],
             [None, None, None, None, "体育馆", "体育馆", 2013, 1, 1500, 1600, "彩钢瓦"],
             ["3101180022", "青浦区白鹤中学", "青浦区", "初级中学", "教学楼", "教学", 1999, 5, 5000,
              1000, "平屋面"],
             [None, None, None, None, "实验楼", "实验", 2009, 4, 3200, 800, "平屋面"]]
    return case("school_filled_once", "青浦汇总.xlsx", xlsx(cells, header_row=1), Expect(
        5, {(2, "school_code"): "3101180021", (4, "school_code"): "3101180022"}, n_schools=2,
        schools={("3101180021", "n_buildings"): 3, ("3101180022", "n_buildings"): 2}))


def demolished_row_named() -> Case:
    """A building demolished since last year's return kept as a row: 原3号楼（已拆除）, its old
    figures still there, 备注 2024年拆除. Not one of the school's buildings now."""
    header = [*HEADER, "备注"]
    cells = [["建筑楼宇面积调研表"], *block("上海市闵行区田园外语实验小学", "3101120060", "闵行区", "小学"),
             [], header,
             ["1号楼", "教学", 2001, 4, 4200, 1050, "平屋面", None],
             ["2号楼", "办公", 2001, 3, 2100, 700, "平屋面", None],
             ["原3号楼（已拆除）", "其他", 1985, 2, 900, 450, "坡屋面", "2024年拆除"],
             ["新3号楼", "教学", 2025, 5, 5000, 1000, "平屋面", "2025年新建"]]
    return case("demolished_row_named", "田园外语实验小学.xlsx", xlsx(cells), Expect(
        3, {(2, "building_name"): "新3号楼"}, skipped={8}))


def scratch_calculations_right() -> Case:
    """Scratch sums the clerk left right of the table, no header: =E6/10000 in 万㎡ and a
    =SUM total two columns further out."""
    cells = [["建筑楼宇面积调研表"], *block("上海市松江区九峰实验学校", "3101170041", "松江区", "九年一贯制学校"),
             [], HEADER,
             ["小学部", "教学", 2006, 4, 5200, 1300, "平屋面"],
             ["中学部", "教学", 2006, 5, 6400, 1280, "平屋面"]]
    formulas = {(5, 9): ("=E6/10000", 0.52), (6, 9): ("=E7/10000", 0.64),
                (5, 11): ("=SUM(E6:E7)", 11600)}
    return case("scratch_calculations_right", "九峰实验学校.xlsx",
                xlsx(cells, formulas=formulas, header_row=4), Expect(
        2, {(0, "gross_floor_area_m2"): 5200.0, (1, "roof_area_m2"): 1280.0},
        {"school_type": "中小学"}))


def header_with_m_caret_2() -> Case:
    """Units typed without the superscript: 建筑面积(m^2), 屋顶面积(M2), 已建光伏(KW)."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积(m^2)", "屋顶面积(M2)", "屋面类型",
              "已建光伏(KW)"]
    cells = [["建筑楼宇面积调研表"], *block("上海市奉贤区奉城高级中学", "3101200003", "奉贤区", "高级中学"),
             [], header, ["教学楼", "教学", 2000, 5, 6000, 1200, "平屋面", 60]]
    return case("header_with_m_caret_2", "奉城高级中学.xlsx", xlsx(cells), Expect(
        1, {(0, "gross_floor_area_m2"): 6000.0, (0, "roof_area_m2"): 1200.0,
            (0, "existing_pv_kw"): 60.0}))


def label_colon_cells_block_xls() -> Case:
    """A legacy .xls whose block labels end with a colon in their own cell (学校名称： | value),
    and the header sits in row 6 after a blank row."""
    cells = [["建筑楼宇面积调研表"],
             ["学校名称：", "上海市崇明区堡镇小学", None, "学校代码：", "3101510022"],
             ["所在区：", "崇明区", None, "学校类型：", "小学"],
             ["联系人：", "陆老师", None, "联系电话：", "13761234567"], [], HEADER,
             ["教学楼", "教学", 1997, 3, 2700, 900, "坡屋面"],
             ["综合楼", "办公", 2009, 3, 2100, 700, "平屋面"]]
    return case("label_colon_cells_block_xls", "堡镇小学.xls", xls(cells), Expect(
        2, {(1, "roof_type"): "混凝土平屋面"},
        {"school_name": "上海市崇明区堡镇小学", "school_code": "3101510022", "district": "崇明区"}))


def instructions_sheet_with_field_table_and_block_sheet_xlsx() -> Case:
    """The school's block on a 学校基本信息 sheet (label | value down column A), the buildings
    on a 建筑信息 sheet; a 填表说明 sheet first."""
    info = [["学校基本信息"], ["学校名称", "上海市普陀区宜川中学"], ["学校代码", "3101070008"],
            ["所在区", "普陀区"], ["学校类型", "完全中学"], ["年用电量（kWh）", 1320000]]
    notes = [["填表说明"], ["1. 学校基本信息页填写学校情况"], ["2. 建筑信息页每栋楼一行"]]
    buildings = [HEADER, ["教学楼", "教学", 1996, 5, 6600, 1320, "平屋面"],
                 ["实验楼", "实验", 2004, 4, 3600, 900, "平屋面"]]
    data = book(Sheet("填表说明", notes), Sheet("学校基本信息", info),
                Sheet("建筑信息", buildings, header_row=0))
    return case("info_and_buildings_sheets", "宜川中学.xlsx", data, Expect(
        2, {(1, "building_name"): "实验楼"},
        {"school_code": "3101070008", "school_name": "上海市普陀区宜川中学",
         "annual_electricity_kwh": 1320000.0}))


def gbk_csv_block_by_rows_with_units_in_values() -> Case:
    """A GBK CSV from WPS whose block gives 年用电量 with the unit in the value (62.4万度) and the
    coordinates as “121.4737，31.2304” with a full-width comma."""
    rows = [["建筑楼宇面积调研表"], ["学校名称", "上海市长宁区复旦中学"], ["学校代码", "3101050003"],
            ["所在区", "长宁区"], ["学校类型", "完全中学"], ["年用电量", "62.4万度"],
            ["经纬度", "121.4237，31.2104"], ["坐标系", "WGS84"], [], HEADER,
            ["教学楼", "教学", 1999, 5, 5500, 1100, "平屋面"]]
    return case("gbk_csv_block_units_in_values", "复旦中学.csv", text_bytes(rows, "gbk"), Expect(
        1, {(0, "gross_floor_area_m2"): 5500.0},
        {"annual_electricity_kwh": 624000.0},
        near={"latitude": (31.2104, 0.0001), "longitude": (121.4237, 0.0001)}))


def utf16_text_committee_filled_once() -> Case:
    """Excel's “Unicode 文本” (UTF-16, tabs) of a bureau's list, 校区 typed once per campus."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "校区", *HEADER]
    rows = [header,
            ["3101120088", "上海市闵行区华漕学校", "闵行区", "九年一贯制学校", "小学部", "教学楼", "教学", 2006, 4,
             4400, 1100, "平屋面"],
            ["3101120088", "上海市闵行区华漕学校", "闵行区", "九年一贯制学校", "中学部", "教学楼", "教学", 2010, 5,
             5000, 1000, "平屋面"]]
    data = text_bytes(rows, "utf-16", "\t")
    return case("utf16_text_two_campuses", "华漕学校.txt", data, Expect(
        2, {(0, "campus"): "小学部", (1, "campus"): "中学部", (1, "floors_above_ground"): 5},
        {"school_type": "中小学"}))


def merged_header_over_two_name_columns() -> Case:
    """建筑名称 merged over two columns: 楼号 (1号楼) and 名称 (求知楼) under it, as a school
    names its buildings both ways. The name a person quotes is both."""
    cells = [["建筑楼宇面积调研表"], *block("上海市宝山区高境第一中学", "3101130012", "宝山区", "初级中学"),
             [], [None] * 8, ["楼号", "名称", None, None, None, None, None, None],
             ["1号楼", "求知楼", "教学", 2002, 5, 5500, 1100, "平屋面"],
             ["2号楼", "明德楼", "办公", 2002, 4, 2600, 650, "平屋面"]]
    merges = ((4, 0, 4, 1, "建筑名称"),) + tuple(
        (4, c, 5, c, HEADER[c - 1]) for c in range(2, 8))
    return case("merged_header_over_two_name_columns", "高境一中.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "year_built"): 2002, (1, "roof_area_m2"): 650.0, (1, "building_use"): "办公"}))


def total_row_first_with_formulas() -> Case:
    """A 合计 row typed directly under the header as SUM formulas (cached), buildings below."""
    cells = [["建筑楼宇面积调研表"], *block("上海市杨浦区建设初级中学", "3101100023", "杨浦区", "初中"),
             [], HEADER, ["合计", None, None, None, None, None, None],
             ["教学楼", "教学", 1995, 5, 4500, 900, "平屋面"],
             ["实验楼", "实验", 2003, 4, 2800, 700, "平屋面"]]
    formulas = {(5, 4): ("=SUM(E7:E8)", 7300), (5, 5): ("=SUM(F7:F8)", 1600)}
    return case("total_row_first_with_formulas", "建设初级中学.xlsx",
                xlsx(cells, formulas=formulas, header_row=4), Expect(
        2, {(0, "building_name"): "教学楼", (1, "gross_floor_area_m2"): 2800.0}, skipped={6}))


def gbk_csv_district_numbers() -> Case:
    """A GBK CSV where 所在区 is given by the bureau's number (15 for 浦东新区, as in the
    school code 310115…) beside the name column: a number a person reads with the name."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [header, ["3101150701", "上海市浦东新区高桥镇小学", "浦东新区（15）", "小学", "教学楼", "教学", 2000, 4,
                     3800, 950, "平屋面"]]
    return case("gbk_csv_district_with_number", "高桥镇小学.csv", text_bytes(rows, "gbk"), Expect(
        1, {(0, "roof_area_m2"): 950.0}, {"district": "浦东新区"}))


def header_wrapped_with_alt_enter_units_line() -> Case:
    """Headers as two lines (Alt+Enter): the field, then its unit in a second line with a
    slash choice: 建筑面积\n（㎡/万㎡ 二选一，本表按㎡）. The areas are in ㎡."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积\n（㎡/万㎡二选一，本表按㎡）",
              "屋顶面积\n（㎡）", "屋面类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市静安区风华初级中学", "3101060031", "静安区", "初中"),
             [], header, ["教学楼", "教学", 2000, 5, 5400, 1080, "平屋面"]]
    return case("header_unit_choice_stated", "风华初级中学.xlsx", xlsx(cells), Expect(
        1, {(0, "gross_floor_area_m2"): 5400.0, (0, "roof_area_m2"): 1080.0}))


def comment_column_for_committee() -> Case:
    """The return sent back with the committee's 审核意见 column and a 学校回复 column the
    school added, and one building's area corrected in red with the old one in a 批注."""
    header = [*HEADER, "审核意见", "学校回复"]
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区上南中学", "3101150066", "浦东新区", "完全中学"),
             [], header,
             ["教学楼", "教学", 1998, 5, 6000, 1200, "平屋面", "屋顶面积偏小，请核实", "已按竣工图核实，无误"],
             ["体育馆", "体育馆", 2009, 1, 2400, 2500, "彩钢瓦", None, None]]
    return case("committee_comment_and_reply", "上南中学（修改稿）.xlsx",
                xlsx(cells, comments={(5, 5): "原填1000"}, header_row=4), Expect(
        2, {(0, "roof_area_m2"): 1200.0, (1, "roof_type"): "彩钢瓦"}))


def year_built_with_month_words_xls() -> Case:
    """A legacy .xls with 建成时间 as text like 2003年9月竣工, 一九九六年, 1988年8月, and number
    format 0"年" on a number."""
    cells = [["建筑楼宇面积调研表"], *block("上海市金山区蒙山中学", "3101160031", "金山区", "初级中学"), [],
             ["建筑名称", "建筑用途", "建成时间", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
             ["教学楼", "教学", "2003年9月竣工", 4, 4600, 1150, "平屋面"],
             ["办公楼", "办公", 1988, 3, 1800, 600, "坡屋面"]]
    return case("year_text_and_format_xls", "蒙山中学.xls", xls(cells, formats={(6, 2): '0"年"'}),
                Expect(2, {(0, "year_built"): 2003, (1, "year_built"): 1988}))


def building_rows_with_sub_parts_as_names() -> Case:
    """One building entered as its two parts on two rows, named 教学楼（主楼） and 教学楼（裙房）
    with their own floors and roofs: two roofs, two rows, as the school wrote."""
    cells = [["建筑楼宇面积调研表"], *block("上海市徐汇区南模中学", "3101040012", "徐汇区", "完全中学"),
             [], HEADER,
             ["教学楼（主楼）", "教学", 2004, 6, 7200, 1200, "平屋面"],
             ["教学楼（裙房）", "教学", 2004, 2, 2400, 1200, "平屋面"]]
    return case("building_parts_as_rows", "南模中学.xlsx", xlsx(cells), Expect(
        2, {(0, "floors_above_ground"): 6, (1, "floors_above_ground"): 2,
            (1, "building_name"): "教学楼（裙房）"}))


def hidden_rows_for_example() -> Case:
    """The district's example row hidden (not deleted) under the header, marked 示例 only in
    its 序号 cell."""
    header = ["序号", *HEADER]
    cells = [["建筑楼宇面积调研表"], *block("上海市青浦区朱家角中学", "3101180011", "青浦区", "完全中学"),
             [], header, ["示例", "1号教学楼", "教学", 2005, 5, 8600, 1720, "平屋面"],
             [1, "教学楼", "教学", 1996, 4, 4400, 1100, "平屋面"],
             [2, "宿舍楼", "宿舍", 2002, 5, 4000, 800, "平屋面"]]
    return case("hidden_example_row", "朱家角中学.xlsx",
                xlsx(cells, header_row=4, hidden_rows=(5,)), Expect(
        2, {(0, "building_name"): "教学楼", (1, "building_use"): "宿舍"}, skipped={6}))


# --- a second batch ------------------------------------------------------------------------

def stacked_schools_own_headers() -> Case:
    """Two schools' returns pasted one under the other by the bureau, each with its own
    small block and its own header, the second school's columns in another order."""
    first = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    second = ["楼名", "建筑面积", "屋顶面积", "层数", "建成年份", "屋面类型", "用途"]
    cells = [["学校名称：上海市嘉定区德富路中学", None, None, "学校代码：3101140061"],
             ["所在区：嘉定区", None, None, "学校类型：初级中学"], first,
             ["教学楼", "教学", 2011, 5, 6000, 1200, "平屋面"],
             ["体育馆", "体育馆", 2012, 1, 1800, 1900, "彩钢瓦"], [], [],
             ["学校名称：上海市嘉定区德富路小学", None, None, "学校代码：3101140062"],
             ["所在区：嘉定区", None, None, "学校类型：民办小学"], second,
             ["主楼", 4200, 1050, 4, 2013, "平屋面", "教学"],
             ["食堂", 1200, 600, 2, 2013, "平屋面", "食堂"]]
    return case("stacked_schools_own_headers", "德富路中小学.xlsx", xlsx(cells), Expect(
        4, {(2, "building_name"): "主楼", (2, "gross_floor_area_m2"): 4200.0,
            (2, "year_built"): 2013, (2, "floors_above_ground"): 4, (3, "building_use"): "食堂",
            (3, "roof_area_m2"): 600.0, (2, "school_code"): "3101140062"},
        n_schools=2, schools={("3101140062", "school_type"): "中小学",
                              ("3101140061", "n_buildings"): 2}))


def fullwidth_code_and_year_csv() -> Case:
    """A GBK CSV typed with the IME in full-width mode: the school code ３１０１０４００５５, years
    ２００５, floors ４."""
    rows = [["学校名称", "上海市徐汇区向阳小学"], ["学校代码", "３１０１０４００５５"], ["所在区", "徐汇区"],
            ["学校类型", "小学"], [], HEADER,
            ["教学楼", "教学", "２００５", "４", "４２００", "１０５０", "平屋面"]]
    return case("fullwidth_code_and_year_csv", "向阳小学.csv", text_bytes(rows, "gbk"), Expect(
        1, {(0, "year_built"): 2005, (0, "floors_above_ground"): 4,
            (0, "gross_floor_area_m2"): 4200.0},
        {"school_code": "3101040055"}))


def instructions_in_one_tall_cell() -> Case:
    """The whole 填表说明 in one cell merged over A1:G6 with line breaks (Alt+Enter), the block
    on rows 7–8, the header on row 9."""
    text = ("填表说明：\n1. 学校名称、学校代码、所在区、学校类型为必填；\n2. 建筑名称：每栋楼一行；\n"
            "3. 建成年份填四位数字；建筑面积、屋顶面积单位：平方米；\n4. 屋面类型：平屋面/坡屋面/彩钢瓦。")
    cells = [[None] * 7 for _ in range(6)] + [
        ["学校名称", "上海市静安区闸北第八中学", None, "学校代码", "3101060045"],
        ["所在区", "静安区", None, "学校类型", "初级中学"], HEADER,
        ["教学楼", "教学", 1993, 5, 5200, 1040, "平屋面"]]
    return case("instructions_in_one_tall_cell", "闸北八中.xlsx",
                xlsx(cells, ((0, 0, 5, 6, text),), header_row=8), Expect(
        1, {(0, "year_built"): 1993},
        {"school_name": "上海市静安区闸北第八中学", "school_code": "3101060045"}))


def pv_in_zhaowa_and_qianwa() -> Case:
    """已建光伏 typed with Chinese unit words: 0.1兆瓦, 50千瓦, 30千瓦峰值."""
    header = [*HEADER, "已建光伏"]
    cells = [["建筑楼宇面积调研表"], *block("上海市松江区松江一中", "3101170005", "松江区", "高级中学"),
             [], header,
             ["体育馆", "体育馆", 2010, 1, 3000, 3100, "彩钢瓦", "0.1兆瓦"],
             ["教学楼", "教学", 2003, 5, 6000, 1200, "平屋面", "50千瓦"],
             ["食堂", "食堂", 2003, 2, 1500, 700, "平屋面", "30千瓦峰值"]]
    return case("pv_in_zhaowa_and_qianwa", "松江一中.xlsx", xlsx(cells), Expect(
        3, {(0, "existing_pv_kw"): 100.0, (1, "existing_pv_kw"): 50.0,
            (2, "existing_pv_kw"): 30.0}))


def colloquial_ping() -> Case:
    """Areas as Shanghai staff say them: 1200平, 800个平方, 3600平米多一点 — square metres."""
    cells = [["建筑楼宇面积调研表"], *block("上海市黄浦区大同初级中学", "3101010055", "黄浦区", "初级中学"),
             [], ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["实验楼", "实验", 1996, 4, "3600平", "900平", "平屋面"],
             ["食堂", "食堂", 2001, 2, "1600个平方", "800个平方", "平屋面"]]
    return case("colloquial_ping", "大同初级中学.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 3600.0, (0, "roof_area_m2"): 900.0,
            (1, "gross_floor_area_m2"): 1600.0, (1, "roof_area_m2"): 800.0}))


def roof_form_and_material() -> Case:
    """The drawings' two roof columns: 屋面形式 (平屋面/坡屋面) and 屋面材料 (钢筋混凝土, 彩钢板,
    小青瓦). A flat concrete roof, a steel-sheet pitched roof, a tiled pitched roof."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面形式",
              "屋面材料"]
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区川沙中学", "3101150071", "浦东新区", "高级中学"),
             [], header,
             ["教学楼", "教学", 2002, 5, 6000, 1200, "平屋面", "钢筋混凝土"],
             ["风雨操场", "体育馆", 2012, 1, 2400, 2500, "坡屋面", "彩钢板"],
             ["老礼堂", "其他", 1956, 1, 800, 900, "坡屋面", "小青瓦"]]
    return case("roof_form_and_material", "川沙中学.xlsx", xlsx(cells), Expect(
        3, {(0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "彩钢瓦",
            (2, "roof_type"): "坡屋面"}))


def csv_tab_prefixed_values() -> Case:
    """A web platform's CSV export putting a tab before every number so Excel keeps it as
    text ("\t3101150101"), UTF-8 with BOM."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [header, ["\t3101200041", "奉贤区南桥小学", "奉贤区", "小学", "教学楼", "教学", "\t2004", "\t4",
                     "\t4400", "\t1100", "平屋面"],
            ["\t3101200041", "奉贤区南桥小学", "奉贤区", "小学", "综合楼", "办公", "\t2010", "\t3",
             "\t2100", "\t700", "平屋面"]]
    return case("csv_tab_prefixed_values", "平台导出.csv", text_bytes(rows, "utf-8-sig"), Expect(
        2, {(0, "school_code"): "3101200041", (0, "year_built"): 2004,
            (1, "gross_floor_area_m2"): 2100.0, (1, "floors_above_ground"): 3}))


def zone_column_quyu() -> Case:
    """A 所在区域 column naming the part of the campus (东区, 西区): not the city district."""
    header = ["所在区域", *HEADER]
    cells = [["建筑楼宇面积调研表"], *block("上海市闵行区闵行中学", "3101120011", "闵行区", "完全中学"),
             [], header,
             ["东区", "教学楼", "教学", 2000, 5, 6000, 1200, "平屋面"],
             ["西区", "实验楼", "实验", 2006, 4, 3200, 800, "平屋面"]]
    return case("zone_column_quyu", "闵行中学.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "实验楼", (0, "roof_area_m2"): 1200.0},
        {"district": "闵行区"}))


def code_and_credit_code() -> Case:
    """The block gives both the 学校代码 and the 统一社会信用代码 (18 characters)."""
    cells = [["建筑楼宇面积调研表"],
             ["学校名称", "上海市长宁区绿苑小学", None, "统一社会信用代码", "12310105425012345X"],
             ["学校代码", "3101050061", None, "所在区", "长宁区"], ["学校类型", "小学"], [], HEADER,
             ["教学楼", "教学", 2004, 4, 3600, 900, "平屋面"]]
    return case("code_and_credit_code", "绿苑小学.xlsx", xlsx(cells), Expect(
        1, {(0, "school_code"): "3101050061"}, {"school_code": "3101050061"}))


def roof_area_by_type_columns() -> Case:
    """A district form asking the roof area by kind: 平屋面面积 | 坡屋面面积 | 彩钢瓦屋面面积, no
    屋顶面积 or 屋面类型 column; each building fills the one it has."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "平屋面面积（㎡）",
              "坡屋面面积（㎡）", "彩钢瓦屋面面积（㎡）"]
    cells = [["建筑楼宇面积调研表"], *block("上海市宝山区吴淞中学", "3101130005", "宝山区", "高级中学"),
             [], header,
             ["教学楼", "教学", 2001, 5, 6000, 1200, None, None],
             ["体育馆", "体育馆", 2009, 1, 2400, None, None, 2500],
             ["校史楼", "其他", 1936, 2, 900, None, 500, None]]
    return case("roof_area_by_type_columns", "吴淞中学.xlsx", xlsx(cells), Expect(
        3, {(0, "roof_area_m2"): 1200.0, (0, "roof_type"): "混凝土平屋面",
            (1, "roof_area_m2"): 2500.0, (1, "roof_type"): "彩钢瓦",
            (2, "roof_area_m2"): 500.0, (2, "roof_type"): "坡屋面"}))


def block_by_formula_from_cover() -> Case:
    """A 封面 sheet holds the school's details; the survey sheet's block cells are formulas
    pointing at it (=封面!B2), their cached values kept."""
    cover = [["学校基本情况"], ["学校名称", "上海市杨浦区控江中学"], ["学校代码", "3101100003"],
             ["所在区", "杨浦区"], ["学校类型", "完全中学"]]
    survey = [["建筑楼宇面积调研表"], ["学校名称", None, None, "学校代码", None],
              ["所在区", None, None, "学校类型", None], [], HEADER,
              ["教学楼", "教学", 1999, 5, 6400, 1280, "平屋面"]]
    formulas = {(1, 1): ("=封面!B2", "上海市杨浦区控江中学"), (1, 4): ("=封面!B3", "3101100003"),
                (2, 1): ("=封面!B4", "杨浦区"), (2, 4): ("=封面!B5", "完全中学")}
    data = book(Sheet("封面", cover), Sheet("调研表", survey, formulas=formulas, header_row=4))
    return case("block_by_formula_from_cover", "控江中学.xlsx", data, Expect(
        1, {(0, "school_code"): "3101100003"},
        {"school_name": "上海市杨浦区控江中学", "school_code": "3101100003", "district": "杨浦区",
         "school_type": "中小学"}))


def use_from_sheet_names() -> Case:
    """Buildings split over sheets by use, 教学用房 | 宿舍用房 | 体育用房, with no 用途 column:
    the sheet's name is the use. The block is on the first sheet only."""
    header = ["建筑名称", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]
    teach = [["建筑楼宇面积调研表"], *block("上海市青浦区东湖中学", "3101180031", "青浦区", "初级中学"), [],
             header, ["1号楼", 2003, 5, 5000, 1000, "平屋面"], ["2号楼", 2003, 4, 3600, 900, "平屋面"]]
    dorm = [header, ["学生宿舍", 2005, 6, 4800, 800, "平屋面"]]
    gym = [header, ["体育馆", 2010, 1, 2000, 2100, "彩钢瓦"]]
    data = book(Sheet("教学用房", teach, header_row=4), Sheet("宿舍用房", dorm, header_row=0),
                Sheet("体育用房", gym, header_row=0))
    return case("use_from_sheet_names", "东湖中学.xlsx", data, Expect(
        4, {(0, "building_use"): "教学", (1, "building_use"): "教学", (2, "building_use"): "宿舍",
            (3, "building_use"): "体育馆", (3, "roof_type"): "彩钢瓦"},
        {"school_code": "3101180031", "n_buildings": 4},
        sheets_read=("教学用房", "宿舍用房", "体育用房")))


def hidden_code_column() -> Case:
    """A bureau's list printed without the code column: 学校代码 hidden (not deleted)."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    cells = [["崇明区学校建筑汇总"], header,
             ["3101510031", "崇明区东门小学", "崇明区", "小学", "教学楼", "教学", 2008, 4, 4000, 1000,
              "平屋面"],
             ["3101510032", "崇明区实验中学", "崇明区", "初级中学", "教学楼", "教学", 2010, 5, 5500, 1100,
              "平屋面"]]
    return case("hidden_code_column", "崇明汇总.xlsx", xlsx(cells, hidden_cols=(0,), header_row=1),
                Expect(2, {(0, "school_code"): "3101510031", (1, "school_code"): "3101510032"},
                       n_schools=2))


def roof_projection_header() -> Case:
    """Headers in the template's description words: 屋面水平投影面积, 总建筑面积（含地下）,
    竣工验收年份, 地上建筑层数."""
    header = ["建筑名称", "主要用途", "竣工验收年份", "地上建筑层数", "总建筑面积（含地下，㎡）",
              "屋面水平投影面积（㎡）", "屋面构造"]
    cells = [["建筑楼宇面积调研表"], *block("上海市普陀区曹杨中学", "3101070021", "普陀区", "完全中学"),
             [], header, ["教学楼", "教学", 2000, 5, 6200, 1240, "平屋面"]]
    return case("roof_projection_header", "曹杨中学.xlsx", xlsx(cells), Expect(
        1, {(0, "year_built"): 2000, (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 6200.0, (0, "roof_area_m2"): 1240.0,
            (0, "roof_type"): "混凝土平屋面", (0, "building_use"): "教学"}))


# --- a third batch -------------------------------------------------------------------------

def xls_named_xlsx() -> Case:
    """A legacy .xls renamed to .xlsx by hand (the content is BIFF8, as WPS's 另存为 left it)."""
    cells = [["建筑楼宇面积调研表"], *block("上海市虹口区曲阳第四小学", "3101090051", "虹口区", "小学"),
             [], HEADER, ["教学楼", "教学", 1992, 4, 3600, 900, "平屋面"]]
    return case("xls_named_xlsx", "曲阳四小.xlsx", xls(cells), Expect(
        1, {(0, "roof_area_m2"): 900.0}, {"school_code": "3101090051"}))


def underground_garage_zero_floors() -> Case:
    """An underground garage listed with 地上层数 0: its roof is the landscaped slab over it."""
    header = [*HEADER, "备注"]
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区明珠小学", "3101150081", "浦东新区", "小学"),
             [], header,
             ["教学楼", "教学", 2016, 4, 6000, 1500, "平屋面", None],
             ["地下车库", "其他", 2016, 0, 3200, 3200, "平屋面", "顶板为操场"]]
    return case("underground_garage_zero_floors", "明珠小学.xlsx", xlsx(cells), Expect(
        2, {(1, "floors_above_ground"): 0, (1, "gross_floor_area_m2"): 3200.0,
            (1, "building_name"): "地下车库"}))


def district_with_city_prefix_xls() -> Case:
    """A legacy .xls whose 所在区 says 上海市浦东新区 and 学校类型 公办初中."""
    cells = [["建筑楼宇面积调研表"],
             ["学校名称", "上海市浦东新区周浦中学", None, "学校代码", "3101150091"],
             ["所在区", "上海市浦东新区", None, "学校类型", "公办初中"], [], HEADER,
             ["教学楼", "教学", 2000, 4, 4800, 1200, "平屋面"]]
    return case("district_with_city_prefix_xls", "周浦中学.xls", xls(cells), Expect(
        1, {(0, "year_built"): 2000}, {"district": "浦东新区", "school_type": "中小学"}))


def tianditu_coordinates() -> Case:
    """Coordinates picked on 天地图 (CGCS2000, within centimetres of WGS84): 坐标系 天地图."""
    cells = [["建筑楼宇面积调研表"], *block("上海市金山区金山中学", "3101160001", "金山区", "完全中学"),
             ["经度", 121.3416, None, "纬度", 30.7418], ["坐标系", "天地图（CGCS2000）"], [], HEADER,
             ["教学楼", "教学", 2005, 5, 6000, 1200, "平屋面"]]
    return case("tianditu_coordinates", "金山中学.xlsx", xlsx(cells), Expect(
        1, {}, {"coord_system": "WGS84"},
        near={"latitude": (30.7418, 0.0001), "longitude": (121.3416, 0.0001)}))


def code_in_sheet_tabs() -> Case:
    """A bureau's workbook whose sheets are named by school code, the code written nowhere
    else; each sheet's block gives name, district and type."""
    def one(name, kind, building):
        return [["建筑楼宇面积调研表"], ["学校名称", name, None, "学校类型", kind],
                ["所在区", "宝山区"], [], HEADER, building]
    data = book(Sheet("3101130051", one("宝山区大场中学", "初级中学",
                                        ["教学楼", "教学", 2001, 5, 5000, 1000, "平屋面"])),
                Sheet("3101130052", one("宝山区大场小学", "小学",
                                        ["主楼", "教学", 2006, 4, 3600, 900, "平屋面"])))
    return case("code_in_sheet_tabs", "大场片区.xlsx", data, Expect(
        2, {(0, "school_code"): "3101130051", (1, "school_code"): "3101130052"}, n_schools=2,
        sheets_read=("3101130051", "3101130052")))


def address_column() -> Case:
    """A 坐落位置 column with each building's street address (浦东新区张杨路1200号): not the
    district field, not a name."""
    header = [*HEADER, "坐落位置"]
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区建平中学", "3101150101", "浦东新区", "高级中学"),
             [], header,
             ["教学楼", "教学", 1998, 5, 7000, 1400, "平屋面", "浦东新区崮山路517号"],
             ["西校区教学楼", "教学", 2012, 5, 6000, 1200, "平屋面", "浦东新区张杨路1200号"]]
    return case("address_column", "建平中学.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "西校区教学楼", (1, "roof_area_m2"): 1200.0},
        {"district": "浦东新区"}))


def planned_demolition_flag() -> Case:
    """A 是否列入拆除计划 column (是/否) and 拟2027年拆除 in 备注: the building still stands and is
    one of the school's buildings today."""
    header = [*HEADER, "是否列入拆除计划", "备注"]
    cells = [["建筑楼宇面积调研表"], *block("上海市徐汇区西南位育中学", "3101040041", "徐汇区", "完全中学"),
             [], header,
             ["教学楼", "教学", 2003, 5, 6000, 1200, "平屋面", "否", None],
             ["老食堂", "食堂", 1982, 2, 1200, 650, "坡屋面", "是", "拟2027年拆除"]]
    return case("planned_demolition_flag", "西南位育中学.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "老食堂", (1, "year_built"): 1982}))


def db_export_null_and_datetimes() -> Case:
    """A GBK CSV from the bureau's asset database: NULL for empty cells, 竣工日期 as
    2005-09-01 00:00:00, areas with two decimals."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "建筑名称", "建筑用途", "竣工日期", "地上层数",
              "建筑面积", "屋顶面积", "屋面类型", "已建光伏容量", "备注"]
    rows = [header,
            ["3101070041", "普陀区洵阳路小学", "普陀区", "小学", "教学楼", "教学", "2005-09-01 00:00:00", "4",
             "4200.00", "1050.00", "平屋面", "NULL", "NULL"],
            ["3101070041", "普陀区洵阳路小学", "普陀区", "小学", "综合楼", "办公", "1998-07-15 00:00:00", "3",
             "1800.50", "600.00", "坡屋面", "20.00", "NULL"]]
    return case("db_export_null_and_datetimes", "资产库导出.csv", text_bytes(rows, "gbk"), Expect(
        2, {(0, "year_built"): 2005, (1, "year_built"): 1998, (0, "existing_pv_kw"): None,
            (0, "notes"): None, (1, "existing_pv_kw"): 20.0, (1, "gross_floor_area_m2"): 1800.5}))


def school_totals_in_block() -> Case:
    """The block carries the school's own totals: 占地面积, 总建筑面积, 在校学生数, 教职工数."""
    cells = [["建筑楼宇面积调研表"], *block("上海市长宁区适存小学", "3101050071", "长宁区", "小学"),
             ["学校占地面积（㎡）", 12000, None, "总建筑面积（㎡）", 9600],
             ["在校学生数", 1200, None, "教职工数", 96], [], HEADER,
             ["教学楼", "教学", 2002, 4, 6000, 1500, "平屋面"],
             ["综合楼", "办公", 2002, 4, 3600, 900, "平屋面"]]
    return case("school_totals_in_block", "适存小学.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "gross_floor_area_m2"): 3600.0},
        {"school_code": "3101050071", "n_buildings": 2}))


def area_total_and_parts_children() -> Case:
    """建筑面积（㎡） merged over three children, 合计 | 其中：地上 | 地下: the area is 合计."""
    cells = [["建筑楼宇面积调研表"], *block("上海市静安区育才初级中学", "3101060051", "静安区", "初级中学"),
             [], [None] * 9, [None, None, None, None, "合计", "其中：地上", "地下", None, None],
             ["教学楼", "教学", 2008, 5, 7200, 6000, 1200, 1200, "平屋面"],
             ["图书馆", "图书馆", 2008, 3, 2400, 2400, None, 800, "平屋面"]]
    merges = ((4, 0, 5, 0, "建筑名称"), (4, 1, 5, 1, "建筑用途"), (4, 2, 5, 2, "建成年份"),
              (4, 3, 5, 3, "地上层数"), (4, 4, 4, 6, "建筑面积（㎡）"), (4, 7, 5, 7, "屋顶面积（㎡）"),
              (4, 8, 5, 8, "屋面类型"))
    return case("area_total_and_parts_children", "育才初级中学.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 7200.0, (1, "gross_floor_area_m2"): 2400.0,
            (0, "roof_area_m2"): 1200.0}))


# --- a fourth batch ------------------------------------------------------------------------

def pv_projects_table_below() -> Case:
    """The PV already built given in a small table under the buildings (附：已建光伏项目 |
    建筑名称 | 装机容量（kW） | 并网时间), not in a column: the 体育馆 carries 100 kW."""
    cells = [["建筑楼宇面积调研表"], *block("上海市闵行区莘庄中学", "3101120021", "闵行区", "完全中学"),
             [], HEADER,
             ["教学楼", "教学", 2004, 5, 6500, 1300, "平屋面"],
             ["体育馆", "体育馆", 2010, 1, 3000, 3100, "彩钢瓦"], [],
             ["附：已建光伏项目"], ["建筑名称", "装机容量（kW）", "并网时间"], ["体育馆", 100, "2021-06"]]
    return case("pv_projects_table_below", "莘庄中学.xlsx", xlsx(cells, header_row=4), Expect(
        2, {(1, "existing_pv_kw"): 100.0, (0, "roof_area_m2"): 1300.0}))


def area_in_both_units() -> Case:
    """建筑面积 twice, in ㎡ and in 万㎡ (the district asked for the second), consistent."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "建筑面积（万㎡）",
              "屋顶面积（㎡）", "屋面类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市嘉定区安亭高级中学", "3101140071", "嘉定区", "高级中学"),
             [], header,
             ["教学楼", "教学", 2007, 5, 6000, 0.6, 1200, "平屋面"],
             ["宿舍楼", "宿舍", 2007, 6, 4800, 0.48, 800, "平屋面"]]
    return case("area_in_both_units", "安亭高级中学.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "gross_floor_area_m2"): 4800.0,
            (1, "roof_area_m2"): 800.0}))


def historic_buildings_before_1900_xls() -> Case:
    """A university's 后勤处 listing its historic buildings from an old .xls: 中院 (1899),
    老图书馆 (1919), 工程馆 (1932)."""
    cells = [["建筑楼宇面积调研表（徐汇校区）"],
             ["学校名称", "上海交通大学", None, "学校代码", "3101040500"],
             ["所在区", "徐汇区", None, "学校类型", "高校"], [], HEADER,
             ["中院", "办公", 1899, 3, 3200, 1100, "坡屋面"],
             ["老图书馆", "图书馆", 1919, 2, 2600, 1300, "坡屋面"],
             ["工程馆", "教学", 1932, 3, 5400, 1800, "坡屋面"]]
    return case("historic_buildings_before_1900_xls", "交大徐汇校区.xls", xls(cells), Expect(
        3, {(0, "year_built"): 1899, (1, "year_built"): 1919, (2, "year_built"): 1932},
        {"school_type": "高校"}))


def type_ticked_in_block() -> Case:
    """学校类型 as a paper form's tick boxes in the block: □幼儿园 ☑小学 □初中 □高中 □中职."""
    cells = [["建筑楼宇面积调研表"],
             ["学校名称", "上海市奉贤区齐贤学校", None, "学校代码", "3101200051"],
             ["所在区", "奉贤区"], ["学校类型", "□幼儿园  ☑小学  □初中  □高中  □中职"], [], HEADER,
             ["教学楼", "教学", 2009, 4, 4000, 1000, "平屋面"]]
    return case("type_ticked_in_block", "齐贤学校.xlsx", xlsx(cells), Expect(
        1, {(0, "roof_area_m2"): 1000.0}, {"school_type": "中小学"}))


def very_hidden_list_sheet() -> Case:
    """The district's drop-down lists on a very hidden sheet (xlSheetVeryHidden, only VBA can
    show it), the table on the visible 调研表 sheet."""
    survey = [["建筑楼宇面积调研表"], *block("上海市松江区车墩学校", "3101170061", "松江区", "九年一贯制学校"),
              [], HEADER, ["教学楼", "教学", 2011, 4, 5200, 1300, "平屋面"]]
    lists = [["教学"], ["办公"], ["宿舍"], ["平屋面"], ["坡屋面"]]
    data = book(Sheet("调研表", survey, validations=((5, 1, 40, "=lists!$A$1:$A$3"),), header_row=4),
                Sheet("lists", lists, very_hidden=True))
    return case("very_hidden_list_sheet", "车墩学校.xlsx", data, Expect(
        1, {(0, "building_name"): "教学楼"}, sheets_read=("调研表",)))


def bureau_instead_of_district_csv() -> Case:
    """A GBK CSV list with a 主管部门 column (浦东新区教育局) and no 所在区: the district is the
    bureau's."""
    header = ["学校代码", "学校名称", "主管部门", "学校类型", *HEADER]
    rows = [header, ["3101150111", "浦东新区北蔡中学", "浦东新区教育局", "初级中学", "教学楼", "教学", 2002, 5,
                     5200, 1040, "平屋面"]]
    return case("bureau_instead_of_district_csv", "北蔡中学.csv", text_bytes(rows, "gbk"), Expect(
        1, {(0, "roof_area_m2"): 1040.0}, {"district": "浦东新区"}))


def vlookup_na_in_name() -> Case:
    """A bureau's list whose names were looked up from the codes (=VLOOKUP(A4,名录!A:B,2,0));
    one code not in the list shows #N/A. The code is there; the name is not: stop at B5."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    cells = [["长宁区学校建筑汇总"], header,
             ["3101050081", None, "长宁区", "小学", "教学楼", "教学", 2003, 4, 3600, 900, "平屋面"],
             ["3101050082", "#N/A", "长宁区", "小学", "教学楼", "教学", 2005, 4, 4000, 1000, "平屋面"]]
    formulas = {(2, 1): ("=VLOOKUP(A3,名录!A:B,2,0)", "长宁区虹桥小学")}
    roster = [["3101050081", "长宁区虹桥小学"]]
    data = book(Sheet("汇总", cells, formulas=formulas, header_row=1), Sheet("名录", roster))
    data = patch_cells(data, 1, {
        "B4": '<c r="B4" t="e"><f>VLOOKUP(A4,名录!A:B,2,0)</f><v>#N/A</v></c>'})
    return case("vlookup_na_in_name", "长宁汇总.xlsx", data, Expect(2, errors={"B4"}))


# --- a fifth batch -------------------------------------------------------------------------

def code_missing_digit() -> Case:
    """A slip: the school code typed with nine digits (3101050 91 lost a 0). A person stops at E2."""
    cells = [["建筑楼宇面积调研表"], *block("上海市长宁区仙霞高级中学", "310105091", "长宁区", "高级中学"),
             [], HEADER, ["教学楼", "教学", 2001, 5, 6000, 1200, "平屋面"]]
    return case("code_missing_digit", "仙霞高级中学.xlsx", xlsx(cells), Expect(1, errors={"E2"}))


def dash_building_name() -> Case:
    """A building whose name cell holds only —— (the clerk did not know what it is called): its
    other cells are filled. The name is required: a person stops at A7."""
    cells = [["建筑楼宇面积调研表"], *block("上海市嘉定区马陆小学", "3101140081", "嘉定区", "小学"),
             [], HEADER, ["教学楼", "教学", 2008, 4, 4000, 1000, "平屋面"],
             ["——", "其他", 2008, 1, 200, 220, "彩钢瓦"]]
    return case("dash_building_name", "马陆小学.xlsx", xlsx(cells), Expect(2, errors={"A7"}))


def block_pairs_with_line_breaks() -> Case:
    """The block as one wrapped cell over A2:G4, its pairs on separate lines (Alt+Enter):
    学校名称：…\\n学校代码：…\\n所在区：…\\n学校类型：…"""
    text = "学校名称：上海市宝山区同洲模范学校\n学校代码：3101130061\n所在区：宝山区\n学校类型：九年一贯制"
    cells = [["建筑楼宇面积调研表"], *[[None] * 7 for _ in range(3)], HEADER,
             ["教学楼", "教学", 2003, 5, 6000, 1200, "平屋面"]]
    return case("block_pairs_with_line_breaks", "同洲模范学校.xlsx",
                xlsx(cells, ((1, 0, 3, 6, text),), header_row=4), Expect(
        1, {(0, "building_name"): "教学楼"},
        {"school_name": "上海市宝山区同洲模范学校", "school_code": "3101130061",
         "district": "宝山区", "school_type": "中小学"}))


def generic_group_parents() -> Case:
    """Parents naming groups, not fields or units: 基本信息 over name | use | year | floors,
    面积信息 over the areas, 屋顶信息 over type | condition."""
    cells = [["建筑楼宇面积调研表"], *block("上海市闵行区文来中学", "3101120031", "闵行区", "初级中学"), [],
             [None] * 8,
             ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型", "屋面状况"],
             ["教学楼", "教学", 2004, 5, 6000, 1200, "平屋面", "良好"],
             ["科技楼", "实验", 2010, 4, 4000, 1000, "平屋面", "一般"]]
    merges = ((4, 0, 4, 3, "基本信息"), (4, 4, 4, 5, "面积信息"), (4, 6, 4, 7, "屋顶信息"))
    return case("generic_group_parents", "文来中学.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "roof_condition"): "一般",
            (1, "building_name"): "科技楼", (0, "year_built"): 2004}))


def concatenated_bom_csvs() -> Case:
    """Two schools' UTF-8-BOM CSVs joined with copy a.csv+b.csv: the second file's header
    repeated mid-file, its byte-order mark at the start of that line."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    first = text_bytes([header, ["3101170071", "松江区民乐学校", "松江区", "九年一贯制学校", "教学楼", "教学",
                                 2006, 4, 4400, 1100, "平屋面"],
                        ["3101170071", "松江区民乐学校", "松江区", "九年一贯制学校", "食堂", "食堂", 2006, 2,
                         1200, 600, "平屋面"]], "utf-8-sig")
    second = text_bytes([header, ["3101170072", "松江区新桥中学", "松江区", "初级中学", "主楼", "教学", 1999, 5,
                                  5000, 1000, "平屋面"]], "utf-8-sig")
    return case("concatenated_bom_csvs", "松江合并.csv", first + second, Expect(
        3, {(2, "building_name"): "主楼", (2, "school_code"): "3101170072"}, n_schools=2,
        skipped={4}))


def blank_header_campus_column() -> Case:
    """Column A holds 本部 / 分部 for each building under an empty header cell (the school
    typed the campus but never a heading for it)."""
    cells = [["建筑楼宇面积调研表"], *[[None, *r] for r in block(
                 "上海市普陀区真如中学", "3101070031", "普陀区", "完全中学")], [], [None, *HEADER],
             ["本部", "教学楼", "教学", 1998, 5, 6000, 1200, "平屋面"],
             ["分部", "教学楼", "教学", 2012, 4, 4000, 1000, "平屋面"]]
    return case("blank_header_campus_column", "真如中学.xlsx", xlsx(cells, header_row=4), Expect(
        2, {(0, "campus"): "本部", (1, "campus"): "分部", (1, "year_built"): 2012}))


def collapsed_column_group() -> Case:
    """The optional roof columns (屋面坡度, 屋面朝向) grouped (数据→组合) and left collapsed:
    hidden behind a ＋ above the columns, still the school's data."""
    header = [*HEADER, "屋面坡度（°）", "屋面朝向", "备注"]
    cells = [["建筑楼宇面积调研表"], *block("上海市青浦区练塘中学", "3101180041", "青浦区", "初级中学"),
             [], header,
             ["教学楼", "教学", 1996, 4, 4000, 1000, "坡屋面", 25, "南", None],
             ["实验楼", "实验", 2005, 4, 3200, 800, "平屋面", 0, None, "2019年屋面翻新"]]
    return case("collapsed_column_group", "练塘中学.xlsx",
                xlsx(cells, header_row=4, collapsed_cols=(7, 8)), Expect(
        2, {(0, "roof_tilt_deg"): 25.0, (0, "roof_azimuth_deg"): 180.0,
            (1, "notes"): "2019年屋面翻新"}))


def csv_cr_line_endings() -> Case:
    """Excel for Mac's “CSV (Macintosh)”: lines ended by a lone CR, UTF-8."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [header, ["3101040061", "徐汇区康健外国语实验中学", "徐汇区", "初级中学", "教学楼", "教学", 2006, 5,
                     5600, 1120, "平屋面"],
            ["3101040061", "徐汇区康健外国语实验中学", "徐汇区", "初级中学", "体育馆", "体育馆", 2008, 1, 2000,
             2100, "彩钢瓦"]]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r").writerows(rows)
    return case("csv_cr_line_endings", "康健外国语.csv", text.getvalue().encode("utf-8"), Expect(
        2, {(1, "building_name"): "体育馆", (0, "roof_area_m2"): 1120.0}))


# --- a sixth batch -------------------------------------------------------------------------

def plain_mianji_header() -> Case:
    """Three area columns headed 面积 | 占地面积 | 屋面面积: 面积 alone is the floor area."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "面积", "占地面积", "屋面面积", "屋面类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市杨浦区打虎山路第一小学", "3101100051", "杨浦区", "小学"),
             [], header, ["教学楼", "教学", 1996, 4, 4400, 1150, 1100, "平屋面"],
             ["食堂", "食堂", 2004, 2, 1400, 720, 700, "平屋面"]]
    return case("plain_mianji_header", "打一小学.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 4400.0, (0, "roof_area_m2"): 1100.0,
            (1, "gross_floor_area_m2"): 1400.0, (1, "roof_area_m2"): 700.0}))


def single_character_values() -> Case:
    """Narrow columns filled with one character: 用途 教/办/宿, 屋面 平/坡/钢, 遮挡 无/轻/重."""
    header = [*HEADER, "遮挡情况"]
    cells = [["建筑楼宇面积调研表"], *block("上海市崇明区新河中学", "3101510041", "崇明区", "初级中学"),
             [], header,
             ["教学楼", "教", 2001, 4, 4000, 1000, "平", "无"],
             ["办公楼", "办", 1995, 3, 1800, 600, "坡", "轻"],
             ["宿舍楼", "宿", 2008, 5, 3500, 700, "钢", "重"]]
    return case("single_character_values", "新河中学.xlsx", xlsx(cells), Expect(
        3, {(0, "building_use"): "教学", (1, "building_use"): "办公", (2, "building_use"): "宿舍",
            (0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面", (2, "roof_type"): "彩钢瓦",
            (0, "shading"): "无", (1, "shading"): "轻微", (2, "shading"): "严重"}))


def coordinate_system_words() -> Case:
    """坐标系 as GIS staff say it: 国测局坐标 (GCJ-02); 年用电量（千瓦时）."""
    cells = [["建筑楼宇面积调研表"], *block("上海市浦东新区东昌中学", "3101150121", "浦东新区", "完全中学"),
             ["经度", 121.5137, None, "纬度", 31.2348], ["坐标系", "国测局坐标（火星坐标）"],
             ["年用电量（千瓦时）", 820000], [], HEADER,
             ["教学楼", "教学", 1998, 5, 6000, 1200, "平屋面"]]
    return case("coordinate_system_words", "东昌中学.xlsx", xlsx(cells), Expect(
        1, {}, {"coord_system": "GCJ-02", "annual_electricity_kwh": 820000.0}))


def duplicate_sheet_copy() -> Case:
    """The school copied its sheet to try something (调研表 and 调研表 (2), identical) and sent
    both: the same two buildings, once."""
    cells = [["建筑楼宇面积调研表"], *block("上海市金山区前京中学", "3101160041", "金山区", "初级中学"), [],
             HEADER, ["教学楼", "教学", 2000, 4, 4200, 1050, "平屋面"],
             ["实验楼", "实验", 2006, 4, 2800, 700, "平屋面"]]
    data = book(Sheet("调研表", cells, header_row=4), Sheet("调研表 (2)", [list(r) for r in cells],
                                                             header_row=4))
    return case("duplicate_sheet_copy", "前京中学.xlsx", data, Expect(
        2, {(1, "building_name"): "实验楼"}, {"n_buildings": 2}))


def stray_space_far_cell() -> Case:
    """A single space typed long ago in AD400 (a stray keypress), far below and right of the
    table: nothing there a person would read."""
    cells = [["建筑楼宇面积调研表"], *block("上海市奉贤区青村小学", "3101200061", "奉贤区", "小学"), [],
             HEADER, ["教学楼", "教学", 2007, 4, 3600, 900, "平屋面"]]
    cells += [[] for _ in range(400 - len(cells) - 1)] + [[None] * 29 + [" "]]
    return case("stray_space_far_cell", "青村小学.xlsx", xlsx(cells, header_row=4), Expect(
        1, {(0, "roof_area_m2"): 900.0}))


def vocational_type_words() -> Case:
    """A bureau's list of vocational and higher schools typed as people call them: 中专, 技校,
    职校, 高职."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    kinds = [("3101070101", "上海市现代职业技术学校", "中专", "中职"),
             ("3101070102", "上海市工业技术学校", "技校", "中职"),
             ("3101070103", "上海市材料工程学校", "职校", "中职"),
             ("3101070104", "上海城建职业学院", "高职", "高校")]
    rows = [[code, name, "普陀区", kind, "实训楼", "实验", 2005, 4, 4000, 1000, "平屋面"]
            for code, name, kind, _ in kinds]
    return case("vocational_type_words", "普陀职校.xlsx", xlsx([header, *rows], header_row=0), Expect(
        4, n_schools=4, schools={(code, "school_type"): want for code, _, _, want in kinds}))


def block_pairs_comma_separated_csv() -> Case:
    """A GBK CSV whose block is one cell of pairs split by Chinese commas:
    学校名称：…，学校代码：…，所在区：…，学校类型：…"""
    rows = [["建筑楼宇面积调研表"],
            ["学校名称：上海市虹口区澄衷高级中学，学校代码：3101090061，所在区：虹口区，学校类型：高级中学"], [],
            HEADER, ["教学楼", "教学", 2000, 5, 6200, 1240, "平屋面"]]
    return case("block_pairs_comma_separated_csv", "澄衷高级中学.csv", text_bytes(rows, "gbk"), Expect(
        1, {(0, "gross_floor_area_m2"): 6200.0},
        {"school_name": "上海市虹口区澄衷高级中学", "school_code": "3101090061", "district": "虹口区",
         "school_type": "中小学"}))


# --- a seventh batch -----------------------------------------------------------------------

def own_field_names_csv() -> Case:
    """The bureau's IT colleague re-exports our own data with the product's field names as
    headers (building_name, gross_floor_area_m2 …), UTF-8."""
    header = ["school_code", "school_name", "district", "school_type", "building_name", "building_use",
              "year_built", "floors_above_ground", "gross_floor_area_m2", "roof_area_m2", "roof_type",
              "existing_pv_kw"]
    rows = [header, ["3101130071", "宝山区淞南中学", "宝山区", "中小学", "教学楼", "教学", 2004, 5, 5200, 1040,
                     "混凝土平屋面", 0],
            ["3101130071", "宝山区淞南中学", "宝山区", "中小学", "体育馆", "体育馆", 2012, 1, 1800, 1900,
             "彩钢瓦", 60]]
    return case("own_field_names_csv", "export_baoshan.csv", text_bytes(rows, "utf-8"), Expect(
        2, {(1, "existing_pv_kw"): 60.0, (0, "gross_floor_area_m2"): 5200.0,
            (1, "roof_area_m2"): 1900.0, (0, "year_built"): 2004}))


def pandas_index_column_xlsx() -> Case:
    """pandas DataFrame.to_excel with the index kept: column A holds 0, 1, 2 under an empty
    header cell, the header bold with borders (openpyxl, as pandas writes it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    ws.append([None, *header])
    rows = [["3101180051", "青浦区徐泾中学", "青浦区", "初级中学", "教学楼", "教学", 2005, 5, 5600, 1120,
             "平屋面"],
            ["3101180051", "青浦区徐泾中学", "青浦区", "初级中学", "食堂", "食堂", 2005, 2, 1300, 650, "平屋面"],
            ["3101180052", "青浦区徐泾小学", "青浦区", "小学", "主楼", "教学", 2010, 4, 4000, 1000, "平屋面"]]
    for k, row in enumerate(rows):
        ws.append([k, *row])
    for cell in ws[1]:
        cell.font = openpyxl.styles.Font(bold=True)
        cell.border = openpyxl.styles.Border(bottom=openpyxl.styles.Side(style="thin"))
    buffer = io.BytesIO()
    wb.save(buffer)
    return case("pandas_index_column_xlsx", "qingpu.xlsx", buffer.getvalue(), Expect(
        3, {(2, "building_name"): "主楼", (2, "school_code"): "3101180052"}, n_schools=2))


def ime_full_stop_decimal() -> Case:
    """Decimals typed with the Chinese IME on: 6200。5 and 0。5 (a full stop for the point)."""
    header = [*HEADER, "已建光伏容量（kW）"]
    cells = [["建筑楼宇面积调研表"], *block("上海市普陀区洵阳中学", "3101070051", "普陀区", "初级中学"),
             [], header, ["教学楼", "教学", 2003, 5, "6200。5", "1240。5", "平屋面", "30。5"]]
    return case("ime_full_stop_decimal", "洵阳中学.xlsx", xlsx(cells), Expect(
        1, {(0, "gross_floor_area_m2"): 6200.5, (0, "roof_area_m2"): 1240.5,
            (0, "existing_pv_kw"): 30.5}))


def district_band_rows() -> Case:
    """The city committee's list: 一、徐汇区 / 二、长宁区 band rows over each district's schools,
    no district column."""
    header = ["学校代码", "学校名称", "学校类型", *HEADER]
    cells = [["全市学校建筑楼宇面积汇总（部分）"], header, ["一、徐汇区"],
             ["3101040071", "徐汇区汇师小学", "小学", "教学楼", "教学", 1995, 4, 3600, 900, "平屋面"],
             ["二、长宁区"],
             ["3101050091", "长宁区建青实验学校", "九年一贯制学校", "教学楼", "教学", 2008, 5, 6000, 1200, "平屋面"]]
    return case("district_band_rows", "全市汇总.xlsx", xlsx(cells, header_row=1), Expect(
        2, {(0, "school_code"): "3101040071", (1, "school_code"): "3101050091"}, n_schools=2,
        schools={("3101040071", "district"): "徐汇区", ("3101050091", "district"): "长宁区"},
        skipped={3, 5}))


def campus_in_name_same_code_rows() -> Case:
    """A bureau's rows for one school on two sites: the same code, the name written
    上海市建平中学 and 上海市建平中学（西校区）. One school; the west site's buildings are 西校区."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    cells = [["浦东新区高中建筑汇总"], header,
             ["3101150131", "上海市建平中学", "浦东新区", "高级中学", "教学楼", "教学", 1998, 5, 7000, 1400,
              "平屋面"],
             ["3101150131", "上海市建平中学（西校区）", "浦东新区", "高级中学", "教学楼", "教学", 2012, 5, 6000,
              1200, "平屋面"],
             ["3101150131", "上海市建平中学（西校区）", "浦东新区", "高级中学", "体育馆", "体育馆", 2012, 1,
              2000, 2100, "彩钢瓦"]]
    return case("campus_in_name_same_code_rows", "浦东高中汇总.xlsx", xlsx(cells, header_row=1), Expect(
        3, {(1, "campus"): "西校区", (2, "campus"): "西校区", (1, "year_built"): 2012},
        {"school_name": "上海市建平中学", "n_buildings": 3}))


def block_label_space_value() -> Case:
    """Block cells with label and value in one cell, separated by spaces, no colon:
    “学校名称  上海市长宁区愚园路第一小学”."""
    cells = [["建筑楼宇面积调研表"], ["学校名称  上海市长宁区愚园路第一小学", None, None, "学校代码  3101050101"],
             ["所在区  长宁区", None, None, "学校类型  小学"], [], HEADER,
             ["教学楼", "教学", 1990, 4, 3200, 800, "坡屋面"]]
    return case("block_label_space_value", "愚一小.xlsx", xlsx(cells), Expect(
        1, {(0, "roof_type"): "坡屋面"},
        {"school_name": "上海市长宁区愚园路第一小学", "school_code": "3101050101", "district": "长宁区",
         "school_type": "中小学"}))


# --- an eighth batch -----------------------------------------------------------------------

def header_words_split_over_two_rows() -> Case:
    """Narrow columns whose headers were typed over two rows without merging: 建筑 / 名称,
    建成 / 年份, 屋顶面积 / （㎡）."""
    top = ["建筑", "建筑", "建成", "地上", "建筑面积", "屋顶面积", "屋面"]
    bottom = ["名称", "用途", "年份", "层数", "（㎡）", "（㎡）", "类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市嘉定区苏民学校", "3101140091", "嘉定区", "九年一贯制学校"),
             [], top, bottom, ["教学楼", "教学", 2006, 4, 4800, 1200, "平屋面"],
             ["体育馆", "体育馆", 2006, 1, 1500, 1600, "彩钢瓦"]]
    return case("header_words_split_over_two_rows", "苏民学校.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼", (0, "building_use"): "教学", (0, "year_built"): 2006,
            (0, "floors_above_ground"): 4, (0, "gross_floor_area_m2"): 4800.0,
            (1, "roof_area_m2"): 1600.0, (1, "roof_type"): "彩钢瓦"}))


def short_block_labels_xls() -> Case:
    """A legacy .xls whose block labels are cut short: 名称 | 代码 | 区 | 类型."""
    cells = [["建筑楼宇面积调研表"], ["名称", "上海市松江区泗泾第二小学", None, "代码", "3101170081"],
             ["区", "松江区", None, "类型", "小学"], [], HEADER,
             ["教学楼", "教学", 2011, 4, 4400, 1100, "平屋面"]]
    return case("short_block_labels_xls", "泗泾二小.xls", xls(cells), Expect(
        1, {(0, "building_name"): "教学楼"},
        {"school_name": "上海市松江区泗泾第二小学", "school_code": "3101170081", "district": "松江区"}))


def district_this_district() -> Case:
    """所在区 filled 本区 on the district's own form, titled 闵行区中小学…调研表."""
    cells = [["闵行区中小学建筑楼宇面积调研表"],
             ["学校名称", "上海市闵行区马桥强恕学校", None, "学校代码", "3101120091"],
             ["所在区", "本区", None, "学校类型", "九年一贯制学校"], [], HEADER,
             ["教学楼", "教学", 2009, 4, 4600, 1150, "平屋面"]]
    return case("district_this_district", "强恕学校.xlsx", xlsx(cells), Expect(
        1, {(0, "roof_area_m2"): 1150.0}, {"district": "闵行区"}))


def csv_double_cr() -> Case:
    """A CSV converted twice between Windows and Unix: every line ends CR CR LF, GBK."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [header, ["3101090071", "虹口区丰镇中学", "虹口区", "初级中学", "教学楼", "教学", 2000, 5, 5000, 1000,
                     "平屋面"],
            ["3101090071", "虹口区丰镇中学", "虹口区", "初级中学", "实验楼", "实验", 2010, 4, 2400, 600,
             "平屋面"]]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\r\n").writerows(rows)
    return case("csv_double_cr", "丰镇中学.csv", text.getvalue().encode("gbk"), Expect(
        2, {(1, "building_name"): "实验楼", (1, "roof_area_m2"): 600.0}))


def year_and_area_shown_as_dates() -> Case:
    """Columns left formatted as dates: 2005 typed in 建成年份 shows 1905/6/27, 4200 in 建筑面积
    shows 1911/7/1. The cells hold 2005 and 4200."""
    cells = [["建筑楼宇面积调研表"], *block("上海市宝山区罗南中学", "3101130081", "宝山区", "初级中学"),
             [], HEADER, ["教学楼", "教学", 2005, 4, 4200, 1050, "平屋面"],
             ["综合楼", "办公", 1998, 3, 2100, 700, "平屋面"]]
    formats = {(r, c): "yyyy/m/d" for r in (5, 6) for c in (2, 4)}
    return case("year_and_area_shown_as_dates", "罗南中学.xlsx", xlsx(cells, formats=formats), Expect(
        2, {(0, "year_built"): 2005, (1, "year_built"): 1998, (0, "gross_floor_area_m2"): 4200.0,
            (1, "gross_floor_area_m2"): 2100.0}))


# --- a ninth batch -------------------------------------------------------------------------

def _prefix_namespace(data: bytes) -> bytes:
    """Rewrite the sheet XML with an x: prefix on the main namespace, as .NET's OpenXML SDK
    writes it (<x:worksheet xmlns:x=…><x:sheetData><x:row>…)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = content.decode("utf-8").replace(f'xmlns="{main}"', f'xmlns:x="{main}"')
                text = re.sub(r"<(/?)(?!\?)([A-Za-z]+)([ >/])", r"<\1x:\2\3", text)
                content = text.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def prefixed_namespace_xlsx() -> Case:
    """Exported by the district's C# platform: the sheet's XML elements carry an x: prefix."""
    cells = [["学校代码", "学校名称", "所在区", "学校类型", *HEADER],
             ["3101160051", "金山区金卫中学", "金山区", "初级中学", "教学楼", "教学", 2004, 4, 4400, 1100,
              "平屋面"]]
    return case("prefixed_namespace_xlsx", "平台导出.xlsx", _prefix_namespace(xlsx(cells)), Expect(
        1, {(0, "school_code"): "3101160051", (0, "roof_area_m2"): 1100.0}))


def spreadsheetml_2003_xls() -> Case:
    """A web system's “导出Excel” in Excel 2003 XML (SpreadsheetML) with an .xls name: Excel
    opens it after a warning."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", *HEADER]
    rows = [["3101120101", "闵行区颛桥中学", "闵行区", "初级中学", "教学楼", "教学", 2002, 5, 5000, 1000,
             "平屋面"]]

    def cell(v):
        kind = "Number" if isinstance(v, (int, float)) else "String"
        return f'<Cell><Data ss:Type="{kind}">{v}</Data></Cell>'
    body = "".join("<Row>" + "".join(cell(v) for v in r) + "</Row>" for r in [header, *rows])
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
            f'<Worksheet ss:Name="Sheet1"><Table>{body}</Table></Worksheet></Workbook>')
    return case("spreadsheetml_2003_xls", "导出Excel.xls", text.encode("utf-8"), Expect(
        1, {(0, "school_code"): "3101120101", (0, "gross_floor_area_m2"): 5000.0}))


def usable_area_and_waterproofing_headers() -> Case:
    """Optional columns in a facilities office's words: 可安装光伏的屋面面积（㎡） for the usable
    roof, 屋面防水情况 for the roof's condition, 周边遮挡 for shading."""
    header = [*HEADER, "可安装光伏的屋面面积（㎡）", "屋面防水情况", "周边遮挡"]
    cells = [["建筑楼宇面积调研表"], *block("上海市杨浦区同济二附中", "3101100061", "杨浦区", "完全中学"),
             [], header, ["教学楼", "教学", 2003, 5, 6000, 1200, "平屋面", 800, "良好", "无"],
             ["实验楼", "实验", 1996, 4, 3200, 800, "平屋面", 500, "差", "轻微"]]
    return case("usable_area_and_waterproofing_headers", "同济二附中.xlsx", xlsx(cells), Expect(
        2, {(0, "usable_roof_area_m2"): 800.0, (1, "usable_roof_area_m2"): 500.0,
            (1, "roof_condition"): "差", (1, "shading"): "轻微", (0, "roof_area_m2"): 1200.0}))


# --- a tenth batch -------------------------------------------------------------------------

def pv_by_year_columns() -> Case:
    """Last year's return reused: 已建光伏容量（2025年） kept beside a new 已建光伏容量（2026年）
    column. The PV built now is this year's column."""
    header = [*HEADER, "已建光伏容量（2025年，kW）", "已建光伏容量（2026年，kW）"]
    cells = [["2026年度建筑楼宇面积调研表"], *block("上海市黄浦区格致中学", "3101010061", "黄浦区", "完全中学"),
             [], header, ["教学楼", "教学", 2002, 5, 6000, 1200, "平屋面", 0, 80],
             ["体育馆", "体育馆", 2010, 1, 2000, 2100, "彩钢瓦", 50, 50]]
    return case("pv_by_year_columns", "格致中学.xlsx", xlsx(cells), Expect(
        2, {(0, "existing_pv_kw"): 80.0, (1, "existing_pv_kw"): 50.0}))


def wenjuanxing_export() -> Case:
    """The bureau collected buildings with an online form (问卷星) and sent its 导出Excel: one
    row per submitted building, the form's metadata columns first (序号, 提交答卷时间, 所用时间,
    来源, 来自IP), questions numbered 1、学校名称： …, and “other” answers as 其他〖彩钢板〗."""
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、学校名称：", "2、学校代码：",
              "3、所在区：", "4、学校类型：", "5、建筑名称：", "6、建筑用途：", "7、建成年份：", "8、地上层数：",
              "9、建筑面积（平方米）：", "10、屋顶面积（平方米）：", "11、屋面类型："]
    meta = ["2026/3/12 10:21:33", "185秒", "微信", "N/A", "101.88.1.2(上海-上海)"]
    school = ["上海市普陀区长征中学", "3101070061", "普陀区", "初级中学"]
    rows = [[1, *meta, *school, "教学楼", "教学", 2001, 5, 5200, 1040, "平屋面"],
            [2, *meta, *school, "风雨操场", "体育馆", 2013, 1, 1800, 1900, "其他〖彩钢板〗"]]
    return case("wenjuanxing_export", "问卷星导出.xlsx", xlsx([header, *rows], header_row=0), Expect(
        2, {(0, "building_name"): "教学楼", (1, "roof_type"): "彩钢瓦", (0, "year_built"): 2001,
            (1, "roof_area_m2"): 1900.0, (0, "gross_floor_area_m2"): 5200.0},
        {"school_code": "3101070061", "school_name": "上海市普陀区长征中学"}))


# --- an eleventh batch ---------------------------------------------------------------------

def competing_register_columns() -> Case:
    """A planning register's columns in its order: 计容建筑面积 before 建筑面积, 总层数 (with the
    basement) before 地上层数. The survey's fields are 建筑面积 and 地上层数."""
    header = ["建筑名称", "建筑用途", "建成年份", "总层数", "地上层数", "计容建筑面积（㎡）", "建筑面积（㎡）",
              "屋顶面积（㎡）", "屋面类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市闵行区浦江高级中学", "3101120111", "闵行区", "高级中学"),
             [], header, ["教学楼", "教学", 2009, 6, 5, 5200, 6400, 1200, "平屋面"],
             ["图书馆", "图书馆", 2009, 4, 3, 2400, 3200, 900, "平屋面"]]
    return case("competing_register_columns", "浦江高级中学.xlsx", xlsx(cells), Expect(
        2, {(0, "floors_above_ground"): 5, (0, "gross_floor_area_m2"): 6400.0,
            (1, "floors_above_ground"): 3, (1, "gross_floor_area_m2"): 3200.0}))


def renamed_school_block() -> Case:
    """A school renamed after a merger: the block lists 原学校名称 and 原学校代码 above the current
    学校名称 and 学校代码, and 上级单位."""
    cells = [["建筑楼宇面积调研表"], ["原学校名称", "上海市静安区闸北第三中学", None, "原学校代码", "3101080012"],
             ["学校名称", "上海市静安区新中初级中学", None, "学校代码", "3101060071"],
             ["上级单位", "静安区教育局", None, "所在区", "静安区"], ["学校类型", "初级中学"], [], HEADER,
             ["教学楼", "教学", 1995, 5, 5000, 1000, "平屋面"]]
    return case("renamed_school_block", "新中初级中学.xlsx", xlsx(cells), Expect(
        1, {(0, "school_code"): "3101060071"},
        {"school_name": "上海市静安区新中初级中学", "school_code": "3101060071", "district": "静安区"}))


def use_changed_columns() -> Case:
    """Buildings whose use changed: 原用途 | 现用途 side by side. The use now is 现用途."""
    header = ["建筑名称", "原用途", "现用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]
    cells = [["建筑楼宇面积调研表"], *block("上海市宝山区行知中学", "3101130091", "宝山区", "高级中学"),
             [], header, ["求真楼", "宿舍", "办公", 1992, 4, 3200, 800, "平屋面"],
             ["笃行楼", "办公", "教学", 1998, 5, 4500, 900, "平屋面"]]
    return case("use_changed_columns", "行知中学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_use"): "办公", (1, "building_use"): "教学"}))


# --- a twelfth batch -----------------------------------------------------------------------

def electricity_in_mwh() -> Case:
    """年用电量（MWh） from the energy-management platform: 820 MWh is 820,000 kWh."""
    cells = [["建筑楼宇面积调研表"], *block("上海市徐汇区中国中学", "3101040081", "徐汇区", "完全中学"),
             ["年用电量（MWh）", 820], [], HEADER, ["教学楼", "教学", 2001, 5, 6000, 1200, "平屋面"]]
    return case("electricity_in_mwh", "中国中学.xlsx", xlsx(cells), Expect(
        1, {}, {"annual_electricity_kwh": 820000.0}))


def coordinates_swapped() -> Case:
    """A slip: 经度 and 纬度 typed into each other's cells (经度 31.1715, 纬度 121.4272). Shanghai
    is at 31°N 121°E: a person sees they are swapped and asks the school, at E4."""
    cells = [["建筑楼宇面积调研表"], *block("上海市徐汇区田林第三中学", "3101040091", "徐汇区", "初级中学"),
             ["经度", 31.1715, None, "纬度", 121.4272], ["坐标系", "WGS84"], [], HEADER,
             ["教学楼", "教学", 1999, 5, 5000, 1000, "平屋面"]]
    return case("coordinates_swapped", "田林三中.xlsx", xlsx(cells), Expect(
        1, errors={"E4"}))


CASE_FUNCTIONS = (
    former_names_in_brackets, campus_merged_serial_restarts, small_structures,
    wide_school_per_row, school_band_rows, instructions_full_of_field_words,
    cross_sheet_formulas, custom_number_formats, old_county_names_xls,
    shanghai_prefix_on_some_rows, password_to_modify, district_dropdown_words,
    remarks_in_brackets_after_values, years_with_question_marks,
    prefilled_serials_and_if_formulas, invisible_characters, external_workbook_links,
    cached_ref_errors, pv_in_watts_and_words, compass_letters, district_only_in_name,
    school_subtotals_xls, description_row_under_header, bilingual_two_header_rows,
    region_code_and_source_columns, roof_occupied_area_column,
    district_workbook_mixed_layouts, value_only_in_comment, year_zero_for_unknown,
    use_words_rare, approximate_symbols, pandas_export_csv, reporter_and_unit_one_row,
    column_code_row, kindergarten_yuanqu, abbreviated_headers, school_filled_once,
    demolished_row_named, scratch_calculations_right, header_with_m_caret_2,
    label_colon_cells_block_xls, instructions_sheet_with_field_table_and_block_sheet_xlsx,
    gbk_csv_block_by_rows_with_units_in_values, utf16_text_committee_filled_once,
    merged_header_over_two_name_columns, total_row_first_with_formulas,
    gbk_csv_district_numbers, header_wrapped_with_alt_enter_units_line,
    comment_column_for_committee, year_built_with_month_words_xls,
    building_rows_with_sub_parts_as_names, hidden_rows_for_example,
    stacked_schools_own_headers, fullwidth_code_and_year_csv, instructions_in_one_tall_cell,
    pv_in_zhaowa_and_qianwa, colloquial_ping, roof_form_and_material, csv_tab_prefixed_values,
    zone_column_quyu, code_and_credit_code, roof_area_by_type_columns,
    block_by_formula_from_cover, use_from_sheet_names, hidden_code_column,
    roof_projection_header,
    xls_named_xlsx, underground_garage_zero_floors, district_with_city_prefix_xls,
    tianditu_coordinates, code_in_sheet_tabs, address_column, planned_demolition_flag,
    db_export_null_and_datetimes, school_totals_in_block, area_total_and_parts_children,
    pv_projects_table_below, area_in_both_units, historic_buildings_before_1900_xls,
    type_ticked_in_block, very_hidden_list_sheet, bureau_instead_of_district_csv,
    vlookup_na_in_name,
    code_missing_digit, dash_building_name, block_pairs_with_line_breaks, generic_group_parents,
    concatenated_bom_csvs, blank_header_campus_column, collapsed_column_group,
    csv_cr_line_endings,
    plain_mianji_header, single_character_values, coordinate_system_words,
    duplicate_sheet_copy, stray_space_far_cell, vocational_type_words,
    block_pairs_comma_separated_csv,
    own_field_names_csv, pandas_index_column_xlsx, ime_full_stop_decimal, district_band_rows,
    campus_in_name_same_code_rows, block_label_space_value,
    header_words_split_over_two_rows, short_block_labels_xls, district_this_district,
    csv_double_cr, year_and_area_shown_as_dates,
    prefixed_namespace_xlsx, spreadsheetml_2003_xls, usable_area_and_waterproofing_headers,
    pv_by_year_columns, wenjuanxing_export,
    competing_register_columns, renamed_school_block, use_changed_columns,
    electricity_in_mwh, coordinates_swapped,
)


def cases() -> list[Case]:
    """Every fifth-corpus sheet, built fresh."""
    return [make() for make in CASE_FUNCTIONS]
