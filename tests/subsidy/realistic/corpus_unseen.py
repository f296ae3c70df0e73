"""A second corpus of application and expert-score sheets, written without the reader in view.

Each file is made the way a district office, a school's general-affairs teacher or the
committee's secretary makes it in Excel or WPS: a district's 申报汇总表 with the school merged
down and 小计/合计 rows, amounts typed 120万 or ¥1,200,000, the unit in a note under the table,
项目类型 in the applicant's own words, dates as 2027年3月 or 2027.03, a WPS .et file, a GBK CSV,
a units row under the header; expert sheets with 专家一…专家五 columns, 缺席 for an absent
expert, per-criterion sheets, a long table, criteria as rows, and 平均分 / 排名 columns that a
person knows are derived. Each case's docstring says what a person reads in it.

Written in batches, each run once before the reader was changed for it (first run / cases):
batch 1 21/26, 2 4/9, 3 6/7, 4 1/3, 5 3/3, 6 1/2, 7 2/2 — 38 of 52 read as a person would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from dataclasses import field

import xlsxwriter
import xlwt

from tests.subsidy.realistic.corpus import Case, csv_bytes, xls, xlsx, xlsx_book
from tests.subsidy.realistic.corpus import Expect as _Expect

CODE_BS = "3101130018"  # 宝山区
CODE_BS2 = "3101130042"  # 宝山区
CODE_JA = "3101060012"  # 静安区
CODE_HP = "3101010005"  # 黄浦区
CODE_SJ = "3101170009"  # 松江区


@dataclasses.dataclass
class Expect(_Expect):
    """:class:`corpus.Expect` with two more things a person notices.

    ``listed`` cells that must be named by some issue (warning or information), such as a
    平均分 column left unread; ``missing`` score keys (application, reviewer, criterion)
    that must not be in the scores, such as an expert marked 缺席 (not a zero).
    """

    listed: set[str] = field(default_factory=set)
    missing: set[tuple] = field(default_factory=set)


def xls_named(cells: list[list], sheet: str = "Sheet1") -> bytes:
    """A BIFF8 workbook, the format WPS writes for its own .et files too."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- application sheets ----------------------------------------------------------------------

def district_summary() -> Case:
    """宝山区's 申报汇总表: units in every header (万元, 万kWh, kW), project types in the
    schools' words (LED照明改造, 空气源热泵, 屋顶分布式光伏, 智慧能源管理平台), 备注 已列入区级计划,
    a 合计 row and the office's signatures under it. Four applications."""
    header = ["序号", "学校代码", "学校", "项目名称", "项目类型", "总投资（万元）", "申请金额（万元）",
              "预计节电量（万kWh）", "光伏装机容量（kW）", "预计年发电量（万kWh）", "使用年限（年）",
              "项目编号", "备注"]
    rows = [[1, CODE_BS, "上海市宝山区淞浦中学", "教学楼LED照明改造", "LED照明改造", 42, 20, 6.5, "—",
             "—", 10, "BS-2027-01", "已列入区级计划"],
            [2, CODE_BS, "上海市宝山区淞浦中学", "学生宿舍空气源热泵热水系统", "空气源热泵", 96, 30, 11.2,
             "—", "—", 15, "BS-2027-02", None],
            [3, CODE_BS2, "上海市宝山区月浦实验学校", "体育馆屋顶分布式光伏", "屋顶分布式光伏", 210, 60,
             None, 500, 52.5, 25, "BS-2027-03", "已列入区级计划"],
            [4, CODE_BS2, "上海市宝山区月浦实验学校", "智慧能源管理平台建设", "智慧能源管理平台", 55, 20,
             4.8, None, None, 8, "BS-2027-04", None]]
    total = ["合计", None, None, None, None, 403, 130, 22.5, 500, 52.5, None, None, None]
    cells = [[None], ["填报单位：宝山区教育局（盖章）", None, None, None, None, None, None, None, None,
                      "填报日期：2027年1月15日"],
             header, *rows, total, [],
             ["审核人：王主任", None, None, None, "制表人：陈老师", None, None, "联系电话：021-56780000"]]
    title = "宝山区2027年度生态文明建设示范学校奖补项目申报汇总表"
    return Case("district_summary", "宝山区奖补项目申报汇总表.xlsx",
                xlsx(cells, ((0, 0, 0, 12, title),), "汇总表"),
                Expect(4, {(0, "project_type"): "照明改造", (1, "project_type"): "空调与热泵",
                           (2, "project_type"): "光伏", (3, "project_type"): "能耗监测平台",
                           (0, "total_investment_cny"): 420_000.0,
                           (0, "subsidy_requested_cny"): 200_000.0,
                           (0, "claimed_annual_saving_kwh"): 65_000.0,
                           (0, "claimed_pv_capacity_kwp"): None,
                           (2, "claimed_pv_capacity_kwp"): 500.0,
                           (2, "claimed_annual_pv_kwh"): 525_000.0,
                           (2, "school_code"): CODE_BS2, (2, "application_id"): "BS-2027-03",
                           (0, "description"): "已列入区级计划"},
                       absent={"must_be_positive", "unknown_choice", "not_a_number"}))


def _plain_table(amounts: list[tuple], code: str = CODE_JA) -> list[list]:
    """A school's own two-column-block table with amounts as typed, no unit in the header."""
    header = ["项目编号", "项目名称", "项目类型", "总投资", "申请补助", "年节电量(kWh)", "使用年限"]
    names = [("照明改造", "教室灯具改造"), ("空调与热泵", "多联机空调更换"), ("照明改造", "操场照明")]
    rows = [[f"JA-{k + 1}", names[k][1], names[k][0], invest, subsidy, saving, life]
            for k, (invest, subsidy, saving, life) in enumerate(amounts)]
    return [["学校名称", "上海市静安区实验中学", "学校代码", code], [], header, *rows]


def amounts_as_typed() -> Case:
    """Amounts typed as people type them in a column with no unit: 120万, ¥1,200,000,
    1,200,000元, ￥360,000.00, 36万元. Every one is plain to a person."""
    cells = _plain_table([("120万", "36万元", 150000, 10), ("¥1,200,000", "￥360,000.00", 98000, 15),
                          ("1,200,000元", "36万", "8.5万kWh", 10)])
    return Case("amounts_as_typed", "实验中学申报.xlsx", xlsx(cells), Expect(
        3, {(0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (1, "total_investment_cny"): 1_200_000.0, (1, "subsidy_requested_cny"): 360_000.0,
            (2, "total_investment_cny"): 1_200_000.0, (2, "subsidy_requested_cny"): 360_000.0,
            (2, "claimed_annual_saving_kwh"): 85_000.0},
        absent={"not_a_number", "unit_note_ambiguous"}))


def amount_in_words() -> Case:
    """一百二十万元 in the investment cell: a person reads it, a machine must not guess; it is an
    error at D4 saying to write the number. The other rows are fine."""
    cells = _plain_table([("一百二十万元", 360000, 150000, 10), (800000, 240000, 98000, 15)])
    return Case("amount_in_words", "实验中学申报（大写）.xlsx", xlsx(cells), Expect(
        2, errors={"D4"}))


def note_below_wan() -> Case:
    """The unit only in a note under the table: 注：1.金额单位：万元；2.节电量单位：kWh。"""
    header = ["项目编号", "项目名称", "项目类型", "总投资", "申请补助", "自筹资金", "预计年节电量",
              "使用年限"]
    rows = [["HP-01", "教学楼LED照明改造", "照明改造", 32, 16, 16, 70000, 10],
            ["HP-02", "食堂热泵热水", "热泵", 58, 20, 38, 86000, 15]]
    cells = [["黄浦区格致初级中学奖补项目申请"], ["学校代码", CODE_HP], header, *rows, [],
             ["注：1.金额单位：万元；2.节电量单位：kWh。"], ["填表人：赵老师  2027年1月"]]
    return Case("note_below_wan", "格致初中申请.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 320_000.0, (1, "subsidy_requested_cny"): 200_000.0,
            (1, "co_funding_cny"): 380_000.0, (0, "claimed_annual_saving_kwh"): 70_000.0},
        warnings={"unit_from_note"}, warning_cells={"D3", "E3", "F3"},
        absent={"unit_note_ambiguous"}))


