"""Survey sheets with habits the realistic corpus does not hold, each with what a person reads.

A second, held-out set beside :mod:`tests.surveys.realistic.corpus`: transposed sheets,
a 校区 column, WPS tab-separated and UTF-16 exports, totals above the buildings,
full-width digits typed as text, floors and years as people write them, traditional
characters, a group school (集团化办学) with two schools on one sheet, data starting at
column C, frozen and filtered headers, and so on. :func:`cases` returns them with the
same :class:`~tests.surveys.realistic.corpus.Case` / ``Expect`` structure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import zlib
from dataclasses import dataclass, field

import xlsxwriter
import xlwt

from tests.surveys.realistic.corpus import Case, Expect

# --- writers -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """A formula cell with the value Excel cached for it."""

    text: str
    value: float


@dataclass
class Sheet:
    """One worksheet: ``cells`` from A1, ``merges`` as (r0, c0, r1, c1, text)."""

    cells: list[list]
    name: str = "Sheet1"
    merges: tuple = ()
    freeze: tuple[int, int] | None = None
    autofilter: tuple[int, int, int, int] | None = None
    image_at: tuple[int, int] | None = None
    hidden: bool = False
    widths: dict[int, float] = field(default_factory=dict)


def _png() -> bytes:
    """A 4×4 red PNG, standing in for a school's logo."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xcc\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def book(*sheets: Sheet, date_1904: bool = False) -> bytes:
    """An .xlsx with every sheet; a str cell is written as text even when it looks numeric;
    ``date_1904`` as Excel for Mac's old date system."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "date_1904": date_1904})
    wrap = wb.add_format({"text_wrap": True})
    date_format = wb.add_format({"num_format": "yyyy年m月"})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        covered = {(r, c) for r0, c0, r1, c1, _ in sheet.merges
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for i, row in enumerate(sheet.cells):
            for j, value in enumerate(row):
                if value is None or (i, j) in covered:
                    continue
                if isinstance(value, (dt.date, dt.datetime)):
                    ws.write_datetime(i, j, value, date_format)
                elif isinstance(value, Formula):
                    ws.write_formula(i, j, value.text, None, value.value)
                elif isinstance(value, str):
                    ws.write_string(i, j, value, wrap if "\n" in value else None)
                else:
                    ws.write(i, j, value)
        for r0, c0, r1, c1, text in sheet.merges:
            ws.merge_range(r0, c0, r1, c1, text, wrap if "\n" in str(text) else None)
        if sheet.freeze:
            ws.freeze_panes(*sheet.freeze)
        if sheet.autofilter:
            ws.autofilter(*sheet.autofilter)
        if sheet.image_at:
            ws.insert_image(*sheet.image_at, "logo.png", {"image_data": io.BytesIO(_png())})
        for col, width in sheet.widths.items():
            ws.set_column(col, col, width)
        if sheet.hidden:
            ws.hide()
    wb.close()
    return buffer.getvalue()


def xlsx(cells: list[list], merges: tuple = (), **options) -> bytes:
    return book(Sheet(cells, merges=merges, **options))


def xls(cells: list[list], merges: tuple = (), sheet: str = "Sheet1") -> bytes:
    """A legacy .xls (BIFF8); merged ranges carry their text in the top-left cell."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    covered = {(r, c) for r0, c0, r1, c1, _ in merges
               for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r0, c0, r1, c1, text in merges:
        ws.write_merge(r0, r1, c0, c1, text)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is not None and (i, j) not in covered:
                ws.write(i, j, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def delimited(rows: list[list], encoding: str, delimiter: str = ",",
              newline: str = "\r\n") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator=newline).writerows(
        [["" if v is None else v for v in row] for row in rows])
    return text.getvalue().encode(encoding)


def block(code: str, name: str, district: str, kind: str) -> list[list]:
    return [["学校名称", name, None, "学校代码", code],
            ["所在区", district, None, "学校类型", kind]]


TITLE = "上海市中小学校建筑楼宇面积调研表"


# --- layouts -------------------------------------------------------------------------------

def transposed() -> Case:
    """Fields as rows, one building a column (a school that finds it easier to read)."""
    cells = [[TITLE], *block("3101150201", "上海市浦东新区东方小学", "浦东新区", "小学"), [],
             ["项目", "1号楼", "2号楼", "3号楼"],
             ["建筑用途", "教学", "办公", "体育馆"],
             ["建成年份", 2003, 2005, 2011],
             ["地上层数", 4, 3, 1],
             ["建筑面积（㎡）", 5200, 2400, 1800],
             ["屋顶面积（㎡）", 1300, 800, 1750],
             ["屋面类型", "平屋面", "平屋面", "彩钢瓦"]]
    return Case("transposed", "东方小学.xlsx", xlsx(cells), Expect(
        3, {(0, "building_name"): "1号楼", (2, "building_name"): "3号楼",
            (1, "year_built"): 2005, (2, "roof_type"): "彩钢瓦",
            (0, "gross_floor_area_m2"): 5200.0, (2, "roof_area_m2"): 1750.0}))


def campus_column() -> Case:
    """A 校区 column; both campuses have a 教学楼 and a 食堂."""
    header = ["校区", "楼栋名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["本部", "教学楼", "教学", 1998, 5, 6000, 1200, "平屋面"],
            ["本部", "食堂", "食堂", 2001, 2, 1600, 800, "平屋面"],
            ["分校", "教学楼", "教学", 2015, 4, 4400, 1100, "平屋面"],
            ["分校", "食堂", "食堂", 2015, 2, 1200, 600, "彩钢瓦"]]
    cells = [[TITLE], *block("3101070101", "上海市普陀区晋元高级中学", "普陀区", "高级中学"), header, *rows]
    return Case("campus_column", "晋元高中.xlsx", xlsx(cells), Expect(
        4, {(2, "gross_floor_area_m2"): 4400.0, (3, "roof_type"): "彩钢瓦",
            (0, "year_built"): 1998, (3, "year_built"): 2015}))


def wps_tsv_gbk() -> Case:
    """WPS 另存为“文本文件(制表符分隔)”: GBK, tabs, the school block above."""
    rows = [["学校名称", "上海市黄浦区卢湾一中心小学"], ["学校代码", "3101010033"], ["所在区", "黄浦区"],
            ["学校类型", "小学"], [],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积(㎡)", "屋顶面积(㎡)", "屋面类型"],
            ["教学楼", "教学", 1994, 4, 4200, 1050, "平屋面"],
            ["综合楼", "办公", 2006, 5, 3500, 700, "平屋面"]]
    return Case("wps_tsv_gbk", "卢湾一中心.txt", delimited(rows, "gbk", "\t"), Expect(
        2, {(1, "gross_floor_area_m2"): 3500.0, (0, "year_built"): 1994},
        {"school_code": "3101010033", "district": "黄浦区"}))


def wps_tsv_gbk_csv_name() -> Case:
    """The same tab-separated GBK text saved with a .csv name."""
    rows = [["学校名称", "上海市黄浦区卢湾一中心小学", "学校代码", "3101010033"],
            ["所在区", "黄浦区", "学校类型", "小学"], [],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积(㎡)", "屋顶面积(㎡)", "屋面类型"],
            ["教学楼", "教学", 1994, 4, 4200, 1050, "平屋面"],
            ["综合楼", "办公", 2006, 5, 3500, 700, "平屋面"]]
    return Case("wps_tsv_gbk_csv_name", "卢湾一中心.csv", delimited(rows, "gbk", "\t"), Expect(
        2, {(1, "roof_area_m2"): 700.0}, {"school_code": "3101010033"}))


def unicode_text_utf16() -> Case:
    """Excel's 另存为“Unicode 文本”: UTF-16 with a BOM, tab-separated."""
    rows = [["学校名称", "上海市静安区市北初级中学", "学校代码", "3101060045"],
            ["所在区", "静安区", "学校类型", "初级中学"], [],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
            ["北楼", "教学", 1990, 5, 5000, 1000, "平屋面"],
            ["南楼", "实验", 2008, 4, 3600, 900, "平屋面"]]
    return Case("unicode_text_utf16", "市北初中.txt", delimited(rows, "utf-16", "\t"), Expect(
        2, {(1, "building_use"): "实验", (0, "floors_above_ground"): 5},
        {"school_code": "3101060045", "district": "静安区"}))


