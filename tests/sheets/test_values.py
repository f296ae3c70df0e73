"""Values of a declared column as people type them: choice words, codes before them,
traditional characters, former names, floors and "none" words, each with its note."""

from __future__ import annotations

import pytest

from sheets.reader import Located
from sheets.report import INFO, Report
from sheets.spec import compass_degrees, normalise_key
from sheets.values import Collector, convert
from surveys import messages as survey_messages
from surveys.schema import COLUMNS_BY_NAME, SURVEY


def _convert(column: str, raw: object, factor: float = 1.0):
    report = Report("t.xlsx")
    out = Collector(report, "Sheet1", survey_messages.MESSAGES)
    value = convert(COLUMNS_BY_NAME[column], Located(raw, "D5", 5), factor, out, SURVEY)
    return value, report


@pytest.mark.parametrize("column,raw,expected", [
    ("roof_condition", "C.差", "差"), ("roof_condition", "A、良好", "良好"),
    ("roof_condition", "1-良好", "良好"), ("roof_condition", "(2)一般", "一般"),
    ("roof_type", "①坡屋面", "坡屋面"), ("shading", "B.无", "无"),
    ("building_use", "01-教学", "教学"),
])
def test_a_drop_down_code_before_a_known_word_is_left_out(column, raw, expected):
    assert SURVEY.choice_value(column, raw) == expected


def test_a_code_before_an_unknown_word_is_still_unknown():
    assert SURVEY.choice_value("roof_condition", "C.不知道") is None


@pytest.mark.parametrize("column,raw,expected", [
    ("roof_type", "琉璃瓦", "坡屋面"), ("roof_type", "瓦屋顶", "坡屋面"), ("roof_type", "小青瓦", "坡屋面"),
    ("roof_type", "彩钢瓦", "彩钢瓦"), ("roof_type", "平屋頂", "混凝土平屋面"),
    ("roof_condition", "需维修", "差"), ("roof_condition", "需修缮", "差"),
    ("roof_condition", "漏水", "差"), ("roof_condition", "较好", "良好"),
    ("roof_condition", "Needs repair", "差"), ("shading", "×", "无"), ("shading", "✗", "无"),
    ("shading", "否", "无"), ("shading", "没有", "无"), ("shading", "Partial", "轻微"),
    ("shading", "嚴重", "严重"), ("building_use", "教學樓", "教学"), ("building_use", "Sports", "体育馆"),
    ("roof_type", "平改坡", "坡屋面"), ("roof_type", "轻钢屋面", "彩钢瓦"), ("roof_type", "金属板屋面", "彩钢瓦"),
    ("roof_condition", "屋面防水老化", "差"), ("roof_condition", "正常", "良好"),
    ("shading", "东侧有树木遮挡", "轻微"), ("shading", "无明显遮挡", "无"), ("shading", "基本无遮挡", "无"),
    ("shading", "西侧高楼遮挡严重", "严重"),
])
def test_choice_words_schools_use(column, raw, expected):
    assert SURVEY.choice_value(column, raw) == expected


@pytest.mark.parametrize("raw,now", [
    ("卢湾区", "黄浦区"), ("盧灣區", "黄浦区"), ("闸北区", "静安区"), ("南汇", "浦东新区"),
    ("崇明县", "崇明区"), ("松江县", "松江区"), ("上海市卢湾区", "黄浦区"),
])
def test_a_former_district_is_read_as_today_s_with_a_note(raw, now):
    value, report = _convert("district", raw)
    assert value == now
    notes = [i for i in report.issues if i.code == "choice_former_name"]
    assert len(notes) == 1 and notes[0].severity == INFO and notes[0].cell == "D5"
    assert now in notes[0].message_zh and now in notes[0].message_en
    assert report.ok


@pytest.mark.parametrize("raw", ["黄浦区", "崇明", "崇明区", "上海市松江区"])
def test_a_current_district_has_no_note(raw):
    value, report = _convert("district", raw)
    assert value is not None
    assert not [i for i in report.issues if i.code == "choice_former_name"]


@pytest.mark.parametrize("raw,expected", [
    ("东南向", 135.0), ("朝南", 180.0), ("坐北朝南", 180.0), ("朝东南", 135.0), ("南向", 180.0),
    ("西南方向", 225.0), ("SE", 135.0), ("南偏东10°", 170.0), ("南偏西20度", 200.0),
    ("北偏西30°", 330.0), ("北偏东30°", 30.0),
])
def test_compass_words_with_their_suffixes(raw, expected):
    assert compass_degrees(raw) == expected
    assert _convert("roof_azimuth_deg", raw)[0] == expected


@pytest.mark.parametrize("raw", ["向阳", "南偏东95°", "偏南"])
def test_a_word_that_is_no_direction_is_not_a_number(raw):
    value, report = _convert("roof_azimuth_deg", raw)
    assert value is None and [i.code for i in report.errors] == ["not_a_number"]


@pytest.mark.parametrize("raw,expected", [
    ("否", 0.0), ("无", 0.0), ("没有", 0.0), ("×", 0.0), ("有（100kW）", 100.0), ("已建50kW", 50.0),
])
def test_existing_pv_words(raw, expected):
    value, report = _convert("existing_pv_kw", raw)
    assert value == expected and report.ok


def test_a_none_word_is_no_zero_where_none_is_no_quantity():
    value, report = _convert("roof_tilt_deg", "否")
    assert value is None and [i.code for i in report.errors] == ["not_a_number"]


