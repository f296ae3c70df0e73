"""A blind corpus of application and expert-score sheets, written without the reader in view.

Each file is made the way a school's 总务处, a district bureau merging its schools' applications
or the review committee's secretary makes it in Excel 2010–2016 or WPS: amounts in 元 with a
合计（万元） row, a project that is both PV and lighting, capacities typed 100kWp or 0.25MW,
yields typed 10万度, start dates 2027年春季, a form typed as 项目名称：屋顶光伏 lines, two forms
on one sheet, hidden helper columns, formulas with their saved values, a header pasted again
for each school, Excel's 'Unicode text' saved as .csv; expert sheets with a 满分 row, grades
优/良, 回避 written in the remark, one sheet per expert by name, totals only, scores above the
full mark, a 专家签字 row holding the experts' names, last year's sheet hidden. Each case's
docstring says what a careful committee clerk reads in it.

Written in eight batches, each run once before anything was changed for it (first run /
cases): 1 19/30, 2 6/13, 3 5/9, 4 7/7, 5 6/9, 6 2/7, 7 2/4, 8 0/3 — 47 of 82 read as a
person would. The others are listed in :data:`NOT_YET_READ_BLIND` with what the reader did.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import xlsxwriter

from tests.subsidy.realistic.corpus import Case, csv_bytes, xls, xlsx, xlsx_book
from tests.subsidy.realistic.corpus_unseen import Expect as _Expect
from tests.subsidy.realistic.corpus_unseen import xls_book

CODE_SJ = "3101170023"  # 松江区
CODE_JA = "3101060031"  # 静安区
CODE_HP = "3101010017"  # 黄浦区
CODE_HK = "3101090011"  # 虹口区
CODE_HK2 = "3101090026"  # 虹口区
CODE_PT = "3101070008"  # 普陀区
CODE_CN = "3101050014"  # 长宁区
CODE_FX = "3101200005"  # 奉贤区


@dataclasses.dataclass
class Expect(_Expect):
    """:class:`corpus_unseen.Expect` with ``refused``: the file cannot be used as it stands
    (an error somewhere, its cell not pinned down by the case)."""

    refused: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refused


# --- writer --------------------------------------------------------------------------------

@dataclasses.dataclass
class Sheet:
    """One worksheet as its author left it: cells from A1, merges (r0, c0, r1, c1, text),
    formulas {(r, c): (formula, saved value)}, hidden columns and rows, comments {(r, c): text}."""

    name: str
    cells: list[list]
    merges: tuple = ()
    formulas: dict = dataclasses.field(default_factory=dict)
    hidden_columns: tuple = ()
    hidden_rows: tuple = ()
    comments: dict = dataclasses.field(default_factory=dict)
    hidden: bool = False


def office_xlsx(sheets: list[Sheet]) -> bytes:
    """An .xlsx as Excel saves it: styled header, wrapped merges, formulas with the value
    Excel computed, hidden helper columns and sheets, reviewers' comments on cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7", "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "vcenter", "align": "center"})
    date_format = book.add_format({"num_format": "yyyy\"年\"m\"月\"d\"日\""})
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        for i, row in enumerate(sheet.cells):
            for j, value in enumerate(row):
                if (i, j) in sheet.formulas:
                    formula, saved = sheet.formulas[(i, j)]
                    ws.write_formula(i, j, formula, None, saved)
                elif isinstance(value, (dt.date, dt.datetime)):
                    ws.write_datetime(i, j, value, date_format)
                elif value is not None:
                    ws.write(i, j, value, bold if i == 0 else None)
        for r0, c0, r1, c1, text in sheet.merges:
            ws.merge_range(r0, c0, r1, c1, text, wrap)
        for column in sheet.hidden_columns:
            ws.set_column(column, column, 12, None, {"hidden": True})
        for row in sheet.hidden_rows:
            ws.set_row(row, None, None, {"hidden": True})
        for (i, j), text in sheet.comments.items():
            ws.write_comment(i, j, text, {"author": "区教育局"})
        if sheet.hidden:
            ws.hide()
    book.close()
    return buffer.getvalue()


def unicode_text_csv(rows: list[list]) -> bytes:
    """Excel's 另存为 'Unicode 文本' (UTF-16 with a byte-order mark, tab-separated), renamed .csv."""
    lines = ["\t".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


# --- application sheets ----------------------------------------------------------------------

def yuan_rows_wan_total() -> Case:
    """Amounts in 元 in the header and the rows, 自筹 worked out by =D-E, and a 合计（万元）
    row summed by formula in 万元 under them: the rows are read in 元, the 合计 row is a
    total (skipped), and its 万元 is no unit for the table."""
    header = ["序号", "项目名称", "项目类型", "项目总投资（元）", "申请补助金额（元）", "学校自筹（元）",
              "预计年节电量（kWh）", "光伏装机容量（kWp）", "预计年发电量（kWh）", "设计使用年限（年）"]
    cells = [["春申中学2027年度节能项目奖补申请表"],
             ["学校代码：" + "3101120007", None, None, "学校名称：上海市闵行区春申中学"],
             header,
             [1, "风雨操场屋顶光伏", "光伏", 880000, 260000, None, "—", 220, 240000, 25],
             [2, "教学楼LED照明改造", "照明改造", 190000, 95000, None, 41000, "—", "—", 10],
             [3, "宿舍空气源热泵热水", "空调与热泵", 640000, 220000, None, 91000, "—", "—", 15],
             ["合计（万元）", None, None, None, None, None, None, None, None, None]]
    formulas = {(3, 5): ("=D4-E4", 620000), (4, 5): ("=D5-E5", 95000), (5, 5): ("=D6-E6", 420000),
                (6, 3): ("=SUM(D4:D6)/10000", 171), (6, 4): ("=SUM(E4:E6)/10000", 57.5),
                (6, 5): ("=SUM(F4:F6)/10000", 113.5)}
    sheet = Sheet("申请表", cells, formulas=formulas)
    return Case("yuan_rows_wan_total", "春申中学奖补申请表.xlsx", office_xlsx([sheet]), Expect(
        3, {(0, "total_investment_cny"): 880_000.0, (1, "subsidy_requested_cny"): 95_000.0,
            (2, "co_funding_cny"): 420_000.0, (0, "claimed_annual_pv_kwh"): 240_000.0,
            (1, "claimed_pv_capacity_kwp"): None, (2, "school_code"): "3101120007"},
        absent={"unit_from_note", "unit_note_ambiguous", "must_be_positive"}))


def pv_and_lighting_in_one() -> Case:
    """A 车棚光伏+照明改造 project typed 光伏+照明 with both a PV yield and a lighting saving:
    neither PV nor lighting alone, so a clerk files it under 其他 (a combined retrofit) and
    keeps both figures; the plain PV row beside it is 光伏."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "光伏装机容量（kWp）", "预计年发电量（kWh）", "使用年限（年）"]
    cells = [["学校代码", CODE_PT, "学校名称", "上海市普陀区曹杨二中附属学校"], header,
             ["PT-01", "车棚光伏及地下车库照明改造", "光伏+照明", 65, 20, 18000, 100, 110000, 20],
             ["PT-02", "教学楼屋顶光伏", "光伏", 92, 28, None, 230, 250000, 25]]
    return Case("pv_and_lighting_in_one", "曹杨二中附校申请.xlsx", xlsx(cells), Expect(
        2, {(0, "project_type"): "其他", (0, "claimed_annual_pv_kwh"): 110_000.0,
            (0, "claimed_annual_saving_kwh"): 18_000.0, (0, "claimed_pv_capacity_kwp"): 100.0,
            (1, "project_type"): "光伏", (0, "total_investment_cny"): 650_000.0},
        absent={"unknown_choice"}))


def capacities_and_yields_typed() -> Case:
    """A UTF-8-BOM CSV whose PV columns carry no unit: capacities typed 100kWp, 0.25MW, 80 kW,
    yields 10万度, 27.5万kWh, 88000度, a lighting saving 2.4万度; each plain to a person."""
    header = ["学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）",
              "光伏装机容量", "预计年发电量", "预计年节电量", "使用年限"]
    school = [CODE_SJ, "松江区泗泾中学"]
    rows = [[*school, "SJ-1", "教学楼屋顶光伏", "光伏", 45, 13.5, "100kWp", "10万度", None, 25],
            [*school, "SJ-2", "实验楼屋顶光伏", "光伏", 110, 33, "0.25MW", "27.5万kWh", None, 25],
            [*school, "SJ-3", "车棚光伏", "光伏", 36, 10, "80 kW", "88000度", None, 25],
            [*school, "SJ-4", "操场照明改造", "照明改造", 12, 6, "无", "无", "2.4万度", 10]]
    return Case("capacities_and_yields_typed", "泗泾中学申报.csv",
                csv_bytes([header, *rows], "utf-8-sig"), Expect(
        4, {(0, "claimed_pv_capacity_kwp"): 100.0, (0, "claimed_annual_pv_kwh"): 100_000.0,
            (1, "claimed_pv_capacity_kwp"): 250.0, (1, "claimed_annual_pv_kwh"): 275_000.0,
            (2, "claimed_pv_capacity_kwp"): 80.0, (2, "claimed_annual_pv_kwh"): 88_000.0,
            (3, "claimed_annual_saving_kwh"): 24_000.0, (3, "claimed_pv_capacity_kwp"): None,
            (1, "subsidy_requested_cny"): 330_000.0},
        absent={"not_a_number"}))


def season_start_dates() -> Case:
    """Start dates as a school plans them: 2027年春季, 2027年暑假, 2027年下半年; a clerk reads
    March, July and July 2027 and notes each as approximate at its cell; 8月底 is August."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限", "计划开工时间", "计划完工时间"]
    cells = [["学校代码：" + CODE_CN + "  学校：上海市长宁区天山初级中学"], header,
             ["CN-1", "教室照明改造", "照明改造", 24, 12, 52000, 10, "2027年春季", "2027年6月"],
             ["CN-2", "食堂热泵热水", "空调与热泵", 58, 20, 86000, 15, "2027年暑假", "2027年8月底"],
             ["CN-3", "教学楼外窗更换", "围护结构", 130, 40, 60000, 25, "2027年下半年", "2027年12月"]]
    return Case("season_start_dates", "天山初中申请.xlsx", xlsx(cells), Expect(
        3, {(0, "planned_start"): dt.datetime(2027, 3, 1),
            (1, "planned_start"): dt.datetime(2027, 7, 1),
            (2, "planned_start"): dt.datetime(2027, 7, 1),
            # 8月底: the end of August, read as the 28th as the reader reads 月底 (lead's ruling)
            (1, "planned_finish"): dt.datetime(2027, 8, 28),
            (2, "planned_finish"): dt.datetime(2027, 12, 1)},
        warning_cells={"H3", "H4", "H5"}, absent={"not_a_date"}))


