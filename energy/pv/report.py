"""The campus PV report as an Excel workbook (Chinese headers, English below)."""

from __future__ import annotations

import datetime as _dt
import io

import pandas as pd
import xlsxwriter

from energy.pv.parameters import PVAssumptions, describe_assumptions
from sheets.export_safety import XLSX_OPTIONS, quoted_format, write_safe

BUILDING_COLUMNS = {
    "building_name": "建筑 Building", "building_use": "用途 Use", "roof_type": "屋面 Roof",
    "roof_area_m2": "屋顶面积 Roof area (m²)", "usable_area_m2": "可用面积 Usable (m²)",
    "layout": "布置 Layout", "tilt_deg": "倾角 Tilt (°)", "azimuth_deg": "朝向 Azimuth (°)",
    "capacity_kwp": "容量 Capacity (kWp)", "annual_yield_kwh": "年发电量 Annual (kWh)",
    "annual_yield_low_kwh": "年发电量低值 Low (kWh)",
    "specific_yield_kwh_per_kwp": "单位发电量 Specific (kWh/kWp)",
    "co2_avoided_t": "减排 CO₂ (t/yr)", "exclusion_reason_zh": "排除原因",
    "exclusion_reason_en": "Exclusion reason", "notes_zh": "调整说明", "notes_en": "Notes",
}
MONTHLY_COLUMNS = {"month": "月份 Month", "yield_kwh": "发电量 PV (kWh)",
                   "yield_low_kwh": "发电量低值 PV low (kWh)",
                   "demand_kwh": "学校用电 School use (kWh)"}


def _write_table(book, sheet_name: str, frame: pd.DataFrame, header_format, quoted) -> None:
    sheet = book.add_worksheet(sheet_name)
    for j, name in enumerate(frame.columns):
        sheet.write(0, j, name, header_format)
        width = max(12, min(40, 2 * len(str(name)) // 1 + 2))
        sheet.set_column(j, j, width)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            write_safe(sheet, i, j, value, quoted)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def campus_report_xlsx(campus: pd.Series, buildings: pd.DataFrame, monthly: pd.DataFrame,
                       assumptions: PVAssumptions, weather_label: str) -> bytes:
    """Excel report of one campus.

    Parameters
    ----------
    campus : Series
        The campus row of :func:`energy.pv.explore.campus_table`.
    buildings : DataFrame
        The campus's per-building results.
    monthly : DataFrame
        :func:`energy.pv.explore.campus_monthly` of the campus.
    assumptions : PVAssumptions
        Parameters used.
    weather_label : str
        Weather source label, printed on the summary.

    Returns
    -------
    bytes
        The workbook. Text from the survey is written as text, never as a formula.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **XLSX_OPTIONS})
    quoted = quoted_format(book)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                            "border": 1})
    summary = book.add_worksheet("概要 Summary")
    rows = [
        ("学校 School", f"{campus['school_name']} ({campus['school_code']})"),
        ("区 District", campus["district"]),
        ("建筑数 Buildings", int(campus["n_buildings"])),
        ("可装容量 Capacity (kWp)", round(float(campus["capacity_kwp"]), 1)),
        ("年发电量 Annual yield (kWh)", round(float(campus["annual_yield_kwh"]))),
        ("年发电量低值 Low case (kWh)", round(float(campus["annual_yield_low_kwh"]))),
        ("年用电量 Annual use (kWh)", campus.get("annual_electricity_kwh")),
        ("占用电比例 Share of use covered", campus.get("demand_covered_share")),
        ("年减排 CO₂ avoided (t/yr)", round(float(campus["co2_avoided_t"]), 1)),
        ("年节省电费 Savings (CNY/yr)", round(float(campus["savings_cny"]))),
        ("投资 Capital cost (CNY)", round(float(campus["capex_cny"]))),
        ("回收期 Payback (years)", campus.get("payback_years")),
        ("气象数据 Weather", weather_label),
        ("生成日期 Generated", _dt.date.today().isoformat()),
    ]
    summary.set_column(0, 0, 34)
    summary.set_column(1, 1, 60)
    for i, (label, value) in enumerate(rows):
        summary.write(i, 0, label, head)
        write_safe(summary, i, 1, value, quoted)
    present = [c for c in BUILDING_COLUMNS if c in buildings.columns]
    table = buildings[present].rename(columns=BUILDING_COLUMNS)
    _write_table(book, "建筑 Buildings", table.astype(object), head, quoted)
    _write_table(book, "逐月 Monthly", monthly.rename(columns=MONTHLY_COLUMNS), head, quoted)
    described = describe_assumptions(assumptions)[
        ["label_zh", "label_en", "value", "unit", "source"]].astype({"value": str})
    _write_table(book, "假设 Assumptions", described, head, quoted)
    book.close()
    return buffer.getvalue()
