"""Offline district boundaries (geo.districts): demo campuses in their district, a wrong
district warned with the district the point lies in."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import shapely

from geo.coords import to_wgs84, wgs84_to_gcj02
from geo.districts import (
    EDGE_TOLERANCE_M,
    boundaries,
    contains,
    district_at,
    districts_at,
    geojson,
    outside_stated,
    outside_stated_many,
)
from geo.shanghai import DISTRICT_BY_NAME, DISTRICTS, SHANGHAI_EXTENT
from surveys import demo
from surveys.intake import check_bytes
from tests.sheets.files import xlsx

HEADERS = ["建筑名称", "建筑用途", "建成年份", "地上层数", "建筑面积", "屋顶面积", "屋面类型"]
BUILDING = ["A楼", "教学", 2000, 4, 4000, 1000, "平屋面"]
PEOPLES_SQUARE = (31.2304, 121.4737)   # 黄浦区, WGS84 [degrees]
LUJIAZUI = (31.2397, 121.4998)          # 浦东新区, across the river from the Bund [degrees]


def test_sixteen_districts_with_codes_and_valid_polygons():
    features = geojson()["features"]
    assert [f["id"] for f in features] == [d.name for d in DISTRICTS]
    assert [f["properties"]["adcode"] for f in features] == [d.adcode for d in DISTRICTS]
    shapes = boundaries()
    assert all(g.is_valid and not g.is_empty for g in shapes.values())
    # Districts tile the city: overlaps from simplification are negligible [deg² → km²]
    names = list(shapes)
    overlap = sum(shapes[a].intersection(shapes[b]).area
                  for i, a in enumerate(names) for b in names[i + 1:])
    assert overlap * 111.32 * 111.32 * 0.855 < 1.0


def test_every_district_centre_lies_in_its_district():
    for district in DISTRICTS:
        assert district_at(*district.centre) == district.name


def test_boundaries_lie_in_shanghai_and_are_in_wgs84():
    lon_min, lat_min, lon_max, lat_max = shapely.union_all(list(boundaries().values())).bounds
    assert SHANGHAI_EXTENT.lat_min <= lat_min and lat_max <= SHANGHAI_EXTENT.lat_max
    assert SHANGHAI_EXTENT.lon_min <= lon_min and lon_max <= SHANGHAI_EXTENT.lon_max + 0.05
    # The Bund side of the Huangpu river is 黄浦区, the Lujiazui side 浦东新区: the river is
    # ~400 m wide, so a boundary left in GCJ-02 (~500 m off) would misplace one of them.
    assert district_at(*PEOPLES_SQUARE) == "黄浦区"
    assert district_at(*LUJIAZUI) == "浦东新区"
    lat_g, lon_g = wgs84_to_gcj02(*PEOPLES_SQUARE)
    assert district_at(lat_g, lon_g) == "黄浦区"


def test_points_outside_and_nan_have_no_district():
    found = districts_at([39.9, np.nan, 31.2304], [116.4, 121.4, 121.4737])
    assert list(found) == [None, None, "黄浦区"]


def test_each_demo_campus_lies_in_its_stated_district_after_conversion():
    campuses = demo.generate_campuses(300)
    systems = Counter()
    for school, _ in campuses:
        if school["latitude"] is None:
            continue
        system = next(k for k, words in demo.COORD_SYSTEM_WORDS.items()
                      if (school["coord_system"] or "") in words)
        systems[system] += 1
        lat, lon = to_wgs84(school["latitude"], school["longitude"], system)
        assert district_at(lat, lon) == school["district"], school
        assert contains(school["district"], lat, lon, margin_m=demo.DEMO_EDGE_MARGIN_M / 2)
    assert systems["GCJ-02"] > 0 and systems["BD-09"] > 0


def test_outside_stated_names_the_district_it_falls_in():
    assert outside_stated("浦东新区", *PEOPLES_SQUARE) == "黄浦区"
    assert outside_stated("黄浦区", *PEOPLES_SQUARE) is None
    assert outside_stated("黄浦区", 39.9, 116.4) is None        # outside Shanghai: not this check
    assert outside_stated("不存在区", *PEOPLES_SQUARE) is None


def test_many_campuses_at_once_agree_with_one_at_a_time():
    rng = np.random.default_rng(3)
    lats = rng.uniform(30.7, 31.6, 300)
    lons = rng.uniform(121.0, 121.9, 300)
    names = [d.name for d in DISTRICTS]
    stated = [names[k % len(names)] for k in range(300)] + ["不存在区", "黄浦区"]
    lats = np.append(lats, [PEOPLES_SQUARE[0], np.nan])
    lons = np.append(lons, [PEOPLES_SQUARE[1], np.nan])
    many = outside_stated_many(stated, lats, lons)

    def by_hand(name, lat, lon):
        shapes = boundaries()
        if name not in shapes or not np.isfinite(lat) or shapes[name].contains(
                shapely.Point(lon, lat)):
            return None
        found = district_at(lat, lon)
        near = shapes[name].distance(shapely.Point(lon, lat)) * 95_000 <= EDGE_TOLERANCE_M
        return None if found is None or near else found

    expected = [by_hand(d, a, o) for d, a, o in zip(stated, lats, lons)]
    agree = sum(m == e for m, e in zip(many, expected))
    assert agree >= len(expected) - 3  # the two distances differ only within metres of an edge
    assert many[-2] is None and many[-1] is None
    assert sum(f is not None for f in many) > 100  # random points mostly contradict their district


def test_points_just_across_a_boundary_are_tolerated():
    huangpu = boundaries()["黄浦区"]
    # Walk east from People's Square until the point leaves 黄浦区, then a few metres more
    lat, lon = PEOPLES_SQUARE
    while huangpu.contains(shapely.Point(lon, lat)):
        lon += 0.0002
    assert district_at(lat, lon) != "黄浦区"
    assert outside_stated("黄浦区", lat, lon) is None
    far = lon + 2 * EDGE_TOLERANCE_M / 95_000
    assert outside_stated("黄浦区", lat, far) == district_at(lat, far) is not None


def _school_sheet(district: str, lat: float, lon: float, system: str) -> bytes:
    block = [["学校代码", "3101010001"], ["学校名称", "测试小学"], ["所在区", district],
             ["学校类型", "中小学"], ["纬度", lat], ["经度", lon], ["坐标系", system]]
    return xlsx(block + [HEADERS, BUILDING])


def _district_warnings(data: bytes) -> list:
    report = check_bytes(data, "t.xlsx").report
    assert report.ok
    return [w for w in report.warnings if w.code == "coords_other_district"]


def test_a_campus_in_the_wrong_district_is_warned_naming_where_it_lies():
    lat, lon = wgs84_to_gcj02(*LUJIAZUI)
    warned = _district_warnings(_school_sheet("黄浦", round(lat, 6), round(lon, 6), "高德"))
    assert len(warned) == 1
    issue = warned[0]
    assert issue.cell == "B5"
    assert "浦东新区" in issue.message_zh and "黄浦区" in issue.message_zh
    assert "Pudong" in issue.message_en and "Huangpu" in issue.message_en


@pytest.mark.parametrize("district", [d.name for d in DISTRICTS])
def test_a_campus_at_its_district_centre_is_not_warned(district):
    lat, lon = DISTRICT_BY_NAME[district].centre
    assert _district_warnings(_school_sheet(district, lat, lon, "WGS84")) == []
