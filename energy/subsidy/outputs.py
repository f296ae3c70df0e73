"""Every column the subsidy round shows or writes, declared once (see :mod:`sheets.outputs`).

The committee's workbook and CSV (:mod:`energy.subsidy.export`), the subsidy page and the
coming report take their headers, units and number formats from here; the metrics a gate or
criterion can look at (:data:`METRIC_COLUMNS`) are declared here too, and
:mod:`energy.subsidy.metrics` computes them.
"""

from __future__ import annotations

from energy.subsidy.schema import PROJECT_TYPES, REVIEW_CRITERIA
from sheets.outputs import OutputColumn, OutputTable


def _cny(name: str, zh: str, en: str, width: int = 14) -> OutputColumn:
    return OutputColumn(name, zh, en, "int", unit="元", unit_en="CNY", width=width)


def _wan(name: str, zh: str, en: str) -> OutputColumn:
    return OutputColumn(name, zh, en, "float", unit="万元", unit_en="10⁴ CNY", decimals=1)


METRIC_COLUMNS = OutputTable("metrics", "评审指标", "Metrics", (
    OutputColumn("verified_annual_kwh", "核定年节电/发电量", "Verified annual energy", "float",
                 unit="kWh", decimals=0, width=13),
    OutputColumn("claimed_annual_kwh", "申报年节电/发电量", "Claimed annual energy", "float",
                 unit="kWh", decimals=0, width=13),
    OutputColumn("payback_years", "静态回收期", "Simple payback", "float", unit="年",
                 unit_en="years", decimals=1),
    OutputColumn("lifetime_co2_avoided_t", "寿命期减排量", "Lifetime CO2 avoided", "float",
                 unit="tCO2", decimals=0),
    OutputColumn("co2_avoided_t_per_10k_cny", "每万元补助寿命期减排量",
                 "Lifetime CO2 avoided per 10,000 CNY of subsidy", "float",
                 unit="tCO2/万元", unit_en="tCO2 per 10⁴ CNY"),
    OutputColumn("subsidy_cny_per_tco2", "每吨寿命期减排的补助额",
                 "Subsidy per lifetime tonne of CO2", "float", unit="元/tCO2",
                 unit_en="CNY/tCO2", decimals=0),
    OutputColumn("co_funding_share", "自筹资金比例", "Co-funding share", "share"),
    OutputColumn("need_index", "需求指数（楼龄、单位面积能耗）",
                 "Need (building age, energy use per m² against peers)", "float", unit="0–1"),
    OutputColumn("mean_building_age_years", "建筑平均楼龄", "Mean building age", "float",
                 unit="年", unit_en="years", decimals=1),
    OutputColumn("intensity_ratio", "单位面积能耗与同类学校中位数之比",
                 "Energy use per m² ÷ peer median", "float"),
    OutputColumn("expert_score", "专家评分（示范教育）", "Expert score (demonstration, education)",
                 "float", unit="0–5"),
    OutputColumn("survey_complete", "调研表已提交且完整", "Survey submitted and complete", "bool"),
    _cny("subsidy_requested_cny", "申请补助金额", "Subsidy requested"),
    _cny("total_investment_cny", "项目总投资", "Total investment"),
    OutputColumn("service_life_years", "设计使用年限", "Service life", "int", unit="年",
                 unit_en="years"),
))