def total_on_top_average_below() -> Case:
    """合计 right under the header (so the head sees the totals first), 平均 under the rows."""
    header = ["序号", "建筑名称", "用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block("3101040055", "上海市徐汇区南洋中学", "徐汇区", "完全中学"), header,
             ["合计", None, None, None, None, 13000, 2900, None],
             [1, "科技楼", "实验", 2004, 5, 5000, 1000, "平屋面"],
             [2, "教学楼", "教学", 1996, 5, 6000, 1200, "平屋面"],
             [3, "体育馆", "体育", 2010, 2, 2000, 700, "彩钢瓦"],
             [None, "平均", None, None, None, 4333.3, 966.7, None]]
    return Case("total_on_top_average_below", "南洋中学.xlsx", xlsx(cells), Expect(
        3, {(0, "building_name"): "科技楼", (2, "roof_area_m2"): 700.0}, skipped={5, 9}))


def names_merged_across() -> Case:
    """The name spread over two merged cells (B:C) in the header and every row; 备注 D:E."""
    cells = [[None] * 10,
             ["学校名称", "上海市长宁区延安初级中学", None, None, None, "学校代码", "3101050066"],
             ["所在区", "长宁区", None, None, None, "学校类型", "初级中学"],
             ["序号", "楼栋名称", None, "建筑用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型",
              "备注"],
             [1, "东教学楼", None, "教学", 1999, 4, 4800, 1200, "平屋面", "2018年屋面防水翻新"],
             [2, "西教学楼", None, "教学", 2001, 4, 4600, 1150, "平屋面", None]]
    merges = ((0, 0, 0, 9, TITLE), (3, 1, 3, 2, "楼栋名称"), (4, 1, 4, 2, "东教学楼"),
              (5, 1, 5, 2, "西教学楼"))
    return Case("names_merged_across", "延安初中.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "building_name"): "东教学楼", (1, "building_name"): "西教学楼",
            (0, "year_built"): 1999, (1, "roof_area_m2"): 1150.0,
            (0, "notes"): "2018年屋面防水翻新"}))


def fullwidth_digits() -> Case:
    """Numbers typed with a Chinese IME in full-width form, stored as text."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "已建光伏（kW）"]
    cells = [[TITLE], *block("3101090077", "上海市虹口区复兴初级中学", "虹口区", "初级中学"), header,
             ["１号楼", "教学", "２００５", "５", "８６００", "１７２０", "平屋面", "０"],
             ["２号楼", "办公", "１９９８", "４", "３，２００", "８００．５", "平屋面", "３０"]]
    return Case("fullwidth_digits", "复兴初中.xlsx", xlsx(cells), Expect(
        2, {(0, "year_built"): 2005, (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 8600.0, (0, "roof_area_m2"): 1720.0,
            (1, "gross_floor_area_m2"): 3200.0, (1, "roof_area_m2"): 800.5,
            (1, "existing_pv_kw"): 30.0, (1, "year_built"): 1998}))


def areas_with_units() -> Case:
    """Areas with thousands separators, decimals and units in the cell."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101100088", "上海市杨浦区二联小学", "杨浦区", "小学"), [], header,
             ["教学楼", "教学", 2002, 4, "3,000.5㎡", "750㎡", "平屋面"],
             ["行政楼", "办公", 2004, 3, "2400平米", "800 平方米", "平屋面"],
             ["风雨操场", "体育馆", 2016, 1, "1800m²", "1,850 m2", "彩钢瓦"]]
    return Case("areas_with_units", "二联小学.xlsx", xlsx(cells), Expect(
        3, {(0, "gross_floor_area_m2"): 3000.5, (0, "roof_area_m2"): 750.0,
            (1, "gross_floor_area_m2"): 2400.0, (1, "roof_area_m2"): 800.0,
            (2, "gross_floor_area_m2"): 1800.0, (2, "roof_area_m2"): 1850.0}))


def approximate_areas() -> Case:
    """约3000 / 3000左右 / 3000多: estimates, read as their figure with a warning to confirm."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101100089", "上海市杨浦区三门小学", "杨浦区", "小学"), header,
             ["教学楼", "教学", 2002, 4, "约3000", 750, "平屋面"],
             ["办公楼", "办公", 2004, 3, 2400, "800左右", "平屋面"],
             ["食堂", "食堂", 2010, 2, "1000多", 500, "平屋面"]]
    return Case("approximate_areas", "三门小学.xlsx", xlsx(cells), Expect(
        3, {(0, "gross_floor_area_m2"): 3000, (1, "roof_area_m2"): 800,
            (2, "gross_floor_area_m2"): 1000}, warnings={"approximate_read"}))


def floors_as_written() -> Case:
    """6F, 六层, 地上6层地下1层, 十二层, 4层/地下1层."""
    header = ["建筑名称", "建筑用途", "建成年份", "楼层", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block("3101120099", "上海市闵行区七宝中学", "闵行区", "高级中学"), header,
             ["图书馆", "图书馆", 2006, "6F", 9000, 1500, "平屋面"],
             ["实验楼", "实验", 2006, "六层", 7200, 1200, "平屋面"],
             ["宿舍楼", "宿舍", 2009, "地上6层地下1层", 9600, 1600, "平屋面"],
             ["综合楼", "办公", 2012, "十二层", 14400, 1200, "平屋面"],
             ["艺术楼", "教学", 2014, "4层/地下1层", 4800, 1200, "平屋面"]]
    return Case("floors_as_written", "七宝中学.xlsx", xlsx(cells), Expect(
        5, {(0, "floors_above_ground"): 6, (1, "floors_above_ground"): 6,
            (2, "floors_above_ground"): 6, (3, "floors_above_ground"): 12,
            (4, "floors_above_ground"): 4}))


def years_as_written() -> Case:
    """1998年建, 98年, 2003/9, 2003.9 as text, 2010-09-01 as text, 1987年竣工, an Excel date."""
    header = ["建筑名称", "建筑用途", "建成时间", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101130100", "上海市宝山区淞浦中学", "宝山区", "初级中学"), [], header,
             ["1号楼", "教学", "1998年建", 4, 4000, 1000, "平屋面"],
             ["2号楼", "教学", "98年", 4, 4000, 1000, "平屋面"],
             ["3号楼", "办公", "2003/9", 3, 2400, 800, "平屋面"],
             ["4号楼", "实验", "2003.9", 4, 3200, 800, "平屋面"],
             ["5号楼", "宿舍", "2010-09-01", 5, 5000, 1000, "平屋面"],
             ["6号楼", "食堂", "1987年竣工", 2, 1400, 700, "平屋面"],
             ["7号楼", "体育馆", dt.date(2019, 6, 30), 1, 1600, 1600, "彩钢瓦"]]
    return Case("years_as_written", "淞浦中学.xlsx", xlsx(cells), Expect(
        7, {(0, "year_built"): 1998, (1, "year_built"): 1998, (2, "year_built"): 2003,
            (3, "year_built"): 2003, (4, "year_built"): 2010, (5, "year_built"): 1987,
            (6, "year_built"): 2019}))


def roof_words() -> Case:
    """Roof types as schools name them."""
    words = ["平屋面", "坡屋顶", "彩钢瓦", "琉璃瓦", "上人屋面", "不上人屋面", "平屋面（上人）",
             "混凝土平顶", "彩钢板屋面", "瓦屋顶"]
    expected = ["混凝土平屋面", "坡屋面", "彩钢瓦", "坡屋面", "混凝土平屋面", "混凝土平屋面",
                "混凝土平屋面", "混凝土平屋面", "彩钢瓦", "坡屋面"]
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋顶类型", "朝向"]
    rows = [[f"{i + 1}号楼", "教学", 2000 + i, 4, 4000, 1000, word, "南"]
            for i, word in enumerate(words)]
    cells = [[TITLE], *block("3101140111", "上海市嘉定区黄渡小学", "嘉定区", "小学"), header, *rows]
    return Case("roof_words", "黄渡小学.xlsx", xlsx(cells), Expect(
        len(words), {(i, "roof_type"): value for i, value in enumerate(expected)}))


def orientation_words() -> Case:
    """朝南, 坐北朝南, 正南, 南偏东15°, 东南向, 西南, on pitched roofs."""
    words = ["朝南", "坐北朝南", "正南", "南偏东15°", "东南向", "西南"]
    azimuths = [180.0, 180.0, 180.0, 165.0, 135.0, 225.0]
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "屋面坡度",
              "屋顶朝向"]
    rows = [[f"{i + 1}号楼", "教学", 1990 + i, 3, 3000, 1000, "坡屋面", 25, word]
            for i, word in enumerate(words)]
    cells = [*block("3101170122", "上海市松江区泗泾小学", "松江区", "小学"), header, *rows]
    return Case("orientation_words", "泗泾小学.xlsx", xlsx(cells), Expect(
        len(words), {(i, "roof_azimuth_deg"): a for i, a in enumerate(azimuths)}))


def condition_words() -> Case:
    """良好 / 一般 / 较差 / 需维修 / 较好 / 有渗漏."""
    words = ["良好", "一般", "较差", "需维修", "较好", "有渗漏"]
    expected = ["良好", "一般", "差", "差", "良好", "差"]
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "屋面状况"]
    rows = [[f"{i + 1}号楼", "教学", 1995 + i, 4, 4000, 1000, "平屋面", word]
            for i, word in enumerate(words)]
    cells = [*block("3101180133", "上海市青浦区华新中学", "青浦区", "初级中学"), header, *rows]
    return Case("condition_words", "华新中学.xlsx", xlsx(cells), Expect(
        len(words), {(i, "roof_condition"): value for i, value in enumerate(expected)}))


def yes_no_marks() -> Case:
    """是否已安装光伏 as 是/否/√/×, the capacity in its own column; 有无遮挡 as 有/无/√/×."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
              "是否已安装光伏", "装机容量（kW）", "有无遮挡"]
    cells = [*block("3101200144", "上海市奉贤区洪庙小学", "奉贤区", "小学"), header,
             ["教学楼", "教学", 2008, 4, 4800, 1200, "平屋面", "是", 120, "无"],
             ["办公楼", "办公", 2008, 3, 2400, 800, "平屋面", "否", None, "×"],
             ["体育馆", "体育馆", 2012, 1, 1500, 1500, "彩钢瓦", "√", 30, "无"],
             ["食堂", "食堂", 2012, 2, 1200, 600, "平屋面", "×", None, "×"]]
    return Case("yes_no_marks", "洪庙小学.xlsx", xlsx(cells), Expect(
        4, {(0, "existing_pv_kw"): 120.0, (2, "existing_pv_kw"): 30.0,
            (0, "shading"): "无", (1, "shading"): "无", (3, "shading"): "无"}))