def note_below_yuan() -> Case:
    """单位：元 under the table, amounts in full yuan: read as they are, no factor, no question."""
    header = ["项目编号", "项目名称", "项目类型", "总投资", "申请补助", "预计年节电量（kWh）", "使用年限"]
    rows = [["SJ-1", "图书馆照明改造", "照明改造", 186000, 90000, 38000, 10],
            ["SJ-2", "行政楼外墙保温", "外墙保温", 640000, 200000, 52000, 25]]
    cells = [["学校代码：" + CODE_SJ, None, "学校名称：上海市松江区泗泾中学"], header, *rows,
             ["单位：元"]]
    return Case("note_below_yuan", "泗泾中学.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 186_000.0, (1, "subsidy_requested_cny"): 200_000.0,
            (1, "project_type"): "围护结构"},
        absent={"unit_note_ambiguous", "not_a_number"}))


def form_overview_block() -> Case:
    """A 申报书 form: 项目概况 as a block merged over three rows, the type chosen with ■ among □,
    amounts in 万元 in the labels, a yield in 万kWh, dates 2027.03 and 2027.08, 25年."""
    overview = ("在实验楼、教学楼屋顶建设分布式光伏450kWp，采用自发自用、余电上网模式；"
                "建设光伏科普展示屏，纳入学校科技课程。")
    cells = [[None] * 4,
             ["学校名称", "上海市静安区实验中学", "学校代码", CODE_JA],
             ["项目编号", "JA-2027-03", "申报日期", "2027年1月10日"],
             ["项目名称", "屋顶分布式光伏发电项目", None, None],
             ["项目类型", "■光伏  □照明改造  □空调与热泵  □能耗监测平台  □围护结构  □其他", None, None],
             ["总投资（万元）", 180, "申请金额（万元）", 54],
             ["装机容量（kWp）", 450, "年发电量（万kWh）", 49.5],
             ["计划开工时间", "2027.03", "计划竣工时间", "2027.08"],
             ["设计使用年限", "25年", None, None],
             ["项目概况", overview, None, None],
             [None] * 4, [None] * 4,
             ["学校意见", "同意申报。（盖章）", None, None]]
    merges = ((0, 0, 0, 3, "上海市生态文明建设示范学校奖补资金项目申报书"), (3, 1, 3, 3, cells[3][1]),
              (4, 1, 4, 3, cells[4][1]), (9, 0, 11, 0, "项目概况"), (9, 1, 11, 3, overview),
              (12, 1, 12, 3, cells[12][1]))
    return Case("form_overview_block", "实验中学光伏申报书.xlsx", xlsx(cells, merges, "申报书"), Expect(
        1, {(0, "application_id"): "JA-2027-03", (0, "project_type"): "光伏",
            (0, "total_investment_cny"): 1_800_000.0, (0, "subsidy_requested_cny"): 540_000.0,
            (0, "claimed_pv_capacity_kwp"): 450.0, (0, "claimed_annual_pv_kwh"): 495_000.0,
            (0, "service_life_years"): 25.0, (0, "planned_start"): dt.datetime(2027, 3, 1),
            (0, "planned_finish"): dt.datetime(2027, 8, 1), (0, "description"): overview},
        warnings={"form_read"}))


def form_paren_ticks() -> Case:
    """A form printed for pen and retyped: the choice ticked as 照明改造（√） with （ ） for the
    rest, amounts 26万元 in the cell, PV fields / for a lighting project."""
    cells = [["奖补资金申请表"],
             ["申报学校", "上海市黄浦区格致初级中学", "学校代码", CODE_HP],
             ["项目编号", "HP-2027-07", None, None],
             ["项目名称", "教学楼及走廊照明节能改造", None, None],
             ["项目类型", "光伏（ ）  照明改造（√）  空调与热泵（ ）  能耗监测平台（ ）  其他（ ）", None, None],
             ["项目总投资", "26万元", "申请补助", "13万元"],
             ["预计年节电量（kWh）", 52000, "设计使用年限（年）", 10],
             ["光伏装机容量（kWp）", "/", "预计年发电量（kWh）", "/"],
             ["联系人", "赵老师", "联系电话", "13900002222"]]
    merges = ((3, 1, 3, 3, cells[3][1]), (4, 1, 4, 3, cells[4][1]))
    return Case("form_paren_ticks", "格致初中照明申请.xlsx", xlsx(cells, merges, "申请表"), Expect(
        1, {(0, "project_type"): "照明改造", (0, "total_investment_cny"): 260_000.0,
            (0, "subsidy_requested_cny"): 130_000.0, (0, "claimed_pv_capacity_kwp"): None,
            (0, "claimed_annual_saving_kwh"): 52_000.0, (0, "school_code"): CODE_HP},
        warnings={"form_read"}, absent={"not_a_number", "must_be_positive"}))


def dates_as_typed() -> Case:
    """Planned dates as people type them: 2027年3月, 2027.03 (a number in the cell), 2027/4,
    2027-05, an Excel date; 2027年12月 and 2027.09 for the finish."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（元）", "申请补助（元）", "预计年节电量（kWh）",
              "使用年限", "计划开工", "计划竣工"]
    rows = [["D-1", "照明改造一期", "照明改造", 200000, 100000, 40000, 10, "2027年3月", "2027年12月"],
            ["D-2", "热泵热水", "热泵", 400000, 150000, 70000, 15, 2027.03, 2027.09],
            ["D-3", "能耗监测", "能耗监测平台", 150000, 60000, 20000, 8, "2027/4", "2027/6"],
            ["D-4", "门窗改造", "门窗改造", 300000, 90000, 30000, 25, dt.datetime(2027, 5, 1),
             "2027-09"]]
    cells = [["学校代码", CODE_SJ, "学校名称", "泗泾中学"], header, *rows]
    return Case("dates_as_typed", "泗泾中学计划.xlsx", xlsx(cells), Expect(
        4, {(0, "planned_start"): dt.datetime(2027, 3, 1), (0, "planned_finish"): dt.datetime(2027, 12, 1),
            (1, "planned_start"): dt.datetime(2027, 3, 1), (1, "planned_finish"): dt.datetime(2027, 9, 1),
            (2, "planned_start"): dt.datetime(2027, 4, 1), (3, "planned_start"): dt.datetime(2027, 5, 1),
            (3, "planned_finish"): dt.datetime(2027, 9, 1), (3, "project_type"): "围护结构"},
        absent={"not_a_date", "finish_before_start"}))


def wps_et() -> Case:
    """A WPS spreadsheet saved in its own .et format (BIFF inside), the school above the table."""
    cells = [["单位名称：上海市黄浦区格致初级中学", None, None, "学校代码：" + CODE_HP],
             ["申请编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）",
              "装机容量（kWp）", "年发电量（kWh）", "使用年限（年）"],
             ["HP-E1", "风雨操场屋顶光伏", "光伏", 66, 20, None, 160, 172000, 25],
             ["HP-E2", "教室照明改造", "照明", 24, 12, 48000, None, None, 10]]
    return Case("wps_et", "格致初中申报.et", xls_named(cells, "申报表"), Expect(
        2, {(0, "total_investment_cny"): 660_000.0, (0, "claimed_annual_pv_kwh"): 172_000.0,
            (1, "subsidy_requested_cny"): 120_000.0, (1, "school_code"): CODE_HP}))


def xls_units_row() -> Case:
    """A legacy .xls whose second header row holds the units (万元 | 万元 | kWh | kWp | kWh | 年):
    a header row, not an application."""
    cells = [["学校代码：" + CODE_BS, None, None, "学校名称：上海市宝山区淞浦中学"],
             ["申请编号", "项目名称", "项目类型", "总投资", "申请补助", "年节电量", "装机容量", "年发电量",
              "使用年限"],
             [None, None, None, "万元", "万元", "kWh", "kWp", "kWh", "年"],
             ["BS-X1", "教学楼屋顶光伏", "光伏", 120, 36, None, 300, 324000, 25],
             ["BS-X2", "图书馆照明", "照明改造", 15, 7.5, 30000, None, None, 10]]
    return Case("xls_units_row", "淞浦中学申报.xls", xls(cells), Expect(
        2, {(0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (0, "claimed_pv_capacity_kwp"): 300.0, (1, "claimed_annual_saving_kwh"): 30_000.0,
            (1, "total_investment_cny"): 150_000.0},
        absent={"not_a_number", "missing_value"}))


def gbk_csv_district() -> Case:
    """A district's summary exported as a GBK CSV, with a 合计 line and an empty line."""
    header = ["序号", "学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资（万元）",
              "申请金额（万元）", "预计节电量（万kWh）", "使用年限"]
    rows = [[1, CODE_SJ, "上海市松江区泗泾中学", "SJ-01", "教学楼LED照明改造", "LED照明改造", 30, 15, 6, 10],
            [2, CODE_SJ, "上海市松江区泗泾中学", "SJ-02", "空气源热泵热水", "空气源热泵", 80, 25, 9.6, 15],
            [3, "3101170031", "上海市松江区九亭小学", "SJ-03", "能耗监测平台", "能耗监测", 40, 16, 3.2, 8]]
    lines = [["松江区奖补项目申报汇总"], header, *rows, ["合计", None, None, None, None, None, 150, 56,
                                                      18.8, None], []]
    return Case("gbk_csv_district", "松江区汇总.csv", csv_bytes(lines, "gbk"), Expect(
        3, {(0, "total_investment_cny"): 300_000.0, (1, "claimed_annual_saving_kwh"): 96_000.0,
            (2, "school_code"): "3101170031", (0, "project_type"): "照明改造",
            (2, "subsidy_requested_cny"): 160_000.0}))


