"""A building's age given for its year: a 校舍安全 register's 房龄（年） column.

A register of 2026 says 28 for a building of 1998. The column is read as the year built,
each age taken from the year the sheet is of (its title's year, else this year), and the
school is asked once, at the header.
"""

from __future__ import annotations

import datetime as _dt
import re

from sheets.cells import NumberProblem, parse_number
from sheets.reader import Located, ParsedSheet
from sheets.report import WARNING
from sheets.values import Collector

YEAR = "year_built"
AGE_WORDS = re.compile(r"房龄|楼龄|建筑年龄|使用年限|已使用年限|建成年限|building age|^age\b",
                       re.IGNORECASE)
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|学年|年度)")
MAX_AGE_YEARS = 150  # an older school building would have its year written, not its age


def sheet_year(title_lines: list[Located], today: _dt.date | None = None) -> int:
    """The year a sheet is of: the first year its title names (2026年校舍情况统计表), else
    this year."""
    for line in title_lines:
        found = _TITLE_YEAR.search(str(line.value))
        if found:
            return int(found[1])
    return (today or _dt.date.today()).year


def age_to_year(age: object, year_of_sheet: int) -> int | None:
    """The year built of a building ``age`` years old in ``year_of_sheet``, or ``None``
    when the cell is no age (a year typed after all, text, a fraction)."""
    try:
        number = parse_number(age)
    except NumberProblem:
        return None
    if number is None or not float(number).is_integer() or not 0 <= number <= MAX_AGE_YEARS:
        return None
    return year_of_sheet - int(number)


def ages_to_years(parsed: ParsedSheet, out: Collector) -> None:
    """Turn the ages of a column headed 房龄 into years built; say so once, at the header."""
    match = next((m for m in parsed.mapping if m.field == YEAR and AGE_WORDS.search(m.header)),
                 None)
    if match is None:
        return
    year_of_sheet = sheet_year(parsed.title_lines)
    turned = 0
    for rec in parsed.records:
        located = rec.values.get(YEAR)
        year = age_to_year(located.value, year_of_sheet) if located is not None else None
        if year is not None:
            rec.values[YEAR] = located._replace(value=year)
            turned += 1
    if turned:
        out.add(WARNING, "age_to_year", None, YEAR, cell=match.cell, header=match.header,
                year=year_of_sheet, n=turned)
