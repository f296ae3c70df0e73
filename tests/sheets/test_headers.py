"""Header matching, row kinds and typed values, function by function."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from sheets.cells import is_placeholder, parse_year
from sheets.headers import (
    CONFIDENT_SCORE,
    HeaderCell,
    assign,
    match_columns,
    parse_header,
)
from sheets.rows import is_footer, is_total
from surveys.schema import SURVEY, TOTAL_ROW_WORDS


def _best_total(scores: np.ndarray) -> float:
    n, m = scores.shape
    if n <= m:
        return max(sum(scores[i, p[i]] for i in range(n))
                   for p in itertools.permutations(range(m), n))
    return _best_total(scores.T)


@pytest.mark.parametrize("seed", range(40))
def test_assignment_is_optimal_and_one_to_one(seed):
    rng = np.random.default_rng(seed)
    n, m = (int(x) for x in rng.integers(1, 6, 2))
    scores = rng.random((n, m))
    pairs = assign(scores)
    assert len(pairs) == min(n, m)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    assert sum(scores[r, c] for r, c in pairs) == pytest.approx(_best_total(scores))


@pytest.mark.parametrize("text, key, units", [
    ("*已装光伏容量\n（kW）", "已装光伏容量", ("kW",)),
    ("建筑面积/m²", "建筑面积", ("m²",)),
    ("屋顶面积 万㎡", "屋顶面积", ("万㎡",)),
    ("总建筑面积(平方米)", "总建筑面积", ("平方米",)),
    ("No. of floors", "no.offloors", ()),
])
def test_header_wording_and_units(text, key, units):
    header = parse_header(text)
    assert header.keys[0] == key and header.units == units


def _match(headers: list[str], samples: dict[int, list] | None = None):
    cells = [HeaderCell(j, f"{chr(65 + j)}1", h, h) for j, h in enumerate(headers)]
    return {m.header: m for m in match_columns(cells, samples or {}, SURVEY)}


def test_phrases_are_matched_and_lookalikes_asked_about():
    found = _match(["楼栋名称", "已建光伏(kW)", "建筑层数", "有无遮挡", "竣工时间", "管理部门"],
                   {4: [2005, 1998, 2010]})
    assert found["楼栋名称"].field == "building_name"
    assert found["已建光伏(kW)"].field == "existing_pv_kw"
    assert found["建筑层数"].field == "floors_above_ground"
    assert found["有无遮挡"].field == "shading"
    year = found["竣工时间"]
    assert year.field == "year_built" and year.level == "uncertain"
    assert found["管理部门"].field is None and not found["管理部门"].applied



@pytest.mark.parametrize("header", ["拟建光伏装机（kW）", "可安装光伏容量（kW）", "计划光伏装机",
                                    "预计光伏容量(kW)", "Planned PV capacity"])
def test_plans_and_estimates_are_not_facts(header):
    match = _match(["建筑名称", "已建光伏容量", header], {2: [150, 200]})[header]
    assert not match.applied and match.field is None


def test_a_unit_of_another_kind_vetoes_the_match():
    match = _match(["建筑名称", "光伏年发电量（kWh）"], {1: [60000]})["光伏年发电量（kWh）"]
    assert not match.applied
    assert _match(["建筑名称", "已装光伏(kW)"], {1: [60]})["已装光伏(kW)"].field == "existing_pv_kw"

def test_values_decide_an_ambiguous_header():
    found = _match(["建筑名称", "类型"], {1: ["平屋面", "彩钢瓦", "坡屋面"]})
    assert found["类型"].field == "roof_type"
    found = _match(["建筑名称", "类型"], {1: ["小学", "小学"]})
    assert found["类型"].field == "school_type"


def test_one_field_one_column():
    found = _match(["建筑面积", "总建筑面积"])
    fields = [m.field for m in found.values() if m.applied]
    assert fields == ["gross_floor_area_m2"]
    second = next(m for m in found.values() if not m.applied)
    assert second.suggestion == "gross_floor_area_m2" and second.score >= CONFIDENT_SCORE


@pytest.mark.parametrize("value, year", [
    (2005, 2005), (2005.06, 2005), ("2005年6月", 2005), ("2005年", 2005), ("2005.06", 2005),
    (dt.date(2005, 6, 1), 2005), (38504, 2005), ("１９９８", 1998),
    ("1990年代", None), ("约2005", None), ("2005-2006", 2006), ("1980-2020", None),
    (2000.5, None)])
def test_years_as_people_type_them(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("text", ["—", "／", "无", "不详", "N/A", "--", " - "])
def test_nothing_here_words(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("word, category", [
    ("九年一贯制学校", "中小学"), ("完全中学", "中小学"), ("十二年一贯制", "中小学"),
    ("特殊教育学校", "中小学"), ("中等职业学校", "中职"), ("上海市XX区九年一贯制学校", "中小学"),
    ("上海XX职业技术学院", "高校")])
def test_school_type_words(word, category):
    assert SURVEY.choice_value("school_type", word) == category


@pytest.mark.parametrize("label, total", [
    ("本部小计", True), ("小　计", True), ("合　　计", True), ("总计（3栋）", True), ("Total", True),
    ("@SUM(A1:A9)", False), ("计算机楼", False), ("1号楼", False)])
def test_total_rows(label, total):
    assert is_total([label, None, 100], None, TOTAL_ROW_WORDS) is total


@pytest.mark.parametrize("row, footer", [
    (["填表人：王老师", None, "联系电话：021-1"], True), (["学校（盖章）"], True),
    (["注：面积以房产证为准。"], True), ([None, "2026年3月"], True),
    (["电话亭", "其他", 2000], False), (["1号楼", "教学", 2000], False)])
def test_footer_rows(row, footer):
    assert is_footer(row) is footer


def test_a_unit_column_is_no_field():
    found = _match(["建筑名称", "建筑面积", "单位"], {2: ["㎡", "万㎡"]})
    assert found["单位"].level == "units" and found["单位"].field is None
    assert found["建筑面积"].field == "gross_floor_area_m2"
    assert _match(["建筑名称", "单位"], {1: ["教育局", "区政府"]})["单位"].level != "units"
