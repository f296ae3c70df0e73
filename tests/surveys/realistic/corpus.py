"""Survey sheets made the way Shanghai schools make their own, each with what a person reads.

Every sheet is built in memory by a plain function (xlsxwriter for .xlsx, xlwt for .xls,
GBK or UTF-8-BOM CSV text) and looks like a school's or district's own file, not the
template: titles in merged cells, 填表说明 lines, two-row headers, units rows, local
wording, subtotal and section rows, footers. :data:`CASES` pairs each sheet with its
:class:`Expect`: buildings read and named values, or errors at named cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import xlsxwriter
import xlwt


@dataclass
class Expect:
    """What a person reads in a sheet.

    ``buildings`` maps (building index, field) to the value; ``school`` a school field to its
    value (first school); ``errors`` cells that must carry an error (``ok`` is then False);
    ``warnings`` issue codes that must be reported; ``skipped`` Excel rows that must be
    listed as skipped.
    """

    n_buildings: int
    buildings: dict[tuple[int, str], object] = field(default_factory=dict)
    school: dict[str, object] = field(default_factory=dict)
    n_schools: int = 1
    errors: set[str] = field(default_factory=set)
    warnings: set[str] = field(default_factory=set)
    skipped: set[int] = field(default_factory=set)
    uncertain: dict[str, str] = field(default_factory=dict)  # header → field read with a question
    schools: dict[tuple[str, str], object] = field(default_factory=dict)  # (code, field) → value
    near: dict[str, tuple[float, float]] = field(default_factory=dict)  # school field → (value, tol)
    sheets_read: tuple[str, ...] = ()  # the sheets a person reads, when not just the first

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Case:
    name: str
    file_name: str
    data: bytes
    expect: Expect


# --- writers -------------------------------------------------------------------------------

def xlsx(cells: list[list], merges: tuple = (), sheet: str = "Sheet1") -> bytes:
    """An .xlsx with ``cells`` from A1; ``merges`` as (r0, c0, r1, c1, text)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if isinstance(value, (dt.date, dt.datetime)):
                ws.write_datetime(i, j, value, date_format)
            elif value is not None:
                ws.write(i, j, value)
    for r0, c0, r1, c1, text in merges:
        ws.merge_range(r0, c0, r1, c1, text)
    book.close()
    return buffer.getvalue()