def colon_lines_form() -> Case:
    """A 申请书 typed in column A as it would be in Word, one 标签：值 per line, amounts with
    their unit in the line (项目总投资：120万元), two dates on one line, a description and the
    stamp line at the end. One application."""
    cells = [["2027年度生态文明建设示范学校奖补资金申请书"], ["一、基本情况"],
             ["学校名称：上海市黄浦区卢湾一中心小学"], ["学校代码：" + CODE_HP],
             ["项目名称：屋顶光伏"], ["项目类型：光伏"], ["项目总投资：120万元"], ["申请补助金额：36万元"],
             ["光伏装机容量：120kWp"], ["预计年发电量：13.2万kWh"], ["设计使用年限：25年"],
             ["计划开工：2027年3月        计划完工：2027年7月"], ["二、项目简介"],
             ["利用教学楼及综合楼屋顶建设分布式光伏，自发自用、余电上网，并在校园电子屏展示实时发电量。"],
             [None], ["申报单位（盖章）：                日期：2027年2月"]]
    return Case("colon_lines_form", "卢湾一中心申请书.xlsx", xlsx(cells, sheet="申请书"), Expect(
        1, {(0, "project_name"): "屋顶光伏", (0, "project_type"): "光伏",
            (0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (0, "claimed_pv_capacity_kwp"): 120.0, (0, "claimed_annual_pv_kwh"): 132_000.0,
            (0, "school_code"): CODE_HP, (0, "planned_start"): dt.datetime(2027, 3, 1),
            (0, "planned_finish"): dt.datetime(2027, 7, 1)}))


def _stacked_form(top: int, title: str, app_id: str, name: str, kind: str, invest, subsidy,
                  pv: tuple, saving, life: int) -> tuple[list[list], tuple]:
    """One 申请表 block of nine rows for 市西中学, starting at row ``top``."""
    kwp, kwh = pv
    rows = [[None] * 4,
            ["申报学校", "上海市静安区市西中学", "学校代码", CODE_JA],
            ["项目编号", app_id, "填报日期", "2027-02-20"],
            ["项目名称", None, None, None],
            ["项目类型", kind, None, None],
            ["项目总投资（万元）", invest, "申请补助资金（万元）", subsidy],
            ["光伏装机容量（kWp）", kwp, "预计年发电量（kWh）", kwh],
            ["预计年节电量（kWh）", saving, "设计使用年限（年）", life],
            ["负责人签字：", None, "日期：", None]]
    merges = ((top, 0, top, 3, title), (top + 3, 1, top + 3, 3, name))
    return rows, merges


def two_forms_one_sheet() -> Case:
    """Two projects of one school as two copies of the form on one sheet, one under the other
    with two blank rows between: two applications."""
    first, m1 = _stacked_form(0, "奖补资金申请表（一）", "JA-2027-01", "图书馆屋顶光伏", "光伏", 76, 25,
                              (190, 205000), "不涉及", 25)
    second, m2 = _stacked_form(11, "奖补资金申请表（二）", "JA-2027-02", "食堂空气源热泵热水", "空调与热泵",
                               54, 18, ("不涉及", "不涉及"), 78000, 15)
    cells = [*first, [None] * 4, [None] * 4, *second]
    return Case("two_forms_one_sheet", "市西中学申请表.xlsx", xlsx(cells, m1 + m2, "申报表"), Expect(
        2, {(0, "application_id"): "JA-2027-01", (1, "application_id"): "JA-2027-02",
            (0, "project_type"): "光伏", (1, "project_type"): "空调与热泵",
            (0, "claimed_annual_pv_kwh"): 205_000.0, (1, "total_investment_cny"): 540_000.0,
            (1, "claimed_annual_saving_kwh"): 78_000.0, (1, "claimed_pv_capacity_kwp"): None,
            (1, "project_name"): "食堂空气源热泵热水"}))


def co_funding_does_not_add_up() -> Case:
    """总投资 100 = 申请补助 30 + 自筹 50 does not add up (20万 unaccounted): a clerk asks about
    it at the 自筹 cell (F4); the row above adds up. Service lives typed 25年 and 10 年."""
    header = ["项目编号", "项目名称", "项目类型", "项目总投资（万元）", "申请补助（万元）", "学校自筹（万元）",
              "预计年节电量（kWh）", "设计使用年限"]
    cells = [["学校代码", CODE_FX, "学校名称", "上海市奉贤区育秀实验学校"], header,
             ["FX-1", "智能照明控制", "照明改造", 42, 15, 27, 70000, "10 年"],
             ["FX-2", "教学楼外墙保温", "围护结构", 100, 30, 50, 65000, "25年"]]
    return Case("co_funding_does_not_add_up", "育秀学校申请.xlsx", xlsx(cells), Expect(
        2, {(1, "co_funding_cny"): 500_000.0, (0, "service_life_years"): 10.0,
            (1, "service_life_years"): 25.0, (0, "co_funding_cny"): 270_000.0},
        warning_cells={"F4"}))


def hidden_yuan_helper_columns() -> Case:
    """The district's sheet in 万元 with two hidden helper columns in 元 (=D*10000) it uses
    for its own system, and a comment on a header: a person sees and reads the 万元
    columns; the hidden ones agree with them and change nothing."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "总投资（元）", "申请补助（万元）",
              "申请补助（元）", "预计年节电量（kWh）", "使用年限（年）"]
    cells = [header,
             ["HK-1", "能耗监测平台建设", "能耗监测平台", 38, None, 15, None, 52000, 8],
             ["HK-2", "教室空调更换", "空调与热泵", 96, None, 30, None, 140000, 12],
             [None], ["学校代码：" + CODE_HK]]
    formulas = {(1, 4): ("=D2*10000", 380000), (1, 6): ("=F2*10000", 150000),
                (2, 4): ("=D3*10000", 960000), (2, 6): ("=F3*10000", 300000)}
    sheet = Sheet("申报", cells, formulas=formulas, hidden_columns=(4, 6),
                  comments={(0, 3): "按可研批复概算填写", (2, 7): "厂家测算，待复核"})
    return Case("hidden_yuan_helper_columns", "虹口一中申报.xlsx", office_xlsx([sheet]), Expect(
        2, {(0, "total_investment_cny"): 380_000.0, (0, "subsidy_requested_cny"): 150_000.0,
            (1, "total_investment_cny"): 960_000.0, (1, "subsidy_requested_cny"): 300_000.0,
            (1, "claimed_annual_saving_kwh"): 140_000.0, (0, "school_code"): CODE_HK},
        absent={"unit_note_ambiguous"}))


def header_pasted_per_school() -> Case:
    """A district's legacy .xls built by pasting each school's table under the last one, its
    header included: the header again at row 6 is a header, not an application. The unit is
    in the title. Four applications."""
    header = ["学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资", "申请补助",
              "年节电量(kWh)", "装机容量(kWp)", "年发电量(kWh)", "使用年限"]
    first = [[CODE_HK, "虹口区第一中学", "HK1-1", "体育馆屋顶光伏", "光伏", 84, 25, None, 210, 228000, 25],
             [CODE_HK, "虹口区第一中学", "HK1-2", "教学楼照明改造", "照明改造", 21, 10, 46000, None, None, 10]]
    second = [[CODE_HK2, "虹口区北郊学校", "HK2-1", "空调群控系统", "空调与热泵", 48, 16, 72000, None, None,
               12],
              [CODE_HK2, "虹口区北郊学校", "HK2-2", "屋顶光伏", "光伏", 60, 18, None, 150, 162000, 25]]
    cells = [[None], header, *first, [None], header, *second]
    merges = ((0, 0, 0, 10, "虹口区2027年度奖补项目申报汇总（金额单位：万元）"),)
    return Case("header_pasted_per_school", "虹口区申报汇总.xls", xls(cells, merges), Expect(
        4, {(0, "total_investment_cny"): 840_000.0, (1, "claimed_annual_saving_kwh"): 46_000.0,
            (2, "school_code"): CODE_HK2, (2, "subsidy_requested_cny"): 160_000.0,
            (3, "claimed_annual_pv_kwh"): 162_000.0, (3, "application_id"): "HK2-2"},
        warnings={"unit_from_note"}, absent={"not_a_number"}))


def unicode_text_as_csv() -> Case:
    """Excel's 'Unicode 文本' (UTF-16, tabs) saved under a .csv name, as a teacher does when
    the GBK CSV garbled the names: the same table a person sees in Excel."""
    header = ["学校代码", "项目编号", "项目名称", "项目类型", "项目总投资(元)", "申请补助(元)", "年节电量(kWh)",
              "光伏容量(kWp)", "年发电量(kWh)", "使用年限"]
    rows = [[CODE_SJ, "SJ-21", "图书馆屋顶光伏", "光伏", 520000, 150000, "", 130, 141000, 25],
            [CODE_SJ, "SJ-22", "走廊感应照明", "照明改造", 86000, 40000, 21000, "", "", 8]]
    return Case("unicode_text_as_csv", "泗泾中学项目.csv", unicode_text_csv([header, *rows]), Expect(
        2, {(0, "total_investment_cny"): 520_000.0, (0, "claimed_annual_pv_kwh"): 141_000.0,
            (1, "claimed_annual_saving_kwh"): 21_000.0, (1, "project_name"): "走廊感应照明",
            (1, "school_code"): CODE_SJ}))


def school_in_title() -> Case:
    """The school and its code only in the title, with the unit: 上海市浦东新区建平实验中学
    （学校代码：3101150046）节能改造项目奖补申请表（金额单位：万元）."""
    code = "3101150046"
    header = ["项目编号", "项目名称", "项目类型", "总投资", "申请补助", "年节电量（kWh）", "装机容量（kWp）",
              "年发电量（kWh）", "使用年限（年）"]
    title = f"上海市浦东新区建平实验中学（学校代码：{code}）节能改造项目奖补申请表（金额单位：万元）"
    cells = [[None], header, ["JP-1", "综合楼屋顶光伏", "光伏", 130, 39, None, 320, 350000, 25],
             ["JP-2", "空调节能改造", "空调与热泵", 75, 25, 118000, None, None, 12]]
    return Case("school_in_title", "建平实验申请.xlsx", xlsx(cells, ((0, 0, 0, 8, title),)), Expect(
        2, {(0, "school_code"): code, (1, "school_code"): code,
            (0, "total_investment_cny"): 1_300_000.0, (1, "subsidy_requested_cny"): 250_000.0,
            (1, "claimed_annual_saving_kwh"): 118_000.0},
        warnings={"unit_from_note"}))


def type_as_tick_columns() -> Case:
    """项目类型 as a parent over one column per type (光伏 | 照明改造 | 空调与热泵 | 能耗监测 |
    围护结构 | 其他) with √ in the project's column, as districts lay out their summaries."""
    kinds = ["光伏", "照明改造", "空调与热泵", "能耗监测", "围护结构", "其他"]
    top = ["序号", "项目名称", None, None, None, None, None, None, "总投资（万元）", "申请补助（万元）",
           "年节电量（kWh）", "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    cells = [["学校代码：" + CODE_PT], top, [None, None, *kinds, *[None] * 6],
             [1, "报告厅屋顶光伏", "√", None, None, None, None, None, 58, 17, None, 140, 150000, 25],
             [2, "教室灯具更换", None, "√", None, None, None, None, 16, 8, 36000, None, None, 10],
             [3, "能源管理平台", None, None, None, "√", None, None, 30, 12, 40000, None, None, 8],
             [4, "屋面保温", None, None, None, None, "√", None, 44, 14, 30000, None, None, 25]]
    merges = ((1, 2, 1, 7, "项目类型（请打√）"),) + tuple(
        (1, c, 2, c, top[c]) for c in (0, 1, 8, 9, 10, 11, 12, 13))
    return Case("type_as_tick_columns", "普陀区学校申报.xlsx", xlsx(cells, merges), Expect(
        4, {(0, "project_type"): "光伏", (1, "project_type"): "照明改造",
            (2, "project_type"): "能耗监测平台", (3, "project_type"): "围护结构",
            (0, "claimed_annual_pv_kwh"): 150_000.0, (3, "total_investment_cny"): 440_000.0},
        absent={"unknown_choice"}))


def required_amounts_missing() -> Case:
    """A row whose 申请补助 is left blank and one whose 总投资 says 待定: a person cannot make
    an amount of either, so each is an error at its cell (E4, D5); the first row is fine."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限（年）"]
    cells = [["学校代码", CODE_CN], header,
             ["CN-11", "教学楼照明", "照明改造", 20, 10, 44000, 10],
             ["CN-12", "体育馆空调", "空调与热泵", 66, None, 95000, 12],
             ["CN-13", "门窗改造", "围护结构", "待定", 20, 40000, 25]]
    return Case("required_amounts_missing", "天山初中补充申请.xlsx", xlsx(cells), Expect(
        3, errors={"E4", "D5"}))


def english_headers_10k_cny() -> Case:
    """An international school's bilingual sheet: Total investment (10k CNY), PV yield
    (MWh/yr) — 10k CNY is 万元, a MWh is 1,000 kWh."""
    header = ["No.", "Project 项目名称", "Type 类型", "Total investment (10k CNY)",
              "Subsidy requested (10k CNY)", "Annual saving (kWh/yr)", "PV capacity (kWp)",
              "PV yield (MWh/yr)", "Service life (years)"]
    cells = [["School code 学校代码", "3101120055", "School 学校", "上海闵行区协和双语学校"], header,
             ["MH-E1", "Rooftop PV 屋顶光伏", "光伏 PV", 98, 29, None, 240, 264, 25],
             ["MH-E2", "LED lighting 照明改造", "照明改造 Lighting", 15, 7.5, 33000, None, None, 10]]
    return Case("english_headers_10k_cny", "SHMH bilingual application.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 980_000.0, (0, "subsidy_requested_cny"): 290_000.0,
            (0, "claimed_annual_pv_kwh"): 264_000.0, (0, "claimed_pv_capacity_kwp"): 240.0,
            (1, "claimed_annual_saving_kwh"): 33_000.0, (1, "project_type"): "照明改造",
            (0, "project_type"): "光伏"}))


def radio_dots_form() -> Case:
    """A form whose type is chosen the way a WPS template prints it, ●照明改造 among ○, the
    amounts typed with 万元 in the cell after them and PV fields /."""
    cells = [["上海市生态文明建设示范学校奖补资金申请表"],
             ["学校名称", "上海市奉贤区育秀实验学校", "学校代码", CODE_FX],
             ["项目编号", "FX-2027-03", "项目名称", "图书馆照明改造"],
             ["项目类型", "○光伏  ●照明改造  ○空调与热泵  ○能耗监测平台  ○围护结构  ○其他"],
             ["项目总投资", 18, "万元", None], ["申请补助", 9, "万元", None],
             ["预计年节电量（kWh）", 39000, "设计使用年限（年）", 10],
             ["光伏装机容量", "/", "预计年发电量", "/"],
             ["填表人：沈老师", None, "日期：2027-02-26"]]
    merges = ((3, 1, 3, 3, cells[3][1]),)
    return Case("radio_dots_form", "育秀学校照明申请.xlsx", xlsx(cells, merges, "申请表"), Expect(
        1, {(0, "project_type"): "照明改造", (0, "application_id"): "FX-2027-03",
            (0, "total_investment_cny"): 180_000.0, (0, "subsidy_requested_cny"): 90_000.0,
            (0, "claimed_annual_saving_kwh"): 39_000.0, (0, "claimed_pv_capacity_kwp"): None}))


def english_header_row_under() -> Case:
    """The district's header with an English line under it (Project ID | Project name | …),
    copied from a bilingual notice: a second header row, not an application."""
    zh = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
          "装机容量（kWp）", "年发电量（kWh）", "使用年限（年）"]
    en = ["Project ID", "Project name", "Type", "Investment", "Subsidy", "Saving", "Capacity",
          "Yield", "Life"]
    cells = [["学校代码", CODE_JA, "学校名称", "静安区教育学院附属学校"], zh, en,
             ["JA-11", "屋顶光伏", "光伏", 66, 20, None, 160, 172000, 25],
             ["JA-12", "空调更新", "空调与热泵", 52, 17, 80000, None, None, 12]]
    return Case("english_header_row_under", "静教院附校申请.xlsx", xlsx(cells), Expect(
        2, {(0, "application_id"): "JA-11", (0, "total_investment_cny"): 660_000.0,
            (1, "claimed_annual_saving_kwh"): 80_000.0},
        absent={"not_a_number", "unknown_choice"}))


def units_differ_by_column() -> Case:
    """A legacy .xls whose columns each state their own unit: 总投资（万元）, 申请补助（元）,
    自筹（万元）, 年节电量（万kWh）, 年发电量（kWh）. Each column read by its own header."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（元）", "自筹（万元）",
              "年节电量（万kWh）", "装机容量（kWp）", "年发电量（kWh）", "使用年限（年）"]
    cells = [["学校代码", CODE_PT], header,
             ["PT-21", "风雨操场光伏", "光伏", 72, 210000, 51, None, 180, 196000, 25],
             ["PT-22", "中央空调改造", "空调与热泵", 150, 450000, 105, 18.6, None, None, 15]]
    return Case("units_differ_by_column", "曹杨学校申请.xls", xls(cells), Expect(
        2, {(0, "total_investment_cny"): 720_000.0, (0, "subsidy_requested_cny"): 210_000.0,
            (0, "co_funding_cny"): 510_000.0, (1, "claimed_annual_saving_kwh"): 186_000.0,
            (0, "claimed_annual_pv_kwh"): 196_000.0, (1, "subsidy_requested_cny"): 450_000.0}))


