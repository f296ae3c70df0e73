"""The subsidy application sheet and the expert-score sheet, declared once.

Both sheets are :class:`sheets.spec.TableSpec` declarations, so the survey machinery
reads them (forgiving header matching, units from headers such as ``(万元)``, located
cells), validates them cell by cell and writes their templates. The store's tables are
checked against these declarations by the tests; nothing else lists these columns.

Units are suffixes of the canonical names: money [CNY, 元], energy [kWh], PV capacity
[kWp], service life [years].
"""

from __future__ import annotations

import dataclasses

from energy.subsidy.messages import (
    APPLICATION_NOUN,
    INTENTION_NOUN,
    REVIEW_NOUN,
    SUBSIDY_MESSAGES,
)
from sheets.spec import TOTAL_ROW_WORDS, Choice, Column, TableSpec
from surveys.schema import COLUMNS_BY_NAME


def _c(value: str, label_en: str, *synonyms: str) -> Choice:
    return Choice(value, label_en, tuple(synonyms))


PV = "光伏"

PROJECT_TYPES = (
    _c(PV, "Rooftop PV", "光伏发电", "屋顶光伏", "分布式光伏", "太阳能光伏", "太阳能发电", "pv",
       "solar", "solar pv", "rooftop pv", "photovoltaic", "photovoltaics"),
    _c("照明改造", "Lighting retrofit", "照明", "led", "led照明", "led改造", "灯具改造",
       "照明节能改造", "lighting", "lighting retrofit", "led lighting", "护眼灯", "护眼灯改造",
       "教室护眼灯改造", "教室照明改造", "教室灯光改造", "灯光改造", "路灯改造", "照明系统改造"),
    _c("空调与热泵", "HVAC and heat pumps", "空调", "热泵", "空调改造", "空气源热泵", "地源热泵",
       "暖通", "中央空调", "多联机", "冷水机组", "空调系统", "hvac", "heat pump", "heat pumps",
       "air conditioning"),
    _c("能耗监测平台", "Energy monitoring platform", "能耗监测", "监测平台", "能源管理平台",
       "分项计量", "能耗平台", "智能计量", "能耗计量", "用能计量", "智能电表", "智慧能源平台",
       "能源监管平台", "monitoring", "energy monitoring", "ems", "metering",
       "monitoring platform"),
    _c("围护结构", "Building envelope", "外墙保温", "门窗改造", "节能窗", "保温", "屋面保温",
       "外窗", "外窗改造", "外窗节能改造", "节能门窗", "门窗", "外墙", "外墙改造", "外遮阳", "遮阳",
       "隔热", "屋面隔热", "保温隔热", "envelope", "insulation", "windows", "building envelope"),
    _c("其他", "Other", "其它", "综合改造", "节能综合改造", "综合节能改造", "other", "others",
       "comprehensive retrofit"),
)

REVIEW_CRITERIA = (
    _c("示范教育", "Demonstration and education", "示范", "教育", "示范与教育", "示范性",
       "宣传教育", "科普教育", "示范教育作用", "示范引领", "示范推广", "教育意义",
       "demonstration", "education", "demonstration and education",
       "demonstration & education", "demonstration and educational value", "outreach"),
    _c("技术方案", "Technical soundness", "技术", "技术可行性", "方案", "可行性", "技术先进性",
       "方案可行性", "技术路线", "方案合理性", "technical",
       "feasibility", "technical soundness", "technical feasibility", "technical merit",
       "technical design"),
    _c("实施保障", "Delivery capacity", "实施", "管理", "运维", "组织保障", "实施条件",
       "保障措施", "运维管理", "组织实施", "delivery",
       "management", "delivery capacity", "implementation", "implementation safeguards",
       "implementation capacity"),
)

def _survey_column(name: str, extra_aliases: tuple[str, ...] = (), **changes) -> Column:
    """A school column of the survey, reused with the application's own wording."""
    column = COLUMNS_BY_NAME[name]
    return dataclasses.replace(column, aliases=column.aliases + extra_aliases, **changes)


APPLICATION_SCHOOL_COLUMNS: tuple[Column, ...] = (
    _survey_column("school_code", description_zh="教育部门统一学校代码，须与调研表一致",
                   description_en="School code, the same as in the survey"),
    _survey_column("school_name", ("申报单位", "申报学校", "申请单位", "项目单位"), required=False),
    _survey_column("district", required=False, description_zh="学校所在区（调研表已有时以调研表为准）",
                   description_en="District (the survey's value wins when the school has one)"),
    _survey_column("annual_electricity_kwh", ("现状年用电量", "学校年用电量", "上年度用电量",
                                              "年用电总量", "annual electricity use"),
                   label_en="Current annual electricity use"),
    _survey_column("contact", description_zh="申报联系人与电话",
                   description_en="Contact person with phone"),
)

