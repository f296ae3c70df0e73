"""A third, held-out set of survey sheets, each with what a person reads in it.

Habits neither :mod:`~tests.surveys.realistic.corpus` nor
:mod:`~tests.surveys.realistic.corpus_unseen` holds: a merged 屋顶 over three children
whose own headers break lines, bilingual headers in one cell, a 楼号 beside a 楼名, one
merged cell across 屋面类型 and 屋顶状况 (“平屋面，良好”), ▼ and （必填） in filter headers,
blank cells between a block label and its value, two-level serials (一、 with sub rows
carrying the sum), dates typed “2005年9月1日”, areas in m2 or 平方, a second school after
twenty blank rows, mixed full- and half-width brackets, semicolon CSVs with decimal commas,
formulas for the usable roof, cell comments, 校舍名称 / 房屋名称 / 建筑物 as the name column,
floors as 四层 / 4F / 4/F, districts as 浦东 / 浦东新区 / Pudong, kindergarten and special
schools, coordinates typed E121.5 / N31.2, and 已建光伏 as 无 / 有，50kW / 已装30千瓦.
:func:`cases` returns them with the :class:`~tests.surveys.realistic.corpus.Case` /
``Expect`` structure.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import xlsxwriter
import xlwt

from tests.surveys.realistic.corpus import Case, Expect
from tests.surveys.realistic.corpus_unseen import delimited

# --- writers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A formula and the value Excel cached for it."""

    text: str
    value: float


@dataclass
class Sheet:
    """One worksheet: ``cells`` from A1, ``merges`` (r0, c0, r1, c1, text), ``comments``
    {(row, col): text}, an ``autofilter`` (r0, c0, r1, c1)."""

    cells: list[list]
    name: str = "Sheet1"
    merges: tuple = ()
    comments: dict = field(default_factory=dict)
    autofilter: tuple | None = None


def workbook(*sheets: Sheet) -> bytes:
    """An .xlsx; a str is written as text even when it looks like a number."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    wrap = wb.add_format({"text_wrap": True, "align": "center", "valign": "vcenter"})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        covered = {(r, c) for r0, c0, r1, c1, _ in sheet.merges
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for i, row in enumerate(sheet.cells):
            for j, value in enumerate(row):
                if value is None or (i, j) in covered:
                    continue
                if isinstance(value, Formula):
                    ws.write_formula(i, j, value.text, None, value.value)
                elif isinstance(value, str):
                    ws.write_string(i, j, value, wrap if "\n" in value else None)
                else:
                    ws.write_number(i, j, value)
        for r0, c0, r1, c1, text in sheet.merges:
            ws.merge_range(r0, c0, r1, c1, text, wrap)
        for (i, j), text in sheet.comments.items():
            ws.write_comment(i, j, text, {"author": "王老师"})
        if sheet.autofilter:
            ws.autofilter(*sheet.autofilter)
    wb.close()
    return buffer.getvalue()


def xlsx(cells: list[list], merges: tuple = (), **options) -> bytes:
    return workbook(Sheet(cells, merges=merges, **options))


def xls(cells: list[list], sheet: str = "Sheet1") -> bytes:
    """A legacy .xls (BIFF8) as WPS saves it for an old district system."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(i, j, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def text_file(rows: list[list], encoding: str, delimiter: str = ",") -> bytes:
    return delimited(rows, encoding, delimiter)


def school(code: str, name: str, district: str, kind: str) -> list[list]:
    """The block as a school types it: label, value, label, value."""
    return [["单位名称", name, None, "学校代码", code],
            ["所在区", district, None, "办学类型", kind]]


TITLE = "校舍屋顶情况摸底表"

# --- headers -------------------------------------------------------------------------------