def xls(cells: list[list], merges: tuple = (), sheet: str = "Sheet1") -> bytes:
    """A legacy .xls (BIFF8) written by xlwt; ``merges`` as (r0, c0, r1, c1, text)."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    merged = {(r0, c0) for r0, c0, *_ in merges}
    for r0, c0, r1, c1, text in merges:
        ws.write_merge(r0, r1, c0, c1, text)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is not None and (i, j) not in merged and not any(
                    r0 <= i <= r1 and c0 <= j <= c1 for r0, c0, r1, c1, _ in merges):
                ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([["" if v is None else v for v in row] for row in rows])
    return text.getvalue().encode(encoding)


TITLE = "2026年度校园建筑屋顶光伏潜力调查——建筑楼宇面积调研表"
NOTE = "填表说明：1. 每栋楼填一行；2. 面积以竣工图为准；3. 没有的项目可不填。"


def block(code="3101150101", name="上海市浦东新区明珠中学", district="浦东新区", kind="完全中学"):
    return [["学校名称", name, None, "学校代码", code],
            ["所在区县", district, None, "学校类型", kind]]


# --- sheets --------------------------------------------------------------------------------

def phrase_headers() -> Case:
    """Title merged over the table, note line, phrases as headers, footer lines."""
    header = ["序号", "楼栋名称", "使用功能", "竣工时间", "建筑层数", "总建筑面积(平方米)", "屋顶面积(㎡)",
              "屋面形式", "屋面现状", "有无遮挡", "已装光伏容量(kW)"]
    rows = [[1, "1号教学楼", "教学", 2005, 5, 8600, 1720, "平屋面", "良好", "无", 0],
            [2, "体育馆", "体育", 2012, 1, 3000, 2900, "彩钢瓦", "一般", "轻微", 50],
            [3, "学生宿舍", "宿舍", 1998, 6, 7200, 1250, "坡屋面", "差", "严重", None]]
    cells = [[None], [NOTE], *block(), [], header, *rows, [],
             ["填表人：王老师", None, None, "联系电话：021-58880000"], ["填报日期：2026年3月10日"]]
    data = xlsx(cells, merges=((0, 0, 0, 10, TITLE),))
    return Case("phrase_headers", "明珠中学建筑面积调研.xlsx", data, Expect(
        3, {(1, "existing_pv_kw"): 50.0, (0, "year_built"): 2005, (2, "floors_above_ground"): 6,
            (0, "gross_floor_area_m2"): 8600.0, (1, "roof_condition"): "一般",
            (2, "shading"): "严重", (0, "building_name"): "1号教学楼"},
        {"school_type": "中小学", "district": "浦东新区"},
        skipped={11, 12}, uncertain={"竣工时间": "year_built"}))


def two_row_merged() -> Case:
    """面积（㎡） over 建筑面积 | 屋顶面积; 屋顶情况 over 类型 | 状况 | 遮挡; vertical merges."""
    cells = [[None], *block("3101040033", "上海市徐汇区科创小学", "徐汇", "小学"), [None],
             [None] * 11,
             [None, None, None, None, None, "建筑面积", "屋顶面积", "类型", "状况", "遮挡", None],
             ["A1", "行政楼", "办公", 1996, 4, 5200, 1300, "平屋顶", "良好", "无", None],
             ["A2", "科技楼", "实验", 2010, 5, 9000, 1800, "平屋顶", "一般", "少量", "北侧有高楼"]]
    merges = ((0, 0, 0, 10, "徐汇区学校建筑基本情况表"),
              (4, 0, 5, 0, "编号"), (4, 1, 5, 1, "建筑名称"), (4, 2, 5, 2, "用途"),
              (4, 3, 5, 3, "建成年份"), (4, 4, 5, 4, "层数"), (4, 5, 4, 6, "面积（㎡）"),
              (4, 7, 4, 9, "屋顶情况"), (4, 10, 5, 10, "备注"))
    return Case("two_row_merged", "科创小学.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 5200.0, (1, "roof_area_m2"): 1800.0,
            (0, "roof_type"): "混凝土平屋面", (1, "roof_condition"): "一般", (1, "shading"): "轻微",
            (1, "notes"): "北侧有高楼", (0, "floors_above_ground"): 4},
        {"district": "徐汇区", "school_type": "中小学"}))


def two_row_merged_xls() -> Case:
    """The same habit in a legacy .xls: merged parents, a wan-㎡ parent unit."""
    cells = [[None] * 8, [None] * 8, [None] * 8, [None] * 8,
             [None, None, None, None, "建筑面积", "屋顶面积", None, None],
             ["图书馆", "图书", 2001, 4, 0.86, 0.2, "平屋面", 30],
             ["食堂", "食堂", 2003, 2, 0.16, 0.08, "彩钢瓦", None]]
    cells[1] = ["学校名称：上海市闵行区春申中学", None, None, None, "学校代码：3101120007"]
    cells[2] = ["所在区：闵行", None, None, None, "学校类型：初级中学"]
    merges = ((0, 0, 0, 7, "闵行区中小学建筑情况调查表"), (3, 0, 4, 0, "楼宇名称"),
              (3, 1, 4, 1, "用途"), (3, 2, 4, 2, "建成年代"), (3, 3, 4, 3, "楼层数"),
              (3, 4, 3, 5, "面积（万㎡）"), (3, 6, 4, 6, "屋顶类型"), (3, 7, 4, 7, "现有光伏(kWp)"))
    return Case("two_row_merged_xls", "春申中学.xls", xls(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 8600.0, (0, "roof_area_m2"): 2000.0,
            (0, "existing_pv_kw"): 30.0, (1, "roof_type"): "彩钢瓦"},
        {"school_type": "中小学", "district": "闵行区", "school_code": "3101120007"}))


def units_row() -> Case:
    """A units row (㎡ | 层 | 年) under the header is part of the header."""
    header = ["建筑物名称", "用途", "建成", "层数", "建筑面积", "屋顶面积", "屋面类型", "已建光伏"]
    units = [None, None, "年", "层", "万㎡", "㎡", None, "kW"]
    rows = [["综合楼", "教学", 2008, 6, 1.2, 2000, "混凝土", 100],
            ["风雨操场", "体育馆", 2015, 1, 0.25, 2400, "彩钢瓦", 0]]
    cells = [[TITLE], *block("3101070011", "上海市普陀区曹杨二中", "普陀区", "高级中学"), [],
             header, units, *rows]
    return Case("units_row", "曹杨二中.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 12000.0, (1, "roof_area_m2"): 2400.0,
            (0, "existing_pv_kw"): 100.0, (0, "year_built"): 2008},
        {"district": "普陀区"}))


def gbk_csv_flat() -> Case:
    """A hand-made GBK CSV: school columns on every row, local wording."""
    header = ["学校代码", "学校名称", "所在区县", "学校类型", "楼栋名称", "用途", "建成年份", "地上层数",
              "建筑面积(m2)", "屋顶面积(m2)", "屋顶类型", "已建光伏(kW)"]
    rows = [["3101100021", "上海市杨浦区育才学校", "杨浦", "九年一贯制学校", "教学楼", "教学", 1995, 5,
             6000, 1200, "平屋面", 0],
            ["3101100021", "上海市杨浦区育才学校", "杨浦", "九年一贯制学校", "食堂", "食堂", 2003, 2,
             1600, 800, "彩钢瓦", 50]]
    return Case("gbk_csv_flat", "育才学校.csv", csv_bytes([header, *rows], "gbk"), Expect(
        2, {(1, "existing_pv_kw"): 50.0, (0, "building_name"): "教学楼"},
        {"school_type": "中小学", "district": "杨浦区"}))


def bom_csv_committee() -> Case:
    """A district's UTF-8-BOM CSV of several schools, coordinates from Amap (坐标来源)."""
    header = ["学校代码", "学校名称", "区", "学段", "经度", "纬度", "坐标来源", "建筑物名称", "建筑用途",
              "竣工年份", "层数", "建筑面积", "屋面面积", "屋面类型", "光伏装机(kWp)"]
    rows = [["3101130001", "宝山区实验小学", "宝山区", "小学", 121.4891, 31.4053, "高德地图", "教学楼",
             "教学", 2001, 4, 5000, 1250, "平屋面", 0],
            ["3101130002", "宝山区行知幼儿园", "宝山区", "幼儿园", 121.4412, 31.3923, "高德", "主楼",
             "教学", 2011, 3, 2400, 800, "平屋面", 20],
            ["3101130001", "宝山区实验小学", "宝山区", "小学", 121.4891, 31.4053, "高德地图", "体育馆",
             "体育", 2009, 1, 1500, 1500, "彩钢瓦", None]]
    return Case("bom_csv_committee", "宝山区汇总.csv", csv_bytes([header, *rows], "utf-8-sig"),
                Expect(3, {(1, "existing_pv_kw"): 20.0, (2, "building_name"): "体育馆"},
                       {"coord_system": "GCJ-02"}, n_schools=2))