def empty_columns_and_notes() -> Case:
    """Blank spacer columns between groups of data, and a long 备注."""
    header = ["建筑名称", "建筑用途", None, "建成年份", "地上层数", None, "建筑面积", "屋顶面积", None,
              "屋面类型", "备注"]
    cells = [[TITLE], *block("3101160155", "上海市金山区金卫中学", "金山区", "初级中学"), [], header,
             ["教学楼", "教学", None, 2001, 4, None, 4400, 1100, None, "平屋面",
              "屋面东侧有冷却塔及太阳能热水器，约占200㎡"],
             ["实验楼", "实验", None, 2003, 3, None, 2700, 900, None, "平屋面", "2021年防水维修"]]
    return Case("empty_columns_and_notes", "金卫中学.xlsx", xlsx(cells), Expect(
        2, {(0, "year_built"): 2001, (0, "gross_floor_area_m2"): 4400.0,
            (1, "roof_type"): "混凝土平屋面", (1, "notes"): "2021年防水维修",
            (0, "notes"): "屋面东侧有冷却塔及太阳能热水器，约占200㎡"}))


def logo_title_block_row5() -> Case:
    """A logo and a three-line title block; the header on row 5."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（平方米）", "屋顶面积（平方米）", "屋面类型"]
    cells = [[None], ["（2026年3月）"], ["学校名称：上海市崇明区城桥中学", None, None, None, "学校代码：3101300166"],
             ["所在区：崇明区", None, None, None, "学校类型：完全中学"], header,
             ["教学楼", "教学", 2000, 4, 6400, 1600, "平屋面"],
             ["图书馆", "图书馆", 2005, 3, 2700, 900, "坡屋面"]]
    merges = ((0, 1, 0, 6, "崇明区城桥中学校舍建筑面积调查表"), (1, 1, 1, 6, "（2026年3月）"))
    data = book(Sheet(cells, merges=merges, image_at=(0, 0), widths={0: 14}))
    return Case("logo_title_block_row5", "城桥中学.xlsx", data, Expect(
        2, {(1, "roof_type"): "坡屋面", (0, "gross_floor_area_m2"): 6400.0},
        {"school_code": "3101300166", "district": "崇明区"}))


def sheet1_with_explanation_sheet() -> Case:
    """Sheet1 holds the table; a 说明 sheet explains each column in a small table of its own."""
    explain = [["字段", "说明", "示例"], ["建筑名称", "楼栋名称", "1号教学楼"], ["建筑面积", "单位：平方米", 8600],
               ["屋顶面积", "单位：平方米", 1720], ["屋面类型", "平屋面/坡屋面/彩钢瓦", "平屋面"]]
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    data_sheet = [*block("3101150177", "上海市浦东新区建平实验小学", "浦东新区", "小学"), header,
                  ["教学楼", "教学", 2009, 4, 4800, 1200, "平屋面"],
                  ["体育馆", "体育馆", 2011, 1, 1500, 1500, "彩钢瓦"]]
    data = book(Sheet(data_sheet, name="Sheet1"), Sheet(explain, name="说明"))
    return Case("sheet1_with_explanation_sheet", "建平实验小学.xlsx", data, Expect(
        2, {(1, "roof_type"): "彩钢瓦"}, sheets_read=("Sheet1",)))


def explanation_sheet_first() -> Case:
    """The 说明 sheet placed before Sheet1, as the district sent it."""
    explain = [["说明"], ["一、每栋建筑填写一行。"], ["二、面积单位为平方米。"],
               ["建筑名称", "楼栋名称，如1号楼"], ["建成年份", "四位年份"]]
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    data_sheet = [*block("3101150178", "上海市浦东新区建平西校", "浦东新区", "初级中学"), header,
                  ["教学楼", "教学", 2012, 5, 6000, 1200, "平屋面"]]
    data = book(Sheet(explain, name="说明"), Sheet(data_sheet, name="Sheet1"))
    return Case("explanation_sheet_first", "建平西校.xlsx", data, Expect(
        1, {(0, "year_built"): 2012}, sheets_read=("Sheet1",)))


def english_international() -> Case:
    """An international school's all-English sheet and block."""
    header = ["Building Name", "Function", "Year Completed", "Storeys", "Gross Floor Area (m²)",
              "Roof Area (m²)", "Roof Type", "Roof Orientation", "Roof Condition", "Shading",
              "Existing Solar PV (kWp)", "Remarks"]
    cells = [["Rooftop Solar Survey – Building Information"],
             ["School Name:", "Shanghai Pinghe International School"],
             ["School Code:", "3101150999"], ["District:", "Minhang District"],
             ["School Type:", "International school (K-12)"], [], header,
             ["Primary Building", "Academic", 2008, 4, 9000, 2200, "Flat", "South", "Good", "None",
              150, None],
             ["Sports Centre", "Sports", 2013, 2, 5200, 2600, "Pitched", "South-east",
              "Needs repair", "Partial", 0, "leak reported 2024"]]
    return Case("english_international", "Pinghe_buildings.xlsx", xlsx(cells), Expect(
        2, {(0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面",
            (0, "building_use"): "教学", (1, "building_use"): "体育馆",
            (0, "roof_condition"): "良好", (1, "roof_condition"): "差",
            (1, "roof_azimuth_deg"): 135.0, (0, "existing_pv_kw"): 150.0,
            (1, "notes"): "leak reported 2024", (0, "floors_above_ground"): 4},
        {"district": "闵行区", "school_type": "中小学", "school_code": "3101150999"}))


def traditional_characters() -> Case:
    """A sheet typed with a traditional-character IME: 樓棟, 面積, 學校."""
    header = ["樓棟名稱", "建築用途", "建成年份", "地上層數", "建築面積（㎡）", "屋頂面積（㎡）", "屋面類型",
              "屋頂狀況"]
    cells = [["學校名稱", "上海市黃浦區格致中學", "學校代碼", "3101010188"],
             ["所在區", "黃浦區", "學校類型", "高級中學"], [], header,
             ["教學樓", "教學", 1995, 5, 6000, 1200, "平屋頂", "良好"],
             ["實驗樓", "實驗", 2005, 4, 4000, 1000, "坡屋頂", "一般"]]
    return Case("traditional_characters", "格致中學.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教學樓", (0, "building_use"): "教学",
            (0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "坡屋面",
            (0, "gross_floor_area_m2"): 6000.0, (1, "roof_condition"): "一般"},
        {"district": "黄浦区", "school_type": "中小学", "school_code": "3101010188"}))


