"""Converting located raw cells into typed values of a declared column, reporting problems.

Shared by every sheet declared as a :class:`surveys.schema.TableSpec` (survey, subsidy
applications): numbers parsed cell by cell (units, full-width digits), ranges, enumerations
with synonyms, text length. Each problem becomes an :class:`Issue` at its cell.
"""

from __future__ import annotations

import datetime as _dt
import math
import sys
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from sheets import messages as msg
from sheets.cells import (
    EXCEL_EPOCH,
    YEAR_RANGE,
    YEAR_REBUILT,
    YEAR_REMARK,
    YEAR_SLIP,
    NumberProblem,
    clean_text,
    is_placeholder,
    parse_arithmetic,
    parse_date,
    parse_floor_range,
    parse_floors,
    parse_number,
    parse_slope,
    read_year,
    tick_choices,
)
from sheets.loose import (
    read_decade,
    read_era,
    read_mixed_storeys,
    read_season,
    read_works_year,
    says_some,
    without_approximation,
)
from sheets.reader import Located
from sheets.report import ERROR, INFO, WARNING, Issue, Report
from sheets.spec import UNIT_FACTORS, Column, TableSpec, compass_degrees

MAX_TEXT_CHARS = 200
_UNREAD = object()  # a reading that does not apply to the cell
# Words saying "none" where none is a quantity (无 PV: 0 kW); see Column.none_value.
NONE_WORDS = frozenset({"无", "没有", "暂无", "未建", "未安装", "未装", "没装", "未建设", "否", "×",
                        "✗", "✘", "none", "no"})


class Collector:
    """Adds located, bilingual issues to a report.

    ``messages`` maps an issue code to its (Chinese, English) templates; components with
    their own rules pass a catalogue that extends :data:`sheets.messages.MESSAGES`.
    ``noun`` names the document in messages (``{noun}``: 调研表 / survey).
    """

    def __init__(self, report: Report, sheet: str | None,
                 messages: Mapping[str, tuple[str, str]] = msg.MESSAGES,
                 noun: tuple[str, str] = ("表格", "sheet")):
        self.report = report
        self.sheet = sheet
        self.messages = messages
        self.noun = {"noun": noun[0], "noun_en": noun[1]}
        self.n_added = 0  # issues added through this collector (counted or written)

    def add(self, severity: str, code: str, located: Located | None = None,
            column: str | None = None, row: int | None = None, cell: str | None = None,
            **fields) -> None:
        self.n_added += 1
        if not self.report.needs_example(severity, code, column):
            self.report.count(severity, code, column)   # cheap: no message is written
            return
        zh, en = (template.format(**self.noun, **fields) for template in self.messages[code])
        value = None if located is None else clean_text(located.value)
        self.report.add(Issue(
            severity, code, zh, en,
            cell=located.cell if located else cell,
            row=located.row if located else row,
            column=column, value=value,
            sheet=located.sheet if located is not None and located.sheet else self.sheet,
        ))


def _fmt(number: float) -> str:
    return f"{number:g}"


@lru_cache(maxsize=16384)
def _choice(spec: TableSpec, column_name: str, raw: str) -> str | None:
    return spec.choice_value(column_name, raw)


@lru_cache(maxsize=16384)
def _choice_reading(spec: TableSpec, column_name: str, raw: str) -> tuple[str | None, str]:
    return spec.choice_reading(column_name, raw)


@lru_cache(maxsize=4096)
def _former(spec: TableSpec, column_name: str, raw: str) -> str | None:
    return spec.former_name(column_name, raw)


def _checked_number(col: Column, number: float, located: Located, out: Collector):
    """A number read from a cell, checked against the column: whole where it must be, in range."""
    if col.dtype == "int" and not float(number).is_integer():
        out.add(ERROR, "not_integer", located, col.name, label=col.label_zh, value=_fmt(number))
        return None
    if not _check_range(col, number, located, out):
        return None
    return int(number) if col.dtype == "int" else number