def legacy_xls_subtotals() -> Case:
    """Legacy .xls with campus subtotals (本部小计, 分校小计) and 合　　计, years typed freely."""
    header = ["建筑物名称", "功能", "建成年份", "层数", "建筑面积（平方米）", "屋顶面积（平方米）", "屋面类型"]
    cells = [["上海市金山区朱泾中学建筑面积调研表"], ["学校代码：3101160005", None, "学校名称：朱泾中学"],
             ["所在区：金山区", None, "学校类型：中学"], header,
             ["1号楼", "教学", 2005.06, 4, 4000, 1000, "平屋面"],
             ["2号楼", "办公", "2005年6月", 3, 3000, 1000, "平屋面"],
             ["本部小计", None, None, None, 7000, 2000, None],
             ["分校教学楼", "教学", "2010年", 4, 2000, 500, "平屋面"],
             ["分校小计", None, None, None, 2000, 500, None],
             ["合　　计", None, None, None, 9000, 2500, None]]
    return Case("legacy_xls_subtotals", "朱泾中学.xls", xls(cells), Expect(
        3, {(0, "year_built"): 2005, (1, "year_built"): 2005, (2, "year_built"): 2010,
            (2, "building_name"): "分校教学楼"},
        skipped={7, 9, 10}))


def section_rows() -> Case:
    """一、教学用房 / 二、生活用房 section rows, one merged across as a band."""
    header = ["序号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block(), header,
             ["一、教学用房"], [1, "1号楼", "教学", 2000, 4, 4000, 1000, "平屋面"],
             [2, "实验楼", "实验", 2006, 5, 5000, 1000, "平屋面"],
             [None], [3, "宿舍楼", "宿舍", 2008, 6, 6000, 1000, "平屋面"],
             [None, "（三）其他"], [4, "门卫", "其他", 2008, 1, 30, 30, "平屋面"]]
    merges = ((6, 0, 6, 7, "二、生活用房"),)
    return Case("section_rows", "明珠中学2.xlsx", xlsx(cells, merges), Expect(
        4, {(2, "building_name"): "宿舍楼", (3, "building_name"): "门卫"}, skipped={5, 8, 10}))


def block_wan_kwh() -> Case:
    """年用电量（万度） in the school block: 62.4 is 624,000 kWh."""
    cells = [[TITLE], ["学校名称", "上海市长宁区天山小学"], ["学校代码", "3101050017"], ["所属区", "长宁"],
             ["办学类型", "小学"], ["年用电量（万度）", 62.4], ["坐标系", "百度"], ["经度", 121.4068],
             ["纬度", 31.2163], [],
             ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 1990, 4, 4800, 1200, "平屋面"]]
    return Case("block_wan_kwh", "天山小学.xlsx", xlsx(cells), Expect(
        1, {(0, "roof_area_m2"): 1200.0},
        {"annual_electricity_kwh": 624000.0, "coord_system": "BD-09", "district": "长宁区"}))


def values_as_typed() -> Case:
    """Years as Excel dates, 2005年; numbers with units and separators; — ／ 不详 blanks, 无 under existing PV is none installed."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型", "屋面坡度",
              "可利用屋顶面积", "已建光伏容量", "遮挡情况", "备注"]
    cells = [*block("3101180009", "上海市嘉定区迎园中学", "嘉定", "十二年一贯制"), [], header,
             ["教学楼", "教学", dt.date(2005, 9, 1), "5层", "8,600㎡", "1 720", "平屋面", "—", "／",
              "无", "无", "不详"],
             ["艺术楼", "教学", "2012年", 3, "3,000 平方米", "1,100 m²", "平屋面", "-", "不详", "50kW",
              "轻微", None],
             ["车库", "其他", "2018.09", "1", "0.12万㎡", "1200", "平屋面", None, None, "/", None,
              "—"]]
    return Case("values_as_typed", "迎园中学.xlsx", xlsx(cells), Expect(
        3, {(0, "year_built"): 2005, (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 8600.0, (0, "roof_area_m2"): 1720.0,
            (0, "roof_tilt_deg"): None, (0, "usable_roof_area_m2"): None,
            (0, "existing_pv_kw"): 0.0, (0, "shading"): "无", (1, "year_built"): 2012,
            (1, "existing_pv_kw"): 50.0, (1, "roof_area_m2"): 1100.0, (2, "year_built"): 2018,
            (2, "gross_floor_area_m2"): 1200.0},
        {"school_type": "中小学"}))


def required_placeholders() -> Case:
    """不详 in a required year, — in a required roof area, an area range: errors quoting the
    value; 约2015 is read as 2015 with a warning."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block(), header,
             ["老教学楼", "教学", "不详", 3, 2000, 700, "坡屋面"],
             ["仓库", "其他", 1985, 1, 300, "—", "彩钢瓦"],
             ["新楼", "教学", "约2015", 4, "2000-3000", 900, "平屋面"]]
    return Case("required_placeholders", "明珠中学3.xlsx", xlsx(cells), Expect(
        3, {(2, "year_built"): 2015}, errors={"C4", "F5", "E6"}, warnings={"year_approximate"}))


