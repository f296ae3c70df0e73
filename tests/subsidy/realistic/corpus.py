"""Subsidy application and expert-score sheets made the way applicants and committees make them.

Every file is built in memory by a plain function (xlsxwriter for .xlsx, with merged titles
and several sheets; xlwt for a legacy .xls; GBK CSV text) and looks like a school's or the
committee's own file, not our template: units only in the title or a note line, paper-style
forms with tick boxes, one project per sheet, local wording (预计年发电量, 申请补助资金),
scores typed ``4.5分``, experts as columns, one sheet per expert. :func:`application_cases`
and :func:`review_cases` pair each file with what a person reads in it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import xlsxwriter
import xlwt

CODE_PD = "3101150001"  # 浦东新区
CODE_XH = "3101040033"  # 徐汇区
CODE_MH = "3101120007"  # 闵行区
CODE_YP = "3101100021"  # 杨浦区


@dataclass
class Expect:
    """What a person reads in a file.

    ``n`` applications (or scores); ``values`` maps (row index, field) to the value in
    canonical units (CNY, kWh, kWp) — for scores the key is (application, reviewer,
    criterion) and the value the score; ``errors`` cells that must carry an error (``ok``
    is then False); ``warnings`` issue codes that must be reported, ``warning_cells`` cells
    that must carry a warning; ``sheets`` sheet names the records come from.
    """

    n: int
    values: dict[tuple, object] = field(default_factory=dict)
    errors: set[str] = field(default_factory=set)
    warnings: set[str] = field(default_factory=set)
    warning_cells: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)  # issue codes that must not be reported

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

Sheet = tuple[str, list[list], tuple]  # name, cells from A1, merges (r0, c0, r1, c1, text)


def xlsx_book(sheets: list[Sheet], hidden: tuple[str, ...] = ()) -> bytes:
    """An .xlsx with one worksheet per ``(name, cells, merges)``."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for name, cells, merges in sheets:
        ws = book.add_worksheet(name)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                if isinstance(value, (dt.date, dt.datetime)):
                    ws.write_datetime(i, j, value, date_format)
                elif value is not None:
                    ws.write(i, j, value)
        for r0, c0, r1, c1, text in merges:
            ws.merge_range(r0, c0, r1, c1, text, wrap)
        if name in hidden:
            ws.hide()
    book.close()
    return buffer.getvalue()


def xlsx(cells: list[list], merges: tuple = (), sheet: str = "Sheet1") -> bytes:
    return xlsx_book([(sheet, cells, merges)])