def yuan_typed_under_wan() -> Case:
    """A header in 万元 with one row typed in full 元 (1680000 万元 would be 168亿): a slip a
    clerk sees at once, asked about at its cells (D4, E4); the other row is in 万元."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "装机容量（kWp）",
              "年发电量（kWh）", "使用年限（年）"]
    cells = [["学校代码", CODE_SJ], header,
             ["SJ-31", "食堂屋顶光伏", "光伏", 64, 19, 160, 175000, 25],
             ["SJ-32", "教学楼屋顶光伏", "光伏", 1680000, 500000, 420, 462000, 25]]
    return Case("yuan_typed_under_wan", "泗泾中学光伏申请.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 640_000.0}, warning_cells={"D4", "E4"}))


def application_cases() -> list[Case]:
    return [yuan_rows_wan_total(), pv_and_lighting_in_one(), capacities_and_yields_typed(),
            season_start_dates(), colon_lines_form(), two_forms_one_sheet(),
            co_funding_does_not_add_up(), hidden_yuan_helper_columns(), header_pasted_per_school(),
            unicode_text_as_csv(), school_in_title(), type_as_tick_columns(),
            required_amounts_missing(), english_headers_10k_cny(), radio_dots_form(),
            english_header_row_under(), units_differ_by_column(), yuan_typed_under_wan()]


# --- expert-score sheets -------------------------------------------------------------------

def full_marks_row_on_top() -> Case:
    """Criteria as columns in the committee's words, a 满分 row (5 | 5 | 5 | 15) right under
    the header, a 合计 column: the 满分 row is the scale, not a project."""
    header = ["项目编号", "项目名称", "评审专家", "示范教育作用", "技术方案可行性", "实施保障措施", "合计"]
    cells = [["2027年度奖补项目专家评审表"], header, ["满分", None, None, 5, 5, 5, 15],
             ["PD-11", "教学楼屋顶光伏", "张伟", 4.5, 4, 4, 12.5],
             ["PD-11", "教学楼屋顶光伏", "李红", 4, 4.5, 3.5, 12],
             ["XH-11", "食堂热泵", "张伟", 3, 3.5, 4, 10.5],
             ["XH-11", "食堂热泵", "李红", 3.5, 3, 4, 10.5]]
    return Case("full_marks_row_on_top", "专家评审表.xlsx", xlsx(cells), Expect(
        12, {("PD-11", "张伟", "示范教育"): 4.5, ("PD-11", "李红", "技术方案"): 4.5,
             ("XH-11", "李红", "实施保障"): 4.0, ("XH-11", "张伟", "技术方案"): 3.5}))


def grades_in_words() -> Case:
    """Experts as columns for one criterion (in the title), two cells typed 良 and 优: a
    person cannot make a number of a grade, errors at D3 and C4."""
    header = ["项目编号", "项目名称", "专家1", "专家2", "专家3"]
    cells = [["技术方案可行性评分（满分5分）"], header,
             ["BS-21", "屋顶光伏", 4, "良", 4.5], ["BS-22", "照明改造", "优", 5, 4]]
    return Case("grades_in_words", "技术方案评分.xlsx", xlsx(cells), Expect(
        6, errors={"D3", "C4"}))


def recused_in_remark() -> Case:
    """A long table where 李红 did not score her own district's project: the score cell holds
    / and the 备注 says 本区专家，回避. A recusal, not a zero and not an error."""
    header = ["项目编号", "评审专家", "评分项", "得分", "备注"]
    cells = [header,
             ["PD-21", "张伟", "示范教育", 4.5, None], ["PD-21", "李红", "示范教育", "/", "本区专家，回避"],
             ["PD-21", "王强", "示范教育", 4, None], ["XH-21", "张伟", "示范教育", 3.5, None],
             ["XH-21", "李红", "示范教育", 3, None], ["XH-21", "王强", "示范教育", 3.5, "宣传方案较弱"]]
    return Case("recused_in_remark", "示范教育评分.xlsx", xlsx(cells), Expect(
        5, {("PD-21", "张伟", "示范教育"): 4.5, ("XH-21", "李红", "示范教育"): 3.0},
        warning_cells={"D3"}, missing={("PD-21", "李红", "示范教育")}))


def expert_sheets_projects_merged() -> Case:
    """Sheets named 张三 and 李四, each the expert's long table with 项目编号 and 项目名称
    merged down over the three criterion rows, the expert and date on the first line."""
    def sheet(expert: str, a: tuple, b: tuple):
        cells = [[f"评审专家：{expert}    日期：2027年3月12日"], ["项目编号", "项目名称", "评分项", "得分"],
                 [None, None, "示范教育作用", a[0]], [None, None, "技术方案", a[1]],
                 [None, None, "实施保障", a[2]],
                 [None, None, "示范教育作用", b[0]], [None, None, "技术方案", b[1]],
                 [None, None, "实施保障", b[2]]]
        merges = ((2, 0, 4, 0, "PD-31"), (2, 1, 4, 1, "教学楼屋顶光伏"),
                  (5, 0, 7, 0, "MH-32"), (5, 1, 7, 1, "空调群控改造"))
        return expert, cells, merges
    sheets = [sheet("张三", (4.5, 4, 4), (3, 3.5, 4)), sheet("李四", (4, 4.5, 3.5), (3.5, 3, 3))]
    return Case("expert_sheets_projects_merged", "专家评分（张三李四）.xlsx", xlsx_book(sheets),
                Expect(12, {("PD-31", "张三", "示范教育"): 4.5, ("MH-32", "张三", "实施保障"): 4.0,
                            ("MH-32", "李四", "技术方案"): 3.0, ("PD-31", "李四", "技术方案"): 4.5}))


def totals_only() -> Case:
    """Each expert gave only a total out of 100 (专家1总分 …), no criterion: a clerk cannot
    turn 86/100 into the rubric's 示范教育 0–5 score; the sheet cannot be used as it is."""
    header = ["项目编号", "项目名称", "专家1总分", "专家2总分", "专家3总分", "平均分"]
    cells = [["专家评审得分汇总（满分100分）"], header,
             ["SJ-41", "屋顶光伏", 86, 90, 78, 84.67], ["SJ-42", "照明改造", 72, 75, 80, 75.67]]
    return Case("totals_only", "评审得分汇总.xlsx", xlsx(cells), Expect(0, refused=True))


