"""Every message the sheet engine shows, in Chinese and English, in one place.

``{noun}`` / ``{noun_en}`` name the document (调研表 / survey, 申请表 / application); a
declaration (:class:`sheets.spec.TableSpec`) fills them and may replace any message with its
own wording through ``TableSpec.messages``.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "corrupt_file": ("文件已损坏或不是有效的表格文件（{detail}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
                     "The file is damaged or not a valid spreadsheet ({detail}). Open it in Excel "
                     "or WPS, save it as .xlsx and upload again."),
    "bad_encoding": ("无法识别 CSV 文件的编码。请另存为“CSV UTF-8”或 .xlsx 格式。",
                     "The CSV encoding could not be recognised. Save it as 'CSV UTF-8' or .xlsx."),
    "no_header": ("找不到{noun}的表头行：请使用模板，或确保表头包含所需的列。",
                  "No header row of the {noun_en} found: use the template, or make sure the "
                  "header has the columns asked for."),
    "ignored_column": ("未识别的列“{header}”已忽略。",
                       "Column '{header}' is not part of the {noun_en} and was ignored."),
    "column_declined": ("列“{header}”按已确认的列对应不读取。",
                        "Column '{header}' is not read, as its confirmed mapping says."),
    "sheet_read": ("工作表“{sheet}”已读取：{n} 行。", "Sheet '{sheet}' read: {n} rows."),
    "sheet_skipped_cover": ("工作表“{sheet}”没有{noun}表格，其中的学校信息已读取，用于各工作表。",
                            "Sheet '{sheet}' holds no {noun_en} table; the school's details on "
                            "it were read and used for the other sheets."),
    "sheet_skipped_chart": ("工作表“{sheet}”是图表工作表，只有图表，没有数据，未读取。",
                            "Sheet '{sheet}' is a chart sheet: a chart, no data; not read."),
    "sheet_skipped_monthly": ("工作表“{sheet}”按月填写，没有{noun}表格；其各月合计已作为全年数值读取。",
                              "Sheet '{sheet}' holds months, no {noun_en} table; the months' "
                              "sum was read as the year's figure."),
    "monthly_sum_read": ("工作表“{sheet}”{cells} 中 12 个月的“{header}”合计 {total}，已作为“{field}”"
                         "（全年）读取，请确认。",
                         "The 12 months of '{header}' on sheet '{sheet}' ({cells}) add up to "
                         "{total}, read as the year's '{field_en}'; please confirm."),
    "monthly_total_differs": ("所填合计 {typed} 不等于各月之和 {total}，已按各月之和读取，请核对。",
                              "The typed total {typed} is not the months' sum {total}; the sum "
                              "was read, please check."),
    "school_text_box_read": ("文本框（位于 {cell}）中的学校信息已读取：{fields}，请确认。",
                             "The school's details in the text box drawn at {cell} were read "
                             "({fields}); please confirm."),
    "sheet_skipped_hidden": ("工作表“{sheet}”是隐藏工作表，未读取。",
                             "Sheet '{sheet}' is hidden and was not read."),
    "sheet_skipped_instructions": ("工作表“{sheet}”是填表说明，未读取。",
                                   "Sheet '{sheet}' holds instructions and was not read."),
    "sheet_skipped_lists": ("工作表“{sheet}”是下拉选项或代码列表，未读取。",
                            "Sheet '{sheet}' holds drop-down lists or codes and was not read."),
    "sheet_skipped_example": ("工作表“{sheet}”是填写示例，未读取。",
                              "Sheet '{sheet}' is an example and was not read."),
    "sheet_skipped_backup": ("工作表“{sheet}”是备份或旧版副本，未读取。如其中有本次数据，请移到正式工作表后重新上传。",
                             "Sheet '{sheet}' is a backup or old copy and was not read. If it "
                             "holds this round's data, move it to a regular sheet and upload "
                             "again."),
    "sheet_skipped_old_year": ("工作表“{sheet}”是往年的表，未读取（本次读取较新年份的工作表）。",
                               "Sheet '{sheet}' is from an earlier year and was not read (the "
                               "newer year's sheet is read)."),
    "sheet_skipped_duplicate": ("工作表“{sheet}”与前面读取的工作表内容完全相同，是副本，未重复读取。",
                                "Sheet '{sheet}' holds exactly the cells of a sheet read before "
                                "it: a copy, not read twice."),
    "sheet_skipped_summary": ("工作表“{sheet}”是汇总表，其他工作表已分别填写明细，为避免重复计算未读取。",
                              "Sheet '{sheet}' is a summary of the other sheets and was not "
                              "read, so that nothing is counted twice."),
    "sheet_skipped_empty": ("工作表“{sheet}”为空，未读取。", "Sheet '{sheet}' is empty."),
    "sheet_skipped_no_table": ("工作表“{sheet}”中没有{noun}的表头，未读取。",
                               "Sheet '{sheet}' holds no {noun_en} header and was not read."),
    "unknown_unit": ("表头“{header}”中的单位无法识别，按 {unit} 处理。",
                     "The unit in header '{header}' is not recognised; values are taken as {unit}."),
    "header_uncertain": ("“{header}” 按 “{label}” 读取，请确认。",
                         "'{header}' read as {label_en}, please confirm."),
    "column_suggested": ("列“{header}”未读取：它可能是“{label}”，但把握不足。如是，请把表头改为“{label}”"
                         "后重新上传。",
                         "Column '{header}' was not read: it may be {label_en}, but the match is "
                         "not certain. If it is, rename the header to '{label}' and upload again."),
    "column_duplicate": ("列“{header}”未读取：“{label}”已由列“{other}”提供。",
                         "Column '{header}' was not read: {label_en} already comes from column "
                         "'{other}'."),
    "column_without_header": ("第 {letter} 列有数据但没有表头，未读取。请补上表头后重新上传。",
                              "Column {letter} holds values but has no header and was not read. "
                              "Add its header and upload again."),
    "total_row_skipped": ("第 {row} 行“{text}”是合计、小计或平均行，已跳过。",
                          "Row {row} ('{text}') is a total, subtotal or average row and was skipped."),
    "row_skipped_section": ("第 {row} 行“{text}”是分类或校区标题行，已跳过。",
                            "Row {row} ('{text}') is a section or campus heading and was "
                            "skipped."),
    "row_skipped_footer": ("第 {row} 行“{text}”是表尾（填表人、日期、盖章、说明），已跳过。",
                           "Row {row} ('{text}') is a footer line (who filled in, date, stamp, "
                           "note) and was skipped."),
    "row_skipped_repeated_header": ("第 {row} 行重复了表头，已跳过。",
                                    "Row {row} repeats the header and was skipped."),
    "row_skipped_units": ("第 {row} 行是单位行（“{text}”），已跳过。",
                          "Row {row} holds units only ('{text}') and was skipped."),
    "row_skipped_no_fields": ("第 {row} 行只在未读取的列中有内容（“{text}”），已跳过。",
                              "Row {row} has content only in columns that are not read "
                              "('{text}') and was skipped."),
    "row_skipped_school_block": ("第 {row} 行“{text}”是下一所学校的信息，用于其下的各行。",
                                 "Row {row} ('{text}') holds the next school's details, used "
                                 "for the rows under it."),
    "row_skipped_hidden": ("第 {row} 行在表格中被隐藏（“{text}”），未读取。如需读取，请取消隐藏后重新上传。",
                           "Row {row} ('{text}') is hidden in the sheet and was not read. "
                           "Unhide it and upload again if it should be."),
    "block_alias_set_aside": ("“{value}”未读取：表中另有“{label}”一栏，按它读取。",
                              "'{value}' was not read: the sheet gives {label_en} under its own "
                              "label, which is read."),
    "block_former_value": ("“{label}：{value}”是以前的信息，未读取（读取的是现在的学校信息）。",
                           "'{label}: {value}' is a former detail and was not read (the current "
                           "ones are)."),
    "column_is_unit_note": ("“{header}”是单位说明，不是一列，按说明换算其适用的列。",
                            "'{header}' states a unit, it is not a column: the columns it "
                            "governs are converted as it says."),
    "unit_slip_suspected": ("“{label}”填写 {value}，按表头单位换算为 {result}（×{factor}），远超常见数额，"
                            "像是按基本单位（如元、㎡）填写。请核对单位后确认或改正。",
                            "'{label}' holds {value}, which the header's unit makes {result} "
                            "(×{factor}), far beyond the usual: it looks typed in the base unit "
                            "(元, m²). Check the unit and confirm or correct it."),
    "choice_ticked": ("“{label}”按勾选的“{choice}”读取（{value}）。",
                      "'{label}' is read as the option ticked, '{choice}' ({value})."),
    "number_shown_as_date": ("“{label}”单元格设成了日期格式，显示为 {shown}，实际填写的是 {value}，按 {value} 读取；"
                             "请把该列改为常规或数值格式。",
                             "'{label}' is formatted as a date and shows {shown}, but the cell "
                             "holds {value}, read as such; set the column's format to General "
                             "or Number."),
    "date_from_season": ("“{label}”填写了“{value}”，按 {date} 读取，请确认或填写具体月份。",
                         "'{label}' holds '{value}', read as {date}; please confirm or enter "
                         "the month."),
    "column_row_numbers": ("列“{header}”是行号，无需读取。",
                           "Column '{header}' numbers the rows and is not needed."),
    "column_hidden": ("列“{header}”在表格中被隐藏，未读取。如需读取，请取消隐藏后重新上传。",
                      "Column '{header}' is hidden in the sheet and was not read. Unhide it "
                      "and upload again if it should be."),
    "column_units": ("列“{header}”作为“{label}”的单位逐行读取。",
                     "Column '{header}' is read row by row as the unit of {label_en}."),
    "row_skipped_marker": ("第 {row} 行“{text}”是续表或“以下空白”等标记，已跳过。",
                           "Row {row} ('{text}') marks the table (continued, nothing below), skipped."),
    "row_skipped_breakdown": ("第 {row} 行“{text}”是上一栋楼的分项（其中……），已跳过，不另计为一栋楼。",
                              "Row {row} ('{text}') details part of the building above (of which …), "
                              "skipped: not counted as another building."),
    "row_skipped_header_note": ("第 {row} 行“{text}”是表头下的填写提示（必填/选填），已跳过。",
                                "Row {row} ('{text}') holds fill-in hints under the header "
                                "(required/optional), skipped."),
    "row_skipped_example": ("第 {row} 行“{text}”是填写示例，已跳过。",
                            "Row {row} ('{text}') is an example, skipped."),
    "merged_across_fields": ("合并单元格 {cells} 的“{value}”同时读作{fields}，请确认。",
                             "The merged cell {cells} ('{value}') was read for each of "
                             "{fields_en}; please confirm."),
    "row_skipped_demolished": ("第 {row} 行“{text}”注明已拆除，不计入现有建筑，未读取。如仍在使用，请去掉“已拆除”后重新上传。",
                               "Row {row} ('{text}') is marked demolished and was not read as a "
                               "building. If it still stands, remove the mark and upload again."),
    "row_skipped_withdrawn": ("第 {row} 行“{text}”注明已撤回或作废，未读取。如仍有效，请删去该说明后重新上传。",
                              "Row {row} ('{text}') says it is withdrawn or void and was not "
                              "read. If it still stands, remove that note and upload again."),
    "row_skipped_struck": ("第 {row} 行“{text}”加了删除线，按已删除处理，未读取。如仍在使用，请去掉删除线后重新上传。",
                           "Row {row} ('{text}') is struck through and was taken as deleted, not "
                           "read. If the building is still in use, remove the strike-through "
                           "and upload again."),
    "columns_added": ("“{label}”按“{first}”与“{second}”之和读取。",
                      "'{label_en}' was read as the sum of '{first}' and '{second}'."),
    "tick_column": ("列“{header}”打勾（√）的行，“{label}”读作“{value}”。",
                    "Rows ticked (√) in column '{header}' have '{label_en}' = {value}."),
    "unheaded_name_column": ("第 {letter} 列没有表头，按“{label}”读取，请确认。",
                             "Column {letter} has no header and was read as '{label_en}'; "
                             "please confirm."),
    "row_skipped_other_table": ("第 {row} 行“{text}”属于表格下方的另一张表，不是建筑，已跳过。",
                                "Row {row} ('{text}') belongs to another table under the "
                                "buildings, not a building; skipped."),
    "row_skipped_continued": ("第 {row} 行“{text}”是续表的表头，其下各行按建筑名称并入上表。",
                              "Row {row} ('{text}') heads the table continued below; its rows "
                              "join the buildings above by name."),
    "row_continued": ("第 {row} 行“{text}”按建筑名称并入第 {first} 行。",
                      "Row {row} ('{text}') was joined to row {first} by building name."),
    "row_merged_continued": ("第 {row} 行“{text}”与第 {first} 行的建筑名称是同一个合并单元格（多为从 Word 粘贴时一段文字成了一行），已并入第 {first} 行：{fields}。",
                             "Row {row} ('{text}') shares row {first}'s merged building-name cell "
                             "(often a Word paragraph pasted as a row of its own); it was joined to "
                             "row {first}: {fields_en}."),
    "group_from_label": ("第 {rows} 行的“{label}”为空，按第 {row} 行“{text}”读作“{value}”，请确认。",
                         "{label_en} of rows {rows} is blank; read as '{value}' from row {row} "
                         "('{text}'). Please confirm."),
    "table_beside_not_read": ("“{title}”一表（{cols} 列，第 {first}–{last} 行）按标题中的“{word}”不是{noun}要填的现有内容，未读取；如需填报，请把这些行移入主表。",
                              "The table '{title}' (columns {cols}, rows {first}–{last}) is, by "
                              "the word '{word}' in its title, not what the {noun_en} asks for; it "
                              "was not read. Move its rows into the main table if they belong there."),
    "rows_folded_read": ("第 {rows} 行（{n} 行）被筛选或折叠（分组）暂时隐藏，已照常读取。",
                         "Rows {rows} ({n}) are hidden by a saved filter or a collapsed group; "
                         "they were read as usual."),
    "row_skipped_group_sum": ("第 {row} 行“{text}”的数值等于其下 {n} 行之和，是分组标题行，已跳过，不计为一栋楼。",
                              "Row {row} ('{text}') holds the sums of the {n} rows under it: a "
                              "group heading, skipped, not counted as a building."),
    "row_skipped_unlabelled_total": ("第 {row} 行“{text}”的数值等于其上 {n} 行之和，是合计行，已跳过。",
                                     "Row {row} ('{text}') holds the sums of the {n} rows above "
                                     "it: a total, skipped."),
    "row_read_school_below": ("第 {row} 行“{text}”是写在表格下方的本校信息，已读取。",
                              "Row {row} ('{text}') holds this school's details, written "
                              "under the table, and was read as such."),
    "school_box_read": ("表格右侧的学校信息框（{cells}）已读取。",
                        "The school's details in the box beside the table ({cells}) were read."),
    "table_sideways": ("表格为横排（每栋楼一列，项目在左列）：已按列读取 {n} 条。",
                       "The table is written sideways (one column per record, fields down "
                       "the left): {n} records read by column."),
    "column_paired": ("列“{header}”的值按“{label}/{other}”两项分别读取。",
                      "Column '{header}' holds two values, read as {label_en} / {other_en}."),
    "rows_blank": ("第 {rows} 行为空行，已跳过。", "Row(s) {rows} blank, skipped."),
    "formula_no_value": ("公式单元格没有计算结果（文件从未在 Excel/WPS 中计算保存）。请打开文件保存后重新上传，或直接填写数值。",
                         "Formula cell has no calculated value (the file was never calculated "
                         "and saved in Excel/WPS). Open and save it, or type the value."),
    "missing_column": ("缺少必填列“{label}”。", "Required column '{label}' is missing."),
    "missing_value": ("“{label}”为必填项，不能为空。", "'{label}' is required and is empty."),
    "placeholder_required": ("“{label}”为必填项，“{value}”不是有效的值，请填写实际数据。",
                             "'{label}' is required; '{value}' is not a value. Enter the actual "
                             "figure."),
    "not_a_number": ("“{label}”应为数字，实际为“{value}”。请填写一个数字（范围请取一个确定的数）。",
                     "'{label}' must be a number, found '{value}'. Enter one figure (not a "
                     "range or words)."),
    "year_slip": ("“{label}”的“{value}”不是年份（多打了一位数字？），请核对后重新填写。",
                  "'{label}' holds '{value}', which is not a year (a digit too many?). Check "
                  "and enter the year."),
    "year_range_last": ("“{label}”填写了“{value}”，按最后完工的年份 {year} 读取。",
                        "'{label}' holds '{value}'; read as the year the building was "
                        "completed, {year}."),
    "year_with_remark": ("“{label}”填写了“{value}”，按 {year} 读取，其余文字为说明。",
                         "'{label}' holds '{value}'; read as {year}, the rest as a remark."),
    "year_rebuilt": ("“{label}”填写了“{value}”，按翻建（重建）年份 {year} 读取，即现有建筑的建成年份，请确认。",
                     "'{label}' holds '{value}'; read as {year}, the year it was rebuilt (the "
                     "building as it stands). Please confirm."),
    "floors_range_top": ("“{label}”填写了“{value}”，按地上 {n} 层读取，请确认。",
                         "'{label}' holds '{value}'; read as {n} storeys above ground. Please "
                         "confirm."),
    "floors_mixed_top": ("“{label}”填写了“{value}”（各部分层数不同），按最高的地上 {n} 层读取，请确认。",
                         "'{label}' holds '{value}' (parts of different heights); read as the "
                         "highest, {n} storeys above ground. Please confirm."),
    "floors_partly": ("“{label}”填写了“{value}”，只给出局部层数，按 {n} 层读取；主体层数如不同请填写主体层数。",
                      "'{label}' holds '{value}', the storeys of a part only; read as {n}. If "
                      "the main building has fewer, enter its storeys."),
    "approximate_read": ("“{label}”填写了约数“{value}”，按 {result} 读取，请确认或填写准确数字。",
                         "'{label}' holds the approximate '{value}'; read as {result}. Please "
                         "confirm or enter the exact figure."),
    "amount_not_given": ("“{label}”填写了“{value}”，说明已有但未填写数量，暂按未知记录（不计入），请填写具体数值。",
                         "'{label}' holds '{value}': there is some, but no amount is given. "
                         "Recorded as unknown (not counted); please enter the figure."),
    "year_approximate": ("“{label}”填写了“{value}”，按 {year} 年读取，请确认或填写准确年份。",
                         "'{label}' holds '{value}'; read as {year}. Please confirm or enter "
                         "the exact year."),
    "year_from_period": ("“{label}”填写了“{value}”（{first}—{last} 年），按 {year} 年读取，请填写准确年份。",
                         "'{label}' holds '{value}' ({first}–{last}); read as {year}. Please "
                         "enter the exact year."),
    "year_from_roc": ("“{label}”填写了“{value}”，按民国纪年换算为 {year} 年。",
                      "'{label}' holds '{value}', a year of the Republic era: {year}."),
    "year_of_works_only": ("“{label}”填写了“{value}”，这是{works}的年份，未填原建成年份；暂按 {year} 年读取，请填写建成年份。",
                           "'{label}' holds '{value}', the year of works ({works}), not the "
                           "year built; read as {year} for now. Please enter the year built."),
    "arithmetic_read": ("“{label}”按 {expression}={result} 读取，请确认。",
                        "'{label}' read as {expression} = {result}; please confirm."),
    "slope_as_angle": ("“{label}”“{value}”按坡度换算为 {deg}°。",
                       "'{label}' '{value}' is a slope, read as the angle {deg}°."),
    "choice_first_of_several": ("“{label}”写了几项（“{value}”），按第一项“{now}”读取。",
                                "'{label}' names several ('{value}'); read as the first, "
                                "'{now}'."),
    "choice_main_word": ("“{label}”的“{value}”按主要的“{now}”读取，括号内为局部。",
                         "'{label}' '{value}' read as the main one, '{now}'; the part in "
                         "brackets is a part of it."),
    "ditto_above": ("“{label}”的“{value}”按上一行的值“{found}”读取。",
                    "'{label}' '{value}' read as the value of the row above, '{found}'."),
    "ditto_building": ("“{label}”的“{value}”按“{where}”的值“{found}”读取。",
                       "'{label}' '{value}' read as the value of '{where}', '{found}'."),
    "ditto_field": ("“{label}”的“{value}”按本行“{where}”的值 {found} 读取。",
                    "'{label}' '{value}' read as this row's {where}, {found}."),
    "ditto_unresolved": ("“{label}”的“{value}”所指的值找不到（上方没有这一行或这栋楼，或其值为空），请直接填写。",
                         "'{label}' '{value}' points at a value that is not there (no such row "
                         "or building above, or it is empty); enter the value itself."),
    "share_of_field": ("“{label}”填写了比例“{value}”，按{base}的 {share} 读取为 {result}，请确认。",
                       "'{label}' holds the share '{value}'; read as {share} of the {base}, "
                       "{result}. Please confirm."),
    "not_a_date": ("“{label}”应为日期（如 2026-03-01 或 2026年3月），实际为“{value}”。",
                   "'{label}' must be a date (e.g. 2026-03-01), found '{value}'."),
    "not_integer": ("“{label}”应为整数，实际为“{value}”。", "'{label}' must be a whole number, "
                    "found '{value}'."),
    "must_be_positive": ("“{label}”必须大于 0，实际为 {value}。",
                         "'{label}' must be greater than 0, found {value}."),
    "below_min": ("“{label}”不能小于 {min}，实际为 {value}。",
                  "'{label}' must be at least {min}, found {value}."),
    "above_max": ("“{label}”不能大于 {max}，实际为 {value}。",
                  "'{label}' must be at most {max}, found {value}."),
    "unknown_choice": ("“{label}”的值“{value}”不在可选范围内。可选：{allowed}。",
                       "'{label}' value '{value}' is not allowed. Allowed: {allowed_en}."),
    "choice_former_name": ("“{label}”的“{value}”是旧名称，按现名“{now}”读取。",
                           "'{label}' value '{value}' is a former name; read as '{now}', its "
                           "name today."),
    "floors_part_left_out": ("“{label}”“{value}”按地上 {n} 层读取（“{left_out}”不计入地上层数）。",
                             "'{label}' '{value}' is read as {n} storeys above ground "
                             "('{left_out}' is not counted as a storey above ground)."),
    "choice_fallback": ("“{label}”的“{value}”不在可选范围内，按“{fallback}”读取，请确认。",
                        "'{label}' value '{value}' is not in the list; read as '{fallback}', "
                        "please confirm."),
    "text_too_long": ("“{label}”过长（{n} 个字符，最多 {max} 个）。",
                      "'{label}' is too long ({n} characters, at most {max})."),
    "validation_stopped": ("错误已超过 {n} 处，检查在此行停止，其后的行未检查。请先修改以上问题后重新上传。",
                           "More than {n} errors: the check stopped at this row and the rows "
                           "below were not checked. Fix the problems above and upload again."),
}


def text(code: str, **fields) -> tuple[str, str]:
    """The Chinese and English message ``code`` with ``fields`` filled in (a generic sheet)."""
    zh, en = MESSAGES[code]
    fields.setdefault("noun", "表格")
    fields.setdefault("noun_en", "sheet")
    return zh.format(**fields), en.format(**fields)