def xls(cells: list[list], merges: tuple = (), sheet: str = "Sheet1") -> bytes:
    """A legacy .xls (BIFF8) written by xlwt; ``merges`` as (r0, c0, r1, c1, text)."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
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


def csv_bytes(rows: list[list], encoding: str) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([["" if v is None else v for v in row] for row in rows])
    return text.getvalue().encode(encoding)


FOOTER = [["填报人：李老师", None, None, "联系电话：021-50001234"], ["填报日期：2026年3月20日"]]


# --- application sheets ----------------------------------------------------------------------

def title_unit_only() -> Case:
    """The district's summary: （单位：万元） only in the merged title, eight applications,
    a lighting project's PV capacity written 0 or —, 预计年发电量 as the PV yield."""
    header = ["序号", "学校代码", "申报学校", "项目编号", "项目名称", "项目类型", "项目总投资",
              "申请补助资金", "学校自筹", "预计年节电量（kWh）", "光伏装机容量（kWp）",
              "预计年发电量（kWh）", "设计使用年限（年）", "计划开工时间", "计划完工时间"]
    rows = [
        [1, CODE_PD, "浦东新区明珠中学", "PD-01", "教学楼屋顶光伏", "屋顶光伏", 168, 50, 118, None,
         420, 462000, 25, "2026年4月", "2026年8月"],
        [2, CODE_PD, "浦东新区明珠中学", "PD-02", "教室LED照明改造", "照明", 36.5, 18, 18.5, 96000, 0,
         "—", 10, "2026年7月", "2026年8月"],
        [3, CODE_XH, "徐汇区科创小学", "XH-01", "食堂空气源热泵热水", "空气源热泵", 88, 30, 58, 120000,
         "—", "—", 15, "2026年5月", "2026年9月"],
        [4, CODE_XH, "徐汇区科创小学", "XH-02", "体育馆屋顶光伏", "分布式光伏", 95, 30, 65, None, 240,
         258000, 25, "2026年6月", "2026年10月"],
        [5, CODE_MH, "闵行区春申中学", "MH-01", "校园能耗监测平台", "能耗监测", 45, 20, 25, 60000, None,
         None, 8, "2026年3月", "2026年6月"],
        [6, CODE_MH, "闵行区春申中学", "MH-02", "实验楼外墙保温", "外墙保温", 120, 35, 85, 80000, None,
         None, 25, "2026年7月", "2026年12月"],
        [7, CODE_YP, "杨浦区育才学校", "YP-01", "图书馆屋顶光伏", "光伏", 76, 25, 51, None, 190, 205000,
         25, "2026年5月", "2026年8月"],
        [8, CODE_YP, "杨浦区育才学校", "YP-02", "走廊及操场照明改造", "LED改造", 22, 11, 11, 45000, 0, 0,
         10, "2026年7月", "2026年8月"],
    ]
    title = "2026年度生态文明建设示范学校奖补资金申报汇总表（单位：万元）"
    cells = [[None], [], header, *rows, [], *FOOTER]
    return Case("title_unit_only", "2026奖补申报汇总.xlsx", xlsx(cells, ((0, 0, 0, 14, title),)),
                Expect(8, {(0, "total_investment_cny"): 1_680_000.0,
                           (0, "subsidy_requested_cny"): 500_000.0,
                           (0, "claimed_annual_pv_kwh"): 462_000.0,
                           (1, "claimed_pv_capacity_kwp"): None,
                           (1, "claimed_annual_saving_kwh"): 96_000.0,
                           (1, "project_type"): "照明改造",
                           (2, "project_type"): "空调与热泵",
                           (2, "co_funding_cny"): 580_000.0,
                           (7, "subsidy_requested_cny"): 110_000.0,
                           (7, "claimed_annual_pv_kwh"): None,
                           (3, "planned_finish"): dt.datetime(2026, 10, 1)},
                       warnings={"unit_from_note"}, warning_cells={"G3", "H3", "I3"},
                       absent={"must_be_positive", "not_a_number"}))


def note_line_xls() -> Case:
    """A legacy .xls with 金额单位：万元  电量单位：万kWh on the line above the header, and the
    school written once above the table."""
    cells = [[None], ["申报单位：上海市闵行区春申中学", None, None, "学校代码：" + CODE_MH],
             ["金额单位：万元；电量单位：万kWh", None, None, None, None, None, "填表日期：2026-03-18"],
             ["申请编号", "项目名称", "项目类别", "总投资", "申请补助", "年节约电量", "装机容量(kW)",
              "年发电量", "使用寿命(年)"],
             ["MH-2026-1", "教学楼LED灯具更换", "照明节能改造", 28.6, 14, 6.2, "不涉及", "不涉及", 10],
             ["MH-2026-2", "综合楼屋顶光伏", "光伏发电", 150, 45, None, 380, 41.8, 25]]
    merges = ((0, 0, 0, 8, "闵行区春申中学节能改造项目奖补申请表"),)
    return Case("note_line_xls", "春申中学奖补申请.xls", xls(cells, merges), Expect(
        2, {(0, "total_investment_cny"): 286_000.0, (0, "claimed_annual_saving_kwh"): 62_000.0,
            (1, "claimed_annual_pv_kwh"): 418_000.0, (1, "claimed_pv_capacity_kwp"): 380.0,
            (0, "claimed_pv_capacity_kwp"): None, (0, "school_code"): CODE_MH,
            (1, "subsidy_requested_cny"): 450_000.0},
        warnings={"unit_from_note"}, absent={"not_a_number", "unit_note_ambiguous"}))