APPLICATION_ROW_COLUMNS: tuple[Column, ...] = (
    Column("application_id", "申请编号", "Application ID", "text", "application",
           "申请项目编号，全表唯一", "Application number, unique in the sheet", required=True,
           aliases=("项目编号", "申报编号", "申请号", "application", "application no",
                    "app id", "project id", "project no"),
           # 序号 or 编号 over IDs (XH-2027-01) when no 项目编号 is given: the IDs
           stand_ins=("序号", "编号", "no.", "no"), example="2026-001", width=14),
    Column("project_name", "项目名称", "Project name", "text", "application", "项目名称",
           "Name of the project", required=True, aliases=("项目", "申报项目", "project"),
           example="教学楼屋顶光伏", width=24),
    Column("project_type", "项目类型", "Project type", "enum", "application",
           "光伏、照明改造、空调与热泵、能耗监测平台、围护结构或其他",
           "PV, lighting, HVAC/heat pumps, monitoring platform, envelope or other",
           required=True, choices=PROJECT_TYPES, aliases=("类型", "项目类别", "改造类型", "项目分类",
                                                  "type"),
           example=PV, width=16),
    Column("total_investment_cny", "项目总投资", "Total investment", "float", "application",
           "项目总投资", "Total project cost", unit="cny", required=True, min_value=0,
           min_exclusive=True, aliases=("总投资", "投资总额", "项目投资", "总投资额", "估算总投资",
                    "投资估算", "investment", "total cost"),
           example=1_750_000, width=16, plausible_max=1e8),
    Column("subsidy_requested_cny", "申请补助金额", "Subsidy requested", "float", "application",
           "申请的奖补资金", "Subsidy applied for", unit="cny", required=True, min_value=0,
           min_exclusive=True, aliases=("申请补助", "申请金额", "补助金额", "申请奖补资金",
                                        "申请补助资金", "申请奖补金额", "申请资金", "申请补贴",
                                        "拟申请补助", "申请专项资金", "subsidy",
                                        "requested subsidy"),
           example=500_000, width=16, plausible_max=1e8),
    Column("co_funding_cny", "自筹资金", "Co-funding", "float", "application",
           "学校自筹或其他来源资金（空白按总投资减申请补助计）",
           "School's own or other funds (blank: total investment minus subsidy)", unit="cny",
           min_value=0, aliases=("配套资金", "自筹", "学校自筹", "单位自筹", "co-funding",
                    "cofunding", "own funds"),
           example=1_250_000, width=14, plausible_max=1e8),
    Column("claimed_annual_saving_kwh", "预计年节电量", "Claimed annual saving", "float",
           "application", "非光伏项目预计每年节约的电量（光伏项目可空）",
           "Electricity saved per year, for non-PV projects (PV may leave blank)", unit="kwh",
           min_value=0, aliases=("年节电量", "节电量", "年节能量", "预计节电量", "年节约电量",
                                 "预计年节约电量", "年节约用电量", "节约电量", "annual saving",
                                 "energy saving"), example=None, width=16),
    Column("claimed_pv_capacity_kwp", "光伏装机容量", "Claimed PV capacity", "float",
           "application", "光伏项目新增装机容量", "New PV capacity of a PV project", unit="kwp",
           min_value=0, min_exclusive=True,
           aliases=("装机容量", "光伏容量", "光伏装机", "装机规模", "拟装机容量",
                    "光伏组件容量", "pv capacity", "capacity"), example=500, width=14),
    Column("claimed_annual_pv_kwh", "光伏年发电量", "Claimed annual PV yield", "float",
           "application", "光伏项目预计年发电量", "Expected annual yield of a PV project",
           unit="kwh", min_value=0, min_exclusive=True,
           aliases=("年发电量", "发电量", "预计年发电量", "年均发电量", "首年发电量",
                    "预计发电量", "光伏发电量", "pv yield", "annual yield",
                    "annual pv yield"),
           example=550_000, width=16),
    Column("service_life_years", "设计使用年限", "Service life", "float", "application",
           "设备设计使用年限", "Design service life of the equipment", unit="years",
           required=True, min_value=1, max_value=50,
           aliases=("使用年限", "寿命", "使用寿命", "设计寿命", "设备寿命", "service life",
                    "lifetime"), example=25,
           width=12),
    Column("planned_start", "计划开工", "Planned start", "date", "application",
           "计划开工日期（如 2026-03 或 2026年3月）", "Planned start (e.g. 2026-03)",
           aliases=("开工日期", "开工时间", "计划开工日期", "计划开工时间", "start",
                    "start date"),
           example="2026-03", width=12),
    Column("planned_finish", "计划竣工", "Planned finish", "date", "application",
           "计划竣工日期", "Planned completion", aliases=("竣工日期", "完工日期", "计划竣工日期",
                                                    "计划完工时间", "竣工时间", "计划完成时间",
                                                    "finish", "finish date", "completion"),
           example="2026-08", width=12),
    Column("description", "项目简介", "Description", "text", "application", "项目内容简述",
           "Short description", aliases=("简介", "备注", "说明", "项目内容", "建设内容", "主要建设内容",
                    "项目概况", "notes", "remarks"),
           example="", width=30),
)