def header_line_breaks() -> Case:
    """Narrow columns: every header broken character by character or with \\r\\n."""
    header = ["楼\n栋\n名\n称", "建\n筑\n用\n途", "建\n成\n年\n份", "地上\n层数\n（层）",
              "建筑\n面积\n（平方\n米）", "屋顶\n面积\n（㎡）", "屋面\r\n类型", "已建\n光伏\n（kW）"]
    cells = [[TITLE], *block("3101060199", "上海市静安区和田路小学", "静安区", "小学"), header,
             ["教学楼", "教学", 1997, 4, 4400, 1100, "平屋面", 40],
             ["综合楼", "办公", 2011, 5, 5500, 1100, "平屋面", None]]
    return Case("header_line_breaks", "和田路小学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼", (0, "year_built"): 1997,
            (0, "floors_above_ground"): 4, (0, "gross_floor_area_m2"): 4400.0,
            (1, "roof_area_m2"): 1100.0, (0, "existing_pv_kw"): 40.0}))


def serial_dash_numbers() -> Case:
    """序号 as 1-1, 1-2, 2-1 (campus–building), a campus name in a sub-heading row."""
    header = ["序号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block("3101090200", "上海市虹口区北虹高级中学", "虹口区", "高级中学"), header,
             ["1", "本部校区"],
             ["1-1", "教学楼", "教学", 1999, 5, 6000, 1200, "平屋面"],
             ["1-2", "实验楼", "实验", 2003, 4, 3200, 800, "平屋面"],
             ["2", "东校区"],
             ["2-1", "东校区教学楼", "教学", 2014, 4, 4000, 1000, "平屋面"]]
    return Case("serial_dash_numbers", "北虹高中.xlsx", xlsx(cells), Expect(
        3, {(0, "building_name"): "教学楼", (2, "building_name"): "东校区教学楼",
            (1, "year_built"): 2003}, skipped={5, 8}))


def group_two_schools() -> Case:
    """集团化办学: the group fills one sheet, each school's block followed by its table."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [["上海市建平教育集团建筑楼宇面积调研表"],
             *block("3101150301", "上海市建平中学", "浦东新区", "高级中学"), header,
             ["教学楼", "教学", 2001, 5, 8000, 1600, "平屋面"],
             ["体育馆", "体育馆", 2005, 2, 4000, 2000, "彩钢瓦"], [],
             *block("3101150302", "上海市建平中学南校", "浦东新区", "初级中学"), header,
             ["南校教学楼", "教学", 2016, 4, 6000, 1500, "平屋面"]]
    return Case("group_two_schools", "建平教育集团.xlsx", xlsx(cells), Expect(
        3, {(2, "school_code"): "3101150302", (0, "school_code"): "3101150301"}, n_schools=2,
        schools={("3101150302", "school_name"): "上海市建平中学南校",
                 ("3101150301", "school_type"): "中小学"}))


def legacy_xls_text_numbers() -> Case:
    """A legacy .xls from an old office PC: text numbers, 5F, 2001年, a 合计 row."""
    header = ["楼号", "用途", "建成年代", "层数", "建筑面积(M2)", "屋面面积(M2)", "屋面类型"]
    cells = [[None] * 7, ["学校：上海市嘉定区娄塘学校", None, None, "代码：3101140211"],
             ["区县：嘉定", None, None, "类型：九年一贯制"], header,
             ["1#楼", "教学", "2001年", "5F", "5,500", "1100", "平屋面"],
             ["2#楼", "办公", "1996年", "3F", "1,800", "600", "坡屋面"],
             ["合计", None, None, None, "7,300", "1700", None]]
    merges = ((0, 0, 0, 6, "娄塘学校校舍情况表"),)
    return Case("legacy_xls_text_numbers", "娄塘学校.xls", xls(cells, merges), Expect(
        2, {(0, "building_name"): "1#楼", (0, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 5500.0, (1, "year_built"): 1996},
        {"school_code": "3101140211", "district": "嘉定区", "school_type": "中小学"},
        skipped={7}))


def gbk_csv_block_and_separators() -> Case:
    """A GBK CSV with the block above, ㎡ in the header, quoted "1,200" values, CRLF."""
    rows = [["学校名称", "上海市松江区九峰实验学校", "学校代码", "3101170222"],
            ["所在区", "松江区", "学校类型", "九年一贯制学校"],
            ["年用电量（kWh）", "1,250,000"], [],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（㎡）", "屋顶面积（㎡）", "屋面类型"],
            ["小学部教学楼", "教学", 2010, 4, "4,800", "1,200", "平屋面"],
            ["初中部教学楼", "教学", 2010, 5, "6,000", "1,200", "平屋面"]]
    return Case("gbk_csv_block_and_separators", "九峰实验学校.csv", delimited(rows, "gbk"), Expect(
        2, {(0, "gross_floor_area_m2"): 4800.0, (1, "roof_area_m2"): 1200.0},
        {"school_code": "3101170222", "annual_electricity_kwh": 1_250_000.0,
         "school_type": "中小学"}))


def bom_csv_units_second_row() -> Case:
    """A UTF-8-BOM CSV whose units sit in a second header row only (万㎡ for floor area)."""
    rows = [["学校名称", "上海市普陀区真如中学"], ["学校代码", "3101070233"], ["所在区", "普陀区"],
            ["学校类型", "完全中学"],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "已建光伏"],
            ["", "", "（年）", "（层）", "（万㎡）", "（㎡）", "", "（kW）"],
            ["教学楼", "教学", 2003, 5, 0.65, 1300, "平屋面", 60],
            ["体育馆", "体育馆", 2012, 1, 0.3, 3000, "彩钢瓦", 0]]
    return Case("bom_csv_units_second_row", "真如中学.csv", delimited(rows, "utf-8-sig"), Expect(
        2, {(0, "gross_floor_area_m2"): 6500.0, (1, "gross_floor_area_m2"): 3000.0,
            (0, "roof_area_m2"): 1300.0, (0, "existing_pv_kw"): 60.0}))


def units_row_labelled() -> Case:
    """A units row whose first cell says 单位, units bare (万平方米, 平方米, 千瓦)."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "已建光伏"]
    units = ["单位", None, "年", "层", "万平方米", "平方米", None, "千瓦"]
    cells = [[TITLE], *block("3101040244", "上海市徐汇区位育初级中学", "徐汇区", "初级中学"), header, units,
             ["教学楼", "教学", 2000, 5, 0.6, 1200, "平屋面", 50],
             ["艺术楼", "教学", 2010, 3, 0.24, 800, "平屋面", None]]
    return Case("units_row_labelled", "位育初中.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "gross_floor_area_m2"): 2400.0,
            (0, "existing_pv_kw"): 50.0, (1, "roof_area_m2"): 800.0}))


def unusual_order() -> Case:
    """Columns in an unusual order: roof first, the name near the end."""
    header = ["屋面类型", "屋顶面积(㎡)", "建筑面积(㎡)", "层数", "建成年份", "用途", "楼栋名称", "备注"]
    cells = [[TITLE], *block("3101120255", "上海市闵行区莘庄中学", "闵行区", "完全中学"), header,
             ["彩钢瓦", 2400, 2500, 1, 2015, "体育馆", "风雨操场", None],
             ["平屋面", 1300, 6500, 5, 2001, "教学", "教学楼", "北侧有高层住宅"]]
    return Case("unusual_order", "莘庄中学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "风雨操场", (0, "roof_type"): "彩钢瓦",
            (0, "roof_area_m2"): 2400.0, (0, "gross_floor_area_m2"): 2500.0,
            (1, "floors_above_ground"): 5, (1, "year_built"): 2001,
            (1, "notes"): "北侧有高层住宅"}))