def _form(code: str, school: str, app_id: str | None, name: str, ticks: str, invest, subsidy,
          pv: tuple = (None, None), saving=None, life=25, note_unit: bool = False) -> Sheet:
    """A paper-style 申请表 on one sheet: label | value pairs, tick boxes, merged value
    cells, the unit in the label or after the value, a description under its label."""
    kwp, kwh = pv
    cells = [[None] * 4,
             ["申报学校", school, "学校代码", code],
             ["项目编号", app_id, "填报日期", "2026-03-15"] if app_id else
             ["填报日期", "2026-03-15", None, None],
             ["项目名称", name, None, None],
             ["项目类型", ticks, None, None],
             ["项目总投资" + ("" if note_unit else "（万元）"), invest,
              "申请补助资金" + ("" if note_unit else "（万元）"), subsidy],
             ["光伏装机容量", kwp, "kWp", None],
             ["预计年发电量（kWh）", kwh, "预计年节电量（kWh）", saving],
             ["设计使用年限（年）", life, "计划开工", "2026年5月"],
             ["项目简介", None, None, None],
             ["在教学楼及实验楼屋顶建设分布式光伏，自发自用，余电上网；同时在科技节开展光伏科普活动。", None,
              None, None],
             [None] * 4,
             ["申报单位（盖章）：", None, "负责人签字：", None],
             ["2026年3月15日", None, None, None]]
    title = "上海市生态文明建设示范学校奖补资金申请表" + ("（金额单位：万元）" if note_unit else "")
    merges = ((0, 0, 0, 3, title), (3, 1, 3, 3, name), (4, 1, 4, 3, ticks),
              (10, 0, 10, 3, cells[10][0]))
    if kwp is None:
        cells[6] = ["光伏装机容量", "不涉及", None, None]
    return "申报表", cells, merges


PV_TICKS = "☑光伏  □照明改造  □空调与热泵  □能耗监测平台  □围护结构  □其他"
LIGHT_TICKS = "□光伏  ☑照明改造  □空调与热泵  □能耗监测平台  □围护结构  □其他"
HP_TICKS = "□光伏  □照明改造  √空调与热泵  □能耗监测平台  □围护结构  □其他"


def vertical_form() -> Case:
    """One application as a paper form: label | value, ☑ tick boxes, kWp after the value."""
    name, cells, merges = _form(CODE_PD, "上海市浦东新区明珠中学", "2026-PD-07", "教学楼屋顶分布式光伏",
                                PV_TICKS, 168, 50, (420, 462000))
    return Case("vertical_form", "明珠中学申请表.xlsx", xlsx(cells, merges, name), Expect(
        1, {(0, "application_id"): "2026-PD-07", (0, "project_type"): "光伏",
            (0, "total_investment_cny"): 1_680_000.0, (0, "subsidy_requested_cny"): 500_000.0,
            (0, "claimed_pv_capacity_kwp"): 420.0, (0, "claimed_annual_pv_kwh"): 462_000.0,
            (0, "school_code"): CODE_PD, (0, "planned_start"): dt.datetime(2026, 5, 1)},
        warnings={"form_read"}))