def above_full_marks() -> Case:
    """专家一…专家四 as columns under a title with 满分5分: 5.5 (C3) and 45 for 4.5 (D4) are
    above the full mark, errors at their cells."""
    header = ["项目编号", "专家一", "专家二", "专家三", "专家四"]
    cells = [["实施保障措施评分（满分5分）"], header, ["HP-31", 4, 5.5, 4, 3.5], ["HP-32", 3, 3.5, 45, 4]]
    return Case("above_full_marks", "实施保障评分.xlsx", xlsx(cells), Expect(
        8, errors={"C3", "D4"}))


def signature_row_with_names() -> Case:
    """Experts by name as columns, then a 专家签字 row in which each expert's name is typed
    again under their column, and the date: not scores; nine scores."""
    header = ["序号", "项目编号", "项目名称", "张伟", "李红", "王强", "平均分"]
    cells = [["示范教育作用评分表"], header,
             [1, "HK-41", "体育馆屋顶光伏", 4.5, 4, 4, 4.17], [2, "HK-42", "照明改造", 3, 3.5, 3, 3.17],
             [3, "HK-43", "空调群控", 4, 4, 3.5, 3.83],
             ["专家签字", None, None, "张伟", "李红", "王强", None], ["日期：2027年3月15日"]]
    return Case("signature_row_with_names", "示范教育评分表.xlsx", xlsx(cells), Expect(
        9, {("HK-41", "张伟", "示范教育"): 4.5, ("HK-42", "李红", "示范教育"): 3.5,
            ("HK-43", "王强", "示范教育"): 3.5}, absent={"not_a_number"}))


def opinions_and_recommendation() -> Case:
    """Criteria as columns with 评审意见 (long, with line breaks) and 是否推荐 (推荐/不推荐):
    the opinion is the comment, the recommendation is listed, not a score."""
    header = ["项目编号", "评审专家", "示范教育（5分）", "技术方案（5分）", "实施保障（5分）", "评审意见", "是否推荐"]
    cells = [["奖补项目专家评审意见表"], header,
             ["CN-21", "周明", 4, 4.5, 4, "方案可行。\n建议补充屋面荷载复核报告。", "推荐"],
             ["CN-21", "吴芳", 4.5, 4, 4, "科普展示设计较好。", "推荐"],
             ["CN-22", "周明", 3, 3, 3.5, "节电量测算偏高，\n需提供灯具清单。", "不推荐"],
             ["CN-22", "吴芳", 3.5, 3, 3, None, "推荐"]]
    return Case("opinions_and_recommendation", "专家评审意见表.xlsx", xlsx(cells), Expect(
        12, {("CN-21", "周明", "技术方案"): 4.5, ("CN-22", "吴芳", "示范教育"): 3.5,
             ("CN-22", "周明", "实施保障"): 3.5}))


def half_point_words() -> Case:
    """Scores typed 4分半 (four and a half), 3.5 分 and ' 5 ' with spaces: each one number."""
    header = ["项目编号", "专家", "评分项", "分数"]
    cells = [header, ["FX-11", "E01", "示范教育", "4分半"], ["FX-11", "E02", "示范教育", "3.5 分"],
             ["FX-11", "E03", "示范教育", " 5 "], ["FX-12", "E01", "示范教育", 4]]
    return Case("half_point_words", "评分记录.xlsx", xlsx(cells), Expect(
        4, {("FX-11", "E01", "示范教育"): 4.5, ("FX-11", "E02", "示范教育"): 3.5,
            ("FX-11", "E03", "示范教育"): 5.0}))


def absent_expert_column() -> Case:
    """专家1…专家4 as columns with 专家4's column left empty (the expert did not come):
    nine scores, none for 专家4, no zeros."""
    header = ["项目编号", "评分项", "专家1", "专家2", "专家3", "专家4"]
    cells = [["评审打分表"], header,
             ["PT-31", "示范教育", 4, 4.5, 4, None], ["PT-32", "示范教育", 3.5, 3, 4, None],
             ["PT-33", "示范教育", 5, 4.5, 4.5, None]]
    return Case("absent_expert_column", "评审打分表.xlsx", xlsx(cells), Expect(
        9, {("PT-31", "专家2", "示范教育"): 4.5, ("PT-33", "专家3", "示范教育"): 4.5},
        missing={("PT-31", "专家4", "示范教育"), ("PT-33", "专家4", "示范教育")}))


def last_year_sheet_hidden() -> Case:
    """The secretary reused last year's workbook: 2026年评分 hidden, 2027年评分 visible. Only
    this year's scores are read."""
    def sheet(name: str, rows: list[list], hidden: bool) -> Sheet:
        return Sheet(name, [["项目编号", "专家", "评分项", "得分"], *rows], hidden=hidden)
    old = sheet("2026年评分", [["2026-07", "张伟", "示范教育", 3], ["2026-08", "张伟", "示范教育", 4]],
                True)
    new = sheet("2027年评分", [["JA-31", "张伟", "示范教育", 4.5], ["JA-31", "李红", "示范教育", 4],
                            ["JA-32", "张伟", "示范教育", 3.5], ["JA-32", "李红", "示范教育", 3]], False)
    return Case("last_year_sheet_hidden", "专家评分2027.xlsx", office_xlsx([old, new]), Expect(
        4, {("JA-31", "张伟", "示范教育"): 4.5, ("JA-32", "李红", "示范教育"): 3.0},
        missing={("2026-07", "张伟", "示范教育")}))


def expert_merged_down_xls() -> Case:
    """A legacy .xls long table with 评审专家 merged down over the expert's four rows and
    项目编号 over its two criterion rows."""
    header = ["评审专家", "项目编号", "评分项", "得分"]
    cells = [header,
             [None, None, "示范教育", 4], [None, None, "技术方案", 4.5],
             [None, None, "示范教育", 3], [None, None, "技术方案", 3.5],
             [None, None, "示范教育", 4.5], [None, None, "技术方案", 4],
             [None, None, "示范教育", 3.5], [None, None, "技术方案", 3]]
    merges = ((1, 0, 4, 0, "郑立新"), (5, 0, 8, 0, "吴芳"), (1, 1, 2, 1, "SJ-51"),
              (3, 1, 4, 1, "SJ-52"), (5, 1, 6, 1, "SJ-51"), (7, 1, 8, 1, "SJ-52"))
    return Case("expert_merged_down_xls", "专家评分.xls", xls(cells, merges), Expect(
        8, {("SJ-51", "郑立新", "技术方案"): 4.5, ("SJ-52", "郑立新", "示范教育"): 3.0,
            ("SJ-51", "吴芳", "示范教育"): 4.5, ("SJ-52", "吴芳", "技术方案"): 3.0}))


def review_cases() -> list[Case]:
    return [full_marks_row_on_top(), grades_in_words(), recused_in_remark(),
            expert_sheets_projects_merged(), totals_only(), above_full_marks(),
            signature_row_with_names(), opinions_and_recommendation(), half_point_words(),
            absent_expert_column(), last_year_sheet_hidden(), expert_merged_down_xls()]


# --- second batch --------------------------------------------------------------------------

def cap_in_note() -> Case:
    """The district's note under the title: 单个项目申请补助不超过50万元，且不超过项目总投资的30%.
    FX-21 asks 80万 of 200万 (above both): a clerk raises it at E4; FX-22 is within both."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限（年）"]
    cells = [["奉贤区2027年度奖补项目申报表"],
             ["注：单个项目申请补助不超过50万元，且不超过项目总投资的30%。"], header,
             ["FX-21", "中央空调系统改造", "空调与热泵", 200, 80, 260000, 15],
             ["FX-22", "教室照明改造", "照明改造", 30, 9, 60000, 10],
             ["学校代码：" + CODE_FX]]
    return Case("cap_in_note", "奉贤区申报表.xlsx", xlsx(cells), Expect(
        2, {(0, "subsidy_requested_cny"): 800_000.0, (1, "subsidy_requested_cny"): 90_000.0},
        warning_cells={"E4"}))


def ids_typed_as_numbers() -> Case:
    """项目编号 typed as numbers (202701, 202702), stored by Excel as numbers: the IDs are
    202701 and 202702, not 202701.0."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    cells = [["学校代码", CODE_CN], header,
             [202701, "报告厅屋顶光伏", "光伏", 40, 12, None, 100, 108000, 25],
             [202702, "宿舍热水热泵", "空调与热泵", 35, 12, 50000, None, None, 15]]
    return Case("ids_typed_as_numbers", "天山初中2027申报.xlsx", xlsx(cells), Expect(
        2, {(0, "application_id"): "202701", (1, "application_id"): "202702",
            (1, "total_investment_cny"): 350_000.0}))


def each_project_two_rows() -> Case:
    """Each project laid over two rows, every cell merged down except 备注, whose two lines
    (已完成可研 / 已列入区级计划) sit one per row: two applications, not four."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限（年）", "备注"]
    first = ["PT-41", "教学楼外窗更换", "围护结构", 88, 26, 52000, 25]
    second = ["PT-42", "能耗分项计量", "能耗监测平台", 26, 10, 30000, 8]
    cells = [["学校代码：" + CODE_PT], header,
             [None] * 7 + ["已完成可研"], [None] * 7 + ["已列入区级计划"],
             [None] * 7 + ["含软件平台"], [None] * 7 + ["—"]]
    merges = tuple((2, c, 3, c, v) for c, v in enumerate(first)) + tuple(
        (4, c, 5, c, v) for c, v in enumerate(second))
    return Case("each_project_two_rows", "曹杨学校两行申报.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "application_id"): "PT-41", (1, "application_id"): "PT-42",
            (0, "total_investment_cny"): 880_000.0, (1, "project_type"): "能耗监测平台",
            (1, "claimed_annual_saving_kwh"): 30_000.0}))


def total_row_on_top() -> Case:
    """The district puts its 合计 right under the header, above the projects: a total, then
    three applications."""
    header = ["序号", "学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资（万元）",
              "申请补助（万元）", "年节电量（kWh）", "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    cells = [["长宁区奖补项目汇总"], header,
             ["合计", None, None, None, "3个项目", None, 172, 52, 95000, 150, 162000, None],
             [1, CODE_CN, "天山初级中学", "CN-31", "屋顶光伏", "光伏", 62, 18, None, 150, 162000, 25],
             [2, CODE_CN, "天山初级中学", "CN-32", "照明改造", "照明改造", 20, 10, 45000, None, None, 10],
             [3, "3101050027", "延安初级中学", "CN-33", "空调改造", "空调与热泵", 90, 24, 50000, None, None,
              12]]
    return Case("total_row_on_top", "长宁区汇总.xlsx", xlsx(cells), Expect(
        3, {(0, "application_id"): "CN-31", (2, "school_code"): "3101050027",
            (2, "total_investment_cny"): 900_000.0, (0, "claimed_annual_pv_kwh"): 162_000.0},
        absent={"unknown_choice"}))


def types_in_local_words() -> Case:
    """Types as the schools wrote them: 屋顶分布式光伏（BIPV）, 教室护眼灯改造, 空气源热泵热水,
    智能计量, 外遮阳改造 — each plainly one of the six."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    rows = [["L-1", "连廊光伏顶棚", "屋顶分布式光伏（BIPV）", 48, 14, None, 110, 118000, 25],
            ["L-2", "教室灯光", "教室护眼灯改造", 22, 11, 30000, None, None, 10],
            ["L-3", "浴室热水", "空气源热泵热水", 40, 14, 55000, None, None, 15],
            ["L-4", "分项计量", "智能计量", 18, 8, 20000, None, None, 8],
            ["L-5", "西立面遮阳", "外遮阳改造", 35, 10, 18000, None, None, 20]]
    cells = [["学校代码", CODE_HP], header, *rows]
    return Case("types_in_local_words", "卢湾一中心项目.xlsx", xlsx(cells), Expect(
        5, {(0, "project_type"): "光伏", (1, "project_type"): "照明改造",
            (2, "project_type"): "空调与热泵", (3, "project_type"): "能耗监测平台",
            (4, "project_type"): "围护结构"}, absent={"unknown_choice"}))