def frozen_filtered() -> Case:
    """A frozen header with filter buttons, the table reaching row 12."""
    header = ["序号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    rows = [[i + 1, f"{i + 1}号楼", "教学", 1990 + i, 4, 4000, 1000, "平屋面"] for i in range(8)]
    cells = [*block("3101180266", "上海市青浦区朱家角中学", "青浦区", "完全中学"), [], header, *rows]
    data = book(Sheet(cells, freeze=(4, 2), autofilter=(3, 0, 11, 7)))
    return Case("frozen_filtered", "朱家角中学.xlsx", data, Expect(
        8, {(7, "building_name"): "8号楼", (7, "year_built"): 1997}))


def data_from_column_c() -> Case:
    """Everything shifted: the block and table start at column C, the table at row 6."""
    pad = [None, None]
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[], [*pad, "学校名称", "上海市宝山区罗店中学", "学校代码", "3101130277"],
             [*pad, "所在区", "宝山区", "学校类型", "完全中学"], [], [], [*pad, *header],
             [*pad, "教学楼", "教学", 2006, 5, 7000, 1400, "平屋面"],
             [*pad, "宿舍楼", "宿舍", 2007, 6, 6000, 1000, "平屋面"]]
    return Case("data_from_column_c", "罗店中学.xlsx", xlsx(cells), Expect(
        2, {(1, "building_use"): "宿舍", (1, "floors_above_ground"): 6},
        {"school_code": "3101130277"}))


def lat_first_pair() -> Case:
    """Coordinates pasted from Tencent's picker: latitude first (31.23,121.47), 腾讯 source."""
    cells = [["学校名称", "上海市黄浦区大同中学", "学校代码", "3101010288"],
             ["所在区", "黄浦区", "学校类型", "完全中学"],
             ["坐标", "31.205423,121.476571", "坐标来源", "腾讯地图"], [],
             ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 2003, 5, 6500, 1300, "平屋面"]]
    return Case("lat_first_pair", "大同中学.xlsx", xlsx(cells), Expect(
        1, {}, {"coord_system": "GCJ-02", "latitude_input": 31.205423,
                "longitude_input": 121.476571}))


def above_and_below_ground() -> Case:
    """地下层数 before 地上层数, and 建筑高度(m) beside them."""
    header = ["建筑名称", "建筑用途", "建成年份", "地下层数", "地上层数", "建筑高度(m)", "建筑面积", "屋顶面积",
              "屋面类型"]
    cells = [*block("3101050299", "上海市长宁区复旦中学", "长宁区", "完全中学"), header,
             ["图书信息楼", "图书馆", 2010, 1, 6, 24.5, 7200, 1200, "平屋面"],
             ["教学楼", "教学", 1998, 0, 5, 19.8, 6000, 1200, "平屋面"]]
    return Case("above_and_below_ground", "复旦中学.xlsx", xlsx(cells), Expect(
        2, {(0, "floors_above_ground"): 6, (1, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 7200.0}, warnings={"ignored_column"}))


def usable_before_total_roof() -> Case:
    """屋顶可利用面积 placed before 屋顶总面积: each must land on its own field."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "总建筑面积（㎡）", "屋顶可利用面积（㎡）",
              "屋顶总面积（㎡）", "屋面类型"]
    cells = [[TITLE], *block("3101100300", "上海市杨浦区控江中学", "杨浦区", "完全中学"), header,
             ["教学楼", "教学", 2004, 5, 7000, 900, 1400, "平屋面"],
             ["科技楼", "实验", 2012, 4, 4800, 800, 1200, "平屋面"]]
    return Case("usable_before_total_roof", "控江中学.xlsx", xlsx(cells), Expect(
        2, {(0, "roof_area_m2"): 1400.0, (0, "usable_roof_area_m2"): 900.0,
            (1, "roof_area_m2"): 1200.0, (1, "usable_roof_area_m2"): 800.0,
            (0, "gross_floor_area_m2"): 7000.0}))


def block_words_and_contact() -> Case:
    """A block with 公办小学, 浦东, 年用电量(kWh) as "1,234,567" text, contact split in two cells."""
    cells = [[TITLE],
             ["学校名称", "上海市浦东新区进才实验小学", "学校代码", "3101150311"],
             ["所在区", "浦东", "学校类型", "公办小学"],
             ["年用电量(kWh)", "1,234,567", "联系人", "周老师", "联系电话", "13812345678"], [],
             ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 2005, 4, 5600, 1400, "平屋面"]]
    return Case("block_words_and_contact", "进才实验小学.xlsx", xlsx(cells), Expect(
        1, {}, {"district": "浦东新区", "school_type": "中小学",
                "annual_electricity_kwh": 1_234_567.0}))


def year_month_dates_and_split_floors() -> Case:
    """竣工日期 as Excel dates shown yyyy年m月; 层数（地上/地下） typed 5/1."""
    header = ["建筑名称", "建筑用途", "竣工日期", "层数（地上/地下）", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101120322", "上海市闵行区闵行中学", "闵行区", "高级中学"), header,
             ["实验楼", "实验", dt.date(2007, 8, 1), "5/1", 5000, 1000, "平屋面"],
             ["教学楼", "教学", dt.date(1999, 9, 1), "4/0", 4800, 1200, "平屋面"]]
    return Case("year_month_dates_and_split_floors", "闵行中学.xlsx", xlsx(cells), Expect(
        2, {(0, "year_built"): 2007, (1, "year_built"): 1999,
            (0, "floors_above_ground"): 5, (1, "floors_above_ground"): 4}))


def annual_use_in_wan_text_block_pairs() -> Case:
    """A block of label：value cells in one row, 年用电量：约86万度 (an estimate a person reads)."""
    cells = [["学校名称：上海市徐汇区向阳小学", None, "学校代码：3101040333", None, "所在区：徐汇区",
              None, "学校类型：小学"],
             ["年用电量：86万度", None, "联系人：陈老师 64000000"], [],
             ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 1992, 4, 4000, 1000, "平屋面"]]
    return Case("annual_use_in_wan_text_block_pairs", "向阳小学.xlsx", xlsx(cells), Expect(
        1, {}, {"annual_electricity_kwh": 860_000.0, "school_code": "3101040333",
                "district": "徐汇区"}))


def merged_down_values() -> Case:
    """建成年份 and 屋面类型 merged down over buildings that share them."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block("3101150401", "上海市浦东新区竹园小学", "浦东新区", "小学"), header,
             ["1号楼", "教学", None, 4, 4000, 1000, None],
             ["2号楼", "教学", None, 4, 4000, 1000, None],
             ["3号楼", "办公", None, 3, 2400, 800, None],
             ["体育馆", "体育馆", 2012, 1, 1500, 1500, "彩钢瓦"]]
    merges = ((4, 2, 6, 2, 2003), (4, 6, 6, 6, "平屋面"))
    return Case("merged_down_values", "竹园小学.xlsx", xlsx(cells, merges), Expect(
        4, {(0, "year_built"): 2003, (1, "year_built"): 2003, (2, "year_built"): 2003,
            (2, "roof_type"): "混凝土平屋面", (1, "roof_type"): "混凝土平屋面",
            (3, "year_built"): 2012}))