def one_project_per_sheet() -> Case:
    """申报表, 申报表 (2), 申报表 (3): one form per project, copied sheet by sheet; the
    instructions sheet beside them is not read; the unit only in the title."""
    first = _form(CODE_XH, "上海市徐汇区科创小学", "XH-2026-01", "体育馆屋顶光伏", PV_TICKS, 95, 30,
                  (240, 258000), note_unit=True)
    second = _form(CODE_XH, "上海市徐汇区科创小学", "XH-2026-02", "教学楼LED照明改造", LIGHT_TICKS, 26,
                   13, saving=52000, life=10, note_unit=True)
    third = _form(CODE_XH, "上海市徐汇区科创小学", "XH-2026-03", "食堂热泵热水系统", HP_TICKS, 60, 20,
                  saving=88000, life=15, note_unit=True)
    notes = ("填表说明", [["填表说明"], ["1. 每个项目填写一张申报表（可复制工作表）。"],
                          ["2. 金额以万元计。"]], ())
    sheets = [notes, ("申报表", *first[1:]), ("申报表 (2)", *second[1:]),
              ("申报表 (3)", *third[1:])]
    return Case("one_project_per_sheet", "科创小学奖补申报.xlsx", xlsx_book(sheets), Expect(
        3, {(0, "application_id"): "XH-2026-01", (1, "application_id"): "XH-2026-02",
            (2, "application_id"): "XH-2026-03", (1, "project_type"): "照明改造",
            (2, "project_type"): "空调与热泵", (1, "claimed_pv_capacity_kwp"): None,
            (0, "total_investment_cny"): 950_000.0, (2, "subsidy_requested_cny"): 200_000.0,
            (1, "claimed_annual_saving_kwh"): 52_000.0},
        warnings={"form_read", "unit_from_note", "sheet_skipped_instructions"}))


def handmade_with_use() -> Case:
    """A school's own sheet: its annual use above the table, 预计年发电量, a lighting row with
    PV fields 0 and 无, and a claimed saving above the school's whole use (a unit slip)."""
    cells = [["杨浦区育才学校节能项目申报"],
             ["学校名称", "上海市杨浦区育才学校", None, "学校代码", CODE_YP],
             ["学校年用电量（kWh）", "1,260,000", None, "联系人", "周老师 13800001111"],
             [],
             ["项目编号", "项目名称", "类型", "总投资（元）", "申请补助（元）", "预计年节电量（kWh）",
              "光伏装机（kWp）", "预计年发电量（kWh）", "设备寿命（年）", "备注"],
             ["YP-A", "图书馆屋顶光伏", "光伏", 760000, 250000, "无", 190, 205000, 25, "已完成荷载复核"],
             ["YP-B", "操场照明改造", "LED照明", 220000, 110000, 45000, 0, 0, 10, None],
             ["YP-C", "空调群控改造", "空调改造", 480000, 150000, 2_100_000, "无", "无", 12,
              "节电量按厂家测算"]]
    return Case("handmade_with_use", "育才学校申报.xlsx", xlsx(cells), Expect(
        3, {(0, "claimed_annual_pv_kwh"): 205_000.0, (1, "claimed_pv_capacity_kwp"): None,
            (2, "claimed_annual_saving_kwh"): 2_100_000.0,
            (0, "annual_electricity_kwh"): 1_260_000.0, (2, "project_type"): "空调与热泵"},
        warnings={"saving_above_use"}, warning_cells={"F8"}, absent={"must_be_positive"}))


def gbk_csv_amounts_in_cells() -> Case:
    """A GBK CSV: school on every row, amounts typed with 万 in the cell."""
    header = ["学校代码", "学校名称", "申请编号", "项目名称", "项目类型", "项目总投资", "申请补助金额",
              "预计年节电量", "光伏装机容量", "光伏年发电量", "设计使用年限"]
    rows = [[CODE_PD, "明珠中学", "C-1", "屋顶光伏二期", "光伏", "120万", "36万", None, "300kWp",
             "33万kWh", 25],
            [CODE_PD, "明珠中学", "C-2", "教学楼照明", "照明改造", "18万", "9万", "4.2万kWh", "—", "—", 10]]
    return Case("gbk_csv_amounts_in_cells", "明珠中学申报.csv", csv_bytes([header, *rows], "gbk"),
                Expect(2, {(0, "total_investment_cny"): 1_200_000.0,
                           (0, "claimed_annual_pv_kwh"): 330_000.0,
                           (1, "claimed_annual_saving_kwh"): 42_000.0,
                           (1, "subsidy_requested_cny"): 90_000.0}))


