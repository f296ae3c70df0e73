"""Every dashboard string in Chinese and English."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("校园节能与光伏调研分析", "Campus energy and rooftop PV survey"),
    "language": ("语言", "Language"),
    "page_surveys": ("调研数据", "Survey data"),
    "schools": ("已提交学校", "Schools submitted"),
    "buildings": ("建筑数", "Buildings"),
    "roof_area": ("屋顶面积（万㎡）", "Roof area (10,000 m²)"),
    "floor_area": ("建筑面积（万㎡）", "Floor area (10,000 m²)"),
    "demo_notice": ("⚠️ 当前显示的是演示数据（合成的上海校园），不代表真实学校。",
                    "⚠️ Showing demo data (synthetic Shanghai campuses), not real schools."),
    "empty": ("数据库中还没有调研数据。运行 `make run`（首次启动会导入演示数据），或用 "
              "`python -m surveys import 文件.xlsx` 导入学校提交的调研表。",
              "No survey data yet. Run `make run` (the first start imports demo data) or "
              "`python -m surveys import FILE.xlsx` to import a school's sheet."),
    "district": ("所在区", "District"),
    "school_type": ("学校类型", "School type"),
    "all": ("全部", "All"),
    "school_table": ("学校", "Schools"),
    "building_table": ("建筑", "Buildings"),
    "download_template": ("下载调研表模板", "Download the survey template"),
    "db_error": ("无法打开数据库：{error}", "The database could not be opened: {error}"),
}


def t(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = STRINGS[key]
    return (zh if lang == "zh" else en).format(**fields)