IDENTITY = OutputTable("identity", "申请", "Applications", (
    OutputColumn("rank", "排名", "Rank", "int", width=7),
    OutputColumn("application_id", "申请编号", "Application ID", width=14),
    OutputColumn("school_code", "学校代码", "School code", width=13),
    OutputColumn("school_name", "学校名称", "School name", width=22),
    OutputColumn("district", "所在区", "District", width=10),
    OutputColumn("project_name", "项目名称", "Project", width=24),
    OutputColumn("project_type", "项目类型", "Type", width=12),
    _cny("subsidy_requested_cny", "申请补助", "Subsidy requested"),
    OutputColumn("score", "得分", "Score", "float", width=9),
))
CUMULATIVE = _cny("cumulative_cny", "累计补助", "Cumulative")
DECISION = OutputTable("decision", "评审结果", "Decision", (
    OutputColumn("shortlisted", "入围（最优）", "Shortlisted (optimal)", "bool", width=11),
    OutputColumn("rank_fill_shortlisted", "按名次填充入围", "In rank-order fill", "bool",
                 width=11),
    OutputColumn("shortlist_probability", "入围概率", "Shortlist probability", "share",
                 decimals=0, width=10),
    OutputColumn("borderline", "边缘", "Borderline", "bool", width=9),
    OutputColumn("weight_moves_that_flip", "单项权重变动导致变化", "Weight moves that flip it",
                 width=26),
    OutputColumn("n_flags", "核查标记数", "Flags", "int", width=8),
))
VERIFICATION = OutputTable("verification", "核查", "Verification", (
    OutputColumn("claimed_annual_kwh", "申报年电量", "Claimed", "float", unit="kWh/年",
                 unit_en="kWh/yr", decimals=0, width=13),
    OutputColumn("verified_annual_kwh", "核定年电量", "Verified", "float", unit="kWh/年",
                 unit_en="kWh/yr", decimals=0, width=13),
    OutputColumn("pv_roof_capacity_kwp", "屋顶可装容量", "Roof capacity", "float", unit="kWp",
                 decimals=1, width=13),
    OutputColumn("claimed_pv_capacity_kwp", "申报装机", "Claimed capacity", "float",
                 unit="kWp", decimals=1, width=13),
))
APPLICATION = IDENTITY.pick("application_id", "school_name", name="application")
GATES = OutputTable("gate_failures", "未通过门槛", "Gate failures", APPLICATION.columns + (
    IDENTITY["project_name"],
    OutputColumn("gate", "门槛", "Gate", width=16),
    OutputColumn("value", "本项目数值", "Value", "float", width=12),
    OutputColumn("threshold", "门槛值", "Threshold", "float", width=10),
    OutputColumn("reason_zh", "原因", "Reason (Chinese)", width=46),
    OutputColumn("reason_en", "原因（英文）", "Reason (English)", width=46),
))
FLAGS = OutputTable("flags", "核查标记", "Flags", APPLICATION.columns + (
    OutputColumn("code", "标记", "Flag", width=26),
    OutputColumn("claimed", "申报值", "Claimed", "float", width=13),
    OutputColumn("estimated", "我们的估算/上限", "Our estimate / bound", "float", width=13),
    OutputColumn("unit", "单位", "Unit", width=7),
    OutputColumn("message_zh", "说明", "Explanation (Chinese)", width=50),
    OutputColumn("message_en", "说明（英文）", "Explanation (English)", width=50),
))
REVIEWS = OutputTable("reviews", "专家评分", "Reviews", (
    IDENTITY["application_id"],
    OutputColumn("criterion", "评分项", "Criterion", width=12),
    OutputColumn("n_reviewers", "专家人数", "Reviewers", "int", width=9),
    OutputColumn("score", "汇总得分", "Aggregate", "float", width=10),
    OutputColumn("mean", "平均分", "Mean", "float", width=9),
    OutputColumn("min", "最低分", "Lowest", "float", width=9),
    OutputColumn("max", "最高分", "Highest", "float", width=9),
    OutputColumn("spread", "极差", "Spread", "float", width=9),
    OutputColumn("std", "标准差", "Std. dev.", "float", width=9),
    OutputColumn("trimmed", "去掉最高最低", "Trimmed", "bool", width=10),
))
COMPARISON = OutputColumn("only_in", "差异", "Difference", width=24)
RUBRIC = OutputTable("rubric", "评分细则", "Rubric", (
    OutputColumn("section", "部分", "Section", width=10),
    OutputColumn("id", "编号", "ID", width=22),
    OutputColumn("detail", "定义", "Definition", width=40),
    OutputColumn("weight", "权重", "Weight", "float", width=8),
    OutputColumn("text", "说明 / TOML 原文", "Text / TOML source", width=90),
))
PARAMETERS = OutputTable("parameters", "参数", "Parameters", (
    OutputColumn("name", "参数", "Parameter", width=28),
    OutputColumn("label", "说明", "Label", width=28),
    OutputColumn("value", "值", "Value", width=80),
))
PARAMETER_LABELS = OutputTable("parameter_labels", "参数", "Parameters", (
    _cny("budget_cny", "预算", "Budget"),
    OutputColumn("caps", "限额", "Caps"),
    OutputColumn("run_date", "运行日期", "Run date"),
    OutputColumn("reference_year", "楼龄计算年份", "Reference year"),
    OutputColumn("rubric_name", "评分细则", "Rubric"),
    OutputColumn("rubric_version", "细则版本", "Rubric version"),
    OutputColumn("rubric_sha256", "细则 SHA-256", "Rubric SHA-256"),
    OutputColumn("method", "方法", "Method"),
    OutputColumn("survey_data", "调研数据版本", "Survey data version"),
    OutputColumn("application_data", "申请数据版本", "Application data version"),
))
GATE_REASONS = (
    OutputColumn("gate_reasons_zh", "未通过门槛原因", "Gate failures (Chinese)"),
    OutputColumn("gate_reasons_en", "未通过门槛原因（英文）", "Gate failures (English)"),
)