def bom_csv_remarks() -> Case:
    """A UTF-8 CSV with a byte-order mark, amounts with thousands separators in quotes, 备注
    已列入区级计划 on one project."""
    header = ["学校代码", "学校名称", "项目编号", "项目名称", "项目类型", "总投资(元)", "申请补助(元)",
              "年节电量(kWh)", "光伏装机(kWp)", "年发电量(kWh)", "使用年限(年)", "备注"]
    rows = [[CODE_JA, "静安区实验中学", "JA-B1", "屋顶光伏", "光伏", "1,350,000", "400,000", None, "330",
             "356,400", 25, "已列入区级计划"],
            [CODE_JA, "静安区实验中学", "JA-B2", "照明改造", "照明改造", "210,000", "105,000", "42,000",
             None, None, 10, None]]
    return Case("bom_csv_remarks", "实验中学申报.csv", csv_bytes([header, *rows], "utf-8-sig"), Expect(
        2, {(0, "total_investment_cny"): 1_350_000.0, (0, "claimed_annual_pv_kwh"): 356_400.0,
            (0, "description"): "已列入区级计划", (1, "claimed_annual_saving_kwh"): 42_000.0}))


def school_merged_down() -> Case:
    """A district summary with 学校 and 学校代码 merged down over each school's projects, a
    小　计 row under each school and 合　　计 at the end. Four applications."""
    header = ["序号", "学校代码", "学校", "项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）",
              "预计年节电量（kWh）", "使用年限"]
    cells = [["静安区、黄浦区联合申报汇总表"], header,
             [1, None, None, "A-1", "照明改造", "照明改造", 20, 10, 40000, 10],
             [2, None, None, "A-2", "空调更换", "空调改造", 60, 20, 90000, 15],
             ["小　计", None, None, None, None, None, 80, 30, 130000, None],
             [3, None, None, "B-1", "能耗平台", "能耗监测平台", 30, 12, 15000, 8],
             [4, None, None, "B-2", "外窗改造", "节能窗", 45, 15, 20000, 25],
             ["小　计", None, None, None, None, None, 75, 27, 35000, None],
             ["合　　计", None, None, None, None, None, 155, 57, 165000, None]]
    merges = ((2, 1, 3, 1, CODE_JA), (2, 2, 3, 2, "上海市静安区实验中学"),
              (5, 1, 6, 1, CODE_HP), (5, 2, 6, 2, "上海市黄浦区格致初级中学"))
    return Case("school_merged_down", "联合申报汇总.xlsx", xlsx(cells, merges), Expect(
        4, {(1, "school_code"): CODE_JA, (2, "school_code"): CODE_HP, (3, "school_code"): CODE_HP,
            (3, "project_type"): "围护结构", (1, "total_investment_cny"): 600_000.0}))


def header_line_breaks() -> Case:
    """Headers wrapped by hand with Alt+Enter: 项目\\n总投资\\n（万元）, 申请\\n补助金额\\n(万元)."""
    header = ["申请\n编号", "项目\n名称", "项目\n类型", "项目\n总投资\n（万元）", "申请\n补助金额\n(万元)",
              "预计年\n节电量\n(kWh)", "光伏装机\n容量(kWp)", "预计年\n发电量\n(kWh)", "设计使用\n年限(年)"]
    rows = [["W-1", "车棚光伏", "光伏", 52, 15, None, 130, 140000, 25],
            ["W-2", "宿舍热水热泵", "空调与热泵", 44, 15, 66000, None, None, 15]]
    cells = [["学校代码", CODE_BS2, "学校名称", "月浦实验学校"], header, *rows]
    return Case("header_line_breaks", "月浦实验学校.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 520_000.0, (1, "subsidy_requested_cny"): 150_000.0,
            (0, "claimed_pv_capacity_kwp"): 130.0, (0, "claimed_annual_pv_kwh"): 140_000.0,
            (1, "claimed_annual_saving_kwh"): 66_000.0, (1, "service_life_years"): 15.0}))