def formula_cells() -> Case:
    """Areas computed by formulas (cached values kept), a 合计 row of SUM formulas."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "单层面积", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block("3101150402", "上海市浦东新区东昌中学", "浦东新区", "完全中学"), header,
             ["教学楼", "教学", 2000, 5, 1200, Formula("=D5*E5", 6000), Formula("=E5", 1200), "平屋面"],
             ["实验楼", "实验", 2004, 4, 900, Formula("=D6*E6", 3600), Formula("=E6", 900), "平屋面"],
             ["合计", None, None, None, None, Formula("=SUM(F5:F6)", 9600),
              Formula("=SUM(G5:G6)", 2100), None]]
    return Case("formula_cells", "东昌中学.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "roof_area_m2"): 900.0}, skipped={7}))


def spaced_header_characters() -> Case:
    """Headers justified with spaces: 建　筑　名　称, 建 筑 面 积, 层  数."""
    header = ["建　筑　名　称", "用　途", "建 成 年 份", "层  数", "建 筑 面 积", "屋 顶 面 积", "屋 面 类 型"]
    cells = [[TITLE], *block("3101150403", "上海市浦东新区福山外国语小学", "浦东新区", "小学"), header,
             ["教学楼", "教学", 2006, 4, 4400, 1100, "平屋面"],
             ["综合楼", "办公", 2008, 5, 5000, 1000, "平屋面"]]
    return Case("spaced_header_characters", "福山外国语小学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼", (1, "floors_above_ground"): 5,
            (0, "gross_floor_area_m2"): 4400.0, (1, "roof_type"): "混凝土平屋面"}))


def hints_in_headers() -> Case:
    """District templates put hints in the header: （如2005）, （平屋面/坡屋面/彩钢瓦）, （必填）."""
    header = ["建筑名称（必填）", "建筑用途（教学/办公/宿舍/食堂/其他）", "建成年份（如2005）",
              "地上层数（填数字）", "建筑面积（㎡，保留整数）", "屋顶面积（㎡，水平投影）",
              "屋面类型（平屋面/坡屋面/彩钢瓦）", "屋面状况（良好/一般/差）", "备注（选填）"]
    cells = [[TITLE], *block("3101170404", "上海市松江区第二中学", "松江区", "高级中学"), header,
             ["教学楼", "教学", 2001, 5, 6000, 1200, "坡屋面", "一般", None],
             ["食堂", "食堂", 2009, 2, 1800, 900, "彩钢瓦", "良好", "屋面2020年翻新"]]
    return Case("hints_in_headers", "松江二中.xlsx", xlsx(cells), Expect(
        2, {(0, "building_use"): "教学", (1, "building_use"): "食堂", (0, "year_built"): 2001,
            (0, "floors_above_ground"): 5, (0, "gross_floor_area_m2"): 6000.0,
            (1, "roof_area_m2"): 900.0, (0, "roof_type"): "坡屋面", (1, "roof_type"): "彩钢瓦",
            (0, "roof_condition"): "一般", (1, "notes"): "屋面2020年翻新"}))


def coded_dropdown_values() -> Case:
    """Drop-down lists with codes: 1-平屋面, A.彩钢瓦, ①坡屋面, 01-教学."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "屋面状况"]
    cells = [*block("3101170405", "上海市松江区岳阳小学", "松江区", "小学"), header,
             ["教学楼", "01-教学", 1999, 4, 4000, 1000, "1-平屋面", "A.良好"],
             ["体育馆", "05-体育馆", 2012, 1, 1500, 1500, "A.彩钢瓦", "B.一般"],
             ["老楼", "02-办公", 1960, 2, 800, 400, "①坡屋面", "C.差"]]
    return Case("coded_dropdown_values", "岳阳小学.xlsx", xlsx(cells), Expect(
        3, {(0, "roof_type"): "混凝土平屋面", (1, "roof_type"): "彩钢瓦", (2, "roof_type"): "坡屋面",
            (0, "building_use"): "教学", (1, "building_use"): "体育馆", (2, "building_use"): "办公",
            (0, "roof_condition"): "良好", (2, "roof_condition"): "差"}))


def floors_with_plant_rooms() -> Case:
    """5+1 (five floors and a plant room or basement), 5层+机房层, 地上5层."""
    header = ["建筑名称", "建筑用途", "建成年份", "层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101180406", "上海市青浦区实验中学", "青浦区", "完全中学"), header,
             ["教学楼", "教学", 2005, "5+1", 6000, 1200, "平屋面"],
             ["实验楼", "实验", 2005, "5层+机房层", 5000, 1000, "平屋面"],
             ["行政楼", "办公", 2005, "地上5层", 4000, 800, "平屋面"]]
    return Case("floors_with_plant_rooms", "青浦实验中学.xlsx", xlsx(cells), Expect(
        3, {(0, "floors_above_ground"): 5, (1, "floors_above_ground"): 5,
            (2, "floors_above_ground"): 5}))


def block_below_table() -> Case:
    """The school's details written under the table, beside the signature lines."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], header,
             ["教学楼", "教学", 2002, 4, 4400, 1100, "平屋面"],
             ["图书馆", "图书馆", 2008, 3, 2700, 900, "平屋面"], [],
             ["学校名称：上海市闵行区华漕学校", None, None, "学校代码：3101120407"],
             ["所在区：闵行区", None, None, "学校类型：九年一贯制学校"],
             ["填表人：吴老师", None, None, "联系电话：13700000000"]]
    return Case("block_below_table", "华漕学校.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "图书馆"},
        {"school_code": "3101120407", "school_name": "上海市闵行区华漕学校", "district": "闵行区",
         "school_type": "中小学"}))


def numeric_building_names() -> Case:
    """楼号 typed as plain numbers 1, 2, 3 beside a 序号 column."""
    header = ["序号", "楼号", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101120408", "上海市闵行区古美学校", "闵行区", "九年一贯制学校"), header,
             [1, 1, "教学", 2001, 4, 4000, 1000, "平屋面"],
             [2, 2, "教学", 2001, 4, 4000, 1000, "平屋面"],
             [3, 5, "办公", 2003, 3, 2400, 800, "平屋面"]]
    return Case("numeric_building_names", "古美学校.xlsx", xlsx(cells), Expect(
        3, {(0, "building_name"): "1", (2, "building_name"): "5"}))


def old_district_names() -> Case:
    """A committee list still using 闸北区, 卢湾区, 南汇区 (merged into other districts)."""
    header = ["学校代码", "学校名称", "所在区", "学校类型", "建筑名称", "建筑用途", "建成年份", "地上层数",
              "建筑面积", "屋顶面积", "屋面类型"]
    rows = [["3101080501", "闸北第八中学", "闸北区", "初级中学", "教学楼", "教学", 1996, 5, 5000, 1000,
             "平屋面"],
            ["3101030502", "卢湾高级中学", "卢湾区", "高级中学", "教学楼", "教学", 1999, 5, 6000, 1200,
             "平屋面"],
            ["3101190503", "南汇第一中学", "南汇区", "完全中学", "教学楼", "教学", 2002, 4, 4800, 1200,
             "平屋面"]]
    return Case("old_district_names", "汇总（旧区名）.xlsx", xlsx([header, *rows]), Expect(
        3, n_schools=3, schools={("3101080501", "district"): "静安区",
                                 ("3101030502", "district"): "黄浦区",
                                 ("3101190503", "district"): "浦东新区"}))


def numeric_school_code() -> Case:
    """The school code typed as a number in Excel (no leading apostrophe)."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [["学校名称", "上海市宝山区月浦实验学校", None, "学校代码", 3101130409],
             ["所在区", "宝山区", None, "学校类型", "九年一贯制学校"], header,
             ["教学楼", "教学", 2004, 4, 4800, 1200, "平屋面"]]
    return Case("numeric_school_code", "月浦实验学校.xlsx", xlsx(cells), Expect(
        1, {(0, "school_code"): "3101130409"}, {"school_code": "3101130409"}))


def html_table_as_xls() -> Case:
    """An "xls" exported by a web system: an HTML table in GB2312, which Excel opens."""
    rows = [["学校名称", "上海市徐汇区汇师小学", "学校代码", "3101040410"],
            ["所在区", "徐汇区", "学校类型", "小学"],
            ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
            ["教学楼", "教学", "1998", "4", "4400", "1100", "平屋面"],
            ["科技楼", "实验", "2010", "5", "5000", "1000", "平屋面"]]
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f'</head><body><table border="1">{body}</table></body></html>')
    return Case("html_table_as_xls", "汇师小学导出.xls", html.encode("gbk"), Expect(
        2, {(1, "building_name"): "科技楼", (0, "year_built"): 1998},
        {"school_code": "3101040410"}))


def xlsx_named_xls() -> Case:
    """An .xlsx file renamed to .xls by hand (the content is OOXML)."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101040411", "上海市徐汇区园南中学", "徐汇区", "初级中学"), header,
             ["教学楼", "教学", 2000, 4, 4400, 1100, "平屋面"]]
    return Case("xlsx_named_xls", "园南中学.xls", xlsx(cells), Expect(1, {(0, "year_built"): 2000}))


def wps_et_file() -> Case:
    """WPS 表格's own .et extension (a BIFF8 compound file like .xls)."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101040412", "上海市徐汇区田林小学", "徐汇区", "小学"), header,
             ["教学楼", "教学", 1995, 4, 4000, 1000, "平屋面"]]
    return Case("wps_et_file", "田林小学.et", xls(cells), Expect(1, {(0, "year_built"): 1995}))


