"""Every survey table the product shows or writes, declared once (see :mod:`sheets.outputs`).

Survey fields keep their input declaration (:mod:`surveys.schema`) and are shown through
:func:`sheets.outputs.from_input`; only what the store adds (counts, times, files) is
declared here.
"""

from __future__ import annotations

from sheets.outputs import OutputColumn, OutputTable, from_input
from surveys.schema import COLUMNS_BY_NAME


def _field(name: str, **changes) -> OutputColumn:
    return from_input(COLUMNS_BY_NAME[name], **changes)


N_BUILDINGS = OutputColumn("n_buildings", "建筑数", "Buildings", "int")
N_WARNINGS = OutputColumn("n_warnings", "警告数", "Warnings", "int")

SCHOOLS = OutputTable("schools", "学校", "Schools", (
    _field("school_code"), _field("school_name"), _field("district"), _field("school_type"),
    N_BUILDINGS, _field("annual_electricity_kwh", decimals=0),
))
BUILDINGS = OutputTable("buildings", "建筑", "Buildings", (
    _field("school_code"), _field("building_name"), _field("building_use"),
    _field("year_built"), _field("floors_above_ground"),
    _field("gross_floor_area_m2", decimals=0), _field("roof_area_m2", decimals=0),
    _field("roof_type"),
))
HISTORY = OutputTable("submission_history", "提交记录", "Submission history", (
    OutputColumn("submission_id", "提交编号", "Submission", "int"),
    _field("school_code"), _field("school_name"),
    OutputColumn("submitted_at", "提交时间", "Submitted at", "datetime"),
    N_BUILDINGS, N_WARNINGS,
    OutputColumn("file_name", "文件名", "File"),
    OutputColumn("is_current", "当前版本", "Current", "bool"),
))
MISSING_SCHOOLS = SCHOOLS.pick("school_code", "school_name", "district", "school_type",
                               name="missing_schools")
QUALITY = OutputTable("quality", "缺失或可疑数据", "Missing or suspicious values", (
    _field("school_name"), _field("district"), N_WARNINGS,
    OutputColumn("missing_coordinates", "缺坐标", "No coordinates", "bool"),
    OutputColumn("missing_electricity", "缺用电量", "No annual use", "bool"),
    OutputColumn("n_pitched_without_azimuth", "坡屋面缺朝向", "Pitched roofs without azimuth",
                 "int"),
    OutputColumn("n_roof_above_floor", "屋顶大于建筑面积", "Roof above floor area", "int"),
    OutputColumn("n_submissions", "提交次数", "Submissions", "int"),
))
# Problems found in an uploaded sheet (the upload, roster and subsidy pages).
ISSUES = OutputTable("issues", "检查结果", "Validation report", (
    OutputColumn("severity", "类型", "Type"),
    OutputColumn("cell", "单元格", "Cell"),
    OutputColumn("value", "填写值", "Value"),
    OutputColumn("message", "说明", "Message"),
))