@pytest.mark.parametrize("raw,floors", [("4层/地下1层", 4), ("5/1", 5), ("5+1", 5), ("5层+机房层", 5)])
def test_floors_with_a_part_that_is_no_storey_are_read_with_a_note(raw, floors):
    value, report = _convert("floors_above_ground", raw)
    assert value == floors and report.ok
    note = next(i for i in report.issues if i.code == "floors_part_left_out")
    assert note.severity == INFO and note.cell == "D5" and str(floors) in note.message_en


def test_floors_above_the_range_in_parts_are_still_an_error():
    value, report = _convert("floors_above_ground", "1200/800")
    assert value is None and "above_max" in [i.code for i in report.errors]


def test_traditional_headers_name_the_same_field():
    aliases = SURVEY.header_aliases
    assert aliases[normalise_key("樓棟名稱")] == "building_name"
    assert aliases[normalise_key("建築面積")] == "gross_floor_area_m2"
    assert aliases[normalise_key("學校類型")] == "school_type"


@pytest.mark.parametrize("column,raw,value,code", [
    ("year_built", "1998-2003", 2003, "year_range_last"),
    ("year_built", "2001\n2015年大修", 2001, "year_with_remark"),
    ("year_built", "1958年建，2005年翻建", 2005, "year_rebuilt"),
    ("gross_floor_area_m2", "3200+800", 4000.0, "arithmetic_read"),
    ("roof_area_m2", "60×20", 1200.0, "arithmetic_read"),
    ("floors_above_ground", "1-4层", 4, "floors_range_top"),
    ("roof_tilt_deg", "1:1", 45.0, "slope_as_angle"),
])
def test_a_value_worked_out_from_what_was_typed_says_how(column, raw, value, code):
    found, report = _convert(column, raw)
    assert found == pytest.approx(value)
    assert [i.code for i in report.issues] == [code]
    assert report.issues[0].cell == "D5"


def test_a_sum_under_a_header_in_wan_m2_is_scaled_by_the_header():
    found, _ = _convert("gross_floor_area_m2", "0.3+0.1", factor=1e4)
    assert found == pytest.approx(4000.0)


def test_a_five_digit_year_is_an_error_at_its_cell():
    found, report = _convert("year_built", 20005)
    assert found is None
    assert [(i.code, i.cell) for i in report.errors] == [("year_slip", "D5")]


def test_a_slope_is_read_only_in_a_tilt_column():
    found, report = _convert("roof_azimuth_deg", "1:2")
    assert found is None and report.errors


@pytest.mark.parametrize("column,raw,value,how", [
    ("building_use", "教学/办公", "教学", "first_of_several"),
    ("building_use", "实验及教学", "实验", "first_of_several"),
    ("building_use", "教学、教室", "教学", ""),
    ("roof_type", "平屋面（局部坡屋面）", "混凝土平屋面", "main_word"),
    ("roof_type", "坡屋面+平台", "坡屋面", ""),
    ("school_type", "International (K-12)", "中小学", ""),
    ("district", "浦东新区（原南汇）", "浦东新区", ""),
    ("building_use", "图文信息中心", "图书馆", ""),
    ("school_type", "上海师范大学附属中学", "中小学", ""),
])
def test_words_naming_more_than_one_value(column, raw, value, how):
    assert SURVEY.choice_reading(column, raw) == (value, how)


def test_the_first_of_several_uses_is_said_at_its_cell():
    value, report = _convert("building_use", "教学/办公")
    assert value == "教学"
    assert [(i.code, i.cell) for i in report.issues] == [("choice_first_of_several", "D5")]


def test_square_feet_are_converted_to_square_metres():
    from sheets.cells import parse_number
    from sheets.spec import UNIT_FACTORS

    assert parse_number("1000 sq ft", UNIT_FACTORS["m2"]) == pytest.approx(1000 * 0.3048 ** 2)


def test_a_condition_naming_good_and_a_leak_is_poor_not_the_first_word():
    assert SURVEY.choice_reading("roof_condition", "较好，局部渗漏") == ("差", "")


_NUMBER_CASES = [0, 1, 4, 4.5, -1, 1e-9, 12, 99, 100, 200, 1e7, 1e12, 2005, 1899, 2101,
                 float("inf"), float("-inf"), float("nan"), 0.0, -0.0, 3.0000001]


@pytest.mark.parametrize("column", [c.name for c in SURVEY.columns
                                    if c.dtype in ("int", "float", "azimuth")])
def test_the_remembering_converter_gives_what_convert_gives_for_every_number(column):
    """The fast path for numbers inside their bounds changes no value and loses no issue."""
    from sheets.values import MemoConverter

    col = COLUMNS_BY_NAME[column]
    for factor in (1.0, 10_000.0, 0.001):
        for raw in _NUMBER_CASES * 2:  # twice: the second time may come from the memo
            plain_report, memo_report = Report("t.xlsx"), Report("t.xlsx")
            plain = convert(col, Located(raw, "D5", 5), factor,
                            Collector(plain_report, "S", survey_messages.MESSAGES), SURVEY)
            memo = MemoConverter(Collector(memo_report, "S", survey_messages.MESSAGES), SURVEY)
            first = memo(col, Located(raw, "D5", 5), factor)
            again = memo(col, Located(raw, "D6", 6), factor)
            for got in (first, again):
                assert (got != got and plain != plain) or got == plain, (column, raw, factor)
                assert type(got) is type(plain), (column, raw, factor)
            assert [i.code for i in memo_report.issues][:len(plain_report.issues)] == \
                [i.code for i in plain_report.issues], (column, raw, factor)
            if plain_report.issues:  # an issue is reported again at the second cell
                assert len(memo_report.issues) == 2 * len(plain_report.issues)