def roof_parent_over_three() -> Case:
    """A merged 屋顶 over 面积 | 类型 | 朝向, each child broken over lines in a narrow column."""
    cells = [[None] * 10, *[row + [None] * 5 for row in school(
        "3101150210", "上海市浦东新区东港小学", "浦东新区", "小学")], [None] * 10, [None] * 10,
             [None] * 6 + ["面\n积\n(㎡)", "类\n型", "朝\n向", None],
             [1, "教学楼", "教学", 2006, 4, 5400, 1350, "平屋面", "南", None],
             [2, "风雨操场", "体育", 2014, 1, 1800, 1800, "坡屋面", "南偏东", "彩钢瓦外覆"]]
    merges = ((0, 0, 0, 9, "东港小学" + TITLE), (4, 0, 5, 0, "序号"), (4, 1, 5, 1, "建筑名称"),
              (4, 2, 5, 2, "用途"), (4, 3, 5, 3, "建成年份"), (4, 4, 5, 4, "层数"),
              (4, 5, 5, 5, "建筑面积（㎡）"), (4, 6, 4, 8, "屋顶"), (4, 9, 5, 9, "备注"))
    return Case("roof_parent_over_three", "东港小学屋顶摸底.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "roof_area_m2"): 1350.0, (1, "roof_area_m2"): 1800.0,
            (0, "gross_floor_area_m2"): 5400.0,
            (0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面",
            (0, "roof_azimuth_deg"): 180.0, (1, "notes"): "彩钢瓦外覆",
            (0, "floors_above_ground"): 4}, {"district": "浦东新区", "school_type": "中小学"}))


def bilingual_one_cell() -> Case:
    """Each header cell says it twice: 建筑面积 Floor area(m²)."""
    header = ["楼栋名称 Building", "用途 Use", "建成年份 Year built", "地上层数 Floors",
              "建筑面积 Floor area(m²)", "屋顶面积 Roof area(m²)", "屋面类型 Roof type",
              "已建光伏 Existing PV(kW)"]
    rows = [["教学楼A", "教学", 2012, 5, 9800, 1900, "平屋面", 0],
            ["体育中心", "体育", 2016, 2, 6200, 3100, "彩钢瓦", 120]]
    cells = [["上海协和双语学校 Building survey"],
             *school("3101150311", "上海协和双语学校", "浦东新区", "双语学校"), [], header, *rows]
    return Case("bilingual_one_cell", "协和双语建筑.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 9800.0, (1, "roof_area_m2"): 3100.0,
            (1, "existing_pv_kw"): 120.0, (0, "building_name"): "教学楼A",
            (1, "floors_above_ground"): 2}, {"school_type": "中小学"}))


def number_and_name() -> Case:
    """A 楼号 column (1号, 2号) and a 楼名 column beside it; the name is 楼名."""
    header = ["楼号", "楼名", "用途", "建成年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"]
    rows = [["1号", "博文楼", "教学", 1999, 5, 6400, 1280, "平屋面"],
            ["2号", "致远楼", "实验", 2004, 4, 4800, 1200, "平屋面"],
            ["3号", "食堂", "食堂", 2008, 2, 2200, 1100, "彩钢瓦"]]
    cells = [*school("3101040115", "上海市徐汇区南洋初级中学", "徐汇区", "初级中学"), [], header, *rows]
    return Case("number_and_name", "南洋初中.xlsx", xlsx(cells), Expect(
        3, {(0, "building_name"): "博文楼", (2, "building_name"): "食堂",
            (1, "gross_floor_area_m2"): 4800.0, (2, "roof_type"): "彩钢瓦"}))