def megawatt_and_wan_du_headers() -> Case:
    """Units in the headers as a designer writes them: 装机容量（MWp） 0.42 is 420 kWp,
    年发电量（万度） 46.2 is 462,000 kWh."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "装机容量（MWp）",
              "年发电量（万度）", "使用年限"]
    cells = [["学校代码", CODE_JA], header,
             ["JA-41", "体育馆及教学楼屋顶光伏", "光伏", 168, 50, 0.42, 46.2, 25]]
    return Case("megawatt_and_wan_du_headers", "市西中学光伏.xlsx", xlsx(cells), Expect(
        1, {(0, "claimed_pv_capacity_kwp"): 420.0, (0, "claimed_annual_pv_kwh"): 462_000.0,
            (0, "total_investment_cny"): 1_680_000.0}))


def project_with_component_rows() -> Case:
    """A combined retrofit with its parts on 其中： rows under it (照明 12万, 空调 38万): one
    application of 50万 plus the PV project, not four; the part rows are listed."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限（年）"]
    cells = [["学校代码", CODE_SJ], header,
             ["SJ-61", "综合楼综合节能改造", "其他", 50, 15, 82000, None, None, 12],
             [None, "其中：照明改造", None, 12, None, 26000, None, None, None],
             [None, "其中：空调改造", None, 38, None, 56000, None, None, None],
             ["SJ-62", "综合楼屋顶光伏", "光伏", 70, 21, None, 175, 190000, 25]]
    return Case("project_with_component_rows", "泗泾中学综合改造.xlsx", xlsx(cells), Expect(
        2, {(0, "application_id"): "SJ-61", (1, "application_id"): "SJ-62",
            (0, "total_investment_cny"): 500_000.0, (0, "claimed_annual_saving_kwh"): 82_000.0,
            (1, "claimed_annual_pv_kwh"): 190_000.0}))


def withdrawn_in_remark() -> Case:
    """The district keeps a row the school withdrew, 备注 已撤回: a clerk does not review it.
    Two applications."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限（年）", "备注"]
    cells = [["学校代码", CODE_HK], header,
             ["HK-51", "教学楼照明改造", "照明改造", 18, 9, 40000, 10, "学校已撤回"],
             ["HK-52", "食堂热泵", "空调与热泵", 45, 15, 60000, 15, None],
             ["HK-53", "屋面保温", "围护结构", 60, 18, 30000, 25, None]]
    return Case("withdrawn_in_remark", "虹口一中申报（修改）.xlsx", xlsx(cells), Expect(
        2, {(0, "application_id"): "HK-52", (1, "application_id"): "HK-53"}))


def second_batch_application_cases() -> list[Case]:
    return [cap_in_note(), ids_typed_as_numbers(), each_project_two_rows(), total_row_on_top(),
            types_in_local_words(), megawatt_and_wan_du_headers(), project_with_component_rows(),
            withdrawn_in_remark()]


def serial_column_named_experts() -> Case:
    """Experts by name as columns after a 序号 column, the criterion in the title: 序号 is
    the row number, not an expert; six scores."""
    header = ["序号", "项目编号", "项目名称", "张伟", "李红", "王强", "平均分"]
    cells = [["示范教育作用评分表"], header,
             [1, "HK-61", "体育馆屋顶光伏", 4.5, 4, 4, 4.17], [2, "HK-62", "照明改造", 3, 3.5, 3, 3.17]]
    return Case("serial_column_named_experts", "示范教育评分（姓名）.xlsx", xlsx(cells), Expect(
        6, {("HK-61", "张伟", "示范教育"): 4.5, ("HK-62", "李红", "示范教育"): 3.5},
        missing={("HK-61", "序号", "示范教育")}))


def criteria_blocks_side_by_side() -> Case:
    """Two matrices side by side on one sheet, 示范教育作用 over 专家1–3 and 技术方案可行性 over
    专家1–3, a blank column between them: twelve scores."""
    cells = [["专家评分汇总"], [None] * 8,
             ["项目编号", "专家1", "专家2", "专家3", None, "专家1", "专家2", "专家3"],
             ["MH-71", 4, 4.5, 4, None, 3.5, 4, 4], ["MH-72", 3, 3.5, 3, None, 4, 4.5, 4]]
    merges = ((1, 1, 1, 3, "示范教育作用"), (1, 5, 1, 7, "技术方案可行性"))
    return Case("criteria_blocks_side_by_side", "专家评分汇总（分块）.xlsx", xlsx(cells, merges), Expect(
        12, {("MH-71", "专家2", "示范教育"): 4.5, ("MH-71", "专家1", "技术方案"): 3.5,
             ("MH-72", "专家2", "技术方案"): 4.5, ("MH-72", "专家3", "示范教育"): 3.0}))


def numbered_criteria_with_marks() -> Case:
    """A long table whose criteria carry their number and full mark, 1.示范教育作用（5分）,
    2.技术方案可行性（5分）, 3.实施保障措施（5分）."""
    header = ["项目编号", "专家", "评审指标", "得分"]
    rows = [["YP-71", "周明", "1.示范教育作用（5分）", 4], ["YP-71", "周明", "2.技术方案可行性（5分）", 4.5],
            ["YP-71", "周明", "3.实施保障措施（5分）", 3.5], ["YP-71", "吴芳", "1.示范教育作用（5分）", 4.5],
            ["YP-71", "吴芳", "2.技术方案可行性（5分）", 4], ["YP-71", "吴芳", "3.实施保障措施（5分）", 4]]
    return Case("numbered_criteria_with_marks", "评审记录（指标）.xlsx", xlsx([header, *rows]), Expect(
        6, {("YP-71", "周明", "技术方案"): 4.5, ("YP-71", "吴芳", "示范教育"): 4.5,
            ("YP-71", "周明", "实施保障"): 3.5}))


def sheet_per_project_titled() -> Case:
    """One sheet per project named 'PD-81 教学楼光伏' (ID and name), experts down the side and
    the criteria across."""
    def sheet(name: str, rows: list[list]):
        header = ["评审专家", "示范教育", "技术方案", "实施保障", "小计"]
        return name, [[f"项目：{name}"], header, *rows], ()
    sheets = [sheet("PD-81 教学楼光伏", [["张伟", 4, 4.5, 4, 12.5], ["李红", 4.5, 4, 4, 12.5]]),
              sheet("PD-82 照明改造", [["张伟", 3, 3.5, 3, 9.5], ["李红", 3.5, 3, 3.5, 10]])]
    return Case("sheet_per_project_titled", "逐项目评分.xlsx", xlsx_book(sheets), Expect(
        12, {("PD-81", "张伟", "技术方案"): 4.5, ("PD-82", "李红", "示范教育"): 3.5,
             ("PD-82", "张伟", "实施保障"): 3.0}))


def expert_code_and_name() -> Case:
    """A long table with both 专家编号 (E01) and 专家姓名 (张伟): the reviewer is E01, the
    name beside it is the same person."""
    header = ["专家编号", "专家姓名", "项目编号", "评分项", "评分"]
    rows = [["E01", "张伟", "JA-81", "示范教育", 4], ["E02", "李红", "JA-81", "示范教育", 4.5],
            ["E01", "张伟", "JA-82", "示范教育", 3.5], ["E02", "李红", "JA-82", "示范教育", 3]]
    return Case("expert_code_and_name", "评分（编号）.xlsx", xlsx([header, *rows]), Expect(
        4, {("JA-81", "E02", "示范教育"): 4.5, ("JA-82", "E01", "示范教育"): 3.5}))


def second_batch_review_cases() -> list[Case]:
    return [serial_column_named_experts(), criteria_blocks_side_by_side(),
            numbered_criteria_with_marks(), sheet_per_project_titled(), expert_code_and_name()]


# --- third batch ---------------------------------------------------------------------------

def _school_table(code: str, school: str, rows: list[list]) -> list[list]:
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    return [[f"学校名称：{school}    学校代码：{code}"], header, *rows]


def district_book_with_summary_sheet() -> Case:
    """A district's workbook: one sheet per school, then 汇总 repeating every row with the
    school's name: three applications, not six; the summary is a copy."""
    a = [["HK-71", "屋顶光伏", "光伏", 56, 17, None, 140, 151000, 25]]
    b = [["HK-81", "照明改造", "照明改造", 19, 9, 41000, None, None, 10],
         ["HK-82", "热泵热水", "空调与热泵", 42, 14, 63000, None, None, 15]]
    summary = [["学校", "项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）"],
               ["虹口区第一中学", "HK-71", "屋顶光伏", "光伏", 56, 17],
               ["虹口区北郊学校", "HK-81", "照明改造", "照明改造", 19, 9],
               ["虹口区北郊学校", "HK-82", "热泵热水", "空调与热泵", 42, 14],
               ["合计", None, None, None, 117, 40]]
    sheets = [("第一中学", _school_table(CODE_HK, "虹口区第一中学", a), ()),
              ("北郊学校", _school_table(CODE_HK2, "虹口区北郊学校", b), ()),
              ("汇总", summary, ())]
    return Case("district_book_with_summary_sheet", "虹口区奖补申报（分校）.xlsx", xlsx_book(sheets), Expect(
        3, {(0, "application_id"): "HK-71", (2, "application_id"): "HK-82",
            (1, "school_code"): CODE_HK2, (0, "claimed_annual_pv_kwh"): 151_000.0,
            (2, "total_investment_cny"): 420_000.0}))


def note_row_between_projects() -> Case:
    """A row 以下为3月追加申报项目 between the first projects and those added later: a note,
    not an application; four applications."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限"]
    cells = [["学校代码", CODE_FX], header,
             ["FX-31", "照明改造", "照明改造", 16, 8, 35000, 10],
             ["FX-32", "空调改造", "空调与热泵", 60, 20, 90000, 12],
             ["以下为3月追加申报项目"],
             ["FX-33", "能耗平台", "能耗监测平台", 25, 10, 28000, 8],
             ["FX-34", "外墙保温", "围护结构", 80, 24, 50000, 25]]
    return Case("note_row_between_projects", "育秀学校申报（追加）.xlsx", xlsx(cells), Expect(
        4, {(2, "application_id"): "FX-33", (3, "total_investment_cny"): 800_000.0,
            (1, "claimed_annual_saving_kwh"): 90_000.0}))


def formula_error_value() -> Case:
    """申请补助 worked out by a formula whose reference was deleted: Excel saved #REF! in E4.
    A person cannot read an amount there: an error at E4; the row above is fine."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限"]
    cells = [["学校代码", CODE_JA], header,
             ["JA-51", "照明改造", "照明改造", 30, None, 62000, 10],
             ["JA-52", "空调改造", "空调与热泵", 70, None, 100000, 12]]
    formulas = {(2, 4): ("=D3*0.5", 15), (3, 4): ("=#REF!*0.3", "#REF!")}
    sheet = Sheet("Sheet1", cells, formulas=formulas)
    return Case("formula_error_value", "市西中学申报.xlsx", office_xlsx([sheet]), Expect(
        2, errors={"E4"}))


