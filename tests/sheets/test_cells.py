"""Cell parsing: numbers with units and full-width digits, floors, dates, addresses, codes."""

from __future__ import annotations

import datetime as dt

import pytest

from sheets.cells import (
    _SIMPLIFIED,
    _TRADITIONAL,
    NumberProblem,
    canonical_school_code,
    cell_address,
    clean_text,
    column_index,
    fold_traditional,
    is_usual_school_code,
    parse_arithmetic,
    parse_date,
    parse_floor_range,
    parse_floors,
    parse_number,
    parse_slope,
    parse_year,
    read_year,
    strip_text_formula,
)
from surveys.schema import SURVEY, UNIT_FACTORS


@pytest.mark.parametrize("raw,expected", [
    ("１，２００", 1200), (" 2,150.5 ", 2150.5), (3, 3), ("0.2万㎡", 2000), ("1500m²", 1500),
    ("-5", -5), ("1e3", 1000),
])
def test_numbers(raw, expected):
    assert parse_number(raw, UNIT_FACTORS["m2"]) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["约2000", "2000-3000", "两千", "2000 apples", True])
def test_not_numbers(raw):
    with pytest.raises(NumberProblem):
        parse_number(raw, UNIT_FACTORS["m2"])


def test_money_in_wan_yuan():
    assert parse_number("12.5万元", UNIT_FACTORS["cny"]) == pytest.approx(125000)
    assert parse_number(12.5, UNIT_FACTORS["cny"], header_factor=1e4) == pytest.approx(125000)


@pytest.mark.parametrize("raw,expected", [
    ("2026-03-01", dt.date(2026, 3, 1)), ("2026年3月", dt.date(2026, 3, 1)),
    ("２０２６/3/5", dt.date(2026, 3, 5)), ("2026年3月5日", dt.date(2026, 3, 5)),
    (dt.datetime(2026, 9, 1, 8), dt.date(2026, 9, 1)), (46082, dt.date(2026, 3, 1)),
    (2027.03, dt.date(2027, 3, 1)), (2027.12, dt.date(2027, 12, 1)), (2027.2, dt.date(2027, 2, 1)),
])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["明年", "2026-13-01", 12, 2027.1, 2027.13, 2027.035])
def test_not_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_addresses():
    assert cell_address(7, 3) == "D7"
    assert cell_address(200000, column_index("ZZ")) == "ZZ200000"
    assert column_index("AA") == 26


# --- values as schools type them (issue 11) -------------------------------------------------

@pytest.mark.parametrize("raw,floors,left_out", [
    ("4层/地下1层", 4, "地下1层"), ("5/1", 5, "1"), ("4/0", 4, "0"), ("5+1", 5, "1"),
    ("5层+机房层", 5, "机房层"), ("地下1层/4层", 4, "地下1层"), ("六层/地下一层", 6, "地下一层"),
    ("３层＋阁楼", 3, "阁楼"), ("地上5/地下1", 5, "地下1"), ("5F/B1", 5, "B1"), ("5层/-1层", 5, "-1层"),
])
def test_floors_with_what_is_not_a_storey(raw, floors, left_out):
    assert parse_floors(raw) == (floors, left_out)


@pytest.mark.parametrize("raw", ["5", 5, "5/", "5/教学", "约5/1", "5+1+1", "地上6层地下1层"])
def test_floors_not_written_in_parts(raw):
    assert parse_floors(raw) is None


@pytest.mark.parametrize("raw,expected", [
    ("有（100kW）", 100), ("有(100kW)", 100), ("已建50kW", 50), ("是：30", 30),
    ('="120"', 120),
])
def test_capacity_after_a_yes_word(raw, expected):
    assert parse_number(raw, UNIT_FACTORS["kw"]) == pytest.approx(expected)


@pytest.mark.parametrize("raw,year", [("建于2005年", 2005), ("于2005年建成", 2005), ("2005年9月竣工", 2005)])
def test_years_with_built_in_words(raw, year):
    assert parse_year(raw) == year


def test_an_approximate_year_is_no_year():
    assert parse_year("约2005年") is None


def test_a_yes_word_alone_is_no_capacity():
    with pytest.raises(NumberProblem):
        parse_number("有", UNIT_FACTORS["kw"])


def test_traditional_characters_fold_to_our_words():
    assert fold_traditional("樓棟名稱") == "楼栋名称"
    assert fold_traditional("建築面積（㎡）") == "建筑面积（㎡）"
    assert fold_traditional("學校類型：九年一貫制") == "学校类型：九年一贯制"
    assert fold_traditional("平屋頂、嚴重遮擋、盧灣區") == "平屋顶、严重遮挡、卢湾区"


def test_the_folding_table_is_one_to_one_and_never_folds_a_simplified_character():
    assert len(_TRADITIONAL) == len(_SIMPLIFIED) == len(set(_TRADITIONAL))
    assert not set(_TRADITIONAL) & set(_SIMPLIFIED)


def test_folding_changes_no_simplified_word_we_declare():
    words = [w for col in SURVEY.columns
             for w in (col.label_zh, *col.aliases, *col.keywords,
                       *(s for c in col.choices for s in (c.value, *c.synonyms, *c.former)))]
    changed = [w for w in words if fold_traditional(w) != w]
    assert not changed