def _check_range(col: Column, number: float, located: Located, out: Collector) -> bool:
    label = col.label_zh
    if col.min_exclusive and col.min_value is not None and number <= col.min_value:
        out.add(ERROR, "must_be_positive", located, col.name, label=label, value=_fmt(number))
        return False
    if col.min_value is not None and number < col.min_value:
        out.add(ERROR, "below_min", located, col.name, label=label, min=_fmt(col.min_value),
                value=_fmt(number))
        return False
    if col.max_value is not None and number > col.max_value:
        out.add(ERROR, "above_max", located, col.name, label=label, max=_fmt(col.max_value),
                value=_fmt(number))
        return False
    return True


# Year readings said to the school: a range and a remark are noted, a rebuilt year asked.
_YEAR_NOTES = {YEAR_RANGE: (INFO, "year_range_last"), YEAR_REMARK: (INFO, "year_with_remark"),
               YEAR_REBUILT: (WARNING, "year_rebuilt")}
# Units whose cells may hold a worked sum or product (3200+800, 60×20).
ARITHMETIC_UNITS = frozenset({"m2", "kwh"})


def _convert_year(col: Column, located: Located, out: Collector):
    year, how = read_year(located.value)
    if how == YEAR_SLIP:
        out.add(ERROR, "year_slip", located, col.name, label=col.label_zh,
                value=clean_text(located.value))
        return None
    if year is None:
        return _loose_year(col, located, out)
    if how:
        severity, code = _YEAR_NOTES[how]
        out.add(severity, code, located, col.name, label=col.label_zh,
                value=clean_text(located.value), year=year)
    return year if _check_range(col, year, located, out) else None


def _loose_year(col: Column, located: Located, out: Collector):
    """A year given loosely (约2000年, 90年代, 民国, 2008年扩建), read with a warning that
    quotes it; ``_UNREAD`` when the cell is none of these."""
    text, label = clean_text(located.value), col.label_zh
    exact = without_approximation(located.value)
    year = read_year(exact)[0] if exact is not None else None
    if year is not None:
        out.add(WARNING, "year_approximate", located, col.name, label=label, value=text,
                year=year)
        return year if _check_range(col, year, located, out) else None
    decade = read_decade(located.value)
    era = read_era(located.value) if decade is None else None
    if decade is not None or (era is not None and not era[3]):
        year, first, last = decade or era[:3]
        out.add(WARNING, "year_from_period", located, col.name, label=label, value=text,
                year=year, first=first, last=last)
        return year if _check_range(col, year, located, out) else None
    if era is not None:  # 民国二十五年: 1936 exactly
        out.add(INFO, "year_from_roc", located, col.name, label=label, value=text, year=era[0])
        return era[0] if _check_range(col, era[0], located, out) else None
    works = read_works_year(located.value)
    if works is not None:
        out.add(WARNING, "year_of_works_only", located, col.name, label=label, value=text,
                year=works[0], works=works[1])
        return works[0] if _check_range(col, works[0], located, out) else None
    return _UNREAD


def _convert_loose(col: Column, located: Located, factor: float, out: Collector):
    """Storeys of mixed heights and approximate numbers, read with a warning that quotes
    the cell; ``_UNREAD`` when the cell is neither."""
    text = clean_text(located.value)
    mixed = read_mixed_storeys(located.value) if col.unit == "floors" else None
    if mixed is not None:
        top, how = mixed
        out.add(WARNING, "floors_partly" if how == "partly" else "floors_mixed_top", located,
                col.name, label=col.label_zh, value=text, n=top)
        return top if _check_range(col, top, located, out) else None
    exact = without_approximation(located.value) if col.unit != "cny" else None
    if exact is None:  # an amount of money applied for is exact: 约40万 is asked again
        return _UNREAD
    try:
        number = parse_number(exact, UNIT_FACTORS.get(col.unit), factor)
    except NumberProblem:
        return _UNREAD
    if number is None:
        return _UNREAD
    out.add(WARNING, "approximate_read", located, col.name, label=col.label_zh, value=text,
            result=_fmt(number))
    return _checked_number(col, number, located, out)