def hidden_row_not_read() -> Case:
    """The district hid the row of a project it dropped (row 4): as with hidden columns, a
    person reading the sheet sees two applications; the hidden row is listed, not read."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限"]
    cells = [["学校代码", CODE_PT], header,
             ["PT-51", "照明改造", "照明改造", 14, 7, 30000, 10],
             ["PT-52", "空调改造（已取消）", "空调与热泵", 50, 16, 70000, 12],
             ["PT-53", "外窗改造", "围护结构", 66, 20, 40000, 25]]
    sheet = Sheet("申报", cells, hidden_rows=(3,))
    return Case("hidden_row_not_read", "曹杨学校申报（隐藏行）.xlsx", office_xlsx([sheet]), Expect(
        2, {(0, "application_id"): "PT-51", (1, "application_id"): "PT-53"}, listed={"A4"}))


def code_in_brackets_in_title() -> Case:
    """The school's code in brackets after its name in the title line, unlabelled:
    上海市松江区九峰实验学校（3101170031）节能项目申报. A ten-digit number after a school's
    name is its code to any clerk."""
    code = "3101170031"
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限"]
    cells = [[f"上海市松江区九峰实验学校（{code}）节能项目申报"], header,
             ["JF-1", "教室照明改造", "照明改造", 21, 10, 47000, 10]]
    return Case("code_in_brackets_in_title", "九峰实验学校申报.xlsx", xlsx(cells), Expect(
        1, {(0, "school_code"): code, (0, "total_investment_cny"): 210_000.0}))


def third_batch_application_cases() -> list[Case]:
    return [district_book_with_summary_sheet(), note_row_between_projects(), formula_error_value(),
            hidden_row_not_read(), code_in_brackets_in_title()]


def web_form_export_gbk() -> Case:
    """A GBK CSV from the committee's web questionnaire: 提交时间 and IP地址 columns around the
    expert, project and three criteria; the extra columns are listed, six scores read."""
    header = ["序号", "提交时间", "IP地址", "专家姓名", "项目编号", "示范教育作用", "技术方案可行性", "实施保障措施"]
    rows = [[1, "2027/3/12 10:21:05", "10.8.3.21", "周明", "SJ-71", 4, 4.5, 4],
            [2, "2027/3/12 10:40:33", "10.8.3.44", "吴芳", "SJ-71", "4.5", "4", "3.5"]]
    return Case("web_form_export_gbk", "问卷导出.csv", csv_bytes([header, *rows], "gbk"), Expect(
        6, {("SJ-71", "周明", "技术方案"): 4.5, ("SJ-71", "吴芳", "实施保障"): 3.5,
            ("SJ-71", "吴芳", "示范教育"): 4.5}))


def weight_row_under_header() -> Case:
    """Criteria as columns with a 权重 row (40% | 30% | 30%) under the header: the weights are
    the committee's, not a project's scores; six scores."""
    header = ["项目编号", "专家", "示范教育", "技术方案", "实施保障"]
    cells = [header, ["权重", None, "40%", "30%", "30%"],
             ["BS-31", "张伟", 4, 4.5, 4], ["BS-31", "李红", 3.5, 4, 4.5]]
    return Case("weight_row_under_header", "打分（权重）.xlsx", xlsx(cells), Expect(
        6, {("BS-31", "张伟", "技术方案"): 4.5, ("BS-31", "李红", "实施保障"): 4.5}))


def score_with_note_in_cell() -> Case:
    """Scores typed with a word after them in the cell, 4（方案较好）, 3.5（需补充材料）: the
    number is the score, the words a remark."""
    header = ["项目编号", "专家", "评分项", "得分"]
    cells = [header, ["MH-81", "郑立新", "示范教育", "4（方案较好）"],
             ["MH-81", "吴芳", "示范教育", "3.5（需补充材料）"], ["MH-81", "周明", "示范教育", 4.5]]
    return Case("score_with_note_in_cell", "评分（带说明）.xlsx", xlsx(cells), Expect(
        3, {("MH-81", "郑立新", "示范教育"): 4.0, ("MH-81", "吴芳", "示范教育"): 3.5}))


def padded_two_char_names() -> Case:
    """A legacy .xls with experts as columns whose two-character names are padded to line up
    with three-character ones (张  伟, 李  红, 郑立新) and headers spaced out (项 目 编 号):
    the experts are 张伟, 李红 and 郑立新."""
    header = ["项 目 编 号", "张  伟", "李  红", "郑立新"]
    cells = [["示范教育作用评分"], header, ["YP-81", 4, 4.5, 3.5], ["YP-82", 3, 3.5, 4]]
    return Case("padded_two_char_names", "示范教育评分.xls", xls(cells), Expect(
        6, {("YP-81", "张伟", "示范教育"): 4.0, ("YP-81", "李红", "示范教育"): 4.5,
            ("YP-82", "郑立新", "示范教育"): 4.0}))


def third_batch_review_cases() -> list[Case]:
    return [web_form_export_gbk(), weight_row_under_header(), score_with_note_in_cell(),
            padded_two_char_names()]


# --- fourth batch --------------------------------------------------------------------------

def cell_unit_beats_wan_header() -> Case:
    """A 万元 header with one cell typed in full 元 with its unit, 360000元: the cell's unit
    wins, 360,000 元, not 36亿."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限"]
    cells = [["学校代码", CODE_CN], header,
             ["CN-41", "空调改造", "空调与热泵", 120, "360000元", 150000, 12],
             ["CN-42", "照明改造", "照明改造", 18, 9, 40000, 10]]
    return Case("cell_unit_beats_wan_header", "天山初中申报（元）.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (1, "subsidy_requested_cny"): 90_000.0}))


def form_subsidy_above_investment() -> Case:
    """A paper-style form asking 45万 of a 30万 project: more than the project costs, an
    error at the subsidy's value cell (D5)."""
    cells = [["奖补资金申请表"], ["申报学校", "上海市黄浦区卢湾一中心小学", "学校代码", CODE_HP],
             ["项目编号", "HP-2027-02", "项目类型", "照明改造"], ["项目名称", "教学楼照明改造", None, None],
             ["项目总投资（万元）", 30, "申请补助资金（万元）", 45],
             ["预计年节电量（kWh）", 52000, "设计使用年限（年）", 10]]
    return Case("form_subsidy_above_investment", "卢湾一中心照明申请.xlsx",
                xlsx(cells, sheet="申请表"), Expect(1, errors={"D5"}))


def pv_yield_left_out() -> Case:
    """A PV project whose 预计年发电量 is left blank: a clerk asks for it at H3 (PV projects give
    capacity and yield); the lighting row below is complete."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    cells = [["学校代码", CODE_JA], header,
             ["JA-61", "屋顶光伏", "光伏", 50, 15, None, 125, None, 25],
             ["JA-62", "照明改造", "照明改造", 14, 7, 30000, None, None, 10]]
    return Case("pv_yield_left_out", "市西中学光伏（缺发电量）.xlsx", xlsx(cells), Expect(
        2, errors={"H3"}))


def excel_table_object() -> Case:
    """The school used 套用表格格式 (an Excel table with filter buttons, banded rows and a 汇总
    total row of SUBTOTAL formulas): two applications."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet("项目表")
    ws.write(0, 0, "学校代码")
    ws.write(0, 1, CODE_FX)
    headers = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
               "使用年限"]
    rows = [["FX-41", "教室照明改造", "照明改造", 26, 12, 55000, 10],
            ["FX-42", "空气源热泵", "空调与热泵", 64, 22, 96000, 15]]
    sums = [{"header": h, "total_function": "sum", "total_value": sum(r[i] for r in rows)}
            for i, h in enumerate(headers[3:6], start=3)]
    columns = [{"header": headers[0], "total_string": "汇总"}, *[{"header": h} for h in headers[1:3]],
               *sums, {"header": headers[6]}]
    ws.add_table(2, 0, 2 + len(rows) + 1, len(headers) - 1,
                 {"data": rows, "columns": columns, "total_row": True,
                  "style": "Table Style Medium 2"})
    book.close()
    return Case("excel_table_object", "育秀学校项目表.xlsx", buffer.getvalue(), Expect(
        2, {(0, "application_id"): "FX-41", (1, "total_investment_cny"): 640_000.0,
            (1, "claimed_annual_saving_kwh"): 96_000.0}))


def fourth_batch_application_cases() -> list[Case]:
    return [cell_unit_beats_wan_header(), form_subsidy_above_investment(), pv_yield_left_out(),
            excel_table_object()]


def subtotal_after_each_project() -> Case:
    """A long table with a 小计 row after each project's scores (the secretary's SUM): not
    scores; six scores."""
    header = ["项目编号", "评审专家", "评分项", "得分"]
    cells = [header,
             ["SJ-81", "周明", "示范教育", 4], ["SJ-81", "吴芳", "示范教育", 4.5],
             ["SJ-81", "郑立新", "示范教育", 3.5],
             ["小计", None, None, 12],
             ["SJ-82", "周明", "示范教育", 3], ["SJ-82", "吴芳", "示范教育", 3.5],
             ["SJ-82", "郑立新", "示范教育", 4],
             ["小计", None, None, 10.5]]
    return Case("subtotal_after_each_project", "示范教育评分（小计）.xlsx", xlsx(cells), Expect(
        6, {("SJ-81", "吴芳", "示范教育"): 4.5, ("SJ-82", "郑立新", "示范教育"): 4.0}))


def trimmed_average_column() -> Case:
    """Experts as columns, then 最高分, 最低分 and 去掉最高最低后平均分 the secretary worked
    out: derived columns, not experts; fifteen scores from five experts."""
    header = ["项目编号", "专家一", "专家二", "专家三", "专家四", "专家五", "最高分", "最低分",
              "去掉最高最低后平均分"]
    cells = [["示范教育作用（满分5分）"], header,
             ["PD-91", 4, 4.5, 3.5, 4, 5, 5, 3.5, 4.17], ["PD-92", 3, 3.5, 4, 3, 3.5, 4, 3, 3.33],
             ["PD-93", 4.5, 4, 4, 4.5, 4, 4.5, 4, 4.17]]
    return Case("trimmed_average_column", "示范教育评分（去高去低）.xlsx", xlsx(cells), Expect(
        15, {("PD-91", "专家五", "示范教育"): 5.0, ("PD-92", "专家三", "示范教育"): 4.0},
        missing={("PD-91", "最高分", "示范教育"), ("PD-91", "去掉最高最低后平均分", "示范教育")}))


def fraction_turned_date() -> Case:
    """The secretary typed 4/5 (four of five) and Excel made it the date 4月5日 (C3): a person
    cannot be sure what was meant, an error at the cell, not the number 46482."""
    header = ["项目编号", "专家", "示范教育", "技术方案", "实施保障"]
    cells = [header, ["HK-91", "张伟", 4, 4.5, 4], ["HK-91", "李红", dt.datetime(2027, 4, 5), 4, 3.5]]
    return Case("fraction_turned_date", "评分（日期）.xlsx", office_xlsx([Sheet("评分", cells)]), Expect(
        6, errors={"C3"}))


def fourth_batch_review_cases() -> list[Case]:
    return [subtotal_after_each_project(), trimmed_average_column(), fraction_turned_date()]


# --- fifth batch ---------------------------------------------------------------------------

def long_instructions_above_header() -> Case:
    """The district's template with seven lines of 填报说明 above the header on the same sheet
    (one says 金额单位：万元), then the table: two applications in 万元."""
    notes = [["填报说明："], ["1. 每个项目填写一行，不得合并单元格；"], ["2. 金额单位：万元，保留两位小数；"],
             ["3. 光伏项目须填写装机容量和年发电量；"], ["4. 其他项目须填写预计年节电量；"],
             ["5. 计划开工、完工时间精确到月；"], ["6. 本表须加盖学校公章后报区教育局。"]]
    header = ["学校代码", "项目编号", "项目名称", "项目类型", "总投资", "申请补助", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限（年）"]
    cells = [["2027年度奖补项目申报表"], *notes, [None], header,
             [CODE_PT, "PT-61", "屋顶光伏", "光伏", 78.5, 23.55, None, 195, 210000, 25],
             [CODE_PT, "PT-62", "照明改造", "照明改造", 16.8, 8.4, 36000, None, None, 10]]
    return Case("long_instructions_above_header", "普陀区模板申报.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 785_000.0, (0, "subsidy_requested_cny"): 235_500.0,
            (1, "total_investment_cny"): 168_000.0}, warnings={"unit_from_note"}))