def type_not_ours() -> Case:
    """节水改造 is not an energy project the scheme funds: an error at its cell (C3), not
    a guess at 其他; the LED照明改造 row beside it is read."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "使用年限"]
    rows = [["N-1", "卫生间节水器具更换", "节水改造", 18, 9, 0, 10],
            ["N-2", "教室LED照明改造", "LED照明改造", 26, 13, 50000, 10]]
    cells = [["学校代码", CODE_SJ], header, *rows]
    return Case("type_not_ours", "泗泾中学节水.xlsx", xlsx(cells), Expect(2, errors={"C3"}))


def fullwidth_and_spaces() -> Case:
    """Headers spaced out to fill the column (项 目 名 称), full-width brackets and digits in
    the cells (１２０, ３６), a PV capacity written 300kW."""
    header = ["申 请 编 号", "项 目 名 称", "项 目 类 型", "总 投 资（万元）", "申 请 补 助（万元）",
              "装 机 容 量", "年 发 电 量（kWh）", "使 用 年 限"]
    rows = [["F-1", "屋顶光伏", "光伏", "１２０", "３６", "300kW", "３２４０００", "２５"]]
    cells = [["学 校 代 码", CODE_HP], header, *rows]
    return Case("fullwidth_and_spaces", "格致初中.xlsx", xlsx(cells), Expect(
        1, {(0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (0, "claimed_pv_capacity_kwp"): 300.0, (0, "claimed_annual_pv_kwh"): 324_000.0,
            (0, "service_life_years"): 25.0}))


def unit_beside_title() -> Case:
    """The title in A1 and 单位：万元 alone in the last column of the next row, as a district's
    clerk right-aligns it above the table."""
    header = ["序号", "学校代码", "项目编号", "项目名称", "项目类型", "总投资", "申请补助", "预计年节电量（kWh）",
              "使用年限"]
    rows = [[1, CODE_BS, "U-1", "教学楼照明", "照明改造", 22, 11, 46000, 10],
            [2, CODE_BS, "U-2", "热泵热水", "空气源热泵", 70, 24, 80000, 15]]
    cells = [["宝山区奖补项目申报表"], [None] * 8 + ["单位：万元"], header, *rows]
    return Case("unit_beside_title", "宝山申报.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 220_000.0, (1, "subsidy_requested_cny"): 240_000.0,
            (1, "claimed_annual_saving_kwh"): 80_000.0},
        warnings={"unit_from_note"}, warning_cells={"F3", "G3"}))


def pv_fields_not_applicable() -> Case:
    """A heat-pump and an envelope project with the PV columns 不涉及 / 0 / 无 and a PV project
    whose saving is 不涉及: nothing to complain about."""
    header = ["项目编号", "项目名称", "项目类型", "总投资(万元)", "申请补助(万元)", "预计年节电量(kWh)",
              "光伏装机容量(kWp)", "预计年发电量(kWh)", "使用年限"]
    rows = [["P-1", "空气源热泵热水", "空气源热泵", 50, 18, 72000, "不涉及", "不涉及", 15],
            ["P-2", "屋面保温", "屋面保温", 35, 10, 21000, 0, "无", 25],
            ["P-3", "屋顶光伏", "屋顶光伏", 90, 27, "不涉及", 220, 237600, 25]]
    cells = [["学校代码", CODE_JA, "学校名称", "实验中学"], header, *rows]
    return Case("pv_fields_not_applicable", "实验中学三项.xlsx", xlsx(cells), Expect(
        3, {(0, "claimed_pv_capacity_kwp"): None, (1, "claimed_annual_pv_kwh"): None,
            (2, "claimed_annual_saving_kwh"): None, (1, "project_type"): "围护结构",
            (2, "claimed_pv_capacity_kwp"): 220.0},
        absent={"must_be_positive", "not_a_number", "pv_field_required"}))


def application_cases() -> list[Case]:
    return [district_summary(), amounts_as_typed(), amount_in_words(), note_below_wan(),
            note_below_yuan(), form_overview_block(), form_paren_ticks(), dates_as_typed(), wps_et(),
            xls_units_row(), gbk_csv_district(), bom_csv_remarks(), school_merged_down(),
            header_line_breaks(), type_not_ours(), fullwidth_and_spaces(), unit_beside_title(),
            pv_fields_not_applicable()]


# --- expert-score sheets -------------------------------------------------------------------

def _five_experts(cell_34) -> list[list]:
    header = ["序号", "项目编号", "项目名称", "专家一", "专家二", "专家三", "专家四", "专家五", "平均分",
              "排名"]
    rows = [[1, "BS-2027-01", "教学楼LED照明改造", 4, "4.5分", 4, 3.5, 4, 4.0, 2],
            [2, "BS-2027-03", "体育馆屋顶分布式光伏", 5, 4.5, cell_34, "缺席", 4.5, 4.63, 1],
            [3, "BS-2027-04", "智慧能源管理平台建设", 3, 3.5, 3, 3, 3.5, 3.2, 3]]
    return [[None], ["评分指标：示范教育作用", None, None, None, None, None, None, None,
                     "评分（满分5分）"], header, *rows, [],
            ["评审组长签字：", None, None, "日期：2027年3月5日"]]


FIVE_MERGES = ((0, 0, 0, 9, "宝山区奖补项目专家打分汇总表"),)


def five_experts_summary() -> Case:
    """专家打分汇总表: 专家一…专家五 as columns, the criterion on the line under the title,
    评分（满分5分）, a score 4.5分, an expert 缺席 on one project (absent: no score, not a zero),
    平均分 and 排名 columns that are derived and must not be read as criteria."""
    cells = _five_experts(4.5)
    return Case("five_experts_summary", "专家打分汇总表.xlsx", xlsx(cells, FIVE_MERGES), Expect(
        14, {("BS-2027-01", "专家二", "示范教育"): 4.5, ("BS-2027-03", "专家三", "示范教育"): 4.5,
             ("BS-2027-04", "专家五", "示范教育"): 3.5},
        warning_cells={"G5"}, listed={"I3", "J3"},
        missing={("BS-2027-03", "专家四", "示范教育")}))


def score_in_words() -> Case:
    """The same sheet with 四分 typed for 专家三: an error at F5, not a guess."""
    cells = _five_experts("四分")
    return Case("score_in_words", "专家打分汇总表（含大写）.xlsx", xlsx(cells, FIVE_MERGES),
                Expect(13, errors={"F5"}))


def per_criterion_sheets() -> Case:
    """One sheet per criterion, named in the committee's words (示范教育作用, 技术方案可行性,
    实施保障措施), experts as columns 专家1…专家3, and a 汇总 sheet of averages not read."""
    def sheet(name: str, scores: list[list]) -> tuple:
        header = ["项目编号", "项目名称", "专家1", "专家2", "专家3"]
        return name, [[f"{name}评分表（满分5分）"], header, *scores], ()
    sheets = [sheet("示范教育作用", [["SJ-01", "教学楼LED照明改造", 4, 4.5, 4],
                                   ["SJ-02", "空气源热泵热水", 3.5, 3, 3.5]]),
              sheet("技术方案可行性", [["SJ-01", "教学楼LED照明改造", 4, 4, 3.5],
                                    ["SJ-02", "空气源热泵热水", 4.5, 4, 4]]),
              sheet("实施保障措施", [["SJ-01", "教学楼LED照明改造", 3, 3.5, "3分"],
                                   ["SJ-02", "空气源热泵热水", 4, 4, 4.5]]),
              ("汇总", [["项目编号", "示范教育", "技术方案", "实施保障", "总分"],
                        ["SJ-01", 4.17, 3.83, 3.17, 11.17], ["SJ-02", 3.33, 4.17, 4.17, 11.67]], ())]
    return Case("per_criterion_sheets", "分项评分.xlsx", xlsx_book(sheets), Expect(
        18, {("SJ-01", "专家2", "示范教育"): 4.5, ("SJ-02", "专家1", "技术方案"): 4.5,
             ("SJ-01", "专家3", "实施保障"): 3.0},
        warnings={"sheet_skipped_summary"}))


def long_table_plain() -> Case:
    """The secretary's long table: 专家姓名 | 项目编号 | 指标 | 得分, criteria in other words
    (示范引领作用, 技术方案合理性, 组织实施保障)."""
    header = ["专家姓名", "项目编号", "指标", "得分"]
    rows = []
    for expert, base in (("周明", 4.0), ("吴芳", 3.5)):
        for app in ("HP-2027-07", "JA-2027-03"):
            for k, criterion in enumerate(("示范引领作用", "技术方案合理性", "组织实施保障")):
                rows.append([expert, app, criterion, base + 0.5 * (k == 1)])
    cells = [header, *rows]
    return Case("long_table_plain", "评分明细.xlsx", xlsx(cells, sheet="明细"), Expect(
        12, {("HP-2027-07", "周明", "技术方案"): 4.5, ("JA-2027-03", "吴芳", "实施保障"): 3.5,
             ("JA-2027-03", "吴芳", "示范教育"): 3.5}))


def criteria_rows_projects_columns() -> Case:
    """One expert's sheet as a matrix: criteria down the side, projects across the top, the
    expert named on the line above, a 合计 row under it."""
    cells = [["专家评分表"], ["评审专家：郑立新", None, None, "日期：2027-03-05"],
             ["评分指标", "BS-2027-01", "BS-2027-03", "BS-2027-04"],
             ["示范教育作用", 4, 4.5, 3],
             ["技术方案可行性", 3.5, 4, 3.5],
             ["实施保障", 4, 4, 3],
             ["合计", 11.5, 12.5, 9.5]]
    return Case("criteria_rows_projects_columns", "郑立新评分.xlsx", xlsx(cells, sheet="郑立新"),
                Expect(9, {("BS-2027-03", "郑立新", "示范教育"): 4.5,
                           ("BS-2027-01", "郑立新", "技术方案"): 3.5,
                           ("BS-2027-04", "郑立新", "实施保障"): 3.0}))


def criteria_columns_with_rank() -> Case:
    """Criteria as columns with their full marks, then 总分, 平均分 and 排名 the secretary
    added with formulas' results: derived, ignored and reported, not criteria."""
    header = ["项目编号", "项目名称", "评审专家", "示范教育作用（5分）", "技术方案（5分）", "实施保障（5分）",
              "总分", "平均分", "排名"]
    rows = [["JA-2027-03", "屋顶光伏", "周明", 4.5, 4, 4, 12.5, 4.17, 1],
            ["JA-2027-03", "屋顶光伏", "吴芳", 4, 4, 3.5, 11.5, 3.83, 2],
            ["HP-2027-07", "照明改造", "周明", 3.5, 4, 3, 10.5, 3.5, 3],
            ["HP-2027-07", "照明改造", "吴芳", 3, 3.5, 3, 9.5, 3.17, 4]]
    cells = [["2027年奖补项目评审打分表"], header, *rows]
    return Case("criteria_columns_with_rank", "评审打分表.xlsx", xlsx(cells), Expect(
        12, {("JA-2027-03", "周明", "示范教育"): 4.5, ("HP-2027-07", "吴芳", "技术方案"): 3.5,
             ("JA-2027-03", "吴芳", "实施保障"): 3.5},
        warnings={"review_column_derived"}, listed={"G2", "H2", "I2"}))