def two_row_header_units_in_parent() -> Case:
    """资金（万元） over 总投资 | 申请补助 | 自筹; 节能效果 over its children with units."""
    cells = [[None] * 7 + ["学校代码：" + CODE_MH, None, None], [None] * 10,
             [None, None, None, "总投资", "申请补助", "自筹", "年节电量(kWh)", "装机容量(kWp)",
              "年发电量(kWh)", None],
             ["HP-1", "宿舍热泵热水", "热泵", 64, 22, 42, 91000, None, None, 15],
             ["PV-1", "食堂屋顶光伏", "光伏", 58, 18, 40, None, 150, 163500, 25]]
    merges = ((0, 0, 0, 6, "上海市闵行区春申中学 奖补项目申请"), (1, 0, 2, 0, "申请编号"),
              (1, 1, 2, 1, "项目名称"), (1, 2, 2, 2, "项目类型"), (1, 3, 1, 5, "资金（万元）"),
              (1, 6, 1, 8, "节能效果"), (1, 9, 2, 9, "使用年限"))
    return Case("two_row_header_units_in_parent", "春申中学项目.xlsx", xlsx(cells, merges), Expect(
        2, {(0, "total_investment_cny"): 640_000.0, (1, "co_funding_cny"): 400_000.0,
            (1, "claimed_annual_pv_kwh"): 163_500.0, (0, "claimed_annual_saving_kwh"): 91_000.0},
        absent={"unit_from_note"}))


def errors_where_they_are() -> Case:
    """Real mistakes, each at its cell: 约 before an amount, a subsidy above the investment,
    a project type nobody funds here, a PV yield in 万kWh under a kWh header."""
    header = ["申请编号", "项目名称", "项目类型", "项目总投资(元)", "申请补助(元)", "年节电量(kWh)",
              "装机容量(kWp)", "年发电量(kWh)", "使用年限"]
    rows = [["E-1", "灯具改造", "照明", "约40万", 200000, 150000, None, None, 10],
            ["E-2", "热泵", "热泵", 300000, 500000, 80000, None, None, 15],
            ["E-3", "小型风机", "风电", 200000, 50000, 20000, None, None, 20],
            ["E-4", "车棚光伏", "光伏", 400000, 100000, None, 100, 11.5, 25]]
    cells = [["学校代码", CODE_MH], header, *rows]
    return Case("errors_where_they_are", "问题申报表.xlsx", xlsx(cells), Expect(
        4, errors={"D3", "E4", "C5"}, warning_cells={"H6"}))


def ambiguous_note() -> Case:
    """（单位：万） over amounts and an energy column: which does it govern? A question."""
    header = ["申请编号", "项目名称", "项目类型", "项目总投资", "申请补助", "预计年节电量", "使用年限"]
    rows = [["Q-1", "照明改造", "照明", 40, 20, 15, 10]]
    cells = [["奖补申请（单位：万）"], ["学校代码", CODE_PD], header, *rows]
    return Case("ambiguous_note", "申请.xlsx", xlsx(cells), Expect(
        1, {(0, "total_investment_cny"): 40.0}, warnings={"unit_note_ambiguous"},
        warning_cells={"A1"}, absent={"unit_from_note"}))


