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
    "page_upload": ("学校上传", "School upload"),
    "upload_intro": ("下载模板填写后上传（.xlsx / .xls / .csv）。系统会逐格检查，错误需修改后重新上传，"
                     "警告请确认后提交。",
                     "Download the template, fill it in and upload it (.xlsx / .xls / .csv). Every "
                     "cell is checked: fix errors and upload again; confirm warnings to submit."),
    "upload_label": ("选择调研表文件", "Choose the survey file"),
    "unreadable": ("无法读取该文件：{message}", "The file cannot be read: {message}"),
    "n_errors": ("发现 {n} 个错误，请修改后重新上传（未保存任何数据）。",
                 "{n} errors found: fix them and upload again (nothing was stored)."),
    "n_warnings": ("发现 {n} 个警告，请逐条确认。", "{n} warnings: please check each one."),
    "all_good": ("检查通过，没有发现问题。", "All checks passed."),
    "accept_warnings": ("我已核对以上警告，数据无误", "I have checked the warnings above; the data is right"),
    "submit": ("提交", "Submit"),
    "submitted": ("已提交！提交编号：{ids}（学校：{schools}）。",
                  "Submitted! Submission id: {ids} (schools: {schools})."),
    "duplicate": ("该文件此前已提交过（提交编号 {ids}），未重复保存。",
                  "This file was submitted before (submission {ids}); nothing new stored."),
    "report_title": ("检查结果", "Validation report"),
    "preview_title": ("表格预览（红色为错误，黄色为警告）", "Sheet preview (red: errors, yellow: warnings)"),
    "history_title": ("提交记录", "Submission history"),
    "col_severity": ("类型", "Type"),
    "col_cell": ("单元格", "Cell"),
    "col_value": ("填写值", "Value"),
    "col_message": ("说明", "Message"),
    "sev_error": ("错误", "Error"),
    "sev_warning": ("警告", "Warning"),
    "parsed_rows": ("识别到 {schools} 所学校、{buildings} 栋建筑。", "Found {schools} schools and {buildings} buildings."),
    "unexpected": ("处理文件时出现意外错误，原文件未保存任何数据。请联系协会管理员。",
                   "Something unexpected went wrong while reading the file; nothing was stored. "
                   "Please contact the association's administrator."),
    "db_error": ("无法打开数据库：{error}", "The database could not be opened: {error}"),
}


def t(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = STRINGS[key]
    return (zh if lang == "zh" else en).format(**fields)