REVIEW_BLOCK_COLUMNS: tuple[Column, ...] = (
    Column("reviewer_id", "专家编号", "Reviewer ID", "text", "reviewer",
           "评审专家编号（每位专家一个）", "Reviewer number (one per expert)", required=True,
           aliases=("专家", "评审专家", "评审人", "评委", "专家姓名", "reviewer",
                    "expert"), example="E01",
           width=12),
)

REVIEW_ROW_COLUMNS: tuple[Column, ...] = (
    Column("application_id", "申请编号", "Application ID", "text", "review",
           "被评申请的编号", "Application reviewed", required=True,
           aliases=("项目编号", "申报编号", "application", "app id", "project id", "project no"),
           stand_ins=("编号",), example="2026-001", width=14),
    Column("criterion", "评分项", "Criterion", "enum", "review", "评分项目",
           "What the score is for", required=True, choices=REVIEW_CRITERIA,
           aliases=("评分项目", "指标", "评价指标", "评分指标", "评审指标", "考核指标",
                                    "评分内容", "评审内容", "评分因素"), example="示范教育", width=16),
    Column("score", "评分", "Score", "float", "review", "0–5 分，可含一位小数",
           "0 to 5, one decimal allowed", required=True, min_value=0, max_value=5,
           aliases=("得分", "分数", "分值", "points"), example=4, width=10),
    Column("comment", "评语", "Comment", "text", "review", "简短评语",
           "Short comment", aliases=("意见", "评审意见", "备注", "comments", "remarks"),
           example="", width=40),
)

APPLICATION = TableSpec("subsidy_application", "生态文明建设示范学校奖补资金申请表",
                        "Eco-school subsidy application", APPLICATION_SCHOOL_COLUMNS,
                        APPLICATION_ROW_COLUMNS, example_key="application_id",
                        messages={"no_header": SUBSIDY_MESSAGES["no_header_application"],
                                  "table_sideways": SUBSIDY_MESSAGES["table_sideways_application"],
                                  "row_skipped_breakdown":
                                      SUBSIDY_MESSAGES["row_skipped_breakdown_application"]},
                        noun_zh=APPLICATION_NOUN[0], noun_en=APPLICATION_NOUN[1])
REVIEW = TableSpec("subsidy_review", "专家评分表", "Expert scores", REVIEW_BLOCK_COLUMNS,
                   REVIEW_ROW_COLUMNS,
                   messages={"no_header": SUBSIDY_MESSAGES["no_header_review"]},
                   noun_zh=REVIEW_NOUN[0], noun_en=REVIEW_NOUN[1], example_key="application_id",
                   total_words=TOTAL_ROW_WORDS + ("平均", "平均分", "均分", "average", "mean"))

# 收集项目申报意向: what a school plans to apply for in a round, before the call.
INTENTION_ROW_COLUMNS: tuple[Column, ...] = (
    APPLICATION.by_name["project_type"],
    Column("rough_investment_cny", "预计投资", "Rough investment", "float", "intention",
           "拟投资额（估算即可）", "Planned investment (an estimate will do)", unit="cny",
           required=True, min_value=0, min_exclusive=True,
           aliases=("拟投资", "估算投资", "投资估算", "预计总投资", "拟投资额", "项目总投资", "总投资",
                    "投资", "rough investment", "investment"), example=1_000_000, width=16),
    dataclasses.replace(APPLICATION.by_name["description"], block="intention",
                        aliases=APPLICATION.by_name["description"].aliases + ("项目",)),
)
INTENTION = TableSpec("subsidy_intention", "项目申报意向表", "Project intentions",
                      APPLICATION_SCHOOL_COLUMNS[:3], INTENTION_ROW_COLUMNS,
                      min_header_matches=2,
                      messages={"no_header": SUBSIDY_MESSAGES["no_header_intention"]},
                      noun_zh=INTENTION_NOUN[0], noun_en=INTENTION_NOUN[1])

# Column required only for PV projects / only for the others (checked row by row).
PV_REQUIRED = ("claimed_pv_capacity_kwp", "claimed_annual_pv_kwh")
NON_PV_REQUIRED = ("claimed_annual_saving_kwh",)

APPLICATION_FRAME_COLUMNS = ["source_row"] + [c.name for c in APPLICATION.columns]
REVIEW_FRAME_COLUMNS = ["source_row"] + [c.name for c in REVIEW.columns]
INTENTION_FRAME_COLUMNS = ["source_row"] + [c.name for c in INTENTION.columns]