# The subsidy page's ranking table: money in 万元, the ✔/⚠ marks as 是/否.
RANKING_PAGE = OutputTable("ranking_page", "排名与各项得分", "Ranking with points per criterion", (
    IDENTITY["rank"], IDENTITY["application_id"], IDENTITY["school_name"],
    IDENTITY["project_name"],
    OutputColumn("score", "得分", "Score", "float", decimals=1),
    _wan("subsidy_requested_wan", "申请", "Requested"),
    OutputColumn("shortlisted", "入围", "Shortlisted", "bool"),
    OutputColumn("shortlist_probability", "入围概率", "Shortlist probability", "share",
                 decimals=0),
    OutputColumn("borderline", "临界", "Borderline", "bool"),
    OutputColumn("n_flags", "核查提示", "Flags", "int"),
))
# Held applications (待核实) on the page: the reason and the question in the page's language.
HELD_PAGE = OutputTable("held_page", "待核实申请", "Applications needing clarification", (
    IDENTITY["application_id"], IDENTITY["school_name"], IDENTITY["project_name"],
    OutputColumn("claimed_annual_kwh", "申报年电量", "Claimed", "float", unit="kWh/年",
                 unit_en="kWh/yr", decimals=0),
    OutputColumn("saving_bound_kwh", "合理上限", "Plausible bound", "float", unit="kWh/年",
                 unit_en="kWh/yr", decimals=0),
    OutputColumn("score", "暂定得分（按上限）", "Provisional score (at the bound)", "float",
                 decimals=1),
    OutputColumn("hold_reason", "待核实原因", "Why it is held"),
    OutputColumn("ask", "需向学校了解", "What to ask the school"),
))
# The committee's workbook and CSV: the hold beside every application.
HOLD = OutputTable("hold", "待核实", "Needs clarification", (
    OutputColumn("status_text", "状态", "Status", width=16),
    OutputColumn("saving_bound_kwh", "合理上限", "Plausible bound", "float", unit="kWh/年",
                 unit_en="kWh/yr", decimals=0, width=13),
    OutputColumn("hold_reasons_zh", "待核实原因", "Why held (Chinese)", width=46),
    OutputColumn("hold_reasons_en", "待核实原因（英文）", "Why held (English)", width=46),
    OutputColumn("ask_zh", "需向学校了解", "Ask the school (Chinese)", width=40),
    OutputColumn("ask_en", "需向学校了解（英文）", "Ask the school (English)", width=40),
    OutputColumn("clarification", "委员会核实结论", "Committee's decision", width=40),
))
STATUS_TEXT = {"ranked": "参与排名 ranked", "held": "待核实 needs clarification",
               "ineligible": "未通过门槛 ineligible"}

EXPLAIN = OutputTable("explain", "得分构成", "Why this rank", (
    OutputColumn("label", "评分项", "Criterion"),
    OutputColumn("value", "数值", "Value", "float"),
    OutputColumn("unit", "单位", "Unit"),
    OutputColumn("weight", "权重", "Weight", "share", decimals=0),
    OutputColumn("points", "得分", "Points", "float"),
))
MESSAGES = OutputTable("messages", "核查提示", "Flags", (
    IDENTITY["application_id"],
    OutputColumn("claimed", "申报值", "Claimed", "float"),
    OutputColumn("estimated", "我们的估算", "Our estimate", "float"),
    OutputColumn("unit", "单位", "Unit"),
    OutputColumn("value", "数值", "Value", "float"),
    OutputColumn("threshold", "门槛", "Threshold", "float"),
    OutputColumn("message", "说明", "Message"),
))


def criterion_columns(rubric) -> tuple[OutputColumn, ...]:
    """Value and points of every criterion of ``rubric`` (and TOPSIS gaps), for the ranking
    sheet; the value's unit is its metric's."""
    cols = []
    topsis = rubric.method == "topsis"
    view = ("（加权和视角）", " (weighted-sum view)") if topsis else ("", "")
    for c in rubric.criteria:
        metric = METRIC_COLUMNS[c.metric]
        cols.append(OutputColumn(c.metric, c.label_zh, c.label_en, "float", unit=metric.unit,
                                 unit_en=metric.unit_en, width=14))
        cols.append(OutputColumn(f"points_{c.id}", f"{c.label_zh} 得分{view[0]}",
                                 f"points (w {c.weight:g}){view[1]}", "float", width=11))
    for c in rubric.criteria if topsis else ():
        cols.append(OutputColumn(f"gap_best_{c.id}", f"{c.label_zh} 距理想解²",
                                 "squared gap to ideal", "float", width=11))
        cols.append(OutputColumn(f"gap_worst_{c.id}", f"{c.label_zh} 距负理想解²",
                                 "squared gap to anti-ideal", "float", width=11))
    return tuple(cols)