def inline_pairs_form() -> Case:
    """A form typed the quick way: 项目名称：… in one cell, two pairs a row, the tick boxes in
    cells of their own, the unit 万元 in the cell after the amount."""
    cells = [["食堂节能改造项目奖补申请"],
             ["学校代码：" + CODE_YP, None, "申报学校：上海市杨浦区育才学校"],
             ["项目编号：YP-2026-05", None, "项目名称：食堂空气源热泵热水系统"],
             ["项目类型", "□光伏", "☑空调与热泵", "□照明改造", "□其他"],
             ["项目总投资", 72, "万元", "申请补助", 24, "万元"],
             ["预计年节电量（kWh）", 98000, None, "使用年限（年）", 15],
             ["光伏装机容量", "/", None, "预计年发电量", "/"],
             ["填表人：周老师", None, "日期：2026-03-12"]]
    return Case("inline_pairs_form", "育才学校热泵申请.xlsx", xlsx(cells, sheet="申请表"), Expect(
        1, {(0, "application_id"): "YP-2026-05", (0, "project_name"): "食堂空气源热泵热水系统",
            (0, "project_type"): "空调与热泵", (0, "total_investment_cny"): 720_000.0,
            (0, "subsidy_requested_cny"): 240_000.0, (0, "claimed_annual_saving_kwh"): 98_000.0,
            (0, "claimed_pv_capacity_kwp"): None, (0, "school_code"): CODE_YP},
        warnings={"form_read"}))


def table_with_ticks() -> Case:
    """A table whose type column holds the form's tick boxes, PV fields 不涉及 for lighting."""
    header = ["申请编号", "项目名称", "项目类型", "总投资(万元)", "申请补助(万元)", "年节电量(kWh)",
              "光伏容量(kWp)", "年发电量(kWh)", "使用年限"]
    rows = [["T-1", "教室照明", "□光伏 ☑照明", 30, 15, 60000, "不涉及", "不涉及", 10],
            ["T-2", "车棚光伏", "☑光伏 □照明", 48, 15, None, 120, 130000, 25]]
    cells = [["学校代码", CODE_XH, "学校名称", "上海市徐汇区科创小学"], [], header, *rows]
    return Case("table_with_ticks", "科创小学申请.xlsx", xlsx(cells), Expect(
        2, {(0, "project_type"): "照明改造", (1, "project_type"): "光伏",
            (0, "claimed_annual_pv_kwh"): None, (1, "total_investment_cny"): 480_000.0},
        absent={"not_a_number", "unknown_choice"}))


def tables_per_sheet_without_ids() -> Case:
    """Each project on its own sheet as a one-row table, no 申请编号 and no 项目类型 column:
    the sheets name the projects and the names say the type."""
    def sheet(name: str, row: list) -> Sheet:
        header = ["项目名称", "总投资（万元）", "申请补助（万元）", "年节电量（kWh）", "装机容量（kWp）",
                  "年发电量（kWh）", "使用年限（年）"]
        return name, [["学校代码", CODE_MH, "学校名称", "闵行区春申中学"], header, row], ()
    sheets = [sheet("光伏项目", ["风雨操场屋顶光伏", 88, 26, None, 220, 240000, 25]),
              sheet("照明项目", ["教学楼LED照明改造", 19, 9.5, 41000, "无", "无", 10])]
    return Case("tables_per_sheet_without_ids", "春申中学两项申报.xlsx", xlsx_book(sheets), Expect(
        2, {(0, "application_id"): "光伏项目", (1, "application_id"): "照明项目",
            (0, "project_type"): "光伏", (1, "project_type"): "照明改造",
            (0, "claimed_annual_pv_kwh"): 240_000.0, (1, "total_investment_cny"): 190_000.0},
        warnings={"application_id_assumed", "project_type_from_name"}))


def application_cases() -> list[Case]:
    return [title_unit_only(), note_line_xls(), vertical_form(), one_project_per_sheet(),
            handmade_with_use(), gbk_csv_amounts_in_cells(), two_row_header_units_in_parent(),
            errors_where_they_are(), ambiguous_note(), inline_pairs_form(), table_with_ticks(),
            tables_per_sheet_without_ids()]


# --- expert-score sheets -------------------------------------------------------------------

