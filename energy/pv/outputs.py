"""Every PV column the product shows or writes, declared once (see :mod:`sheets.outputs`).

The overview and PV pages, the campus workbook (:mod:`energy.pv.report`) and the coming
report take headers, units and number formats from :data:`COLUMNS`; the tables below pick
from it. Survey fields (school, district, roof type ...) come from their input declaration.
"""

from __future__ import annotations

from sheets.outputs import OutputColumn, OutputTable, from_input
from surveys.schema import COLUMNS_BY_NAME


def _field(name: str, **changes) -> OutputColumn:
    return from_input(COLUMNS_BY_NAME[name], **changes)


def _kwh(name: str, zh: str, en: str, unit: str = "kWh", decimals: int = 0) -> OutputColumn:
    return OutputColumn(name, zh, en, "float", unit=unit, decimals=decimals, width=14)


COLUMNS = OutputTable("pv", "光伏潜力", "PV potential", (
    _field("school_code"), _field("school_name", width=24), _field("district"),
    _field("school_type"), _field("building_name"), _field("building_use"),
    _field("roof_type"), _field("roof_area_m2", decimals=0),
    _field("annual_electricity_kwh", decimals=0),
    OutputColumn("n_buildings", "建筑数", "Buildings", "int"),
    OutputColumn("usable_area_m2", "可用面积", "Usable area", "float", unit="m²", decimals=0),
    OutputColumn("layout", "布置", "Layout", values_en={"flush": "flush", "rows": "rows"}),
    OutputColumn("tilt_deg", "倾角", "Tilt", "float", unit="°", decimals=0),
    OutputColumn("azimuth_deg", "朝向", "Azimuth", "float", unit="°", decimals=0),
    OutputColumn("capacity_kwp", "容量", "Capacity", "float", unit="kWp", decimals=1),
    _kwh("annual_yield_kwh", "年发电量", "Annual yield"),
    _kwh("annual_yield_low_kwh", "年发电量低值", "Annual yield, low case"),
    _kwh("annual_yield_mwh", "年发电量", "Annual yield", "MWh", 1),
    _kwh("annual_yield_low_mwh", "年发电量低值", "Annual yield, low case", "MWh", 1),
    _kwh("specific_yield_kwh_per_kwp", "单位发电量", "Specific yield", "kWh/kWp"),
    OutputColumn("co2_avoided_t", "年减排 CO₂", "CO₂ avoided", "float", unit="t/年",
                 unit_en="t/yr", decimals=1),
    OutputColumn("demand_covered_share", "占用电比例", "Share of use covered", "share",
                 decimals=0),
    OutputColumn("savings_cny", "年节省电费", "Savings", "float", unit="元/年",
                 unit_en="CNY/yr", decimals=0),
    OutputColumn("capex_cny", "投资", "Capital cost", "float", unit="元", unit_en="CNY",
                 decimals=0),
    OutputColumn("payback_years", "回收期", "Payback", "float", unit="年", unit_en="years",
                 decimals=1),
    OutputColumn("exclusion_reason_zh", "排除原因", "Exclusion reason (Chinese)", width=40),
    OutputColumn("exclusion_reason_en", "排除原因（英文）", "Exclusion reason", width=40),
    OutputColumn("notes_zh", "调整说明", "Notes (Chinese)", width=40),
    OutputColumn("notes_en", "调整说明（英文）", "Notes", width=40),
    OutputColumn("reasons", "排除/调整原因", "Exclusion or adjustment", width=40),
    OutputColumn("month", "月份", "Month", "int"),
    _kwh("yield_kwh", "发电量", "PV output"),
    _kwh("yield_low_kwh", "发电量低值", "PV output, low case"),
    _kwh("demand_kwh", "学校用电", "School use"),
))

# The overview's campuses with the largest potential.
TOP_CAMPUSES = COLUMNS.pick(
    "school_name", "district", "school_type", "capacity_kwp", "annual_yield_mwh",
    "annual_yield_low_mwh", "demand_covered_share", "payback_years", name="top_campuses")
# The PV page's buildings of one campus (``reasons``: the deciding one first).
CAMPUS_BUILDINGS = COLUMNS.pick(
    "building_name", "roof_type", "usable_area_m2", "tilt_deg", "azimuth_deg", "capacity_kwp",
    "annual_yield_mwh", "reasons", name="campus_buildings")
# The campus workbook's sheets.
REPORT_BUILDINGS = COLUMNS.pick(
    "building_name", "building_use", "roof_type", "roof_area_m2", "usable_area_m2", "layout",
    "tilt_deg", "azimuth_deg", "capacity_kwp", "annual_yield_kwh", "annual_yield_low_kwh",
    "specific_yield_kwh_per_kwp", "co2_avoided_t", "exclusion_reason_zh",
    "exclusion_reason_en", "notes_zh", "notes_en", name="report_buildings")
# city_summary(): the headline figures of a set of campuses (the report's summary table).
CITY_SUMMARY = OutputTable("city_summary", "汇总", "Summary", (
    OutputColumn("campuses", "已调研校园", "Campuses surveyed", "int"),
    OutputColumn("buildings", "建筑数", "Buildings", "int"),
    *COLUMNS.pick("roof_area_m2", "capacity_kwp", "annual_yield_mwh", "annual_yield_low_mwh",
                  "co2_avoided_t", "savings_cny", "demand_covered_share").columns,
))
# Campuses by school type (aggregate by school_type, n_schools as campuses).
BY_TYPE = OutputTable("by_type", "按学校类型", "By school type", (
    COLUMNS["school_type"], CITY_SUMMARY["campuses"],
    *COLUMNS.pick("n_buildings", "capacity_kwp", "annual_yield_mwh",
                  "demand_covered_share").columns,
))
MONTHLY = COLUMNS.pick("month", "yield_kwh", "yield_low_kwh", "demand_kwh", name="monthly")
SUMMARY = COLUMNS.pick(
    "n_buildings", "capacity_kwp", "annual_yield_kwh", "annual_yield_low_kwh",
    "annual_electricity_kwh", "demand_covered_share", "co2_avoided_t", "savings_cny",
    "capex_cny", "payback_years", name="summary")
# The assumptions panel: one row per parameter (energy.pv.parameters.describe_assumptions).
ASSUMPTIONS = OutputTable("assumptions", "计算假设", "Assumptions", (
    OutputColumn("label_zh", "参数", "Parameter (Chinese)", width=30),
    OutputColumn("label_en", "参数（英文）", "Parameter", width=30),
    OutputColumn("value", "数值", "Value", width=12),
    OutputColumn("default", "默认值", "Default", width=12),
    OutputColumn("unit", "单位", "Unit", width=10),
    OutputColumn("assumption", "假设值", "Assumption", "bool", width=10),
    OutputColumn("source", "来源", "Source", width=60),
))


def assumptions_in(lang: str) -> OutputTable:
    """:data:`ASSUMPTIONS` for reading in one language: parameter, value, unit, source."""
    return ASSUMPTIONS.pick("label_zh" if lang == "zh" else "label_en", "value", "unit",
                            "source")