def csv_two_row_no_merge() -> Case:
    """A GBK CSV cannot merge: the parent is written once, its children under it."""
    rows = [["学校代码", "3101090012", "学校名称", "虹口区第三中心小学"], ["所在区", "虹口", "学校类型", "小学"],
            [],
            ["楼名", "用途", "建成年份", "层数", "面积（㎡）", "", "屋顶情况", "", ""],
            ["", "", "", "", "建筑面积", "屋顶面积", "类型", "状况", "遮挡"],
            ["北楼", "教学", 1988, 4, 3600, 900, "平屋面", "一般", "无"],
            ["南楼", "办公", 1992, 3, 2100, 700, "坡屋面", "差", "轻微"]]
    return Case("csv_two_row_no_merge", "虹口三中心.csv", csv_bytes(rows, "gbk"), Expect(
        2, {(0, "gross_floor_area_m2"): 3600.0, (1, "roof_area_m2"): 700.0,
            (1, "roof_condition"): "差", (1, "shading"): "轻微", (1, "roof_type"): "坡屋面"},
        {"district": "虹口区"}))


def line_breaks_and_stars() -> Case:
    """Headers with line breaks, required stars and full-width brackets."""
    header = ["＊建筑\n名称", "＊建筑\n用途", "＊建成\n年份", "＊地上\n层数", "＊建筑面积\n（㎡）",
              "＊屋顶面积\n（㎡）", "＊屋面\n类型", "朝向", "备注\n（选填）"]
    cells = [[TITLE], *block("3101130033", "上海市宝山区通河小学", "宝山", "小学"), header,
             ["教学楼", "教学", 1999, 4, 4000, 1000, "坡屋面", "南", ""],
             ["报告厅", "其他", 2009, 2, 1200, 600, "平屋面", None, "2020年翻新"]]
    return Case("line_breaks_and_stars", "通河小学.xlsx", xlsx(cells), Expect(
        2, {(0, "roof_azimuth_deg"): 180.0, (1, "notes"): "2020年翻新",
            (0, "roof_area_m2"): 1000.0}))


def english_bilingual() -> Case:
    """An international school's English/bilingual headers."""
    header = ["Building 楼栋", "Use 用途", "Year of construction", "No. of floors", "GFA (sqm)",
              "Roof area (sqm)", "Roof type", "Existing PV (kWp)", "Shading"]
    cells = [["School name", "上海某国际学校"], ["School code", "3101150888"], ["District", "Pudong"],
             ["School type", "K12"], [], header,
             ["Main building", "teaching", 2010, 4, 12000, 3000, "flat", 120, "none"],
             ["Sports hall", "gym", 2014, 1, 2500, 2600, "steel", 0, "slight"]]
    return Case("english_bilingual", "international.xlsx", xlsx(cells), Expect(
        2, {(0, "existing_pv_kw"): 120.0, (1, "roof_type"): "彩钢瓦", (0, "year_built"): 2010,
            (0, "floors_above_ground"): 4, (1, "shading"): "轻微"},
        {"district": "浦东新区", "school_type": "中小学"}))


def spaced_totals() -> Case:
    """小　计 with full-width spaces, 总计（3栋）, 合 计 in the name column."""
    header = ["序号", "建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block(), header,
             [1, "东楼", "教学", 2001, 4, 4000, 1000, "平屋面"],
             [None, "小　计", None, None, None, 4000, 1000, None],
             [2, "西楼", "教学", 2002, 4, 4000, 1000, "平屋面"],
             [3, "北楼", "办公", 2003, 4, 4000, 1000, "平屋面"],
             ["合 计", None, None, None, None, 8000, 2000, None],
             [None, "总计（3栋）", None, None, None, 12000, 3000, None]]
    return Case("spaced_totals", "明珠中学4.xlsx", xlsx(cells), Expect(
        3, {(2, "building_name"): "北楼"}, skipped={6, 9, 10}))


def footers() -> Case:
    """Footer lines: 审核人, 填报日期, （盖章）, 注：."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block(), [], header,
             ["图文信息楼", "图书馆", 2016, 5, 6000, 1300, "平屋面"], [],
             ["注：面积以房产证为准。"], ["填表人：李华", None, "审核人：张明"],
             ["联系电话", "13800000000"], ["学校（盖章）"], [None, None, None, "2026年3月"]]
    return Case("footers", "明珠中学5.xlsx", xlsx(cells), Expect(
        1, {(0, "building_use"): "图书馆"}, skipped={8, 9, 10, 11, 12}))


def unknown_and_uncertain() -> Case:
    """Columns that are not survey fields are listed; a lookalike is asked about."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "结构类型",
              "管理部门", "层高(m)", "屋面防水年限"]
    cells = [*block(), [], header,
             ["1号楼", "教学", 2004, 4, 4000, 1000, "平屋面", "框架", "总务处", 3.6, 10]]
    return Case("unknown_and_uncertain", "明珠中学6.xlsx", xlsx(cells), Expect(
        1, {(0, "roof_area_m2"): 1000.0}, warnings={"ignored_column"}))