def merged_roof_type_and_condition() -> Case:
    """One merged cell across 屋面类型 and 屋顶状况 holds both: “平屋面，良好”."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型", "屋顶状况"]
    rows = [["综合楼", "教学", 2003, 5, 7000, 1400, None, None],
            ["艺术楼", "教学", 2011, 3, 2700, 900, None, None],
            ["食堂", "食堂", 1997, 2, 1500, 750, "彩钢瓦", "较差"],
            ["图书馆", "图书", 1990, 3, 2000, 680, None, None]]
    cells = [*school("3101070120", "上海市普陀区晋元附校", "普陀区", "九年一贯制"), [], header, *rows]
    merges = ((4, 6, 4, 7, "平屋面，良好"), (5, 6, 5, 7, "坡屋面、一般"), (7, 6, 7, 7, "平屋面，有渗漏"))
    return Case("merged_roof_type_and_condition", "晋元附校.xlsx", xlsx(cells, merges), Expect(
        4, {(0, "roof_type"): "混凝土平屋面", (0, "roof_condition"): "良好",
            (3, "roof_type"): "混凝土平屋面", (3, "roof_condition"): "差",
            (1, "roof_type"): "坡屋面", (1, "roof_condition"): "一般",
            (2, "roof_condition"): "差"}))


def filter_glyphs_and_required() -> Case:
    """An autofilter header copied with its ▼ glyphs and （必填） / *必填 suffixes."""
    header = ["建筑名称（必填）▼", "建筑用途（必填）▼", "建成年份（必填）▼", "地上层数*必填 ▼",
              "建筑面积㎡（必填）▼", "屋顶面积㎡（必填）▼", "屋面类型（必填）▼", "遮挡情况（选填）▼"]
    rows = [["行政楼", "办公", 1992, 4, 3600, 900, "平屋面", "无"],
            ["教学楼", "教学", 2001, 5, 8800, 1760, "平屋面", "部分遮挡"]]
    cells = [*school("3101120140", "上海市闵行区莘庄镇小学", "闵行区", "小学"), [], header, *rows]
    return Case("filter_glyphs_and_required", "莘庄镇小学.xlsx", xlsx(cells, autofilter=(3, 0, 5, 7)),
                Expect(2, {(0, "building_use"): "办公", (1, "shading"): "轻微",
                           (1, "gross_floor_area_m2"): 8800.0, (0, "year_built"): 1992,
                           (0, "floors_above_ground"): 4}))


def block_with_gaps() -> Case:
    """The block typed with empty cells between label and value: 学校名称 | | | 值."""
    cells = [[TITLE],
             ["学校名称", None, None, "上海市长宁区天山第二中学"],
             ["学校代码", None, None, "3101050088"],
             ["所在区", None, None, "长宁区"],
             ["学校类型", None, None, "初级中学"],
             ["年用电量（kWh）", None, None, 920000],
             [],
             ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["北楼", "教学", 1985, 4, 4100, 1020, "平屋面"],
             ["南楼", "教学", 2009, 5, 5600, 1120, "平屋面"]]
    return Case("block_with_gaps", "天山二中.xlsx", xlsx(cells), Expect(
        2, {(1, "year_built"): 2009},
        {"school_code": "3101050088", "school_name": "上海市长宁区天山第二中学",
         "district": "长宁区", "annual_electricity_kwh": 920000.0}))


def two_level_serial_with_sums() -> Case:
    """一、 二、 parent rows carrying the sum of their sub rows 1, 2, 3; a person reads only the
    sub rows as buildings."""
    header = ["序号", "建筑名称", "用途", "建成年份", "层数", "建筑面积(㎡)", "屋顶面积(㎡)", "屋面类型"]
    rows = [["一", "教学区", None, None, None, 12400, 2580, None],
            [1, "1号教学楼", "教学", 2002, 5, 7200, 1440, "平屋面"],
            [2, "实验楼", "实验", 2005, 4, 5200, 1140, "平屋面"],
            ["二", "生活区", None, None, None, 4300, 1650, None],
            [1, "学生宿舍", "宿舍", 2002, 6, 3300, 550, "平屋面"],
            [2, "食堂", "食堂", 2003, 1, 1000, 1100, "彩钢瓦"]]
    cells = [*school("3101170031", "上海市青浦高级中学", "青浦区", "高级中学"), [], header, *rows]
    return Case("two_level_serial_with_sums", "青浦高级中学.xlsx", xlsx(cells), Expect(
        4, {(0, "building_name"): "1号教学楼", (3, "building_name"): "食堂",
            (2, "gross_floor_area_m2"): 3300.0}, skipped={5, 8}))


def dates_typed_in_words() -> Case:
    """竣工日期 typed as text: 2005年9月1日, 1998年, 2010年12月, 2016.8.30."""
    header = ["建筑名称", "用途", "竣工日期", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["A楼", "教学", "2005年9月1日", 4, 3800, 950, "平屋面"],
            ["B楼", "办公", "1998年", 3, 1900, 640, "平屋面"],
            ["C楼", "图书", "2010年12月", 3, 2400, 800, "坡屋面"],
            ["体育馆", "体育", "2016.8.30", 1, 1600, 1600, "彩钢瓦"]]
    cells = [*school("3101090021", "上海市虹口区丽英小学", "虹口区", "小学"), [], header, *rows]
    return Case("dates_typed_in_words", "丽英小学.xlsx", xlsx(cells), Expect(
        4, {(0, "year_built"): 2005, (1, "year_built"): 1998, (2, "year_built"): 2010,
            (3, "year_built"): 2016}))


def areas_in_m2_and_pingfang() -> Case:
    """“m²” typed as m2 in the header and 平方 / 平方米 / m2 in the cells."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积（m2）", "屋顶面积（平方）", "屋面类型"]
    rows = [["教学楼", "教学", 2007, 4, "5200平方", "1300平方", "平屋面"],
            ["图书馆", "图书", 2012, 3, "3000平方米", "1000 m2", "平屋面"],
            ["门卫室", "其他", 2012, 1, "36m2", "36", "平屋面"]]
    cells = [*school("3101140052", "上海市嘉定区迎园中学", "嘉定区", "初级中学"), [], header, *rows]
    return Case("areas_in_m2_and_pingfang", "迎园中学.xlsx", xlsx(cells), Expect(
        3, {(0, "gross_floor_area_m2"): 5200.0, (0, "roof_area_m2"): 1300.0,
            (1, "gross_floor_area_m2"): 3000.0, (1, "roof_area_m2"): 1000.0,
            (2, "gross_floor_area_m2"): 36.0}))