def gbk_csv_long_absent() -> Case:
    """A GBK CSV long table from the committee's web form: 项目编号,评审专家,评分项,分数 with
    4.5分 and one expert 缺席 (no score, not a zero)."""
    header = ["项目编号", "评审专家", "评分项", "分数"]
    rows = [["SJ-01", "E01", "示范教育", "4.5分"], ["SJ-01", "E02", "示范教育", "4分"],
            ["SJ-01", "E03", "示范教育", "缺席"], ["SJ-02", "E01", "示范教育", "3.5"],
            ["SJ-02", "E02", "示范教育", "3"], ["SJ-02", "E03", "示范教育", "缺席"]]
    return Case("gbk_csv_long_absent", "评分导出.csv", csv_bytes([header, *rows], "gbk"), Expect(
        4, {("SJ-01", "E01", "示范教育"): 4.5, ("SJ-01", "E02", "示范教育"): 4.0},
        warning_cells={"D4", "D7"}, missing={("SJ-01", "E03", "示范教育")}))


def experts_columns_xls_average_row() -> Case:
    """A legacy .xls: the criterion as the sheet's name, experts by name as columns, an
    平均分 row and a 最高分/最低分 pair of rows under the table."""
    cells = [["项目编号", "项目名称", "周明", "吴芳", "郑立新"],
             ["HP-2027-07", "照明改造", 3.5, 4, 3],
             ["JA-2027-03", "屋顶光伏", 4.5, 4, 5],
             ["平均分", None, 4, 4, 4],
             ["最高分", None, 4.5, 4, 5],
             ["最低分", None, 3.5, 4, 3]]
    return Case("experts_columns_xls_average_row", "技术方案评分.xls", xls(cells, sheet="技术方案"),
                Expect(6, {("HP-2027-07", "郑立新", "技术方案"): 3.0,
                           ("JA-2027-03", "周明", "技术方案"): 4.5}))


def review_cases() -> list[Case]:
    return [five_experts_summary(), score_in_words(), per_criterion_sheets(), long_table_plain(),
            criteria_rows_projects_columns(), criteria_columns_with_rank(), gbk_csv_long_absent(),
            experts_columns_xls_average_row()]


# --- a second batch: habits found after the first run ----------------------------------------

def district_without_ids() -> Case:
    """Most district summaries number their rows (序号) and give no 项目编号: the rows are
    still applications, each said to be numbered by the reader."""
    header = ["序号", "学校代码", "学校名称", "项目名称", "项目类型", "总投资（万元）", "申请金额（万元）",
              "预计节电量（万kWh）", "使用年限（年）"]
    rows = [[1, CODE_BS, "淞浦中学", "教学楼照明改造", "LED照明改造", 28, 14, 5.6, 10],
            [2, CODE_BS2, "月浦实验学校", "食堂热泵热水", "空气源热泵", 64, 22, 8.8, 15],
            [3, CODE_BS2, "月浦实验学校", "能耗监测平台", "智慧能源管理平台", 36, 15, 2.4, 8]]
    cells = [["宝山区奖补项目申报汇总表"], header, *rows, ["合计", None, None, None, None, 128, 51, 16.8, None]]
    return Case("district_without_ids", "宝山区汇总（无编号）.xlsx", xlsx(cells), Expect(
        3, {(1, "subsidy_requested_cny"): 220_000.0, (2, "claimed_annual_saving_kwh"): 24_000.0,
            (0, "school_code"): CODE_BS, (2, "project_type"): "能耗监测平台"},
        warnings={"application_id_assumed"}))


def of_which_columns() -> Case:
    """Government-table wording: 项目总投资（万元） then 其中：申请市级补助 and 其中：学校自筹."""
    header = ["项目编号", "项目名称", "项目类型", "项目总投资（万元）", "其中：申请市级补助（万元）",
              "其中：学校自筹（万元）", "预计年节电量（kWh）", "使用年限"]
    rows = [["Q-01", "宿舍空调更换", "空调改造", 90, 30, 60, 110000, 15],
            ["Q-02", "教学楼照明", "照明改造", 20, 10, 10, 42000, 10]]
    cells = [["学校代码", CODE_SJ, "学校名称", "泗泾中学"], header, *rows]
    return Case("of_which_columns", "泗泾中学（其中）.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 900_000.0, (0, "subsidy_requested_cny"): 300_000.0,
            (0, "co_funding_cny"): 600_000.0, (1, "subsidy_requested_cny"): 100_000.0}))


def note_row_under_header() -> Case:
    """The district's instructions left as a row under the header, （金额单位：万元，请逐项填写）,
    and an example row 示例 the schools did not delete."""
    header = ["项目编号", "项目名称", "项目类型", "总投资", "申请补助", "预计年节电量（kWh）", "使用年限"]
    cells = [["学校代码", CODE_HP], header,
             ["（金额单位：万元，请逐项填写，一个项目一行）"],
             ["示例", "XX楼屋顶光伏", "光伏", 100, 30, None, 25],
             ["HP-N1", "教学楼照明", "照明改造", 18, 9, 36000, 10],
             ["HP-N2", "空调群控", "空调与热泵", 40, 15, 50000, 12]]
    return Case("note_row_under_header", "格致初中（说明行）.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 180_000.0, (1, "subsidy_requested_cny"): 150_000.0,
            (0, "application_id"): "HP-N1"},
        warnings={"unit_from_note"}, warning_cells={"D2", "E2"}))


def form_wide_labels() -> Case:
    """A form whose labels are merged over A:B and values over C:F, as Word forms pasted
    into Excel come out; the amount written 120万元（大写：壹佰贰拾万元整）. Read as a form or as a
    one-record sideways table alike: the values are what a person reads."""
    cells = [["项目申报表", None, None, None, None, None],
             ["学校名称", None, "上海市松江区泗泾中学", None, None, None],
             ["学校代码", None, CODE_SJ, None, None, None],
             ["项目编号", None, "SJ-2027-09", None, None, None],
             ["项目名称", None, "综合楼屋顶光伏", None, None, None],
             ["项目类型", None, "☑光伏 □照明改造 □空调与热泵 □其他", None, None, None],
             ["项目总投资", None, "120万元（大写：壹佰贰拾万元整）", None, None, None],
             ["申请补助金额", None, "36万元（大写：叁拾陆万元整）", None, None, None],
             ["光伏装机容量（kWp）", None, 300, None, None, None],
             ["预计年发电量（kWh）", None, 324000, None, None, None],
             ["设计使用年限（年）", None, 25, None, None, None]]
    merges = [(0, 0, 0, 5, "项目申报表")]
    for i in range(1, 11):
        merges += [(i, 0, i, 1, cells[i][0]), (i, 2, i, 5, cells[i][2])]
    return Case("form_wide_labels", "泗泾中学光伏申报表.xlsx", xlsx(cells, tuple(merges), "申报表"),
                Expect(1, {(0, "application_id"): "SJ-2027-09", (0, "project_type"): "光伏",
                           (0, "total_investment_cny"): 1_200_000.0,
                           (0, "subsidy_requested_cny"): 360_000.0,
                           (0, "claimed_pv_capacity_kwp"): 300.0, (0, "school_code"): CODE_SJ}))


def breakdown_rows() -> Case:
    """A summary with a 总计 row and 其中：光伏项目 / 其中：其他项目 breakdown rows under it."""
    header = ["序号", "学校代码", "项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）",
              "预计年节电量（kWh）", "光伏装机（kWp）", "年发电量（kWh）", "使用年限"]
    rows = [[1, CODE_JA, "JA-11", "屋顶光伏", "光伏", 100, 30, None, 250, 270000, 25],
            [2, CODE_JA, "JA-12", "照明改造", "照明改造", 20, 10, 40000, None, None, 10]]
    cells = [["静安区申报汇总"], header, *rows,
             ["总计", None, None, None, None, 120, 40, 40000, 250, 270000, None],
             ["其中：光伏项目", None, None, None, None, 100, 30, None, 250, 270000, None],
             ["其中：其他项目", None, None, None, None, 20, 10, 40000, None, None, None]]
    return Case("breakdown_rows", "静安区汇总.xlsx", xlsx(cells), Expect(
        2, {(0, "claimed_annual_pv_kwh"): 270_000.0, (1, "total_investment_cny"): 200_000.0}))