def merged_school_down() -> Case:
    """A committee sheet: school code and name merged down over each school's buildings."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "楼栋", "用途", "建成年份", "层数", "建筑面积",
              "屋顶面积", "屋面类型"]
    cells = [["松江区学校建筑汇总表"], header,
             [None, None, "松江区", "小学", "教学楼", "教学", 2000, 4, 4000, 1000, "平屋面"],
             [None, None, "松江区", "小学", "食堂", "食堂", 2005, 2, 1200, 600, "平屋面"],
             [None, None, "松江区", "幼儿园", "主楼", "教学", 2012, 3, 2400, 800, "平屋面"]]
    merges = ((2, 0, 3, 0, "3101170001"), (2, 1, 3, 1, "松江区实验小学"))
    cells[4][0], cells[4][1] = "3101170002", "松江区九亭幼儿园"
    return Case("merged_school_down", "松江区汇总.xlsx", xlsx(cells, merges), Expect(
        3, {(1, "school_code"): "3101170001", (2, "school_code"): "3101170002"}, n_schools=2))


def two_campuses_one_sheet() -> Case:
    """Main campus and branch campus as two tables on one sheet: the header repeated."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block(), ["本部"], header,
             ["本部教学楼", "教学", 2000, 5, 5000, 1000, "平屋面"], [],
             ["分校区"], header,
             ["分校教学楼", "教学", 2011, 4, 3200, 800, "平屋面"],
             ["分校食堂", "食堂", 2011, 2, 1000, 500, "彩钢瓦"]]
    return Case("two_campuses_one_sheet", "明珠中学7.xlsx", xlsx(cells), Expect(
        3, {(1, "building_name"): "分校教学楼", (2, "roof_type"): "彩钢瓦"}, skipped={8, 9}))


def school_type_words() -> Case:
    """School types beyond the list, in a committee sheet."""
    header = ["单位代码", "单位名称", "区县", "办学类型", "建筑名称", "用途", "建成年份", "层数", "建筑面积",
              "屋顶面积", "屋面类型"]
    kinds = ["十二年一贯制", "特殊教育学校", "中等职业学校", "上海市XX区九年一贯制学校", "职业技术学院"]
    rows = [[f"31011{i:05d}", f"测试学校{i}", "青浦区", kind, "教学楼", "教学", 2000 + i, 4, 4000, 1000,
             "平屋面"] for i, kind in enumerate(kinds)]
    types = ["中小学", "中小学", "中职", "中小学", "高校"]
    return Case("school_type_words", "青浦区.xlsx", xlsx([header, *rows]), Expect(
        5, n_schools=5, schools={(f"31011{i:05d}", "school_type"): t for i, t in enumerate(types)}))


def blank_separators() -> Case:
    """Blank rows between groups of buildings, and a row with only a number in 序号."""
    header = ["序号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block(), header, [1, "A楼", "教学", 2000, 4, 4000, 1000, "平屋面"], [], [],
             [2, "B楼", "办公", 2001, 3, 3000, 1000, "平屋面"], [3]]
    return Case("blank_separators", "明珠中学8.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "B楼"}, skipped={5, 6, 8}))


def date_cells_and_errors() -> Case:
    """竣工日期 as Excel dates; an area written as a range is an error at its cell."""
    header = ["建筑名称", "建筑用途", "竣工日期", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block(), [], header,
             ["教学楼", "教学", dt.date(1999, 8, 30), 4, "2000～2200", 600, "平屋面"],
             ["实验楼", "实验", dt.datetime(2008, 1, 15), 5, 5000, 1000, "平屋面"]]
    return Case("date_cells_and_errors", "明珠中学9.xlsx", xlsx(cells), Expect(
        2, errors={"E5"}))


def pv_wording_variants() -> Case:
    """已装光伏容量(kW) with capacities in MW in one cell and kW elsewhere."""
    header = ["楼宇名称", "使用功能", "建成年份", "楼层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋顶形式",
              "已装光伏容量(kW)", "屋顶状况"]
    cells = [["奉贤区学校屋顶资源调查"], *block("3101200004", "奉贤区肖塘中学", "奉贤", "初中"), header,
             ["教学楼", "教学楼", 2003, 4, 6000, 1500, "混凝土屋面", 80, "完好"],
             ["实训楼", "实训楼", 2010, 3, 4500, 1500, "彩钢板", "0.1MW", "较好"]]
    return Case("pv_wording_variants", "肖塘中学.xlsx", xlsx(cells), Expect(
        2, {(0, "existing_pv_kw"): 80.0, (1, "existing_pv_kw"): 100.0,
            (1, "building_use"): "实验", (1, "roof_condition"): "良好"},
        {"district": "奉贤区"}))


def stacked_title_and_unit_note() -> Case:
    """Two title lines, a units note line, a vertical merged header and xlsx offsets."""
    header = ["建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[None, "上海市教育委员会"], [None, "学校建筑楼宇面积调研表"],
             [None, "学校（盖章）：上海市静安区一师附小", None, None, "学校代码：3101060020"],
             [None, "所在区：静安区", None, None, "学校类型：小学"],
             [None, *header], [None, "主楼", "教学", 1930, 3, 2600, 900, "坡屋面"],
             [None, "新楼", "教学", 2002, 5, 5000, 1000, "平屋面"]]
    return Case("stacked_title", "一师附小.xlsx", xlsx(cells), Expect(
        2, {(0, "year_built"): 1930}, {"district": "静安区"}))


def short_roof_header_and_steel_words() -> Case:
    """A bare 屋面 header over roof-type words (not a facing), 钢结构 for a steel roof,
    竣工年份 as 2008年 and 2015.09, 5层, a thousands separator, — for no PV, 万度 in the block,
    a two-row 面积（平方米） parent, a full-width-spaced subtotal and a contact footer."""
    cells = [[None] * 9,
             ["学校名称", "上海市闵行区实验小学", None, "学校标识码", "3101120007"],
             ["所在区县", "闵行", "办学类型", "九年一贯制学校", "年用电量（万度）", 48.5],
             [None] * 9,
             ["序号", "楼栋名称", "使用功能", "竣工年份", "层数", None, None, "屋面",
              "现有光伏装机（千瓦）"],
             [None, None, None, None, None, "总建筑面积", "屋面面积", None, None],
             [1, "综合楼", "教学", "2008年", "5层", "6,200", 1300, "平屋面", "—"],
             [2, "体育馆", "体育", 2015.09, 2, 3400, 2600, "钢结构", 80],
             [None, "小　计", None, None, None, 9600, 3900, None, None],
             ["填表人：王老师", None, "联系电话：021-12345678"]]
    merges = ((0, 0, 0, 8, "2026年度校园建筑基本情况统计表"), (4, 5, 4, 6, "面积（平方米）"))
    return Case("short_roof_header", "闵行实验小学.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "building_name"): "综合楼", (0, "year_built"): 2008, (1, "year_built"): 2015,
            (0, "floors_above_ground"): 5, (0, "gross_floor_area_m2"): 6200.0,
            (1, "roof_area_m2"): 2600.0, (0, "roof_type"): "混凝土平屋面",
            (1, "roof_type"): "彩钢瓦", (1, "existing_pv_kw"): 80.0},
        {"district": "闵行区", "school_type": "中小学", "annual_electricity_kwh": 485_000.0},
        skipped={9, 10}))


