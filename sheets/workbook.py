"""Which sheets of a workbook a person would read, and why the others are left.

A school's workbook may hold its main campus and a branch campus on two sheets, a committee
workbook one sheet per district, an applicant one project per sheet; beside them sit sheets
nobody means as data: the instructions (填表说明), the drop-down lists, the example, a backup
copy, last year's sheet, a summary of the sheets beside it. The reader reads the first kind
and lists the second with its reason; nothing here looks inside a cell except to tell a
summary from the details it sums.
"""

from __future__ import annotations

import re

from sheets.spec import normalise_key

HIDDEN, INSTRUCTIONS, LISTS, EXAMPLE, BACKUP, OLD_YEAR, SUMMARY, EMPTY, NO_TABLE = (
    "hidden", "instructions", "lists", "example", "backup", "old_year", "summary", "empty",
    "no_table")
DUPLICATE = "duplicate"  # the same cells as a sheet read (调研表 (2), a copy sent along)
COVER = "cover"  # no table, but the school's details, given to the table sheets
CHART = "chart"  # a chart sheet: a chart of cells elsewhere, nothing to read
MONTHLY = "monthly"  # twelve months of a school field (用电量): their sum read for the year
SKIP_REASONS = (HIDDEN, INSTRUCTIONS, LISTS, EXAMPLE, BACKUP, OLD_YEAR, SUMMARY, EMPTY,
                NO_TABLE, COVER, CHART, MONTHLY, DUPLICATE)

# Words of a sheet name, folded by normalise_key; a name containing one is that kind of sheet.
NAME_WORDS: dict[str, tuple[str, ...]] = {
    INSTRUCTIONS: ("说明", "须知", "注意事项", "填报要求", "填表要求", "指南", "帮助", "使用方法",
                   "instruction", "readme", "help", "guide", "notes"),
    LISTS: ("下拉", "列表", "选项", "字典", "代码表", "数据源", "数据有效性", "序列", "参数表",
            "lists", "list", "options", "dropdown", "lookup", "codes"),
    EXAMPLE: ("示例", "样例", "范例", "填写示例", "example", "sample"),
    BACKUP: ("备份", "副本", "旧版", "作废", "废弃", "backup", "old", "archive"),
    SUMMARY: ("汇总", "总表", "合计", "统计表", "summary", "total"),
}
OLD_WORDS = ("往年", "去年", "上年", "上一年", "历年", "历史")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def _kind_of_name(name: str) -> str | None:
    key = normalise_key(name)
    for kind, words in NAME_WORDS.items():
        if any(w in key if not w.isascii() else re.search(rf"(?<![a-z]){w}(?![a-z])", key)
               for w in words):
            return kind
    return None


def _year(name: str) -> int | None:
    found = _YEAR.findall(name)
    return int(found[-1]) if found else None


def skip_reason(name: str | None, hidden: bool, names: list[str]) -> str | None:
    """Why the sheet ``name`` is not read, or ``None`` when it may hold data.

    Parameters
    ----------
    name
        The sheet's name (``None`` for a CSV file).
    hidden
        Whether the workbook hides the sheet.
    names
        Every sheet name of the workbook, to tell last year's sheet from this year's.
    """
    if hidden:
        return HIDDEN
    if name is None:
        return None
    if any(w in name for w in OLD_WORDS):
        return OLD_YEAR
    year = _year(name)
    if year is not None and any((_year(n) or 0) > year for n in names):
        return OLD_YEAR
    kind = _kind_of_name(name)
    return None if kind == SUMMARY else kind  # a summary is left only beside its details


def summaries_beside_details(grids: list) -> list[tuple[object, str]]:
    """Sheets named as summaries (汇总, 总表) while other sheets hold the table too: reading
    both would count every building twice, so the summary is left with reason ``summary``."""
    summaries = [g for g in grids if g.sheet and _kind_of_name(g.sheet) == SUMMARY]
    if len(summaries) == len(grids):
        return []
    return [(g, SUMMARY) for g in summaries]


def copies(grids: list) -> list[tuple[object, str]]:
    """Sheets whose cells are those of a sheet before them (调研表 and 调研表 (2), the copy
    sent along): reading both would count every building twice; the copy is left with
    reason ``duplicate``."""
    seen, out = set(), []
    for grid in grids:
        key = tuple(tuple(row) for row in grid.rows if any(row))
        if key in seen:
            out.append((grid, DUPLICATE))
        seen.add(key)
    return out
