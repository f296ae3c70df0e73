"""Every message of the subsidy review, in Chinese and English, in one place.

:data:`MESSAGES` extends the sheet engine's catalogue (:mod:`sheets.messages`, with the
messages of :mod:`sheets.notes` and :mod:`sheets.forms`), so a
:class:`sheets.values.Collector` given it reports both the shared cell problems (not a
number, out of range…) and ours; ``{noun}`` names the document: 申请表 / application,
评分表 / score sheet.
"""

from __future__ import annotations

from sheets.forms import MESSAGES as FORM_MESSAGES
from sheets.messages import MESSAGES as SHEET_MESSAGES
from sheets.notes import MESSAGES as NOTE_MESSAGES

APPLICATION_NOUN = ("申请表", "application sheet")
REVIEW_NOUN = ("评分表", "score sheet")
INTENTION_NOUN = ("申报意向表", "intention sheet")

SUBSIDY_MESSAGES: dict[str, tuple[str, str]] = {
    # sheets
    "row_skipped_breakdown_application": (
        "第 {row} 行“{text}”是上一个项目的分项（其中……），已跳过，不另计为一个申请。",
        "Row {row} ('{text}') details part of the project above (of which …), skipped: not "
        "counted as another application."),
    "table_sideways_application": (
        "申请表为横排（每个项目一列，栏目在左列）：已按列读取 {n} 个项目。",
        "The application sheet is written sideways (one column per project, fields down the "
        "left): {n} projects read by column."),
    "no_header_application": (
        "找不到表头行：请使用申请表模板，或确保表头包含“申请编号”“项目类型”“申请补助金额”等列。",
        "No header row found: use the application template, or make sure the header has "
        "columns such as Application ID, Project type and Subsidy requested."),
    "no_header_review": (
        "找不到表头行：请使用专家评分表模板，或确保表头包含“申请编号”“评分项”“评分”列。",
        "No header row found: use the expert-score template, or make sure the header has "
        "the columns Application ID, Criterion and Score."),
    "no_rows_application": ("申请表中没有申请数据行。", "The application sheet has no application rows."),
    "no_rows_review": ("评分表中没有评分数据行。", "The score sheet has no score rows."),
    "no_header_intention": (
        "找不到表头行：请确保表头包含“学校代码”“项目类型”“预计投资”等列。",
        "No header row found: make sure the header has columns such as School code, "
        "Project type and Rough investment."),
    "no_rows_intention": ("申报意向表中没有数据行。", "The intention sheet has no rows."),
    "school_code_invalid": ("学校代码“{value}”无效：应只含字母和数字（教育部门统一学校标识码），请核对。",
                            "School code '{value}' is not valid: it holds letters and digits "
                            "only (the education authority's school code); please check it."),
    "school_code_cleaned": ("学校代码“{value}”含有不可见字符或全角字符，已按“{cleaned}”读取，请确认。",
                            "School code '{value}' holds invisible or full-width characters; "
                            "read as '{cleaned}', please confirm."),
    "school_code_unusual": ("学校代码“{value}”不是 10 位数字的上海市学校标识码（如 3101150001），"
                            "也不是 18 位统一社会信用代码，请核对。",
                            "School code '{value}' is neither a 10-digit Shanghai school "
                            "identification code (e.g. 3101150001) nor an 18-character unified "
                            "social credit code: please check it."),
    "not_applicable": ("“{label}”对{kind}项目不适用，“{value}”不计入。",
                       "'{label_en}' does not apply to a {kind_en} project; '{value}' is not "
                       "used."),
    "saving_above_use": (
        "申报年节电量 {saving:,.0f} kWh 超过学校年用电量 {use:,.0f} kWh（{source}），不可能节约比用电还多的电量：请核对单位与数值。",
        "Claimed annual saving {saving:,.0f} kWh exceeds the school's annual electricity use "
        "{use:,.0f} kWh ({source_en}): a school cannot save more than it uses; check the "
        "figure and its unit."),
    "application_id_assumed": (
        "工作表“{sheet}”没有申请编号，按“{value}”编号，请确认。",
        "Sheet '{sheet}' gives no application ID; it is numbered '{value}', please confirm."),
    "project_type_from_name": ("没有“项目类型”列：按项目名称读作“{type}”，请确认。",
                               "No project-type column: read as {type_en} from the project "
                               "name, please confirm."),
    "review_layout": ("评分表按{layout}读取：{n} 个评分。", "Score sheet read as {layout_en}: "
                      "{n} scores."),
    "review_no_criterion": (
        "无法确定这些分数对应的评分项：请在表中加一列“评分项”，或在标题中写明（如“示范教育评分”）。",
        "It is not clear which criterion these scores are for: add a Criterion column, or name "
        "it in the title (e.g. 示范教育评分)."),
    "review_no_reviewer": (
        "无法确定评分专家：请在表中加一列“专家”，或在表头上方写“评审专家：姓名”，或以专家姓名命名工作表。",
        "It is not clear who scored: add an Expert column, write 评审专家：name above the "
        "table, or name the sheet after the expert."),
    "review_column_scale": ("列“{header}”是满分、权重或序号，不是专家的评分，未读取。",
                            "Column '{header}' gives the full marks, a weight or the row "
                            "numbers, not an expert's scores; it was not read."),
    "review_column_derived": ("列“{header}”是计算列（平均分、合计等），未读取，由系统按评分规则重新计算。",
                              "Column '{header}' is computed (average, total…) and was not "
                              "read; the scores are aggregated by the rubric's rule."),
    "review_score_blank": ("“{header}”对申请“{app}”没有评分（空白），该专家的这一评分不计入。",
                           "'{header}' gave no score for application '{app}' (blank); it is "
                           "left out."),
    "review_score_withheld": ("“{header}”对申请“{app}”未评分（“{value}”），不计入。",
                              "'{header}' gave no score for application '{app}' ('{value}'); "
                              "it is left out."),
    "criterion_uncertain": ("评分项“{header}”按“{label}”读取，请确认。",
                            "Criterion '{header}' read as '{label_en}', please confirm."),
    "pv_field_required": ("光伏项目须填写“{label}”。", "PV projects must give '{label_en}'."),
    "saving_required": ("非光伏项目须填写“{label}”。", "Projects other than PV must give "
                        "'{label_en}'."),
    "subsidy_above_investment": (
        "申请补助 {subsidy:,.0f} 元超过项目总投资 {total:,.0f} 元。",
        "Subsidy requested {subsidy:,.0f} CNY exceeds the total investment {total:,.0f} CNY."),
    "funding_above_investment": (
        "申请补助与自筹资金合计 {sum:,.0f} 元超过项目总投资 {total:,.0f} 元，请核对。",
        "Subsidy plus co-funding {sum:,.0f} CNY exceeds the total investment {total:,.0f} "
        "CNY; please check."),
    "code_two_names": (
        "学校代码 {school} 对应了两个学校名称：“{first}”（{first_cell}）与“{value}”。请核对学校代码是否复制到了别的学校的行。",
        "School code {school} is given two school names: '{first}' ({first_cell}) and '{value}'. "
        "Check that the code was not copied onto another school's rows."),
    "funding_below_investment": (
        "申请补助与自筹资金合计 {sum:,.0f} 元少于项目总投资 {total:,.0f} 元，差 {gap:,.0f} 元未说明来源，请核对。",
        "Subsidy plus co-funding {sum:,.0f} CNY is less than the total investment {total:,.0f} "
        "CNY; {gap:,.0f} CNY has no stated source. Please check."),
    "finish_before_start": ("计划竣工 {finish} 早于计划开工 {start}。",
                            "Planned finish {finish} is before the planned start {start}."),
    "duplicate_application": ("申请编号“{value}”重复（首次出现在 {first}）。",
                              "Application ID '{value}' appears twice (first at {first})."),
    "pv_yield_impossible": (
        "光伏年发电量折合每千瓦 {specific:,.0f} kWh，超过上海物理上限（约 {limit:,.0f} kWh/kWp），"
        "通常是单位填错（如万kWh与kWh）。",
        "The PV yield is {specific:,.0f} kWh per kWp, above what Shanghai's sun allows "
        "(about {limit:,.0f} kWh/kWp): almost always a unit slip (万kWh vs kWh)."),
    "pv_yield_low": (
        "光伏年发电量折合每千瓦仅 {specific:,.0f} kWh，请确认单位（kWh）。",
        "The PV yield is only {specific:,.0f} kWh per kWp; check the unit (kWh)."),
    "duplicate_review": ("专家 {reviewer} 对申请“{value}”的“{criterion}”重复评分（首次出现在 {first}）。",
                         "Reviewer {reviewer} scored '{criterion_en}' of application '{value}' "
                         "twice (first at {first})."),
    "review_unknown_application": (
        "评分表中的申请编号“{value}”不在申请表中，该评分不计入。",
        "Application ID '{value}' of the score sheet is not in the applications; the score "
        "is not used."),
    # verification flags (claimed and estimated numbers are also given as fields)
    "flag_pv_capacity_above_roof": (
        "申报光伏装机 {claimed:,.0f} kWp 超过按调研屋顶估算的可装容量 {estimated:,.0f} kWp。",
        "Claimed PV capacity {claimed:,.0f} kWp exceeds the roof capacity estimated from "
        "the survey, {estimated:,.0f} kWp."),
    "flag_pv_yield_above_estimate": (
        "申报年发电量 {claimed:,.0f} kWh 超过我们估算值 {estimated:,.0f} kWh 的 {tolerance:.0%}。",
        "Claimed annual PV yield {claimed:,.0f} kWh is above {tolerance:.0%} of our "
        "estimate, {estimated:,.0f} kWh."),
    "flag_pv_no_estimate": (
        "该校没有调研数据，无法核查光伏申报。",
        "The school has no survey: the PV claim cannot be checked."),
    "flag_saving_above_bound": (
        "申报年节电量 {claimed:,.0f} kWh 超过{kind}项目的合理上限 {estimated:,.0f} kWh（学校年用电量 {use:,.0f} kWh 的 {share:.0%}）：按上限计分，待核实。",
        "Claimed annual saving {claimed:,.0f} kWh exceeds the plausibility bound of a "
        "{kind_en} project, {estimated:,.0f} kWh ({share:.0%} of the school's annual use "
        "of {use:,.0f} kWh): scored at the bound, held for clarification."),
    "flag_claim_confirmed": (
        "{actor} 于 {date} 确认了申报值 {claimed:,.0f} kWh（理由：{reason}），按申报值计分。",
        "{actor} confirmed the claimed {claimed:,.0f} kWh on {date} (reason: {reason}); "
        "scored at the claim."),
    "flag_claim_corrected": (
        "{actor} 于 {date} 将申报值 {claimed:,.0f} kWh 更正为 {estimated:,.0f} kWh（理由：{reason}）。",
        "{actor} corrected the claimed {claimed:,.0f} kWh to {estimated:,.0f} kWh on {date} "
        "(reason: {reason})."),
    "ask_pv_capacity": (
        "请提供屋顶组件布置图和可安装光伏的屋顶面积，说明申报装机容量如何放得下",
        "Ask for the module layout and the roof area available for PV, showing how the "
        "claimed capacity fits"),
    "ask_pv_yield": ("请提供发电量计算书（所用辐照数据、朝向倾角与系统效率）",
                     "Ask for the yield calculation (irradiation data, orientation, tilt and "
                     "system efficiency used)"),
    "ask_saving": ("请提供节电量的计算过程与依据，以及学校近三年的电费单",
                   "Ask for the saving calculation with its basis, and the school's "
                   "electricity bills of the last three years"),
    "flag_saving_no_bound": (
        "缺少学校年用电量，无法核查节电量申报。",
        "The school's annual electricity use is unknown: the saving claim cannot be checked."),
    "flag_use_mismatch": (
        "申请表年用电量 {claimed:,.0f} kWh 与调研表 {estimated:,.0f} kWh 相差超过 {tolerance:.0%}，以调研表为准。",
        "Annual use on the application, {claimed:,.0f} kWh, differs from the survey's "
        "{estimated:,.0f} kWh by more than {tolerance:.0%}; the survey's figure is used."),
    "flag_review_disagreement": (
        "专家对“{criterion}”的评分相差较大（最低 {low:g} 分，最高 {high:g} 分），建议评审会讨论。",
        "Reviewers disagree on '{criterion}' (lowest {low:g}, highest {high:g} points): "
        "to discuss at the panel meeting."),
    "flag_no_review": ("没有专家评分，专家评分项按 0 分计。",
                       "No expert scores: the expert criterion counts as 0."),
    # rubric
    "rubric_syntax": ("评分细则文件第 {line} 行第 {col} 列格式错误：{detail}",
                      "The rubric file has a syntax error at line {line}, column {col}: "
                      "{detail}"),
    "rubric_missing": ("评分细则缺少“{key}”。", "The rubric lacks '{key}'."),
    "rubric_bad_value": ("评分细则中“{key}”的值“{value}”无效，应为{expected_zh}。",
                         "Rubric value '{value}' of '{key}' is invalid: expected "
                         "{expected_en}."),
    "rubric_unknown_metric": ("评分细则中“{key}”引用了未知指标“{value}”。可用：{allowed}。",
                              "Rubric entry '{key}' names an unknown metric '{value}'. "
                              "Known: {allowed}."),
    "rubric_weights": ("评分细则各项权重之和应为 1，实际为 {total:g}。",
                       "Rubric weights must sum to 1, found {total:g}."),
    "rubric_duplicate": ("评分细则中“{key}”重复：“{value}”。",
                         "Rubric entry '{key}' is repeated: '{value}'."),
}

MESSAGES: dict[str, tuple[str, str]] = {**SHEET_MESSAGES, **NOTE_MESSAGES, **FORM_MESSAGES,
                                        **SUBSIDY_MESSAGES}


def text(code: str, **fields) -> tuple[str, str]:
    """The Chinese and English message for ``code`` with ``fields`` filled in."""
    zh, en = MESSAGES[code]
    fields.setdefault("noun", APPLICATION_NOUN[0])
    fields.setdefault("noun_en", APPLICATION_NOUN[1])
    return zh.format(**fields), en.format(**fields)
