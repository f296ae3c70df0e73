"""Values written loosely (约1200, 90年代, 民国, 2008年扩建, 4-5层, 有 under 已建光伏): each read
as a careful clerk reads it, with a warning that quotes the cell; what no clerk can read
stays an error at its cell."""

from __future__ import annotations

import pytest

from sheets.cells import to_halfwidth
from sheets.loose import (
    read_decade,
    read_era,
    read_mixed_storeys,
    read_works_year,
    says_some,
    without_approximation,
)
from sheets.reader import Located
from sheets.report import ERROR, INFO, WARNING, Report
from sheets.values import Collector, convert
from surveys import messages as survey_messages
from surveys.schema import COLUMNS_BY_NAME, SURVEY


def _convert(column: str, raw: object):
    report = Report("t.xlsx")
    out = Collector(report, "Sheet1", survey_messages.MESSAGES)
    value = convert(COLUMNS_BY_NAME[column], Located(raw, "D5", 5), 1.0, out, SURVEY)
    return value, report.issues


@pytest.mark.parametrize("raw,exact", [
    ("约1200", "1200"), ("1200左右", "1200"), ("1200余㎡", "1200㎡"), ("1200多平方米", "1200平方米"),
    ("大约 1.2万", "1.2万"), ("有（约50kW）", "有(50kW)"), ("近800", "800"), ("3000以上", "3000"),
])
def test_the_words_making_a_number_approximate_are_taken_away(raw, exact):
    assert without_approximation(raw) == exact


@pytest.mark.parametrize("raw", ["1200", "约", "两千左右", "2000-3000", "", None, 1200.0])
def test_a_cell_without_an_approximate_figure_is_not_one(raw):
    assert without_approximation(raw) is None


@pytest.mark.parametrize("raw,expected", [
    ("90年代", (1995, 1990, 1999)), ("九十年代", (1995, 1990, 1999)),
    ("上世纪80年代末", (1988, 1980, 1989)), ("20世纪70年代初期", (1972, 1970, 1979)),
    ("1990年代中期", (1995, 1990, 1999)), ("1990s", (1995, 1990, 1999)),
    ("late 1980s", (1988, 1980, 1989)), ("00年代", (2005, 2000, 2009)),
    ("30年代", (1935, 1930, 1939)),
])
def test_a_decade_is_read_at_its_middle_or_the_part_named(raw, expected):
    assert read_decade(raw) == expected


@pytest.mark.parametrize("raw", ["1995年代", "95年代", "年代", "1990", "九五年代"])
def test_what_is_no_decade_is_not_read_as_one(raw):
    assert read_decade(raw) is None


def test_the_republic_era_is_a_span_and_its_years_are_exact():
    assert read_era("民国") == (1930, 1912, 1949, False)
    assert read_era("民国时期") == (1930, 1912, 1949, False)
    assert read_era("民国二十五年") == (1936, 1936, 1936, True)
    assert read_era("民国25年建") == (1936, 1936, 1936, True)
    assert read_era("民国40年") is None  # the Republic left the mainland in its 38th year
    assert read_era("清末") is None


def test_a_year_of_works_only_is_known_as_such():
    assert read_works_year("2008年扩建") == (2008, "扩建")
    assert read_works_year("2015 年 大修") == (2015, "大修")
    assert read_works_year("2008年建成") is None


@pytest.mark.parametrize("raw,expected", [
    ("局部5层", (5, "partly")), ("4-5", (5, "span")), ("4～5层", (5, "span")),
    ("五至六层", (6, "span")), ("主楼5层，裙房2层", (5, "parts")), ("东楼4F/西楼6F", (6, "parts")),
])
def test_a_building_of_mixed_heights_gives_its_highest_storeys(raw, expected):
    assert read_mixed_storeys(raw) == expected