def second_school_after_blank_rows() -> Case:
    """A second school's block and table twenty blank rows below the first's (the sheet was
    pasted into, not appended to)."""
    def table(rows: list[list]) -> list[list]:
        return [["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"], *rows]
    first = [*school("3101160011", "上海市金山区朱泾小学", "金山区", "小学"), [],
             *table([["教学楼", "教学", 2000, 4, 4200, 1050, "平屋面"],
                     ["综合楼", "办公", 2010, 3, 2100, 700, "平屋面"]])]
    second = [*school("3101160012", "上海市金山区朱泾第二小学", "金山区", "小学"), [],
              *table([["主楼", "教学", 2013, 4, 5000, 1250, "平屋面"]])]
    cells = [*first, *[[] for _ in range(20)], *second]
    return Case("second_school_after_blank_rows", "金山朱泾两校.xlsx", xlsx(cells), Expect(
        3, n_schools=2, schools={("3101160012", "school_name"): "上海市金山区朱泾第二小学",
                                 ("3101160011", "district"): "金山区"}))


def mixed_brackets() -> Case:
    """Brackets opened full-width and closed half-width, or the other way round, and 【】."""
    header = ["建筑名称", "用途", "建成年份", "层数（层)", "建筑面积(㎡）", "屋顶面积（m²)",
              "屋面类型【平/坡/彩钢】", "已建光伏(kW）"]
    rows = [["1号楼", "教学", 2008, 5, 6000, 1200, "平", 40],
            ["2号楼", "宿舍", 2008, 6, 4800, 800, "坡", None]]
    cells = [*school("3101180007", "上海市嘉定区安亭高级中学", "嘉定区", "高级中学"), [], header, *rows]
    return Case("mixed_brackets", "安亭高中.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (0, "roof_area_m2"): 1200.0,
            (0, "existing_pv_kw"): 40.0, (1, "floors_above_ground"): 6,
            (0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面"}))


def semicolon_csv_decimal_comma() -> Case:
    """A CSV saved by Excel in a European locale: semicolons, decimal commas, UTF-8 BOM."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "建筑名称", "用途", "建成年份", "层数",
              "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["3101010099", "上海市黄浦区卢湾一中心小学", "黄浦区", "小学", "教学楼", "教学", 1996, 4,
             "4200,5", "1050,25", "平屋面"],
            ["3101010099", "上海市黄浦区卢湾一中心小学", "黄浦区", "小学", "体育馆", "体育", 2011, 2,
             "1800", "1200,0", "彩钢瓦"]]
    return Case("semicolon_csv_decimal_comma", "卢湾一中心.csv",
                text_file([header, *rows], "utf-8-sig", ";"), Expect(
                    2, {(0, "gross_floor_area_m2"): 4200.5, (0, "roof_area_m2"): 1050.25,
                        (1, "roof_area_m2"): 1200.0, (1, "building_name"): "体育馆"},
                    {"district": "黄浦区"}))


def csv_quoted_thousands_utf8() -> Case:
    """A plain UTF-8 CSV (no BOM) whose areas are quoted with thousands separators."""
    header = ["学校代码", "学校名称", "区", "类型", "楼名", "用途", "年份", "层数", "建筑面积㎡",
              "屋面面积㎡", "屋面类型"]
    rows = [["3101130045", "上海市宝山区海滨中学", "宝山区", "初中", "教学楼", "教学", 2004, 5,
             "12,000.50", "2,400", "平屋面"],
            ["3101130045", "上海市宝山区海滨中学", "宝山区", "初中", "报告厅", "其他", 2015, 2,
             "1,200", "1,200", "彩钢瓦"]]
    return Case("csv_quoted_thousands_utf8", "海滨中学.csv", text_file([header, *rows], "utf-8"),
                Expect(2, {(0, "gross_floor_area_m2"): 12000.5, (0, "roof_area_m2"): 2400.0,
                           (1, "gross_floor_area_m2"): 1200.0}))


def usable_roof_formula() -> Case:
    """可利用屋顶面积 computed as =F5*0.8 with the value Excel cached."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "可利用屋顶面积", "屋面类型"]
    rows = [["教学楼", "教学", 2010, 4, 6000, 1500, Formula("=F5*0.8", 1200), "平屋面"],
            ["实验楼", "实验", 2012, 4, 4000, 1000, Formula("=F6*0.8", 800), "平屋面"]]
    cells = [*school("3101200008", "上海市奉贤区育秀实验学校", "奉贤区", "九年一贯制学校"), [], header,
             *rows]
    return Case("usable_roof_formula", "育秀实验学校.xlsx", xlsx(cells), Expect(
        2, {(0, "usable_roof_area_m2"): 1200.0, (1, "usable_roof_area_m2"): 800.0,
            (1, "roof_area_m2"): 1000.0}))


def cell_comments() -> Case:
    """Notes (批注) hung on cells: the values are what a person reads, the notes are not data."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["教学楼", "教学", 1988, 4, 3900, 980, "平屋面"],
            ["食堂", "食堂", 2019, 1, 900, 900, "彩钢瓦"]]
    cells = [*school("3101100066", "上海市杨浦区打虎山路第一小学", "杨浦区", "小学"), [], header, *rows]
    comments = {(3, 5): "按竣工图水平投影", (4, 2): "2015年加固", (5, 4): "含地下室"}
    return Case("cell_comments", "打虎山路一小.xlsx", xlsx(cells, comments=comments), Expect(
        2, {(0, "year_built"): 1988, (1, "gross_floor_area_m2"): 900.0,
            (0, "roof_area_m2"): 980.0}))


def name_column_xiaoshe() -> Case:
    """The name column headed 校舍名称."""
    header = ["校舍名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["明德楼", "教学", 2001, 4, 5000, 1250, "平屋面"], ["至善楼", "办公", 2001, 3, 2100, 700, "平屋面"]]
    cells = [*school("3101060044", "上海市静安区市西小学", "静安区", "小学"), [], header, *rows]
    return Case("name_column_xiaoshe", "市西小学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "明德楼", (1, "building_name"): "至善楼"}))


def name_column_fangwu_xls() -> Case:
    """A legacy .xls whose name column is 房屋名称 (the housing office's word)."""
    header = ["房屋名称", "房屋用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["教学用房", "教学", 1993, 4, 3200, 800, "平屋面"], ["行政用房", "办公", 1993, 3, 1200, 400, "平屋面"]]
    cells = [*school("3101200031", "上海市奉贤区南桥小学", "奉贤区", "小学"), [], header, *rows]
    return Case("name_column_fangwu_xls", "南桥小学.xls", xls(cells), Expect(
        2, {(0, "building_name"): "教学用房", (1, "building_use"): "办公"}))


def name_column_jianzhuwu_gbk() -> Case:
    """A GBK CSV whose name column is just 建筑物, the block repeated on each row."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "建筑物", "用途", "建成年份", "层数",
              "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["3101510002", "上海市崇明区城桥中学", "崇明区", "完全中学", "教学楼", "教学", 2006, 4,
             6100, 1520, "平屋面"],
            ["3101510002", "上海市崇明区城桥中学", "崇明区", "完全中学", "宿舍楼", "宿舍", 2006, 5,
             4500, 900, "平屋面"]]
    return Case("name_column_jianzhuwu_gbk", "城桥中学.csv", text_file([header, *rows], "gbk"),
                Expect(2, {(1, "building_name"): "宿舍楼", (0, "roof_area_m2"): 1520.0},
                       {"district": "崇明区"}))


def floors_four_ways() -> Case:
    """层数 typed 四层, 4F, 4/F and 地上四层."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["东楼", "教学", 2003, "四层", 3600, 900, "平屋面"],
            ["西楼", "教学", 2003, "4F", 3600, 900, "平屋面"],
            ["北楼", "办公", 2003, "4/F", 2400, 600, "平屋面"],
            ["南楼", "实验", 2008, "地上四层", 3000, 750, "平屋面"]]
    cells = [*school("3101120166", "上海市闵行区华漕学校", "闵行区", "九年一贯制"), [], header, *rows]
    return Case("floors_four_ways", "华漕学校.xlsx", xlsx(cells), Expect(
        4, {(0, "floors_above_ground"): 4, (1, "floors_above_ground"): 4,
            (2, "floors_above_ground"): 4, (3, "floors_above_ground"): 4}))


def district_three_ways() -> Case:
    """A committee sheet whose 区 column says 浦东, 浦东新区 and Pudong for the same district."""
    header = ["学校代码", "学校名称", "区", "学校类型", "建筑名称", "用途", "建成年份", "层数",
              "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["3101150401", "上海市浦东新区高桥小学", "浦东", "小学", "教学楼", "教学", 2001, 4, 4000, 1000,
             "平屋面"],
            ["3101150402", "上海市浦东新区高行中学", "浦东新区", "初级中学", "教学楼", "教学", 2005, 5, 6000,
             1200, "平屋面"],
            ["3101150403", "Shanghai Pudong Concord School", "Pudong", "国际学校", "Main building", "教学",
             2012, 4, 8000, 2000, "平屋面"]]
    cells = [["浦东新区学校屋顶汇总"], header, *rows]
    return Case("district_three_ways", "浦东汇总.xlsx", xlsx(cells), Expect(
        3, n_schools=3, schools={("3101150401", "district"): "浦东新区",
                                 ("3101150402", "district"): "浦东新区",
                                 ("3101150403", "district"): "浦东新区"}))


def kindergarten_and_special() -> Case:
    """学校类型 幼儿园 and 特殊教育 in a district list."""
    header = ["学校代码", "学校名称", "区", "学校类型", "建筑名称", "用途", "建成年份", "层数",
              "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["3101160101", "上海市金山区金盟幼儿园", "金山区", "幼儿园", "园舍", "教学", 2014, 3, 3200,
             1100, "平屋面"],
            ["3101160102", "上海市金山区辅读学校", "金山区", "特殊教育", "教学楼", "教学", 2009, 3, 2600, 870,
             "平屋面"]]
    cells = [header, *rows]
    return Case("kindergarten_and_special", "金山区幼特.xlsx", xlsx(cells), Expect(
        2, n_schools=2, schools={("3101160101", "school_type"): "幼儿园",
                                 ("3101160102", "school_type"): "中小学"}))


def coordinates_with_letters() -> Case:
    """经度 and 纬度 in their own block cells, typed E121.5 and N31.2 (as a GPS app shows)."""
    cells = [["学校名称", "上海市松江区九亭中学", "学校代码", "3101170088"],
             ["所在区", "松江区", "学校类型", "初级中学"],
             ["经度", "E121.3215", "纬度", "N31.1290"],
             ["坐标系", "GPS"],
             [],
             ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 2007, 4, 5400, 1350, "平屋面"]]
    return Case("coordinates_with_letters", "九亭中学.xlsx", xlsx(cells), Expect(
        1, school={"longitude": 121.3215, "latitude": 31.129, "coord_system": "WGS84"}))