def test_excel_text_formula_is_its_text():
    assert strip_text_formula('="3101150431"') == "3101150431"
    assert strip_text_formula(' = "0123" ') == "0123"
    assert strip_text_formula("=1+1") == "=1+1"
    assert canonical_school_code('="3101150431"') == "3101150431"
    assert clean_text('="上海市花木中学"') == "上海市花木中学"
    assert parse_year('="2005"') == 2005
    assert parse_date('="2026-03-01"') == dt.date(2026, 3, 1)


@pytest.mark.parametrize("unit", ["㎡", "m2", "M²", "万㎡", "kW", "sqm"])
def test_unit_text_is_never_a_school_code(unit):
    assert canonical_school_code(unit) is None


@pytest.mark.parametrize("code,usual", [
    ("3101150001", True), ("12310115425012345X", True), ("310115", False), ("S001", False),
    ("31011500011", False),
])
def test_usual_school_codes(code, usual):
    assert is_usual_school_code(code) is usual


def test_floors_excel_turned_into_a_date():
    assert parse_floors(dt.datetime(2026, 5, 1)) == (5, "1")
    assert parse_floors(dt.date(2026, 12, 25)) is None


@pytest.mark.parametrize("text, number", [
    ("4200,5", 4200.5), ("850,5", 850.5), ("0,75", 0.75), ("1,250,000", 1_250_000.0),
    ("1,234", 1234.0), ("12,000.50", 12000.5), ("3,000.5㎡", 3000.5)])
def test_thousands_separators_and_decimal_commas(text, number):
    from sheets.cells import parse_number
    assert parse_number(text, {"㎡": 1.0}) == pytest.approx(number)


@pytest.mark.parametrize("text", ["地上四层", "地上4层", "四层", "地上四层地下一层"])
def test_storeys_above_ground_in_words(text):
    from sheets.cells import parse_number
    from sheets.spec import UNIT_FACTORS
    assert parse_number(text, UNIT_FACTORS["floors"]) == 4.0


@pytest.mark.parametrize("raw,year,how", [
    ("1998-2003", 2003, "range"), ("2001～2002", 2002, "range"), ("1980-2020", None, ""),
    ("2001\n2015年大修", 2001, "remark"), ("2001年建成，2015年大修", 2001, "remark"),
    ("1958年建，2005年翻建", 2005, "rebuilt"), ("1960年建,1999年原址重建", 1999, "rebuilt"),
    ("二〇〇三年", 2003, ""), ("一九九八", 1998, ""), ("'2003", 2003, ""), (2005, 2005, ""),
])
def test_years_as_registers_write_them_say_how_they_were_read(raw, year, how):
    assert read_year(raw) == (year, how)


@pytest.mark.parametrize("raw", [20005, 19985, 20150.0, "20005"])
def test_a_year_with_a_digit_too_many_is_a_slip_not_an_excel_date(raw):
    assert read_year(raw) == (None, "slip")
    assert parse_year(raw) is None


def test_an_excel_serial_day_outside_the_slips_is_still_its_year():
    serial = (dt.date(2006, 1, 1) - dt.date(1899, 12, 30)).days
    assert parse_year(serial) == 2006


@pytest.mark.parametrize("raw,value,shown", [
    ("3200+800", 4000, "3200+800"), ("1200×5", 6000, "1200×5"), ("800*3", 2400, "800×3"),
    ("60m×20m", 1200, "60×20"), ("４５＊１８", 810, "45×18"), ("1200*5+300", 6300, "1200×5+300"),
])
def test_sums_and_products_typed_in_a_cell_are_worked_out(raw, value, shown):
    assert parse_arithmetic(raw) == (pytest.approx(value), shown)


@pytest.mark.parametrize("raw", ["2000-3000", "约3200+800", "3200", 3200, "3200+", "a×b"])
def test_other_cells_are_no_arithmetic(raw):
    assert parse_arithmetic(raw) is None


@pytest.mark.parametrize("raw,ratio", [("2%", 0.02), ("i=3%", 0.03), ("1:2", 0.5), ("1：3", 1 / 3)])
def test_slopes_as_drawings_give_them_are_angles(raw, ratio):
    import math

    assert parse_slope(raw) == pytest.approx(math.degrees(math.atan(ratio)))


@pytest.mark.parametrize("raw", ["30°", "30", 30, "1:0", "平"])
def test_other_cells_are_no_slope(raw):
    assert parse_slope(raw) is None


@pytest.mark.parametrize("raw,top", [("1-4层", 4), ("地上1-6层", 6), ("1～5F", 5), ("3-5层", None),
                                     ("4层", None), (4, None)])
def test_floors_written_as_the_span_from_the_ground_floor(raw, top):
    assert parse_floor_range(raw) == top


def test_a_basement_written_first_with_plus_is_left_out():
    assert parse_floors("B1+4F") == (4, "B1")


@pytest.mark.parametrize("raw,fold,expected", [
    ("＿＿上海市崇明区登瀛中学＿＿", False, "上海市崇明区登瀛中学"), ("＿崇明区＿", True, "崇明区"),
    ("上海市南汇中学（盖章）", False, "上海市南汇中学"), ("某中学 (单位盖章)", True, "某中学"),
    ("＿＿＿＿", True, None), ("a_b", True, "a_b"),
])
def test_a_paper_form_s_blanks_and_seal_note_are_not_the_value(raw, fold, expected):
    assert clean_text(raw, fold=fold) == expected


def test_a_code_between_form_blanks_is_the_code():
    assert canonical_school_code("__3101510470__") == "3101510470"