def workbook(sheets: list[tuple[str, list[list]]], hidden: tuple[str, ...] = (),
             merges: dict[str, tuple] | None = None) -> bytes:
    """An .xlsx with one sheet per (name, cells); ``hidden`` sheets are hidden."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, cells in sheets:
        ws = book.add_worksheet(name)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                if value is not None:
                    ws.write(i, j, value)
        for r0, c0, r1, c1, text in (merges or {}).get(name, ()):
            ws.merge_range(r0, c0, r1, c1, text)
        if name in hidden:
            ws.hide()
    book.close()
    return buffer.getvalue()


SHORT_HEADER = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]


def campus_per_sheet() -> Case:
    """本部 and 分校 on separate sheets (the branch sheet without a school block), the
    instructions on their own sheet, a hidden drop-down list sheet."""
    instructions = [["填表说明"], ["1. 本部、分校区分别填写在对应工作表"], ["2. 建筑名称", "必填"],
                    ["3. 建筑面积", "单位：平方米"]]
    main = [[TITLE], *block(), [], SHORT_HEADER,
            ["本部教学楼", "教学", 2001, 5, 5200, 1050, "平屋面"],
            ["本部食堂", "食堂", 2003, 2, 1600, 800, "平屋面"]]
    branch = [["分校区（康桥校区）"], SHORT_HEADER,
              ["康桥教学楼", "教学", 2015, 4, 4800, 1200, "平屋面"],
              ["康桥体育馆", "体育馆", 2016, 1, 2500, 2400, "彩钢瓦"],
              ["康桥宿舍", "宿舍", 2016, 6, 6000, 1000, "平屋面"]]
    lists = [["教学"], ["办公"], ["宿舍"], ["平屋面"], ["彩钢瓦"]]
    data = workbook([("填表说明", instructions), ("本部", main), ("分校", branch),
                     ("下拉选项", lists)], hidden=("下拉选项",))
    return Case("campus_per_sheet", "明珠中学（本部+分校）.xlsx", data, Expect(
        5, {(0, "building_name"): "本部教学楼", (2, "building_name"): "康桥教学楼",
            (3, "roof_type"): "彩钢瓦", (4, "floors_above_ground"): 6},
        {"school_code": "3101150101", "n_buildings": 5},
        warnings={"sheet_read", "sheet_skipped_instructions", "sheet_skipped_hidden"},
        sheets_read=("本部", "分校")))


def district_sheets_with_summary() -> Case:
    """A district office's workbook: one sheet per street/town with the school on every row,
    and a 汇总 sheet summing them (read it too and every building counts twice)."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "建筑名称", "用途", "建成年份", "层数",
              "建筑面积(㎡)", "屋顶面积(㎡)", "屋面类型"]
    a = [["嘉定区中小学建筑面积统计（嘉定镇街道）"], header,
         ["3101140001", "嘉定区第一中学", "嘉定区", "中学", "教学楼", "教学", 1999, 5, 6000, 1200,
          "平屋面"],
         ["3101140001", "嘉定区第一中学", "嘉定区", "中学", "实验楼", "实验", 2004, 4, 3200, 800,
          "平屋面"]]
    b = [["嘉定区中小学建筑面积统计（安亭镇）"], header,
         ["3101140020", "安亭小学", "嘉定区", "小学", "主楼", "教学", 2010, 4, 4400, 1100,
          "平屋面"]]
    total = [["汇总"], header,
             *[r for r in a[2:] + b[2:]], [None, "合计", None, None, None, None, None, None,
                                           13600, 3100, None]]
    data = workbook([("汇总", total), ("嘉定镇街道", a), ("安亭镇", b)])
    return Case("district_sheets_with_summary", "嘉定区汇总（分街镇）.xlsx", data, Expect(
        3, {(0, "school_code"): "3101140001", (2, "building_name"): "主楼"}, n_schools=2,
        warnings={"sheet_skipped_summary"}, sheets_read=("嘉定镇街道", "安亭镇")))