def cell_unit_beats_header() -> Case:
    """A header in 元 with one cell typed 120万 and one 1,200,000: a person reads both as
    1,200,000 元, not 120 元."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（元）", "申请补助（元）", "预计年节电量（kWh）", "使用年限"]
    rows = [["C-1", "热泵热水", "热泵", "120万", "36万", 90000, 15],
            ["C-2", "照明改造", "照明", "1,200,000", 360000, 150000, 10]]
    cells = [["学校代码", CODE_BS], header, *rows]
    return Case("cell_unit_beats_header", "淞浦中学（元）.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (1, "total_investment_cny"): 1_200_000.0}))


def construction_period() -> Case:
    """One 建设周期 column holding both dates, 2027年3月-2027年8月 or 2027.03—2027.08: a
    person reads the start and the finish."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "使用年限", "建设周期"]
    rows = [["P-1", "照明改造", "照明改造", 20, 10, 40000, 10, "2027年3月-2027年8月"],
            ["P-2", "热泵热水", "热泵", 50, 18, 70000, 15, "2027.03—2027.08"]]
    cells = [["学校代码", CODE_HP], header, *rows]
    return Case("construction_period", "格致初中周期.xlsx", xlsx(cells), Expect(
        2, {(0, "planned_start"): dt.datetime(2027, 3, 1), (0, "planned_finish"): dt.datetime(2027, 8, 1),
            (1, "planned_start"): dt.datetime(2027, 3, 1), (1, "planned_finish"): dt.datetime(2027, 8, 1)}))


# Cases a person reads that the reader does not yet, with the reason.
NOT_YET_READ: dict[str, str] = {}


def second_batch_application_cases() -> list[Case]:
    return [district_without_ids(), of_which_columns(), note_row_under_header(), form_wide_labels(),
            breakdown_rows(), cell_unit_beats_header(), construction_period()]


def experts_rows_projects_columns() -> Case:
    """A per-criterion summary with the experts down the side and the projects across:
    专家 | BS-2027-01 | BS-2027-03, the criterion in the title, a 平均分 row at the bottom."""
    cells = [["示范教育作用评分汇总（满分5分）"], ["评审专家", "BS-2027-01", "BS-2027-03", "BS-2027-04"],
             ["周明", 4, 4.5, 3], ["吴芳", 3.5, "4.5分", 3.5], ["郑立新", 4, 5, "缺席"],
             ["平均分", 3.83, 4.67, 3.25]]
    return Case("experts_rows_projects_columns", "示范教育汇总.xlsx", xlsx(cells), Expect(
        8, {("BS-2027-03", "吴芳", "示范教育"): 4.5, ("BS-2027-01", "郑立新", "示范教育"): 4.0},
        warning_cells={"D5"}, missing={("BS-2027-04", "郑立新", "示范教育")}))


def experts_with_roles() -> Case:
    """Experts named with their role, 张伟（组长）, scores with a full-width point 4．5 and a
    trailing space."""
    header = ["项目编号", "评分项", "张伟（组长）", "李红", "王强"]
    cells = [["技术评审打分"], header,
             ["SJ-01", "技术方案", "4．5", "4 ", 4], ["SJ-02", "技术方案", 3, 3.5, "3.5分"]]
    return Case("experts_with_roles", "技术评审.xlsx", xlsx(cells), Expect(
        6, {("SJ-01", "张伟（组长）", "技术方案"): 4.5, ("SJ-01", "李红", "技术方案"): 4.0,
            ("SJ-02", "王强", "技术方案"): 3.5}))


def second_batch_review_cases() -> list[Case]:
    return [experts_rows_projects_columns(), experts_with_roles()]


# --- a third batch -----------------------------------------------------------------------

def xlsx_formulas(cells: list[list], formulas: dict[tuple[int, int], tuple[str, float]],
                  sheet: str = "Sheet1") -> bytes:
    """An .xlsx whose ``formulas`` cells hold a formula with the value Excel saved for it."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if (i, j) in formulas:
                ws.write_formula(i, j, formulas[(i, j)][0], None, formulas[(i, j)][1])
            elif value is not None:
                ws.write(i, j, value)
    book.close()
    return buffer.getvalue()


def formula_amounts() -> Case:
    """自筹 and 申请补助 worked out by formulas (=D3*0.3, =D3-E3) with the values Excel saved."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "学校自筹（万元）",
              "预计年节电量（kWh）", "使用年限"]
    cells = [["学校代码", CODE_JA], header,
             ["JA-F1", "宿舍热泵", "热泵", 80, None, None, 100000, 15],
             ["JA-F2", "照明改造", "照明改造", 30, None, None, 60000, 10]]
    formulas = {(2, 4): ("=D3*0.3", 24), (2, 5): ("=D3-E3", 56),
                (3, 4): ("=D4*0.3", 9), (3, 5): ("=D4-E4", 21)}
    return Case("formula_amounts", "实验中学（公式）.xlsx", xlsx_formulas(cells, formulas), Expect(
        2, {(0, "subsidy_requested_cny"): 240_000.0, (0, "co_funding_cny"): 560_000.0,
            (1, "subsidy_requested_cny"): 90_000.0}))


def types_in_own_words() -> Case:
    """Project types as schools name them: 光伏发电系统, 智能照明控制系统, 中央空调节能改造,
    能源管理平台, 外窗节能改造 — each plainly one of the six."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "光伏装机容量（kWp）", "预计年发电量（kWh）", "使用年限"]
    rows = [["T-1", "屋顶光伏", "光伏发电系统", 90, 27, None, 220, 240000, 25],
            ["T-2", "照明控制", "智能照明控制系统", 25, 12, 50000, None, None, 10],
            ["T-3", "空调改造", "中央空调节能改造", 120, 36, 150000, None, None, 15],
            ["T-4", "平台", "能源管理平台", 40, 16, 20000, None, None, 8],
            ["T-5", "外窗", "外窗节能改造", 70, 20, 30000, None, None, 25]]
    cells = [["学校代码", CODE_SJ], header, *rows]
    return Case("types_in_own_words", "泗泾中学类型.xlsx", xlsx(cells), Expect(
        5, {(0, "project_type"): "光伏", (1, "project_type"): "照明改造",
            (2, "project_type"): "空调与热泵", (3, "project_type"): "能耗监测平台",
            (4, "project_type"): "围护结构"}))


def du_and_qianwa() -> Case:
    """Energy in 度 (a kWh) and 万度, capacity in 千瓦 and MW: 年发电量（万度）32.4, 300千瓦,
    节电量 5万度."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "年节电量（度）",
              "装机容量", "年发电量（万度）", "使用年限"]
    rows = [["K-1", "屋顶光伏", "光伏", 120, 36, None, "300千瓦", 32.4, 25],
            ["K-2", "车棚光伏", "光伏", 40, 12, None, "0.1MW", 10.8, 25],
            ["K-3", "照明改造", "照明改造", 20, 10, "5万度", None, None, 10]]
    cells = [["学校代码", CODE_HP], header, *rows]
    return Case("du_and_qianwa", "格致初中（度）.xlsx", xlsx(cells), Expect(
        3, {(0, "claimed_pv_capacity_kwp"): 300.0, (0, "claimed_annual_pv_kwh"): 324_000.0,
            (1, "claimed_pv_capacity_kwp"): 100.0, (2, "claimed_annual_saving_kwh"): 50_000.0}))