def roof_and_usable_in_one_cell() -> Case:
    """One column 屋顶面积/可利用面积 typed as 1200/800."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积/可利用面积（㎡）", "屋面类型"]
    cells = [*block("3101060413", "上海市静安区七一中学", "静安区", "初级中学"), header,
             ["教学楼", "教学", 1999, 5, 6000, "1200/800", "平屋面"],
             ["综合楼", "办公", 2008, 4, 4000, "1000/600", "平屋面"]]
    return Case("roof_and_usable_in_one_cell", "七一中学.xlsx", xlsx(cells), Expect(
        2, {(0, "roof_area_m2"): 1200.0, (0, "usable_roof_area_m2"): 800.0,
            (1, "roof_area_m2"): 1000.0, (1, "usable_roof_area_m2"): 600.0}))


def unit_column_beside_area() -> Case:
    """A 单位 column after 建筑面积, saying ㎡ or 万㎡ per row."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "单位", "屋顶面积（㎡）", "屋面类型"]
    cells = [*block("3101060414", "上海市静安区风华初级中学", "静安区", "初级中学"), header,
             ["教学楼", "教学", 2001, 5, 6000, "㎡", 1200, "平屋面"],
             ["实验楼", "实验", 2009, 4, 0.32, "万㎡", 800, "平屋面"]]
    return Case("unit_column_beside_area", "风华初中.xlsx", xlsx(cells), Expect(
        2, {(0, "gross_floor_area_m2"): 6000.0, (1, "gross_floor_area_m2"): 3200.0}))


def lettered_coordinates() -> Case:
    """Coordinates written E121.4737 / N31.2304 in the block, 坐标系 WGS-84."""
    cells = [["学校名称", "上海市长宁区愚园路第一小学", "学校代码", "3101050415"],
             ["所在区", "长宁区", "学校类型", "小学"],
             ["经度", "E121.4321", "纬度", "N31.2206", "坐标系", "WGS-84"], [],
             ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"],
             ["教学楼", "教学", 1990, 4, 4000, 1000, "平屋面"]]
    return Case("lettered_coordinates", "愚一小.xlsx", xlsx(cells), Expect(
        1, {}, {"coord_system": "WGS84"}, near={"latitude": (31.2206, 1e-6),
                                                "longitude": (121.4321, 1e-6)}))


def pv_words_with_capacity() -> Case:
    """已建光伏 as 无 / 有（100kW） / 已建50kW / 否."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型", "已建光伏"]
    cells = [*block("3101050416", "上海市长宁区省吾中学", "长宁区", "完全中学"), header,
             ["教学楼", "教学", 2000, 5, 6000, 1200, "平屋面", "无"],
             ["实验楼", "实验", 2006, 4, 4000, 1000, "平屋面", "有（100kW）"],
             ["体育馆", "体育馆", 2012, 1, 1500, 1500, "彩钢瓦", "已建50kW"],
             ["食堂", "食堂", 2012, 2, 1200, 600, "平屋面", "否"]]
    return Case("pv_words_with_capacity", "省吾中学.xlsx", xlsx(cells), Expect(
        4, {(0, "existing_pv_kw"): 0.0, (1, "existing_pv_kw"): 100.0,
            (2, "existing_pv_kw"): 50.0, (3, "existing_pv_kw"): 0.0}))


def breakdown_rows() -> Case:
    """其中： rows under a building break its area down; they are not buildings."""
    header = ["序号", "建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [[TITLE], *block("3101100417", "上海市杨浦区同济二附中", "杨浦区", "完全中学"), header,
             [1, "综合楼", "教学", 2005, 5, 8000, 1600, "平屋面"],
             [None, "其中：地下车库", None, None, None, 1500, None, None],
             [None, "其中：报告厅", None, None, None, 600, None, None],
             [2, "宿舍楼", "宿舍", 2006, 6, 6000, 1000, "平屋面"]]
    return Case("breakdown_rows", "同济二附中.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "宿舍楼"}, skipped={6, 7}))


def year_with_renovation() -> Case:
    """1958年（2010年改建）: built in 1958; 2010年大修 noted in the same cell."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101010418", "上海市黄浦区敬业中学", "黄浦区", "完全中学"), header,
             ["老图书馆", "图书馆", "1958年（2010年改建）", 3, 2100, 700, "坡屋面"],
             ["教学楼", "教学", "1995（2015年加固）", 5, 6000, 1200, "平屋面"]]
    return Case("year_with_renovation", "敬业中学.xlsx", xlsx(cells), Expect(
        2, {(0, "year_built"): 1958, (1, "year_built"): 1995}))


def unit_column_uniform() -> Case:
    """A 单位 column saying ㎡ on every row: a unit, not the school (单位名称) nor its code."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "单位", "屋顶面积（㎡）", "屋面类型"]
    cells = [*block("3101060419", "上海市静安区一中心小学", "静安区", "小学"), header,
             ["教学楼", "教学", 2001, 5, 6000, "㎡", 1200, "平屋面"],
             ["实验楼", "实验", 2009, 4, 3200, "㎡", 800, "平屋面"]]
    return Case("unit_column_uniform", "静安一中心.xlsx", xlsx(cells), Expect(
        2, {(0, "school_code"): "3101060419", (1, "gross_floor_area_m2"): 3200.0},
        {"school_code": "3101060419", "school_name": "上海市静安区一中心小学"}))


def potential_pv_column() -> Case:
    """可安装光伏容量 is the school's estimate of what could go up, not PV already built."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
              "可安装光伏容量（kW）"]
    cells = [*block("3101150420", "上海市浦东新区花木小学", "浦东新区", "小学"), header,
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面", 150],
             ["体育馆", "体育馆", 2010, 1, 1500, 1500, "彩钢瓦", 200]]
    return Case("potential_pv_column", "花木小学.xlsx", xlsx(cells), Expect(
        2, {(0, "existing_pv_kw"): None, (1, "existing_pv_kw"): None}))


def planned_pv_column() -> Case:
    """拟建光伏装机 (planned), beside 已建光伏 (built): only the built one is existing PV."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
              "拟建光伏装机（kW）"]
    cells = [*block("3101150421", "上海市浦东新区洋泾中学", "浦东新区", "完全中学"), header,
             ["教学楼", "教学", 2001, 5, 6000, 1200, "平屋面", 150]]
    return Case("planned_pv_column", "洋泾中学.xlsx", xlsx(cells), Expect(
        1, {(0, "existing_pv_kw"): None}))


def pv_yield_not_capacity() -> Case:
    """光伏年发电量（kWh） is energy, not the kW capacity of PV built."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型",
              "光伏年发电量（kWh）"]
    cells = [*block("3101150422", "上海市浦东新区进才中学", "浦东新区", "高级中学"), header,
             ["教学楼", "教学", 2001, 5, 6000, 1200, "平屋面", 60000]]
    return Case("pv_yield_not_capacity", "进才中学.xlsx", xlsx(cells), Expect(
        1, {(0, "existing_pv_kw"): None}))


def wan_header_plain_values() -> Case:
    """建筑面积（万㎡） in the header but 4000 typed (in ㎡): 4,000万㎡ for one school building is a slip."""
    header = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积（万㎡）", "屋顶面积", "屋面类型"]
    cells = [*block("3101150423", "上海市浦东新区东方中学", "浦东新区", "初级中学"), header,
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"]]
    return Case("wan_header_plain_values", "东方中学.xlsx", xlsx(cells), Expect(
        1, errors={"E4"}))


SIMPLE_HEADER = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]