def last_year_sheet_kept() -> Case:
    """This year's sheet beside last year's, which the school copied and kept."""
    old = [["2025年度建筑面积调研表"], *block(), SHORT_HEADER,
           ["旧教学楼", "教学", 1985, 4, 3000, 800, "平屋面"]]
    new = [["2026年度建筑面积调研表"], *block(), SHORT_HEADER,
           ["新教学楼", "教学", 2024, 5, 5000, 1000, "平屋面"],
           ["旧教学楼", "教学", 1985, 4, 3000, 800, "平屋面"]]
    data = workbook([("2026年", new), ("2025年", old)])
    return Case("last_year_sheet_kept", "明珠中学2026.xlsx", data, Expect(
        2, {(0, "building_name"): "新教学楼"}, warnings={"sheet_skipped_old_year"},
        sheets_read=("2026年",)))


def block_pairs_in_one_cell() -> Case:
    """The school block written as label：value pairs in merged cells, 办学类型, a coordinate
    pair pasted from a map picker with 坐标系：高德 (GCJ-02), 年用电量 in 万kWh."""
    cells = [[None] * 8,
             ["填报单位（盖章）：上海市杨浦区控江初级中学    学校代码：3101100015    所在区县：杨浦区"],
             ["办学类型：初级中学", None, None, "经纬度：121.541263,31.276455", None, None,
              "坐标系：高德"],
             ["年用电量（万kWh）：86.2", None, None, "联系人：李老师  电话：13900000000"],
             SHORT_HEADER + ["备注"],
             ["教学楼", "教学", 1996, 4, 5600, 1400, "平屋面", None],
             ["体艺楼", "体育馆", 2009, 2, 3000, 1800, "钢结构", "屋顶2019年翻修"]]
    merges = ((0, 0, 0, 7, "建筑楼宇面积调研表"),)
    return Case("block_pairs_in_one_cell", "控江初级中学.xlsx", xlsx(cells, merges), Expect(
        2, {(1, "roof_type"): "彩钢瓦"},
        {"school_name": "上海市杨浦区控江初级中学", "school_code": "3101100015",
         "district": "杨浦区", "school_type": "中小学", "coord_system": "GCJ-02",
         "latitude_input": 31.276455, "longitude_input": 121.541263,
         "annual_electricity_kwh": 862_000.0, "contact": "李老师 13900000000"},
        near={"latitude": (31.2785, 0.003), "longitude": (121.5367, 0.003)}))


def dms_coordinates() -> Case:
    """Coordinates in degrees–minutes–seconds with hemisphere words, source GPS."""
    cells = [["学校建筑基本情况表"],
             ["学校名称", "上海市奉贤区星火学校", "学校代码", "3101200031"],
             ["所在区", "奉贤", "学校类型", "九年一贯制"],
             ["经度", "东经121°28′12″", "纬度", "北纬30°55′30″", "坐标来源", "GPS"],
             [], SHORT_HEADER,
             ["教学楼", "教学", 2008, 4, 4000, 1000, "平屋面"]]
    return Case("dms_coordinates", "星火学校.xlsx", xlsx(cells), Expect(
        1, {}, {"coord_system": "WGS84"},
        near={"latitude": (30.925, 0.0005), "longitude": (121.47, 0.0005)}))


def tiny_area_in_wan() -> Case:
    """Areas typed in 万㎡ under plain ㎡ headers: 0.13 beside 4 floors is a slip."""
    cells = [[TITLE], *block(), SHORT_HEADER,
             ["实验楼", "实验", 2012, 4, 0.52, 0.13, "平屋面"],
             ["教学楼", "教学", 2000, 5, 5000, 1000, "平屋面"]]
    return Case("tiny_area_in_wan", "明珠中学-面积.xlsx", xlsx(cells), Expect(
        2, errors={"E5", "F5"}))