@pytest.mark.parametrize("raw", ["5-4", "5", "4层/地下1层", "地上5层地下2层", "5层", "局部"])
def test_what_is_no_mix_of_heights_is_not_read_as_one(raw):
    assert read_mixed_storeys(raw) is None


@pytest.mark.parametrize("raw,some", [
    ("有", True), ("已安装", True), ("√", True), ("有（容量不详）", True), ("已建光伏", True),
    ("无", False), ("有50kW", False), ("有（50kW）", False), ("不详", False),
])
def test_a_word_saying_there_is_some_without_an_amount(raw, some):
    assert says_some(raw) is some


@pytest.mark.parametrize("column,raw,value,code", [
    ("gross_floor_area_m2", "约1200", 1200.0, "approximate_read"),
    ("roof_area_m2", "800左右", 800.0, "approximate_read"),
    ("existing_pv_kw", "有（约50kW）", 50.0, "approximate_read"),
    ("floors_above_ground", "局部5层", 5, "floors_partly"),
    ("floors_above_ground", "4～5层", 5, "floors_mixed_top"),
    ("year_built", "90年代", 1995, "year_from_period"),
    ("year_built", "民国", 1930, "year_from_period"),
    ("year_built", "约2000年", 2000, "year_approximate"),
    ("year_built", "2000年前后", 2000, "year_approximate"),
    ("year_built", "2008年扩建", 2008, "year_of_works_only"),
])
def test_a_loose_value_is_read_with_a_warning_quoting_it(column, raw, value, code):
    got, issues = _convert(column, raw)
    assert got == value
    assert [(i.severity, i.code, i.cell) for i in issues] == [(WARNING, code, "D5")]
    quoted = to_halfwidth(raw)  # messages quote the cell as clean_text folds it
    assert quoted in issues[0].message_zh and quoted in issues[0].message_en
    assert str(value).removesuffix(".0") in issues[0].message_zh


def test_a_year_of_the_republic_is_converted_with_a_note():
    got, issues = _convert("year_built", "民国二十五年")
    assert got == 1936 and [(i.severity, i.code) for i in issues] == [(INFO, "year_from_roc")]


def test_some_pv_without_an_amount_is_unknown_and_asked_for():
    got, issues = _convert("existing_pv_kw", "有")
    assert got is None
    assert [(i.severity, i.code) for i in issues] == [(WARNING, "amount_not_given")]


@pytest.mark.parametrize("column,raw", [
    ("gross_floor_area_m2", "2000-3000"), ("gross_floor_area_m2", "两千左右"),
    ("year_built", "解放前"), ("floors_above_ground", "5-4"),
])
def test_what_no_clerk_can_read_stays_an_error_at_its_cell(column, raw):
    got, issues = _convert(column, raw)
    assert got is None
    assert [(i.severity, i.cell) for i in issues] == [(ERROR, "D5")]


def test_an_approximate_reading_still_meets_the_column_range():
    got, issues = _convert("year_built", "约2090年")
    assert got is None
    assert [i.code for i in issues] == ["year_approximate", "above_max"]


def test_an_amount_of_money_applied_for_is_never_approximate():
    from energy.subsidy.schema import APPLICATION

    col = next(c for c in APPLICATION.columns if c.unit == "cny")
    report = Report("a.xlsx")
    got = convert(col, Located("约40万", "E3", 3), 1.0, Collector(report, "S"), APPLICATION)
    assert got is None and [i.code for i in report.issues] == ["not_a_number"]


@pytest.mark.parametrize("raw,year_month", [
    ("2027年春季", (2027, 3)), ("2027年暑假", (2027, 7)), ("2027年下半年", (2027, 7)),
    ("2027年第四季度", (2027, 10)), ("2027年底", (2027, 12)),
])
def test_a_date_given_as_a_season_is_its_first_month_with_a_warning(raw, year_month):
    from sheets.loose import read_season

    assert read_season(raw) == year_month
    assert read_season("2027年3月") is None and read_season("春季") is None