def other_metrics_columns() -> Case:
    """Columns a district adds that are not ours: 年节约标煤（吨）, 年减排CO2（吨）, 静态回收期（年）,
    上年度电费（万元）. They are listed, never read as the saving, the life or an amount."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "年节约标煤（吨）", "年减排CO2（吨）", "静态回收期（年）", "使用年限", "上年度电费（万元）"]
    rows = [["M-1", "照明改造", "照明改造", 30, 15, 60000, 7.4, 35.1, 7.7, 10, 86],
            ["M-2", "热泵热水", "热泵", 60, 20, 90000, 11.1, 52.6, 10.3, 15, 86]]
    cells = [["学校代码", CODE_BS], header, *rows]
    return Case("other_metrics_columns", "淞浦中学（指标）.xlsx", xlsx(cells), Expect(
        2, {(0, "claimed_annual_saving_kwh"): 60_000.0, (0, "service_life_years"): 10.0,
            (1, "total_investment_cny"): 600_000.0, (1, "subsidy_requested_cny"): 200_000.0},
        listed={"G2", "H2", "I2", "K2"}))


def budget_wording() -> Case:
    """Other forms' words: 项目预算（万元） for the investment, 拟申请市级奖补（万元） for the
    subsidy, 配套资金（万元）, 节能量（kWh/年）, 设备寿命期（年）."""
    header = ["编号", "项目名称", "类别", "项目预算（万元）", "拟申请市级奖补（万元）", "配套资金（万元）",
              "节能量（kWh/年）", "设备寿命期（年）"]
    rows = [["B-1", "教学楼照明", "照明改造", 24, 12, 12, 48000, 10],
            ["B-2", "食堂热泵", "空气源热泵", 66, 22, 44, 80000, 15]]
    cells = [["学校代码", CODE_BS2, "学校名称", "月浦实验学校"], header, *rows]
    return Case("budget_wording", "月浦（预算）.xlsx", xlsx(cells), Expect(
        2, {(0, "total_investment_cny"): 240_000.0, (0, "subsidy_requested_cny"): 120_000.0,
            (1, "co_funding_cny"): 440_000.0, (1, "claimed_annual_saving_kwh"): 80_000.0,
            (1, "service_life_years"): 15.0, (0, "application_id"): "B-1"}))


def third_batch_application_cases() -> list[Case]:
    return [formula_amounts(), types_in_own_words(), du_and_qianwa(), other_metrics_columns(),
            budget_wording()]


def sheets_per_numbered_expert() -> Case:
    """Sheets named 专家1, 专家2 (the secretary hides the names), criteria as columns."""
    def sheet(name: str, a: list, b: list) -> tuple:
        header = ["项目编号", "项目名称", "示范教育作用", "技术方案可行性", "实施保障"]
        return name, [header, ["JA-2027-03", "屋顶光伏", *a], ["HP-2027-07", "照明改造", *b]], ()
    sheets = [sheet("专家1", [4, 4.5, 4], [3.5, 3, 3.5]), sheet("专家2", [4.5, 4, 4], [3, 3.5, 3])]
    return Case("sheets_per_numbered_expert", "分专家评分.xlsx", xlsx_book(sheets), Expect(
        12, {("JA-2027-03", "专家1", "技术方案"): 4.5, ("HP-2027-07", "专家2", "实施保障"): 3.0}))


def csv_matrix_rank_total() -> Case:
    """A UTF-8-BOM CSV: experts as columns, then 合计 and 排名 columns, a 合计 row."""
    header = ["项目编号", "专家A", "专家B", "专家C", "合计", "排名"]
    rows = [["SJ-01", "4.5分", 4, 4, 12.5, 1], ["SJ-02", 3, 3.5, "3分", 9.5, 2],
            ["合计", 7.5, 7.5, 7, 22, None]]
    lines = [["示范教育作用评分"], header, *rows]
    return Case("csv_matrix_rank_total", "示范教育.csv", csv_bytes(lines, "utf-8-sig"), Expect(
        6, {("SJ-01", "专家A", "示范教育"): 4.5, ("SJ-02", "专家C", "示范教育"): 3.0},
        listed={"E2", "F2"}))


def third_batch_review_cases() -> list[Case]:
    return [sheets_per_numbered_expert(), csv_matrix_rank_total()]


# --- a fourth batch ----------------------------------------------------------------------

def xls_book(sheets: list[tuple[str, list[list], tuple]]) -> bytes:
    """A legacy .xls with several sheets, merges as (r0, c0, r1, c1, text)."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, cells, merges in sheets:
        ws = book.add_sheet(name)
        for r0, c0, r1, c1, text in merges:
            ws.write_merge(r0, r1, c0, c1, text)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                inside = any(r0 <= i <= r1 and c0 <= j <= c1 for r0, c0, r1, c1, _ in merges)
                if value is not None and not inside:
                    ws.write(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _school_form(school: str, code: str, app_id: str, name: str, ticks: str, invest, subsidy,
                 saving) -> tuple[list[list], tuple]:
    cells = [["奖补资金申请表", None, None, None],
             ["学校名称", school, "学校代码", code],
             ["项目编号", app_id, "项目名称", name],
             ["项目类型", ticks, None, None],
             ["总投资（万元）", invest, "申请补助（万元）", subsidy],
             ["预计年节电量（kWh）", saving, "使用年限（年）", 10]]
    return cells, ((0, 0, 0, 3, "奖补资金申请表"), (3, 1, 3, 3, ticks))


def xls_forms_by_school() -> Case:
    """A district's legacy .xls with one form per school, the sheets named after the schools."""
    a = _school_form("上海市宝山区淞浦中学", CODE_BS, "BS-F1", "教室照明改造",
                     "□光伏 ☑照明改造 □空调与热泵 □其他", 22, 11, 44000)
    b = _school_form("上海市宝山区月浦实验学校", CODE_BS2, "BS-F2", "宿舍热泵热水",
                     "□光伏 □照明改造 ☑空调与热泵 □其他", 48, 16, 70000)
    book = xls_book([("淞浦中学", *a), ("月浦实验学校", *b)])
    return Case("xls_forms_by_school", "宝山区申请表.xls", book, Expect(
        2, {(0, "school_code"): CODE_BS, (1, "school_code"): CODE_BS2,
            (0, "project_type"): "照明改造", (1, "project_type"): "空调与热泵",
            (1, "total_investment_cny"): 480_000.0, (0, "application_id"): "BS-F1"},
        warnings={"form_read"}))


def saving_left_out() -> Case:
    """A lighting project whose saving is — : a person asks for it, at F3 (required for every
    project but PV)."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "使用年限"]
    rows = [["S-1", "照明改造", "照明改造", 20, 10, "—", 10],
            ["S-2", "热泵", "热泵", 40, 15, 60000, 15]]
    cells = [["学校代码", CODE_JA], header, *rows]
    return Case("saving_left_out", "实验中学（缺节电量）.xlsx", xlsx(cells), Expect(2, errors={"F3"}))


def criteria_over_experts() -> Case:
    """The committee's summary: each criterion a parent over 专家1 | 专家2 | 专家3 (a two-row
    header), one row per project, 总分 at the end."""
    cells = [["专家评分汇总表"],
             ["项目编号", "示范教育作用", None, None, "技术方案可行性", None, None, "总分"],
             [None, "专家1", "专家2", "专家3", "专家1", "专家2", "专家3", None],
             ["JA-2027-03", 4, 4.5, 4, 3.5, 4, 4, 24],
             ["HP-2027-07", 3, 3.5, 3, 4, 4, 3.5, 21]]
    merges = ((1, 0, 2, 0, "项目编号"), (1, 1, 1, 3, "示范教育作用"), (1, 4, 1, 6, "技术方案可行性"),
              (1, 7, 2, 7, "总分"))
    return Case("criteria_over_experts", "评分汇总（两行表头）.xlsx", xlsx(cells, merges), Expect(
        12, {("JA-2027-03", "专家2", "示范教育"): 4.5, ("HP-2027-07", "专家3", "技术方案"): 3.5,
             ("HP-2027-07", "专家1", "示范教育"): 3.0},
        listed={"H2"}))


def fourth_batch_application_cases() -> list[Case]:
    return [xls_forms_by_school(), saving_left_out()]


def fourth_batch_review_cases() -> list[Case]:
    return [criteria_over_experts()]


# --- a fifth batch -------------------------------------------------------------------------

def use_in_wan_du() -> Case:
    """The school's use in 万度 in one merged block cell with its name and code; a heat-pump
    saving of 2,100,000 kWh above the stated 126万度: reported at its cell (F5)."""
    block = f"学校名称：上海市宝山区淞浦中学  学校代码：{CODE_BS}  上年度用电量（万度）：126"
    header = ["项目编号", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）", "预计年节电量（kWh）",
              "使用年限"]
    cells = [[block], [], [], header, ["U-1", "空调群控", "空调改造", 48, 15, 2_100_000, 12],
             ["U-2", "照明", "照明改造", 20, 10, 40000, 10]]
    merges = ((0, 0, 1, 6, block),)
    return Case("use_in_wan_du", "淞浦中学（用电量）.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "annual_electricity_kwh"): 1_260_000.0, (0, "school_code"): CODE_BS,
            (0, "claimed_annual_saving_kwh"): 2_100_000.0},
        warnings={"saving_above_use"}, warning_cells={"F5"}))


def gbk_csv_title_unit() -> Case:
    """A GBK CSV whose first line is the title with （单位：万元） and the school's code on
    every row."""
    header = ["学校代码", "项目编号", "项目名称", "项目类型", "总投资", "申请补助", "预计年节电量（kWh）", "使用年限"]
    rows = [[CODE_SJ, "SJ-C1", "照明改造", "照明改造", 26, 13, 52000, 10],
            [CODE_SJ, "SJ-C2", "热泵热水", "热泵", 58, 20, 76000, 15]]
    lines = [["泗泾中学奖补项目申报表（单位：万元）"], header, *rows]
    return Case("gbk_csv_title_unit", "泗泾中学申报（万元）.csv", csv_bytes(lines, "gbk"), Expect(
        2, {(0, "total_investment_cny"): 260_000.0, (1, "subsidy_requested_cny"): 200_000.0,
            (1, "claimed_annual_saving_kwh"): 76_000.0},
        warnings={"unit_from_note"}, warning_cells={"E2", "F2"}))


def fifth_batch_application_cases() -> list[Case]:
    return [use_in_wan_du(), gbk_csv_title_unit()]


def long_table_expert_above() -> Case:
    """One expert's long sheet: 评审专家：吴芳 above, 项目编号 | 评审指标 | 得分（满分5分）| 意见."""
    cells = [["评审专家：吴芳", None, "评审日期：2027-03-05"],
             ["项目编号", "评审指标", "得分（满分5分）", "意见"],
             ["JA-2027-03", "示范引领", "4.5分", "建议加强科普"],
             ["JA-2027-03", "技术路线", 4, None],
             ["JA-2027-03", "组织实施", 4, None],
             ["HP-2027-07", "示范引领", 3, None]]
    return Case("long_table_expert_above", "吴芳评分.xlsx", xlsx(cells, sheet="Sheet1"), Expect(
        4, {("JA-2027-03", "吴芳", "示范教育"): 4.5, ("JA-2027-03", "吴芳", "技术方案"): 4.0,
            ("JA-2027-03", "吴芳", "实施保障"): 4.0, ("HP-2027-07", "吴芳", "示范教育"): 3.0}))