def investment_by_year_columns() -> Case:
    """总投资（万元） as a parent over 2027年 | 2028年 | 合计: the total investment is the 合计
    column (120 and 45), the year columns are its parts."""
    top = ["项目编号", "项目名称", "项目类型", "总投资（万元）", None, None, "申请补助（万元）", "年节电量（kWh）",
           "使用年限"]
    sub = [None, None, None, "2027年", "2028年", "合计", None, None, None]
    cells = [["学校代码：" + CODE_HK], top, sub,
             ["HK-101", "教学楼外墙及门窗改造", "围护结构", 70, 50, 120, 36, 80000, 25],
             ["HK-102", "空调系统更新", "空调与热泵", 45, 0, 45, 15, 70000, 12]]
    merges = ((1, 3, 1, 5, top[3]),) + tuple((1, c, 2, c, top[c]) for c in (0, 1, 2, 6, 7, 8))
    return Case("investment_by_year_columns", "虹口一中分年度投资.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "total_investment_cny"): 1_200_000.0, (1, "total_investment_cny"): 450_000.0,
            (0, "subsidy_requested_cny"): 360_000.0}))


def three_row_header() -> Case:
    """A three-row header: 项目资金 over 总投资 | 申请补助 | 自筹, and a units row 万元 | 万元 |
    万元 under them; 项目编号 … merged down over all three rows."""
    cells = [["学校代码", CODE_SJ], [None] * 8, [None, None, None, "总投资", "申请补助", "自筹", None, None],
             [None, None, None, "万元", "万元", "万元", "kWh", "年"],
             ["SJ-91", "照明改造", "照明改造", 24, 12, 12, 50000, 10],
             ["SJ-92", "热泵热水", "空调与热泵", 56, 18, 38, 76000, 15]]
    merges = ((1, 0, 3, 0, "项目编号"), (1, 1, 3, 1, "项目名称"), (1, 2, 3, 2, "项目类型"),
              (1, 3, 1, 5, "项目资金"), (1, 6, 2, 6, "预计年节电量"), (1, 7, 2, 7, "设计使用年限"))
    return Case("three_row_header", "泗泾中学（三行表头）.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "total_investment_cny"): 240_000.0, (1, "co_funding_cny"): 380_000.0,
            (1, "claimed_annual_saving_kwh"): 76_000.0, (1, "service_life_years"): 15.0},
        absent={"not_a_number"}))


def projects_as_columns() -> Case:
    """The fields down the side and the projects across (项目一 | 项目二 | 项目三), as a
    district's comparison sheet lays them out: three applications."""
    cells = [["学校代码", CODE_CN, None, None],
             ["填报项", "项目一", "项目二", "项目三"],
             ["项目编号", "CN-51", "CN-52", "CN-53"],
             ["项目名称", "屋顶光伏", "照明改造", "外窗改造"],
             ["项目类型", "光伏", "照明改造", "围护结构"],
             ["总投资（万元）", 58, 17, 90],
             ["申请补助（万元）", 17, 8.5, 27],
             ["预计年节电量（kWh）", None, 38000, 45000],
             ["光伏装机容量（kWp）", 145, None, None],
             ["预计年发电量（kWh）", 156000, None, None],
             ["设计使用年限（年）", 25, 10, 25]]
    return Case("projects_as_columns", "天山初中项目对比.xlsx", xlsx(cells), Expect(
        3, {(0, "application_id"): "CN-51", (2, "application_id"): "CN-53",
            (0, "claimed_annual_pv_kwh"): 156_000.0, (1, "subsidy_requested_cny"): 85_000.0,
            (2, "project_type"): "围护结构"}))


def school_sheet_and_project_sheet() -> Case:
    """A workbook with 学校基本情况 (code, name, annual use 126万度) on one sheet and the
    projects on 项目情况: each project belongs to that school."""
    school = [["学校基本情况"], ["学校名称", "上海市静安区市西中学"], ["学校代码", CODE_JA],
              ["所在区", "静安区"], ["年用电量（万度）", 126], ["联系人", "钱老师 13700001111"]]
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "使用年限"]
    projects = [header, ["JA-71", "照明改造", "照明改造", 22, 11, 48000, 10],
                ["JA-72", "空调改造", "空调与热泵", 75, 25, 120000, 12]]
    sheets = [("学校基本情况", school, ()), ("项目情况", projects, ())]
    return Case("school_sheet_and_project_sheet", "市西中学申报材料.xlsx", xlsx_book(sheets), Expect(
        2, {(0, "school_code"): CODE_JA, (1, "school_code"): CODE_JA,
            (1, "annual_electricity_kwh"): 1_260_000.0, (0, "total_investment_cny"): 220_000.0}))


def fifth_batch_application_cases() -> list[Case]:
    return [long_instructions_above_header(), investment_by_year_columns(), three_row_header(),
            projects_as_columns(), school_sheet_and_project_sheet()]


def ten_point_scale() -> Case:
    """The whole sheet on the committee's old 10-point scale (满分10分: 8, 9, 4.5): the rubric
    scores 0–5, and a clerk cannot use 4.5 of 10 as 4.5 of 5; the sheet is refused as it is."""
    header = ["项目编号", "专家1", "专家2", "专家3"]
    cells = [["示范教育作用评分（满分10分）"], header, ["BS-41", 8, 9, 4.5], ["BS-42", 7, 6.5, 8]]
    return Case("ten_point_scale", "示范教育评分（10分制）.xlsx", xlsx(cells), Expect(0, refused=True))


def project_blocks_stacked() -> Case:
    """One sheet with a block per project: 项目编号：PD-101 on a line, then 评审专家 | 示范教育 |
    技术方案 | 实施保障 and the experts' rows; the next project's block under it. Twelve scores."""
    header = ["评审专家", "示范教育", "技术方案", "实施保障"]
    cells = [["专家评分表"], ["项目编号：PD-101    项目名称：教学楼屋顶光伏"], header,
             ["张伟", 4, 4.5, 4], ["李红", 4.5, 4, 3.5], [None],
             ["项目编号：PD-102    项目名称：照明改造"], header, ["张伟", 3, 3.5, 3], ["李红", 3.5, 3, 4]]
    return Case("project_blocks_stacked", "专家评分（分块）.xlsx", xlsx(cells), Expect(
        12, {("PD-101", "张伟", "技术方案"): 4.5, ("PD-101", "李红", "实施保障"): 3.5,
             ("PD-102", "李红", "实施保障"): 4.0, ("PD-102", "张伟", "示范教育"): 3.0}))


def example_row_left() -> Case:
    """The secretary left the example line 例：PD-01 | 张三 | 示范教育 | 4 at the top of the
    long table: not a score; three scores."""
    header = ["项目编号", "评审专家", "评分项", "得分"]
    cells = [header, ["例：PD-01", "张三", "示范教育", 4],
             ["YP-91", "周明", "示范教育", 4.5], ["YP-91", "吴芳", "示范教育", 4], ["YP-92", "周明", "示范教育", 3]]
    return Case("example_row_left", "示范教育评分（例）.xlsx", xlsx(cells), Expect(
        3, {("YP-91", "周明", "示范教育"): 4.5, ("YP-92", "周明", "示范教育"): 3.0},
        missing={("PD-01", "张三", "示范教育"), ("例：PD-01", "张三", "示范教育")}))


def opinion_row_under_each_project() -> Case:
    """Criteria as columns, each project's row followed by a row 评审意见：… merged across:
    the opinion belongs to the row above; six scores."""
    header = ["项目编号", "专家", "示范教育", "技术方案", "实施保障"]
    cells = [["专家评分表（张伟）"], header, ["MH-91", "张伟", 4, 4.5, 4], [None] * 5,
             ["MH-92", "张伟", 3, 3.5, 3], [None] * 5]
    merges = ((3, 0, 3, 4, "评审意见：方案成熟，建议补充荷载复核。"), (5, 0, 5, 4, "评审意见：节电量测算依据不足。"))
    return Case("opinion_row_under_each_project", "张伟评分.xlsx", xlsx(cells, merges), Expect(
        6, {("MH-91", "张伟", "技术方案"): 4.5, ("MH-92", "张伟", "实施保障"): 3.0}))


def fifth_batch_review_cases() -> list[Case]:
    return [ten_point_scale(), project_blocks_stacked(), example_row_left(),
            opinion_row_under_each_project()]


# --- sixth batch ---------------------------------------------------------------------------

def energy_unit_note_only() -> Case:
    """Amounts in 元 in their headers, the energy columns without a unit and a note above
    the header 电量单位：万kWh: the saving 4.2 is 42,000 kWh, the amounts stay in 元."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（元）", "申请补助（元）", "预计年节电量",
              "装机容量（kWp）", "预计年发电量", "使用年限"]
    cells = [["学校代码", CODE_HK2], ["电量单位：万kWh"], header,
             ["BJ-1", "教室照明改造", "照明改造", 210000, 100000, 4.2, None, None, 10],
             ["BJ-2", "屋顶光伏", "光伏", 600000, 180000, None, 150, 16.2, 25]]
    return Case("energy_unit_note_only", "北郊学校申报.xlsx", xlsx(cells), Expect(
        2, {(0, "claimed_annual_saving_kwh"): 42_000.0, (1, "claimed_annual_pv_kwh"): 162_000.0,
            (0, "total_investment_cny"): 210_000.0, (1, "subsidy_requested_cny"): 180_000.0},
        warnings={"unit_from_note"}))


def unit_in_header_row_tail() -> Case:
    """单位：万元 typed in the header row itself, in the cell after the last column (the clerk's
    way of right-aligning it): a unit note for the amounts, not a column."""
    header = ["项目编号", "项目名称", "项目类型", "总投资", "申请补助", "年节电量（kWh）", "使用年限",
              "单位：万元"]
    cells = [["学校代码", CODE_PT], header,
             ["PT-71", "空调改造", "空调与热泵", 85, 28, 120000, 12, None],
             ["PT-72", "照明改造", "照明改造", 15, 7.5, 33000, 10, None]]
    return Case("unit_in_header_row_tail", "曹杨学校申报（单位）.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 850_000.0, (1, "subsidy_requested_cny"): 75_000.0}))


def form_saving_above_use() -> Case:
    """A form stating the school's use, 年用电量 50万度, and a lighting saving of 80万kWh: more
    than the school uses, reported by check at the saving's value cell (B7)."""
    cells = [["奖补资金申请表"], ["学校名称", "上海市奉贤区育秀实验学校", "学校代码", CODE_FX],
             ["年用电量（万度）", 50, "项目编号", "FX-2027-09"], ["项目名称", "全校照明改造", None, None],
             ["项目类型", "照明改造", None, None], ["项目总投资（万元）", 40, "申请补助资金（万元）", 15],
             ["预计年节电量（万kWh）", 80, "设计使用年限（年）", 10]]
    return Case("form_saving_above_use", "育秀学校照明（节电量）.xlsx", xlsx(cells, sheet="申请表"),
                Expect(1, {(0, "claimed_annual_saving_kwh"): 800_000.0,
                           (0, "annual_electricity_kwh"): 500_000.0},
                       warnings={"saving_above_use"}, warning_cells={"B7"}))