def _convert_worded(col: Column, located: Located, factor: float, out: Collector):
    """A number written as people work it out: a floor range, a sum or product, a slope;
    each read with a note. ``_UNREAD`` when the cell is none of them."""
    value, text = located.value, clean_text(located.value)
    top = parse_floor_range(value) if col.unit == "floors" else None
    if top is not None:  # 1-4层: the building's storeys, the top one counted
        out.add(WARNING, "floors_range_top", located, col.name, label=col.label_zh,
                value=text, n=top)
        return top if _check_range(col, top, located, out) else None
    worked = parse_arithmetic(value) if col.unit in ARITHMETIC_UNITS else None
    if worked is not None:
        number = worked[0] * factor
        out.add(WARNING, "arithmetic_read", located, col.name, label=col.label_zh,
                expression=worked[1], result=_fmt(worked[0]))
        return number if _check_range(col, number, located, out) else None
    slope = parse_slope(value) if col.reads_slope else None
    if slope is not None:
        out.add(INFO, "slope_as_angle", located, col.name, label=col.label_zh, value=text,
                deg=f"{slope:.1f}")
        return slope if _check_range(col, slope, located, out) else None
    return _UNREAD


def _number_shown_as_date(col: Column, located: Located, factor: float, out: Collector):
    """A number typed into a cell formatted as a date: 2005 shows as 1905/6/27, 4200 as
    1911/7/1. The cell holds the number (its serial day); read it, saying why it looks a
    date (an area or a capacity is never a date). ``_UNREAD`` for a real date in a year
    column (2005-09-01 is the year 2005)."""
    value = located.value
    if isinstance(value, _dt.datetime):
        if value.time() != _dt.time(0):
            return _UNREAD
        value = value.date()
    if not isinstance(value, _dt.date):
        return _UNREAD
    serial = (value - EXCEL_EPOCH).days
    # a year column holds real dates too (2005-09-01 is 2005); a year typed into a date cell
    # shows as a day of 1905 (serial 1840–2026), no date a building of ours was finished on
    if col.unit == "year" and not (col.min_value or 0) <= serial <= (col.max_value or serial):
        return _UNREAD
    out.add(WARNING, "number_shown_as_date", located, col.name, label=col.label_zh,
            shown=value.strftime("%Y/%-m/%-d"), value=serial)
    return _checked_number(col, serial * (1.0 if col.unit == "year" else factor), located, out)


def _convert_number(col: Column, located: Located, factor: float, out: Collector):
    if col.unit != "floors":
        shown = _number_shown_as_date(col, located, factor, out)
        if shown is not _UNREAD:
            return shown
    year = _convert_year(col, located, out) if col.unit == "year" else _UNREAD
    if year is not _UNREAD:  # 2005, an Excel date, 2005.06, 2005年6月, 1998-2003
        return year
    floors = parse_floors(located.value) if col.unit == "floors" else None
    if floors is not None:  # 4层/地下1层, 5/1, 5+1, 5层+机房层
        number, left_out = floors
        as_date = isinstance(located.value, _dt.date)  # a guess: the school confirms it
        out.add(WARNING if as_date else INFO, "floors_part_left_out", located, col.name,
                label=col.label_zh, n=number, left_out=left_out,
                value=f"{number}/{left_out}" if as_date else clean_text(located.value))
        return number if _check_range(col, number, located, out) else None
    try:
        number = parse_number(located.value, UNIT_FACTORS.get(col.unit), factor)
    except NumberProblem:
        if col.dtype == "azimuth":
            word = compass_degrees(str(located.value))
            if word is not None:
                return word
        worded = _convert_worded(col, located, factor, out)
        if worded is not _UNREAD:
            return worded
        loose = _convert_loose(col, located, factor, out)
        if loose is not _UNREAD:
            return loose
        if col.none_value is not None and says_some(located.value):  # 有 under 已建光伏
            out.add(WARNING, "amount_not_given", located, col.name, label=col.label_zh,
                    value=clean_text(located.value))
            return col.default
        out.add(ERROR, "not_a_number", located, col.name, label=col.label_zh,
                value=clean_text(located.value))
        return None
    if number is None:  # a NaN cell: as good as empty
        return col.default
    return _checked_number(col, number, located, out)