def continued_table() -> Case:
    """A long list printed over two pages: 续表 and the header again on the second page."""
    cells = [[TITLE], *block("3101150424", "上海市浦东新区金杨中学", "浦东新区", "初级中学"), SIMPLE_HEADER,
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"], ["续表"], SIMPLE_HEADER,
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"]]
    return Case("continued_table", "金杨中学.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "食堂"}, skipped={6, 7}))


def example_rows() -> Case:
    """The district's example rows left in: 例：… and （示例）… in the name cell."""
    cells = [[TITLE], *block("3101150425", "上海市浦东新区南汇中学", "浦东新区", "高级中学"), SIMPLE_HEADER,
             ["例：1号教学楼", "教学", 2005, 5, 8600, 1720, "平屋面"],
             ["（示例）实验楼", "实验", 2010, 4, 4000, 1000, "平屋面"],
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"],
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"]]
    return Case("example_rows", "南汇中学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼", (1, "building_name"): "食堂"}, skipped={5, 6}))


def below_blank_marker() -> Case:
    """以下空白 under the last building, as on official forms."""
    cells = [[TITLE], *block("3101150426", "上海市浦东新区周浦小学", "浦东新区", "小学"), SIMPLE_HEADER,
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"],
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"], ["以下空白"]]
    return Case("below_blank_marker", "周浦小学.xlsx", xlsx(cells), Expect(
        2, {(1, "building_name"): "食堂"}, skipped={7}))


def required_marker_row() -> Case:
    """A row of 必填 / 选填 markers under the header, from the district's template."""
    header = SIMPLE_HEADER + ["备注"]
    cells = [[TITLE], *block("3101150427", "上海市浦东新区三林中学", "浦东新区", "完全中学"), header,
             ["必填", "必填", "必填", "必填", "必填", "必填", "必填", "选填"],
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面", None],
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面", None]]
    return Case("required_marker_row", "三林中学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼", (1, "roof_area_m2"): 600.0}))


def side_by_side_campuses() -> Case:
    """本部 on the left, 分校 on the right of the same rows, a blank column between."""
    cells = [[TITLE], *block("3101150428", "上海市浦东新区高桥中学", "浦东新区", "完全中学"),
             ["本部", None, None, None, None, None, None, None, "分校"],
             SIMPLE_HEADER + [None] + SIMPLE_HEADER,
             ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面", None,
              "分校教学楼", "教学", 2012, 4, 4400, 1100, "平屋面"],
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面", None,
              "分校食堂", "食堂", 2012, 2, 1000, 500, "彩钢瓦"]]
    return Case("side_by_side_campuses", "高桥中学.xlsx", xlsx(cells), Expect(
        4, {(0, "usable_roof_area_m2"): None}))


def mac_1904_dates() -> Case:
    """Made in Excel for Mac with the 1904 date system: 竣工日期 as dates."""
    header = ["建筑名称", "建筑用途", "竣工日期", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
    cells = [*block("3101150429", "上海市浦东新区明珠小学", "浦东新区", "小学"), header,
             ["教学楼", "教学", dt.date(2005, 9, 1), 4, 4000, 1000, "平屋面"],
             ["食堂", "食堂", dt.date(2010, 1, 15), 2, 1200, 600, "平屋面"]]
    return Case("mac_1904_dates", "明珠小学.xlsx", book(Sheet(cells), date_1904=True), Expect(
        2, {(0, "year_built"): 2005, (1, "year_built"): 2010}))


def three_row_header() -> Case:
    """A three-row header: 屋顶 › 面积 › （㎡）, merged vertically where a column has one word."""
    cells = [[TITLE], *block("3101150430", "上海市浦东新区洋泾菊园实验学校", "浦东新区", "九年一贯制学校"),
             [None, None, None, None, "面积", None, "屋顶", None],
             [None, None, None, None, "建筑面积", "屋顶面积", "类型", "状况"],
             [None, None, None, None, "（㎡）", "（㎡）", None, None],
             ["教学楼", "教学", 2003, 4, 4800, 1200, "平屋面", "良好"],
             ["体育馆", "体育馆", 2013, 1, 1500, 1500, "彩钢瓦", "一般"]]
    merges = ((3, 0, 5, 0, "建筑名称"), (3, 1, 5, 1, "建筑用途"), (3, 2, 5, 2, "建成年份"),
              (3, 3, 5, 3, "地上层数"), (3, 4, 3, 5, "面积"), (3, 6, 3, 7, "屋顶"),
              (4, 6, 5, 6, "类型"), (4, 7, 5, 7, "状况"))
    return Case("three_row_header", "菊园实验学校.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "gross_floor_area_m2"): 4800.0, (1, "roof_area_m2"): 1500.0,
            (1, "roof_type"): "彩钢瓦", (1, "roof_condition"): "一般", (0, "year_built"): 2003}))


def excel_protected_code_csv() -> Case:
    """A GBK CSV whose code was written ="3101150431" to keep Excel from turning it into a number."""
    rows = [["学校名称", "上海市浦东新区花木中学", "学校代码", '="3101150431"'],
            ["所在区", "浦东新区", "学校类型", "初级中学"], SIMPLE_HEADER,
            ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"]]
    return Case("excel_protected_code_csv", "花木中学.csv", delimited(rows, "gbk"), Expect(
        1, {}, {"school_code": "3101150431"}))


def cover_sheet() -> Case:
    """A 封面 (cover) sheet holding the school's details, the buildings on the next sheet."""
    cover = [["上海市中小学校建筑楼宇面积调研表"], [], ["学校名称", "上海市浦东新区北蔡中学"],
             ["学校代码", "3101150432"], ["所在区", "浦东新区"], ["学校类型", "初级中学"],
             ["联系人", "王老师 13800000001"], ["填报日期", "2026年3月"]]
    table = [SIMPLE_HEADER, ["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"],
             ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"]]
    data = book(Sheet(cover, name="封面"), Sheet(table, name="建筑信息"))
    return Case("cover_sheet", "北蔡中学.xlsx", data, Expect(
        2, {(1, "building_name"): "食堂"},
        {"school_code": "3101150432", "school_name": "上海市浦东新区北蔡中学", "district": "浦东新区",
         "contact": "王老师 13800000001"}, sheets_read=("建筑信息",)))


def block_right_of_table() -> Case:
    """The school's details in a small label | value box to the right of the table."""
    rows = [["教学楼", "教学", 2001, 4, 4000, 1000, "平屋面"], ["食堂", "食堂", 2005, 2, 1200, 600, "平屋面"]]
    box = [["学校名称", "上海市浦东新区张江中学"], ["学校代码", "3101150433"], ["所在区", "浦东新区"],
           ["学校类型", "初级中学"]]
    cells = [SIMPLE_HEADER + [None] + box[0], rows[0] + [None] + box[1], rows[1] + [None] + box[2],
             [None] * 8 + box[3]]
    return Case("block_right_of_table", "张江中学.xlsx", xlsx(cells), Expect(
        2, {(0, "building_name"): "教学楼"},
        {"school_code": "3101150433", "school_name": "上海市浦东新区张江中学"}))


CASE_FUNCTIONS = (
    transposed, campus_column, wps_tsv_gbk, wps_tsv_gbk_csv_name, unicode_text_utf16,
    total_on_top_average_below, names_merged_across, fullwidth_digits, areas_with_units,
    approximate_areas, floors_as_written, years_as_written, roof_words, orientation_words,
    condition_words, yes_no_marks, empty_columns_and_notes, logo_title_block_row5,
    sheet1_with_explanation_sheet, explanation_sheet_first, english_international,
    traditional_characters, header_line_breaks, serial_dash_numbers, group_two_schools,
    legacy_xls_text_numbers, gbk_csv_block_and_separators, bom_csv_units_second_row,
    units_row_labelled, unusual_order, frozen_filtered, data_from_column_c, lat_first_pair,
    above_and_below_ground, usable_before_total_roof, block_words_and_contact,
    year_month_dates_and_split_floors, annual_use_in_wan_text_block_pairs,
    merged_down_values, formula_cells, spaced_header_characters, hints_in_headers,
    coded_dropdown_values, floors_with_plant_rooms, block_below_table, numeric_building_names,
    old_district_names, numeric_school_code, html_table_as_xls, xlsx_named_xls, wps_et_file,
    roof_and_usable_in_one_cell, unit_column_beside_area, lettered_coordinates,
    pv_words_with_capacity, breakdown_rows, year_with_renovation, unit_column_uniform,
    potential_pv_column, planned_pv_column, pv_yield_not_capacity, wan_header_plain_values,
    continued_table, example_rows, below_blank_marker, required_marker_row,
    side_by_side_campuses, mac_1904_dates, three_row_header, excel_protected_code_csv,
    cover_sheet, block_right_of_table,
)


def cases() -> list[Case]:
    """Every unseen sheet, built fresh."""
    return [make() for make in CASE_FUNCTIONS]