def long_table_scores() -> Case:
    """The committee's long table with its own wording: 评分项目 示范教育作用, scores
    typed 4.5分 and in full-width digits, an average row at the bottom."""
    header = ["项目编号", "项目名称", "评审专家", "评分项目", "得分", "评审意见"]
    rows = [["PD-01", "教学楼屋顶光伏", "张伟", "示范教育作用", "4.5分", "科普结合好"],
            ["PD-01", "教学楼屋顶光伏", "李红", "示范教育作用", "４", None],
            ["PD-02", "教室LED照明改造", "张伟", "示范教育作用", 3, None],
            ["PD-02", "教室LED照明改造", "李红", "示范教育作用", "3.5", "宣传不足"]]
    cells = [["专家评分汇总表"], header, *rows, ["平均", None, None, None, 3.75, None],
             ["专家组长签字：", None, None, "日期：2026-04-10"]]
    return Case("long_table_scores", "专家评分汇总.xlsx", xlsx(cells), Expect(
        4, {("PD-01", "张伟", "示范教育"): 4.5, ("PD-01", "李红", "示范教育"): 4.0,
            ("PD-02", "李红", "示范教育"): 3.5}))


def experts_as_columns() -> Case:
    """专家1 … 专家5 as columns, the criterion only in the title, an average column."""
    header = ["序号", "项目编号", "项目名称", "专家1", "专家2", "专家3", "专家4", "专家5", "平均分"]
    rows = [[1, "PD-01", "教学楼屋顶光伏", 4.5, 4, "4.5分", 5, 4, 4.4],
            [2, "XH-01", "食堂空气源热泵热水", 3, 3.5, 3, 4, 3, 3.3],
            [3, "MH-01", "校园能耗监测平台", 4, 4, 3.5, None, 4, 3.875]]
    cells = [[None], [], header, *rows, [], ["评审组长：", None, "王强", None, "日期：2026年4月10日"]]
    merges = ((0, 0, 0, 8, "示范教育作用专家评分表（满分5分）"),)
    return Case("experts_as_columns", "示范教育评分.xlsx", xlsx(cells, merges), Expect(
        14, {("PD-01", "专家3", "示范教育"): 4.5, ("XH-01", "专家2", "示范教育"): 3.5,
             ("MH-01", "专家5", "示范教育"): 4.0},
        warnings={"review_score_blank"}, warning_cells={"G6"}))


def criteria_as_columns() -> Case:
    """One row per application and expert, the criteria as columns with 满分 in brackets."""
    header = ["项目编号", "项目名称", "专家姓名", "示范教育作用（满分5分）", "技术方案可行性（满分5分）",
              "实施保障（满分5分）", "总分", "评语"]
    rows = [["PD-01", "教学楼屋顶光伏", "张伟", 4.5, 4, 4, 12.5, "方案成熟"],
            ["PD-01", "教学楼屋顶光伏", "李红", 4, "4.5分", 3.5, 12, None],
            ["YP-01", "图书馆屋顶光伏", "张伟", 3, 3.5, 4, 10.5, "需补充荷载报告"],
            ["YP-01", "图书馆屋顶光伏", "李红", 3.5, 3, 4, 10.5, None]]
    cells = [["2026年奖补项目专家评审打分表"], header, *rows]
    return Case("criteria_as_columns", "专家打分表.xlsx", xlsx(cells), Expect(
        12, {("PD-01", "李红", "技术方案"): 4.5, ("YP-01", "张伟", "实施保障"): 4.0,
             ("PD-01", "张伟", "示范教育"): 4.5}))