def fifth_batch_review_cases() -> list[Case]:
    return [long_table_expert_above()]


# --- a sixth batch -------------------------------------------------------------------------

def two_tables_stacked() -> Case:
    """A district's sheet with two tables one under the other: 一、光伏项目 with PV columns,
    then 二、节能改造项目 with its own header (项目类型, 年节电量). Three applications."""
    pv_header = ["项目编号", "学校代码", "项目名称", "装机容量（kWp）", "年发电量（kWh）", "总投资（万元）",
                 "申请补助（万元）", "使用年限"]
    other_header = ["项目编号", "学校代码", "项目名称", "项目类型", "年节电量（kWh）", "总投资（万元）",
                    "申请补助（万元）", "使用年限"]
    cells = [["一、光伏项目"], pv_header,
             ["PV-1", CODE_BS, "教学楼屋顶光伏", 300, 324000, 120, 36, 25],
             [], ["二、节能改造项目"], other_header,
             ["EE-1", CODE_BS, "教室照明", "照明改造", 40000, 20, 10, 10],
             ["EE-2", CODE_BS2, "食堂热泵", "空气源热泵", 70000, 50, 18, 15]]
    return Case("two_tables_stacked", "宝山区分类汇总.xlsx", xlsx(cells), Expect(
        3, {(0, "claimed_pv_capacity_kwp"): 300.0, (1, "project_type"): "照明改造",
            (2, "claimed_annual_saving_kwh"): 70_000.0, (2, "school_code"): CODE_BS2}))


def district_opinion_column() -> Case:
    """A district's 区教育局审核意见 column (同意推荐) and 是否列入区级计划 (是/否) beside the
    school's figures: listed, not read; blank rows between projects."""
    header = ["项目编号", "学校代码", "项目名称", "项目类型", "总投资（万元）", "申请补助（万元）",
              "预计年节电量（kWh）", "使用年限", "是否列入区级计划", "区教育局审核意见"]
    cells = [["申报汇总"], header,
             ["O-1", CODE_JA, "照明改造", "照明改造", 20, 10, 40000, 10, "是", "同意推荐"], [],
             ["O-2", CODE_JA, "热泵热水", "热泵", 50, 18, 70000, 15, "否", "同意推荐"], []]
    return Case("district_opinion_column", "静安区审核.xlsx", xlsx(cells), Expect(
        2, {(1, "subsidy_requested_cny"): 180_000.0}, listed={"I2", "J2"}))


def sixth_batch_application_cases() -> list[Case]:
    return [two_tables_stacked(), district_opinion_column()]


# --- a seventh batch -----------------------------------------------------------------------

def fullwidth_commas() -> Case:
    """Amounts typed with full-width commas (1，200，000) and a full-width yen sign in 元
    columns."""
    header = ["项目编号", "项目名称", "项目类型", "总投资（元）", "申请补助（元）", "预计年节电量（kWh）", "使用年限"]
    rows = [["W-1", "照明改造", "照明改造", "1，200，000", "￥360，000", "150，000", 10]]
    cells = [["学校代码", CODE_SJ], header, *rows]
    return Case("fullwidth_commas", "泗泾（全角逗号）.xlsx", xlsx(cells), Expect(
        1, {(0, "total_investment_cny"): 1_200_000.0, (0, "subsidy_requested_cny"): 360_000.0,
            (0, "claimed_annual_saving_kwh"): 150_000.0}))


def seventh_batch_application_cases() -> list[Case]:
    return [fullwidth_commas()]


def experts_under_parent() -> Case:
    """Experts by name under a parent 专家评分 (a two-row header), 项目编号 and 项目名称 merged
    down, the criterion in the title, 平均分 merged down at the end."""
    cells = [["技术方案可行性评分表"],
             ["项目编号", "项目名称", "专家评分", None, None, "平均分"],
             [None, None, "张伟", "李红", "王强", None],
             ["SJ-01", "教学楼LED照明改造", 4, 4.5, 4, 4.17],
             ["SJ-02", "空气源热泵热水", 3.5, 3, "3.5分", 3.33]]
    merges = ((1, 0, 2, 0, "项目编号"), (1, 1, 2, 1, "项目名称"), (1, 2, 1, 4, "专家评分"),
              (1, 5, 2, 5, "平均分"))
    return Case("experts_under_parent", "技术方案评分.xlsx", xlsx(cells, merges), Expect(
        6, {("SJ-01", "李红", "技术方案"): 4.5, ("SJ-02", "王强", "技术方案"): 3.5}))


def scores_out_of_five() -> Case:
    """Scores typed as a fraction of the full mark, 4.5/5 and 4/5分; one typed 8/10 is on
    another scale and is an error at its cell (D3), not a guess."""
    header = ["项目编号", "专家", "评分项", "得分"]
    cells = [header, ["SJ-01", "E01", "示范教育", "4.5/5"], ["SJ-01", "E02", "示范教育", "8/10"],
             ["SJ-02", "E01", "示范教育", "4/5分"]]
    return Case("scores_out_of_five", "评分（分数式）.xlsx", xlsx(cells), Expect(3, errors={"D3"}))


def scores_out_of_five_read() -> Case:
    """The same habit without the slip: 4.5/5 is 4.5."""
    header = ["项目编号", "专家", "评分项", "得分"]
    cells = [header, ["SJ-01", "E01", "示范教育", "4.5/5"], ["SJ-02", "E01", "示范教育", "4/5分"]]
    return Case("scores_out_of_five_read", "评分（分数式二）.xlsx", xlsx(cells), Expect(
        2, {("SJ-01", "E01", "示范教育"): 4.5, ("SJ-02", "E01", "示范教育"): 4.0}))


def seventh_batch_review_cases() -> list[Case]:
    return [experts_under_parent(), scores_out_of_five(), scores_out_of_five_read()]