def points_columns(rubric) -> tuple[OutputColumn, ...]:
    """Points per criterion as the subsidy page shows them (one decimal)."""
    return tuple(OutputColumn(f"points_{c.id}", c.label_zh, c.label_en, "float", decimals=1)
                 for c in rubric.criteria)

# --- experts scoring online (energy/subsidy/online.py) ---------------------------------------
_TYPE = OutputColumn("project_type", "项目类型", "Type", width=12,
                     values_en={c.value: c.label_en for c in PROJECT_TYPES})
_CRITERION = OutputColumn("criterion", "评分项", "Criterion",
                          values_en={c.value: c.label_en for c in REVIEW_CRITERIA})
_STATUS = OutputColumn("status_text", "状态", "Status")
# A reviewer's own list: only the applications assigned to them.
REVIEW_ASSIGNED = OutputTable("review_assigned", "分配给我的申请", "Applications assigned to me", (
    IDENTITY["application_id"], IDENTITY["school_name"], IDENTITY["project_name"], _TYPE,
    IDENTITY["subsidy_requested_cny"], _STATUS,
))
# One application as its reviewer reads it before scoring.
REVIEW_APPLICATION = OutputTable("review_application", "申请内容", "The application", (
    IDENTITY["application_id"], IDENTITY["school_name"], IDENTITY["district"],
    IDENTITY["project_name"], _TYPE,
    _cny("total_investment_cny", "总投资", "Total investment"),
    IDENTITY["subsidy_requested_cny"],
    OutputColumn("claimed_annual_saving_kwh", "申报年节电量", "Claimed annual saving", "float",
                 unit="kWh/年", unit_en="kWh/yr", decimals=0),
    OutputColumn("claimed_pv_capacity_kwp", "申报光伏容量", "Claimed PV capacity", "float",
                 unit="kWp", decimals=0),
    OutputColumn("claimed_annual_pv_kwh", "申报年发电量", "Claimed annual PV yield", "float",
                 unit="kWh/年", unit_en="kWh/yr", decimals=0),
    OutputColumn("service_life_years", "使用寿命", "Service life", "float", unit="年",
                 unit_en="years", decimals=0),
    OutputColumn("description", "项目说明", "Description"),
))
# Scores on one application: the reviewer's own, and after submitting, the panel's.
REVIEW_SCORES = OutputTable("review_scores", "评分", "Scores", (
    OutputColumn("reviewer_id", "评审专家", "Reviewer"), _CRITERION,
    OutputColumn("score", "评分", "Score", "float", unit="0–5", decimals=1),
    OutputColumn("comment", "评语", "Comment"),
))
# The chair's view of the panel's progress, per reviewer.
PANEL_PROGRESS = OutputTable("panel_progress", "评审进度", "Scoring progress", (
    OutputColumn("reviewer_id", "账号", "Account"),
    OutputColumn("full_name", "评审专家", "Reviewer"),
    OutputColumn("n_assigned", "分配", "Assigned", "int"),
    OutputColumn("n_declared", "评分中", "Scoring", "int"),
    OutputColumn("n_conflicts", "回避", "Conflicts", "int"),
    OutputColumn("n_submitted", "已提交", "Submitted", "int"),
))
# Every assignment, for the chair.
ASSIGNMENTS = OutputTable("assignments", "评审分配", "Assignments", (
    IDENTITY["application_id"], OutputColumn("reviewer_id", "评审专家", "Reviewer"), _STATUS,
    OutputColumn("conflict_reason", "利益冲突说明", "Conflict stated"),
    OutputColumn("submitted_at", "提交时间", "Submitted", "datetime"),
))
# The files attached to an application (申报材料), for the committee and its reviewers.
MATERIALS = OutputTable("materials", "申报材料", "Application materials", (
    OutputColumn("file_name", "文件名", "File"),
    OutputColumn("kind_text", "类型", "Type"),
    OutputColumn("size_kb", "大小", "Size", "float", unit="KB", decimals=1),
    OutputColumn("sha256_short", "SHA-256（前 12 位）", "SHA-256 (first 12)"),
    OutputColumn("uploaded_at", "上传时间", "Uploaded", "datetime"),
    OutputColumn("uploaded_by", "上传人", "Uploaded by"),
))