_NUMERIC = frozenset({"int", "float", "azimuth"})


def _convert_plain_number(col: Column, number: float, located: Located, out: Collector):
    """A number cell (most cells of a sheet): no text to parse, only the checks."""
    if not math.isfinite(number):
        if math.isnan(number):
            return col.default
        out.add(ERROR, "not_a_number", located, col.name, label=col.label_zh,
                value=clean_text(located.value))
        return None
    return _checked_number(col, number, located, out)


def _unit_slip(col: Column, number: float, factor: float) -> bool:
    """Whether a number its header's unit scaled up is beyond what the column ever holds
    (1680000 under 万元: 168亿), so may have been typed in the base unit."""
    return factor > 1 and col.plausible_max is not None and number > col.plausible_max


def _ticked(col: Column, located: Located, out: Collector) -> Located:
    """``□幼儿园 ☑小学`` in a cell: the one option ticked, said at the cell (several or none
    ticked: the cell unchanged, for the converter to report)."""
    choices = tick_choices(located.value)
    if choices is None or len(choices[0]) != 1:
        return located
    out.add(INFO, "choice_ticked", located, col.name, label=col.label_zh,
            value=clean_text(located.value, fold=False), choice=choices[0][0])
    return Located(choices[0][0], located.cell, located.row, located.sheet)


def _is_none_word(value: object) -> bool:
    if not isinstance(value, str) or len(value) > 12:
        return False
    return (clean_text(value) or "").lower() in NONE_WORDS


def _convert_date(col: Column, located: Located, out: Collector) -> _dt.date | None:
    try:
        return parse_date(located.value)
    except ValueError:
        season = read_season(located.value)
        if season is not None:  # 2027年春季: its first month, asked to confirm
            date = _dt.date(season[0], season[1], 1)
            out.add(WARNING, "date_from_season", located, col.name, label=col.label_zh,
                    value=clean_text(located.value), date=date.strftime("%Y-%m"))
            return date
        out.add(ERROR, "not_a_date", located, col.name, label=col.label_zh,
                value=clean_text(located.value))
        return None


def convert(col: Column, located: Located | None, factor: float, out: Collector,
            spec: TableSpec):
    """Convert one located raw value of ``col``; report problems to ``out``.

    Returns the value in the column's canonical unit, the column default for a blank cell
    or a "nothing here" word (``—``, ``／``, ``无``, ``不详``) in an optional column, or ``None``
    when the cell has a problem (reported to ``out``; a placeholder in a required column is
    one, quoted at its cell).
    """
    if located is None:
        return col.default
    if col.dtype == "enum" and isinstance(located.value, str):
        located = _ticked(col, located, out)
    value = located.value
    if type(value) in (float, int) and col.dtype in _NUMERIC and col.unit != "year":
        number = _convert_plain_number(col, float(value) * factor, located, out)
        if number is not None and _unit_slip(col, number, factor) and col.plausible_max >= value:
            out.add(WARNING, "unit_slip_suspected", located, col.name, label=col.label_zh,
                    value=f"{float(value):,.12g}", result=f"{number:,.12g}", factor=f"{factor:,.12g}")
        return number
    if is_placeholder(value) and not (
            col.dtype == "enum" and _choice(spec, col.name, clean_text(located.value)) is not None):
        if col.required:
            out.add(ERROR, "placeholder_required", located, col.name, label=col.label_zh,
                    value=clean_text(located.value, fold=False))
            return None
        if col.none_value is not None and clean_text(located.value) in NONE_WORDS:
            return col.none_value
        return col.default
    if col.none_value is not None and _is_none_word(value):  # 否 under 已建光伏: 0 kW
        return col.none_value
    if col.dtype in ("int", "float", "azimuth"):
        return _convert_number(col, located, factor, out)
    if col.dtype == "date":
        return _convert_date(col, located, out)
    text = clean_text(located.value)
    if col.dtype == "enum":
        value, how = _choice_reading(spec, col.name, text)
        if how:  # 教学/办公 → 教学, 平屋面（局部坡屋面） → 平屋面
            out.add(INFO, f"choice_{how}", located, col.name, label=col.label_zh, value=text,
                    now=value)
        if value is None and col.fallback_choice:
            out.add(WARNING, "choice_fallback", located, col.name, label=col.label_zh,
                    value=text, fallback=col.fallback_choice)
            return col.fallback_choice
        if value is None:
            out.add(ERROR, "unknown_choice", located, col.name, label=col.label_zh, value=text,
                    allowed="、".join(col.allowed_values),
                    allowed_en=", ".join(f"{c.value} ({c.label_en})" for c in col.choices))
        elif _former(spec, col.name, text) is not None:
            out.add(INFO, "choice_former_name", located, col.name, label=col.label_zh,
                    value=text, now=value)
        return value
    text = clean_text(located.value, fold=col.fold_width)
    if text is None:   # only invisible characters: as good as empty
        if col.required:
            out.add(ERROR, "missing_value", located, col.name,
                    label=f"{col.label_zh} {col.label_en}")
        return col.default
    if len(text) > MAX_TEXT_CHARS:
        out.add(ERROR, "text_too_long", located, col.name, label=col.label_zh, n=len(text),
                max=MAX_TEXT_CHARS)
        return None
    return text