def existing_pv_words() -> Case:
    """已建光伏 typed 无, 0, 有，50kW and 已装30千瓦."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型", "已建光伏"]
    rows = [["教学楼", "教学", 2004, 5, 7000, 1400, "平屋面", "无"],
            ["实验楼", "实验", 2006, 4, 4000, 1000, "平屋面", "0"],
            ["体育馆", "体育", 2012, 1, 2500, 2500, "彩钢瓦", "有，50kW"],
            ["食堂", "食堂", 2010, 2, 1800, 900, "平屋面", "已装30千瓦"]]
    cells = [*school("3101180055", "上海市嘉定区封浜高级中学", "嘉定区", "高级中学"), [], header, *rows]
    return Case("existing_pv_words", "封浜高中.xlsx", xlsx(cells), Expect(
        4, {(0, "existing_pv_kw"): 0.0, (1, "existing_pv_kw"): 0.0,
            (2, "existing_pv_kw"): 50.0, (3, "existing_pv_kw"): 30.0}))


def cases() -> list[Case]:
    return [roof_parent_over_three(), bilingual_one_cell(), number_and_name(),
            merged_roof_type_and_condition(), filter_glyphs_and_required(), block_with_gaps(),
            two_level_serial_with_sums(), dates_typed_in_words(), areas_in_m2_and_pingfang(),
            second_school_after_blank_rows(), mixed_brackets(), semicolon_csv_decimal_comma(),
            csv_quoted_thousands_utf8(), usable_roof_formula(), cell_comments(),
            name_column_xiaoshe(), name_column_fangwu_xls(), name_column_jianzhuwu_gbk(),
            floors_four_ways(), district_three_ways(), kindergarten_and_special(),
            coordinates_with_letters(), existing_pv_words()]