def pv_fields_na_variants() -> Case:
    """A lighting, a heat-pump and an envelope project whose PV fields say 0.0, 0kWp, N/A,
    —— and 不适用: nothing to complain about."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    cells = [["学校代码", CODE_SJ], header,
             ["NA-1", "照明改造", "照明改造", 15, 7, 32000, 0.0, "0kWh", 10],
             ["NA-2", "热泵热水", "空调与热泵", 40, 14, 60000, "N/A", "——", 15],
             ["NA-3", "屋面保温", "围护结构", 55, 16, 30000, "不适用", "不适用", 25]]
    return Case("pv_fields_na_variants", "泗泾中学非光伏.xlsx", xlsx(cells), Expect(
        3, {(0, "claimed_pv_capacity_kwp"): None, (1, "claimed_annual_pv_kwh"): None,
            (2, "claimed_pv_capacity_kwp"): None, (1, "claimed_annual_saving_kwh"): 60_000.0},
        absent={"not_a_number", "must_be_positive", "pv_field_required"}))


def sixth_batch_application_cases() -> list[Case]:
    return [energy_unit_note_only(), unit_in_header_row_tail(), form_saving_above_use(),
            pv_fields_na_variants()]


def criteria_in_english() -> Case:
    """An invited expert's sheet in English: Demonstration & education, Technical feasibility,
    Implementation safeguards (each out of 5)."""
    header = ["Project ID", "Reviewer", "Demonstration & education (5)", "Technical feasibility (5)",
              "Implementation safeguards (5)", "Comments"]
    cells = [header, ["PD-111", "Dr. Chen", 4, 4.5, 4, "Good outreach plan"],
             ["PD-112", "Dr. Chen", 3.5, 3, 4, None]]
    return Case("criteria_in_english", "review_scores_chen.xlsx", xlsx(cells), Expect(
        6, {("PD-111", "Dr. Chen", "技术方案"): 4.5, ("PD-112", "Dr. Chen", "示范教育"): 3.5,
            ("PD-112", "Dr. Chen", "实施保障"): 4.0}))


def abbreviated_headers() -> Case:
    """Headers shortened to fit the page: 编号 for the project's number, the criteria as
    示范 | 技术 | 保障."""
    header = ["编号", "专家", "示范", "技术", "保障", "合计"]
    cells = [["评分汇总"], header, ["XH-111", "张伟", 4, 4.5, 4, 12.5], ["XH-111", "李红", 3.5, 4, 4.5, 12]]
    return Case("abbreviated_headers", "评分汇总（简）.xlsx", xlsx(cells), Expect(
        6, {("XH-111", "张伟", "技术方案"): 4.5, ("XH-111", "李红", "实施保障"): 4.5,
            ("XH-111", "李红", "示范教育"): 3.5}))


def expert_sheet_names_with_dates() -> Case:
    """One sheet per expert named 张伟-0312 and 李红-0312 (the secretary appends the review
    date): the experts are 张伟 and 李红."""
    def sheet(name: str, rows: list[list]):
        return name, [["项目编号", "示范教育", "技术方案", "实施保障"], *rows], ()
    sheets = [sheet("张伟-0312", [["YP-111", 4, 4.5, 4]]), sheet("李红-0312", [["YP-111", 3.5, 4, 4]])]
    return Case("expert_sheet_names_with_dates", "专家评分0312.xlsx", xlsx_book(sheets), Expect(
        6, {("YP-111", "张伟", "技术方案"): 4.5, ("YP-111", "李红", "示范教育"): 3.5}))


def sixth_batch_review_cases() -> list[Case]:
    return [criteria_in_english(), abbreviated_headers(), expert_sheet_names_with_dates()]


# --- seventh batch -------------------------------------------------------------------------

def xls_sheet_per_district() -> Case:
    """The city office's legacy .xls: 填表说明, then one sheet per district (虹口区, 普陀区), each
    its schools' table in 万元 (the unit in each header): four applications."""
    header = ["学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）",
              "年节电量（kWh）", "装机容量（kWp）", "年发电量（kWh）", "使用年限"]
    hk = [header, [CODE_HK, "虹口区第一中学", "HK-201", "屋顶光伏", "光伏", 60, 18, None, 150, 162000, 25],
          [CODE_HK2, "虹口区北郊学校", "HK-202", "照明改造", "照明改造", 12, 6, 26000, None, None, 10]]
    pt = [header, [CODE_PT, "曹杨二中附属学校", "PT-201", "空调改造", "空调与热泵", 48, 16, 70000, None, None, 12],
          [CODE_PT, "曹杨二中附属学校", "PT-202", "外窗改造", "围护结构", 70, 21, 42000, None, None, 25]]
    notes = [["填表说明"], ["各区按学校逐项填报，一个项目一行。"]]
    sheets = [("填表说明", notes, ()), ("虹口区", hk, ()), ("普陀区", pt, ())]
    return Case("xls_sheet_per_district", "全市奖补申报汇总.xls", xls_book(sheets), Expect(
        4, {(0, "application_id"): "HK-201", (2, "application_id"): "PT-201",
            (3, "total_investment_cny"): 700_000.0, (1, "claimed_annual_saving_kwh"): 26_000.0}))


def one_code_two_names() -> Case:
    """A district summary where the clerk copied a code down one row too far: 3101070008 is
    曹杨二中附属学校 and, a row later, 普陀区兰田中学. A person sees the slip; it is an error."""
    header = ["学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）",
              "年节电量（kWh）", "使用年限"]
    cells = [header, [CODE_PT, "曹杨二中附属学校", "PT-301", "照明改造", "照明改造", 14, 7, 30000, 10],
             [CODE_PT, "普陀区兰田中学", "PT-302", "空调改造", "空调与热泵", 40, 14, 60000, 12]]
    return Case("one_code_two_names", "普陀区汇总.xlsx", xlsx(cells), Expect(2, refused=True))


def seventh_batch_application_cases() -> list[Case]:
    return [xls_sheet_per_district(), one_code_two_names()]


def recusal_words() -> Case:
    """Experts as columns with recusals written three ways, 回避（同校）, 不评 and 弃权: none is
    a zero nor an error; six scores."""
    header = ["项目编号", "专家1", "专家2", "专家3"]
    cells = [["示范教育作用评分"], header, ["PT-401", 4, "回避（同校）", 4.5], ["PT-402", "不评", 3.5, 4],
             ["PT-403", 4, 4, "弃权"]]
    return Case("recusal_words", "示范教育评分（回避）.xlsx", xlsx(cells), Expect(
        6, {("PT-401", "专家3", "示范教育"): 4.5, ("PT-402", "专家2", "示范教育"): 3.5},
        missing={("PT-401", "专家2", "示范教育"), ("PT-402", "专家1", "示范教育"),
                 ("PT-403", "专家3", "示范教育")}))


def duplicate_score_rows() -> Case:
    """A long table where 吴芳's score for SJ-501 was entered twice, 4 and then 3.5: a person
    cannot tell which counts; the sheet must not be used until it is settled."""
    header = ["项目编号", "评审专家", "评分项", "得分"]
    cells = [header, ["SJ-501", "吴芳", "示范教育", 4], ["SJ-501", "周明", "示范教育", 4.5],
             ["SJ-501", "吴芳", "示范教育", 3.5]]
    return Case("duplicate_score_rows", "示范教育评分（重复）.xlsx", xlsx(cells), Expect(3, refused=True))


def seventh_batch_review_cases() -> list[Case]:
    return [recusal_words(), duplicate_score_rows()]


# --- eighth batch --------------------------------------------------------------------------

def serial_header_holds_ids() -> Case:
    """A 序号 column that holds the district's project numbers (XH-2027-01 …), not 1, 2, 3:
    they are the application IDs."""
    header = ["序号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）", "使用年限"]
    cells = [["学校代码", "3101040033"], header,
             ["XH-2027-01", "照明改造", "照明改造", 18, 9, 40000, 10],
             ["XH-2027-02", "空调改造", "空调与热泵", 66, 22, 98000, 12]]
    return Case("serial_header_holds_ids", "徐汇申报（序号）.xlsx", xlsx(cells), Expect(
        2, {(0, "application_id"): "XH-2027-01", (1, "application_id"): "XH-2027-02"}))


def dates_in_chinese_numerals() -> Case:
    """Planned dates in the official style, 二〇二七年三月 and 二〇二七年八月: March and August
    2027."""
    cells = [["奖补资金申请表"], ["学校名称", "上海市长宁区天山初级中学", "学校代码", CODE_CN],
             ["项目编号", "CN-2027-07", "项目类型", "照明改造"], ["项目名称", "体育馆照明改造", None, None],
             ["项目总投资（万元）", 20, "申请补助资金（万元）", 10],
             ["预计年节电量（kWh）", 41000, "设计使用年限（年）", 10],
             ["计划开工", "二〇二七年三月", "计划完工", "二〇二七年八月"]]
    return Case("dates_in_chinese_numerals", "天山初中照明申请.xlsx", xlsx(cells, sheet="申请表"), Expect(
        1, {(0, "planned_start"): dt.datetime(2027, 3, 1), (0, "planned_finish"): dt.datetime(2027, 8, 1)}))


def eighth_batch_application_cases() -> list[Case]:
    return [serial_header_holds_ids(), dates_in_chinese_numerals()]


def full_mark_column() -> Case:
    """Criteria down the side with a 满分 column before the experts (评分项 | 满分 | 专家1 |
    专家2), the project in the title: 满分 is the scale, not an expert; six scores."""
    header = ["评分项", "满分", "专家1", "专家2"]
    cells = [["项目编号：JA-2027-11  评分表"], header, ["示范教育", 5, 4, 4.5], ["技术方案", 5, 4.5, 4],
             ["实施保障", 5, 3.5, 4]]
    return Case("full_mark_column", "JA-2027-11评分.xlsx", xlsx(cells), Expect(
        6, {("JA-2027-11", "专家1", "技术方案"): 4.5, ("JA-2027-11", "专家2", "示范教育"): 4.5},
        missing={("JA-2027-11", "满分", "示范教育")}))


def eighth_batch_review_cases() -> list[Case]:
    return [full_mark_column()]


# The cases not yet read as a person reads them, with what the reader did at first.
# batch 1: 19 of 30 at first
NOT_YET_READ_BLIND: dict[str, str] = {
    "pv_and_lighting_in_one": "光伏+照明 read as 照明改造, silently (wrong value)",
    "two_forms_one_sheet": "second form on the sheet dropped, only warned 'appears twice': "
                           "1 application of 2",
    # batch 2: 6 of 13 at first
    "cap_in_note": "the note's cap (≤50万, ≤30% of 总投资) not applied: 80万 of 200万 without a word",
    "criteria_blocks_side_by_side": "second block's 技术方案可行性 ignored: all read as 示范教育, "
                                    "6 duplicate errors",
    # batch 3: 5 of 9 at first
    # batch 4: 7 of 7 at first; batch 5: 6 of 9 at first
    "investment_by_year_columns": "2027年|2028年|合计 under 总投资: 2027年 taken as the total (70万, not 120万), "
                                  "the sub-header row read as an application",
    "project_blocks_stacked": "per-project blocks: the second block's ID and header ignored, all under "
                              "'PD-101 项目名称：教学楼屋顶光伏'",
    # batch 6: 2 of 7 at first
    "abbreviated_headers": "bare 编号 not taken as the application ID: no header row "
                           "(示范 | 技术 | 保障 alone are read)",
    # batch 7: 2 of 4 at first
    # batch 8: 0 of 3 at first
}