_UNSEEN = object()


def _plain_bounds(col: Column) -> tuple[float, bool, float, bool]:
    """(lowest, lowest excluded, highest, whole numbers only) of a numeric column: a number
    inside them converts to itself with no issue (:func:`_convert_plain_number`)."""
    biggest = sys.float_info.max  # so that an infinite number is never inside
    low = -biggest if col.min_value is None else float(col.min_value)
    high = biggest if col.max_value is None else float(col.max_value)
    return low, bool(col.min_exclusive and col.min_value is not None), high, col.dtype == "int"


class MemoConverter:
    """:func:`convert` with the results of text cells remembered per column.

    Real sheets repeat their words (混凝土平屋面, 南, 良好 on every row) and years: a text
    value, or a number of a column without plain bounds (a year: 2005 may be an Excel date
    to read), that converted without any issue converts the same way again, so it is looked
    up, not parsed. A number inside its column's bounds converts to itself at once.
    A value that raised an issue is converted afresh each time, so each cell gets its own.
    """

    def __init__(self, out: Collector, spec: TableSpec):
        self.out = out
        self.spec = spec
        self._memo: dict[tuple, object] = {}
        self._bounds = {c.name: _plain_bounds(c) for c in spec.columns
                        if c.dtype in _NUMERIC and c.unit != "year"}

    def __call__(self, col: Column, located: Located | None, factor: float):
        if located is None:
            return col.default
        kind = type(located.value)
        if kind is float or kind is int:
            bounds = self._bounds.get(col.name)
            if bounds is not None:  # a number cell inside its column's range: nothing to say
                number = float(located.value) * factor
                low, low_open, high, whole = bounds
                if (low < number if low_open else low <= number) and number <= high and (
                        not whole or number.is_integer()) and not _unit_slip(col, number, factor):
                    return int(number) if whole else number
                return convert(col, located, factor, self.out, self.spec)
        elif kind is not str:
            return convert(col, located, factor, self.out, self.spec)
        key = (col.name, located.value, factor)
        result = self._memo.get(key, _UNSEEN)
        if result is not _UNSEEN:
            return result
        before = self.out.n_added
        result = convert(col, located, factor, self.out, self.spec)
        if self.out.n_added == before and len(self._memo) < 100_000:
            self._memo[key] = result
        return result


def typed_frame(rows: list[dict], columns: list[str], spec: TableSpec) -> pd.DataFrame:
    """Rows as a DataFrame with dtypes from the declaration (float64, Int64, string)."""
    frame = pd.DataFrame(rows, columns=columns)
    for name in columns:
        col = spec.by_name.get(name)
        if col is not None and col.dtype in ("float", "azimuth"):
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif col is not None and col.dtype == "date":
            frame[name] = pd.to_datetime(frame[name], errors="coerce").astype("datetime64[s]")
        elif col is not None and col.dtype == "int":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
        elif col is not None:
            frame[name] = frame[name].astype("string")
    return frame
