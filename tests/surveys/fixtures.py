"""Shared survey test data: a real school and buildings, real files written per test."""

from __future__ import annotations

import io

import openpyxl

from surveys.schema import BUILDING_COLUMNS, SCHOOL_COLUMNS
from surveys.template import EXAMPLE_ROW, SCHOOL_BLOCK_FIRST_ROW, write_template

SCHOOL = {
    "school_code": "3101150001",
    "school_name": "上海市测试中学",
    "district": "浦东新区",
    "school_type": "中小学",
    "latitude": 31.2211,
    "longitude": 121.5443,
    "coord_system": "WGS84",
    "annual_electricity_kwh": 1850000.0,
    "contact": "张老师 021-00000000",
}

BUILDINGS = [
    {"building_name": "1号教学楼", "building_use": "教学", "year_built": 2005,
     "floors_above_ground": 5, "gross_floor_area_m2": 8600.0, "roof_area_m2": 1720.0,
     "roof_type": "混凝土平屋面", "roof_tilt_deg": None, "roof_azimuth_deg": None,
     "usable_roof_area_m2": None, "existing_pv_kw": 0.0, "shading": "无",
     "roof_condition": "良好", "notes": None},
    {"building_name": "体育馆", "building_use": "体育馆", "year_built": 2012,
     "floors_above_ground": 1, "gross_floor_area_m2": 3000.0, "roof_area_m2": 2900.0,
     "roof_type": "彩钢瓦", "roof_tilt_deg": 10.0, "roof_azimuth_deg": 180.0,
     "usable_roof_area_m2": 2000.0, "existing_pv_kw": 50.0, "shading": "轻微",
     "roof_condition": "一般", "notes": "屋面2020年翻新"},
    {"building_name": "学生宿舍A", "building_use": "宿舍", "year_built": 1998,
     "floors_above_ground": 6, "gross_floor_area_m2": 7200.0, "roof_area_m2": 1250.0,
     "roof_type": "坡屋面", "roof_tilt_deg": 25.0, "roof_azimuth_deg": 135.0,
     "usable_roof_area_m2": None, "existing_pv_kw": None, "shading": "严重",
     "roof_condition": "差", "notes": None},
]

SCHOOL_ROW = {c.name: SCHOOL_BLOCK_FIRST_ROW + 1 + i for i, c in enumerate(SCHOOL_COLUMNS)}
FIRST_BUILDING_ROW = EXAMPLE_ROW + 2  # Excel row number of the first filled building row
BUILDING_COL = {c.name: i + 1 for i, c in enumerate(BUILDING_COLUMNS)}  # openpyxl 1-based


def template_filled_by_hand(school: dict, buildings: list[dict]) -> bytes:
    """Fill the blank template cell by cell with openpyxl, as a school does in Excel."""
    blank = io.BytesIO()
    write_template(blank)
    book = openpyxl.load_workbook(io.BytesIO(blank.getvalue()))
    sheet = book["调研表 Survey"]
    for name, value in school.items():
        sheet.cell(row=SCHOOL_ROW[name], column=2, value=value)
    for i, building in enumerate(buildings):
        for name, value in building.items():
            if value is not None:
                sheet.cell(row=FIRST_BUILDING_ROW + i, column=BUILDING_COL[name], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_prefilled(school: dict, buildings: list[dict]) -> bytes:
    out = io.BytesIO()
    write_template(out, school=school, buildings=buildings)
    return out.getvalue()