def sheet_per_expert() -> Case:
    """One sheet per expert named after them, the criteria as columns, a summary sheet."""
    def expert(scores: list[list]) -> list[list]:
        header = ["项目编号", "项目名称", "示范教育", "技术方案", "实施保障", "备注"]
        return [["专家评分表"], header, *scores]
    sheets = [("张伟", expert([["PD-01", "教学楼屋顶光伏", 4.5, 4, 4, None],
                               ["XH-02", "体育馆屋顶光伏", 4, 3.5, 4, "无"]]), ()),
              ("李红", expert([["PD-01", "教学楼屋顶光伏", 4, 4.5, 3.5, None],
                               ["XH-02", "体育馆屋顶光伏", "3.5分", 4, 4, None]]), ()),
              ("王强", expert([["PD-01", "教学楼屋顶光伏", 5, 4, 4.5, None],
                               ["XH-02", "体育馆屋顶光伏", 3, 3, 3.5, None]]), ()),
              ("汇总", [["项目编号", "示范教育", "技术方案", "实施保障"],
                        ["PD-01", 4.5, 4.17, 4.0], ["XH-02", 3.5, 3.5, 3.83]], ())]
    return Case("sheet_per_expert", "专家评分（分表）.xlsx", xlsx_book(sheets), Expect(
        18, {("XH-02", "李红", "示范教育"): 3.5, ("PD-01", "王强", "示范教育"): 5.0,
             ("PD-01", "张伟", "实施保障"): 4.0},
        warnings={"sheet_skipped_summary"}))


def named_experts_merged_rows() -> Case:
    """Experts by name as columns, a criterion column, the project ID merged down over its
    three criterion rows."""
    header = ["项目编号", "评分项", "张教授", "李工", "王老师"]
    cells = [["评审打分"], header,
             [None, "示范教育", 4, 4.5, 4], [None, "技术方案", 3.5, 4, 4], [None, "实施保障", 4, 4, 3.5],
             [None, "示范教育", 3, 3, 3.5], [None, "技术方案", 4, 4, 4], [None, "实施保障", 3, 3.5, 3]]
    merges = ((2, 0, 4, 0, "MH-01"), (5, 0, 7, 0, "MH-02"))
    return Case("named_experts_merged_rows", "评审打分.xlsx", xlsx(cells, merges), Expect(
        18, {("MH-01", "李工", "示范教育"): 4.5, ("MH-02", "王老师", "示范教育"): 3.5,
             ("MH-02", "李工", "实施保障"): 3.5}))


def score_errors() -> Case:
    """A score of 6 on a 0–5 scale and 优 instead of a number, each at its cell."""
    header = ["申请编号", "专家", "示范教育", "技术方案", "实施保障"]
    cells = [header, ["PD-01", "E01", 6, 4, 4], ["PD-01", "E02", "优", 4, 4]]
    return Case("score_errors", "评分.xlsx", xlsx(cells), Expect(6, errors={"C2", "C3"}))


def sheet_per_application() -> Case:
    """One sheet per application named by its ID, 项目编号 written above a two-row header
    (评分项 merged down, 专家评分 over 专家1–3), one expert recused (回避)."""
    def sheet(app: str, scores: list[list]) -> Sheet:
        cells = [["专家评审记录表"], ["项目编号：" + app, None, "评审日期：2026-04-11"],
                 [None, None, None, None], [None, "专家1", "专家2", "专家3"], *scores]
        merges = ((2, 0, 3, 0, "评分项"), (2, 1, 2, 3, "专家评分"))
        return app, cells, merges
    sheets = [sheet("PD-01", [["示范教育", 4, "4.5分", 4], ["技术方案", 4, 4, "回避"]]),
              sheet("XH-01", [["示范教育", 3, 3.5, 3], ["技术方案", 3.5, 4, 3]])]
    return Case("sheet_per_application", "逐项评审记录.xlsx", xlsx_book(sheets), Expect(
        11, {("PD-01", "专家2", "示范教育"): 4.5, ("XH-01", "专家3", "技术方案"): 3.0,
             ("XH-01", "专家1", "示范教育"): 3.0},
        warnings={"review_score_withheld"}, warning_cells={"D6"}))


def review_cases() -> list[Case]:
    return [long_table_scores(), experts_as_columns(), criteria_as_columns(), sheet_per_expert(),
            named_experts_merged_rows(), score_errors(), sheet_per_application()]
