"""Rows carrying their neighbours' sums (sheets.sums): group headings and unlabelled totals."""

from __future__ import annotations

from sheets.sums import sum_rows

ADDITIVE = ("gross_floor_area_m2", "roof_area_m2")


def building(name, floor, roof, year=2005):
    return {"building_name": name, "building_use": "教学", "year_built": year,
            "floors_above_ground": 4, "gross_floor_area_m2": floor, "roof_area_m2": roof}


def heading(name, floor, roof):
    return {"building_name": name, "gross_floor_area_m2": floor, "roof_area_m2": roof}


def test_a_group_heading_with_the_sums_of_its_rows():
    records = [heading("一、教学区", 12400, 2580), building("1号楼", 7200, 1440),
               building("实验楼", 5200, 1140), heading("二、生活区", "4,300", 1650),
               building("宿舍", 3300, 550), building("食堂", 1000, 1100)]
    found = sum_rows(records, ADDITIVE)
    assert [(s.index, s.n, s.below) for s in found] == [(0, 2, True), (3, 2, True)]


def test_a_total_without_a_label_at_the_end_adds_the_groups_parts():
    records = [heading("教学区", 3000, 900), building("A", 1000, 400), building("B", 2000, 500),
               building("C", 500, 200), building("D", 700, 300), heading(None, 4200, 1400)]
    found = sum_rows(records, ADDITIVE)
    assert [(s.index, s.below) for s in found] == [(0, True), (5, False)]
    assert found[1].n == 4  # A, B, C, D, not the heading


def test_buildings_that_happen_to_add_up_are_buildings():
    # every row is complete: a building whose area is the sum of two others stays a building
    records = [building("A", 3000, 900), building("B", 1000, 400), building("C", 2000, 500)]
    assert sum_rows(records, ADDITIVE) == []


def test_a_sparse_row_that_is_not_a_sum_stays():
    records = [heading("风雨操场", 1800, 1800), building("A", 1000, 400), building("B", 2000, 500),
               building("C", 900, 300)]
    assert sum_rows(records, ADDITIVE) == []


def test_rounded_sums_are_sums_but_a_different_total_is_not():
    parts = [building("A", 1000.4, 400.2), building("B", 2000.3, 500.4)]
    assert [s.index for s in sum_rows([heading("合", 3000, 900), *parts], ADDITIVE)] == [0]
    assert sum_rows([heading("合", 3100, 900), *parts], ADDITIVE) == []