def code_with_two_names() -> Case:
    """A committee sheet whose school code was copied down onto the next school's rows."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "建筑名称", "用途", "建成年份", "层数",
              "建筑面积", "屋顶面积", "屋面类型"]
    cells = [["青浦区学校建筑汇总"], header,
             ["3101180003", "青浦区实验中学", "青浦区", "中学", "教学楼", "教学", 2002, 5, 5000,
              1000, "平屋面"],
             ["3101180003", "青浦区实验中学", "青浦区", "中学", "图书馆", "图书馆", 2006, 3, 2400,
              800, "平屋面"],
             ["3101180003", "青浦区御澜湾小学", "青浦区", "小学", "主楼", "教学", 2018, 4, 4200,
              1050, "平屋面"]]
    return Case("code_with_two_names", "青浦汇总.xlsx", xlsx(cells), Expect(3, errors={"B5"}))


def gbk_csv_block_pairs() -> Case:
    """A GBK CSV exported from WPS: the block as label：value cells, 楼栋名称, 万平方米."""
    rows = [["学校名称：上海市长宁区天山中学", "学校代码：3101050012", "所在区：长宁区", "学校类型：完全中学"],
            [],
            ["楼栋名称", "用途", "建成年份", "层数", "建筑面积（万平方米）", "屋顶面积（万平方米）", "屋面类型"],
            ["东楼", "教学", 1992, 5, 0.6, 0.12, "平屋面"],
            ["西楼", "办公", 1995, 4, 0.32, 0.08, "平屋面"]]
    return Case("gbk_csv_block_pairs", "天山中学.csv", csv_bytes(rows, "gbk"), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "roof_area_m2"): 800.0},
        {"school_code": "3101050012", "district": "长宁区"}))


def area_unit_in_note_xls() -> Case:
    """A legacy .xls whose note line under the title says the areas are in 万平方米; the
    area headers themselves carry no unit."""
    cells = [[None] * 7, ["（面积单位：万平方米；其余按实际填写）"], *block("3101160044", "上海市金山区亭林中学",
                                                                 "金山", "初级中学"),
             SHORT_HEADER,
             ["教学楼", "教学", 1998, 4, 0.56, 0.14, "平屋面"],
             ["综合楼", "办公", 2010, 5, 0.82, 0.17, "平屋面"]]
    merges = ((0, 0, 0, 6, "金山区中小学校舍面积统计表"),)
    return Case("area_unit_in_note_xls", "亭林中学.xls", xls(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 5600.0, (1, "roof_area_m2"): 1700.0},
        {"district": "金山区"}, warnings={"unit_from_note"}))


def wps_tab_csv_with_block() -> Case:
    """A tab-separated text file saved from WPS (“文本文件（制表符分隔）”): title and the
    school block as label：value cells above the table, a total row and a footer."""
    rows = [["建筑楼宇面积调研表"],
            ["学校名称：上海市静安区第一中心小学", "", "学校代码：3101060001"],
            ["所在区：静安区", "", "学校类型：小学", "", "年用电量（万度）：62.4"],
            ["楼栋名称", "用途", "建成年份", "层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["教学楼", "教学", "1998", "4", "3200", "800", "平屋面"],
            ["实验楼", "教学", "2005", "3", "2,100", "600", "坡屋面"],
            ["合计", "", "", "", "5300", "1400", ""],
            ["填表人：王老师", "", "联系电话：021-12345678"]]
    text = io.StringIO()
    csv.writer(text, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return Case("wps_tab_csv_with_block", "第一中心小学.txt.csv", text.getvalue().encode("gbk"), Expect(
        2, {(1, "gross_floor_area_m2"): 2100.0, (0, "roof_area_m2"): 800.0, (1, "year_built"): 2005},
        {"school_code": "3101060001", "district": "静安区", "annual_electricity_kwh": 624000.0},
        skipped={7, 8}))


def loose_values_from_memory() -> Case:
    """A 后勤 clerk filling from memory: 约/左右 areas, 90年代, 民国, 2008年扩建, 局部5层, 4～5层,
    已建光伏 有（约50kW） and 有: each read with a warning to confirm, a range refused."""
    header = ["楼名", "用途", "建造年代", "层数", "建筑面积(㎡)", "屋顶面积(㎡)", "屋面类型", "已建光伏(kW)"]
    cells = [["徐汇区学校建筑情况调查"], *block("3101040031", "上海市徐汇区南洋中学", "徐汇区", "完全中学"),
             header,
             ["图书馆", "图书馆", "民国", 3, "约2400", 900, "坡屋面", None],
             ["教学楼", "教学", "90年代", "局部5层", 6200, "1300左右", "平屋面", "有（约50kW）"],
             ["科技楼", "实验", "2008年扩建", "4～5层", "5000余", 1100, "平屋面", "有"],
             ["食堂", "食堂", "上世纪80年代末", 2, 1800, "800-900", "平屋面", "无"]]
    return Case("loose_values_from_memory", "南洋中学.xlsx", xlsx(cells), Expect(
        4, {(0, "year_built"): 1930, (0, "gross_floor_area_m2"): 2400.0,
            (1, "year_built"): 1995, (1, "floors_above_ground"): 5, (1, "roof_area_m2"): 1300.0,
            (1, "existing_pv_kw"): 50.0, (2, "year_built"): 2008, (2, "floors_above_ground"): 5,
            (2, "gross_floor_area_m2"): 5000.0, (3, "year_built"): 1988, (3, "existing_pv_kw"): 0.0},
        errors={"F8"}, warnings={"approximate_read", "year_from_period", "year_of_works_only",
                                 "floors_partly", "floors_mixed_top", "amount_not_given"}))


CASE_FUNCTIONS = (phrase_headers, short_roof_header_and_steel_words, two_row_merged, two_row_merged_xls, units_row, gbk_csv_flat,
                  bom_csv_committee, legacy_xls_subtotals, section_rows, block_wan_kwh,
                  values_as_typed, required_placeholders, csv_two_row_no_merge,
                  line_breaks_and_stars, english_bilingual, spaced_totals, footers,
                  unknown_and_uncertain, merged_school_down, two_campuses_one_sheet,
                  school_type_words, blank_separators, date_cells_and_errors,
                  pv_wording_variants, stacked_title_and_unit_note, campus_per_sheet,
                  district_sheets_with_summary, last_year_sheet_kept, block_pairs_in_one_cell,
                  dms_coordinates, tiny_area_in_wan, code_with_two_names, gbk_csv_block_pairs,
                  area_unit_in_note_xls, wps_tab_csv_with_block, loose_values_from_memory)


def cases() -> list[Case]:
    """Every corpus sheet, built fresh."""
    return [make() for make in CASE_FUNCTIONS]
