"""The survey's own messages, in Chinese and English; the engine's (sheets.messages) are
included, with the survey's wording where it differs."""

from __future__ import annotations

from sheets.messages import MESSAGES as SHEET_MESSAGES

# Where the survey words a message of the engine its own way.
SURVEY_WORDING: dict[str, tuple[str, str]] = {
    "no_header": ("找不到表头行：请使用调研表模板，或确保表头包含“建筑名称”“建筑面积”“屋顶面积”等列。",
                  "No header row found: use the survey template, or make sure the header has "
                  "columns such as Building name, Gross floor area and Roof area."),
    "ignored_column": ("未识别的列“{header}”已忽略。",
                       "Column '{header}' is not part of the survey and was ignored."),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **SHEET_MESSAGES,
    **SURVEY_WORDING,
    "roof_much_larger_than_floor": (
        "屋顶面积 {roof:,.0f} m² 超过建筑面积 {floor:,.0f} m² 的 1.5 倍，通常是单位填错（如万㎡与㎡）。",
        "Roof area {roof:,.0f} m² is more than 1.5 × the floor area {floor:,.0f} m²: almost "
        "always a unit slip (万㎡ vs m²)."),
    "roof_larger_than_floor": (
        "屋顶面积 {roof:,.0f} m² 大于建筑面积 {floor:,.0f} m²，请确认（单层场馆有挑檐时可能成立）。",
        "Roof area {roof:,.0f} m² exceeds the floor area {floor:,.0f} m²; please check (a "
        "one-storey hall with eaves can be right)."),
    "roof_far_from_footprint": (
        "屋顶面积 {roof:,.0f} m² 与建筑面积÷层数（{footprint:,.0f} m²）相差较大，请确认。",
        "Roof area {roof:,.0f} m² is far from floor area ÷ floors ({footprint:,.0f} m²); "
        "please check."),
    "area_tiny": ("“{label}”只有 {value:g} m²，是否按万㎡填写了？如是，应为 {as_m2:,.0f} m²，请按 ㎡ 填写或在表头注明（万㎡）。",
                  "'{label}' is only {value:g} m²: was it entered in 万㎡ (10,000 m²)? If so it "
                  "is {as_m2:,.0f} m²; enter it in m² or write (万㎡) in the header."),
    "area_huge": ("“{label}”为 {value:,.0f} m²，一栋校舍不会这么大，请核对单位和数字（应按 ㎡ 填写）。",
                  "'{label}' is {value:,.0f} m², more than any one school building: check the "
                  "unit and the digits (enter m²)."),
    "area_huge_header_unit": ("表头的单位使“{label}”的 {typed:g} 成为 {value:,.0f} m²，一栋校舍不会这么大："
                              "是否按 ㎡ 填写了？请核对表头单位（如改为 ㎡）。",
                              "The header's unit makes '{label}' {typed:g} into {value:,.0f} m², "
                              "more than any one school building: was it entered in m²? Check "
                              "the unit in the header."),
    "usable_exceeds_roof": ("可利用屋顶面积 {usable:,.0f} m² 大于屋顶面积 {roof:,.0f} m²。",
                            "Usable roof area {usable:,.0f} m² exceeds the roof area "
                            "{roof:,.0f} m²."),
    "building_gone": (
        "备注写着“{word}”：“{name}”仍按一栋楼读取。如该楼已不存在，请删除该行后重新上传。",
        "The note says '{word}': '{name}' is still read as a building. If it no longer stands, "
        "delete the row and upload again."),
    "existing_pv_too_large": (
        "已建光伏 {pv:,.0f} kW 超出屋顶面积 {roof:,.0f} m² 可容纳的规模，请确认单位（kW）。",
        "Existing PV {pv:,.0f} kW is more than a {roof:,.0f} m² roof can hold; check the unit "
        "(kW)."),
    "pitched_without_azimuth": ("{roof_type}未填写朝向，将按朝南估算。",
                                "No azimuth for a {roof_type_en} roof; south is assumed."),
    "duplicate_building": ("建筑名称“{value}”在本校重复（首次出现在 {first}）。",
                           "Building name '{value}' appears twice in this school (first at "
                           "{first})."),
    "duplicate_school": ("学校代码“{value}”重复（首次出现在 {first}）。",
                         "School code '{value}' appears twice (first at {first})."),
    "coords_swapped": ("纬度 {lat} 与经度 {lon} 似乎填反了（上海约为北纬31°、东经121°）。",
                       "Latitude {lat} and longitude {lon} look swapped (Shanghai is about "
                       "31° N, 121° E)."),
    "coords_outside_shanghai": ("坐标（{lat:.4f}, {lon:.4f}）不在上海市范围内，请确认。",
                                "Coordinates ({lat:.4f}, {lon:.4f}) are outside Shanghai; "
                                "please check."),
    "azimuth_from_south": ("表头“{header}”说明朝向以正南为 0°：{n} 个朝向已换算为正北为 0°、顺时针计"
                           "（正南 = 180°）。",
                           "The header '{header}' measures the facing from south (0°): {n} "
                           "facings were turned to degrees clockwise from north (south = 180°)."),
    "coords_other_district": ("坐标（{lat:.4f}, {lon:.4f}）位于{found}，而不是所填的{stated}，"
                              "请核对所在区或坐标（及坐标系）。",
                              "Coordinates ({lat:.4f}, {lon:.4f}) lie in {found_en} ({found}), "
                              "not in the stated {stated_en} ({stated}); check the district "
                              "or the coordinates (and their coordinate system)."),
    "coords_missing": ("未填写经纬度，将使用所在区中心点估算。",
                       "No coordinates given; the district centre will be used."),
    "coords_half": ("经纬度只填写了一项。", "Only one of latitude and longitude is given."),
    "name_from_title": ("学校名称未单独填写，按标题读取为“{value}”，请确认。",
                        "The school name is not given on its own; read from the title as "
                        "'{value}', please confirm."),
    "name_from_sheet": ("学校名称未填写，按工作表名“{source}”读取为“{value}”，请确认。",
                        "The school name is not given; read from the sheet name '{source}' as "
                        "'{value}', please confirm."),
    "name_from_file": ("学校名称未填写，按文件名“{source}”读取为“{value}”，请确认。",
                       "The school name is not given; read from the file name '{source}' as "
                       "'{value}', please confirm."),
    "code_from_file": ("学校代码未填写，按文件名“{source}”读取为“{value}”，请确认。",
                       "The school code is not given; read from the file name '{source}' as "
                       "'{value}', please confirm."),
    "school_code_is_credit_code": ("学校代码处填写的“{value}”是 18 位统一社会信用代码，不是教育部门的"
                                   "学校标识码；已按它识别学校。如有 10 位学校标识码，请改填。",
                                   "'{value}' is an 18-character unified social credit code, not "
                                   "the education authority's school identification code; the "
                                   "school is identified by it. Enter the 10-digit code if known."),
    "campus_filled_down": ("“校区”只在每组的第一行填写：第 {rows} 行按其上方所填的校区读取，请确认。",
                           "The campus is typed on the first row of each group only: rows "
                           "{rows} take the campus typed above them; please confirm."),
    "campus_from_name": ("第 {rows} 行未填写校区，按学校名称读取为“{campus}”。",
                         "Rows {rows} give no campus; read as '{campus}' from the school's "
                         "name."),
    "type_from_name": ("学校类型未填写，按学校名称“{name}”读取为“{value}”，请确认。",
                       "The school type is not given; read as '{value}' from the school's name "
                       "'{name}', please confirm."),
    "roof_type_from_description": ("“屋面情况”列没有单独的屋面类型：{n} 栋楼的屋面类型按该列第一句（如“平屋面，防水较好”中的“平屋面”）读取，其余为屋面状况。",
                                   "The roof-condition column describes the roof in a sentence: "
                                   "the roof type of {n} buildings was read from its first "
                                   "clause, the rest as the condition."),
    "age_to_year": ("表头“{header}”填写的是房龄：{n} 栋楼的建成年份按 {year} 年减房龄换算，请确认。",
                    "The header '{header}' gives the buildings' ages: {n} years built were "
                    "taken as {year} minus the age; please confirm."),
    "district_inferred": ("所在区未填写，按{where}读取为“{value}”，请确认。",
                          "The district is not given; read as '{value}' from {where_en}, "
                          "please confirm."),
    "school_conflict": ("同一学校代码 {school} 的“{label}”前后不一致：“{first}”（{first_cell}）与“{value}”。"
                        "请核对学校代码是否复制到了别的学校的行。",
                        "School code {school} has two different '{label_en}': '{first}' "
                        "({first_cell}) and '{value}'. Check that the code was not copied onto "
                        "another school's rows."),
    "no_rows": ("表格中没有建筑数据行。", "The sheet has no building rows."),
    "school_code_digit_slip": ("学校代码“{value}”为 {n} 位；上海市学校标识码为 3101 开头的 10 位数字，像是漏打或多打了一位，请核对。",
                               "School code '{value}' has {n} digits; a Shanghai school "
                               "identification code has 10, starting 3101: a digit looks lost "
                               "or doubled. Please check it."),
    "school_code_unusual": ("学校代码“{value}”不是 10 位数字的上海市学校标识码（如 3101150001），"
                            "也不是 18 位统一社会信用代码，请核对。",
                            "School code '{value}' is neither a 10-digit Shanghai school "
                            "identification code (e.g. 3101150001) nor an 18-character unified "
                            "social credit code: please check it."),
    "school_code_invalid": ("学校代码“{value}”无效：学校代码只能由字母和数字组成（教育部门统一"
                            "学校标识码），请核对后重新填写。",
                            "School code '{value}' is not valid: a school code consists of "
                            "letters and digits only (the education authority's identification "
                            "code). Check it and enter it again."),
    "school_code_cleaned": ("学校代码“{value}”中含有看不见的字符（零宽空格、方向控制符等）或全角"
                            "字符，已按“{cleaned}”读取，请确认。",
                            "School code '{value}' contains invisible characters (zero-width "
                            "spaces, direction controls) or full-width forms; it was read as "
                            "'{cleaned}', please confirm."),
}


def text(code: str, **fields) -> tuple[str, str]:
    """The Chinese and English message ``code`` with ``fields`` filled in."""
    zh, en = MESSAGES[code]
    return zh.format(**fields), en.format(**fields)
