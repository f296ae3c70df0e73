"""Synthetic demo campuses (演示数据): realistic, seeded, and marked as demo data everywhere.

Nothing here describes a real school. Every generated school's name ends with ``（演示）``,
its contact reads ``演示数据 demo data``, the notes of its first building say ``演示数据 DEMO``
and :func:`seed_demo` imports the sheets with the store's ``is_demo`` flag set.

The generator draws Shanghai campuses of the four school types in all 16 districts, with a
building stock typical of each type (about 300 campuses give about 6,000 buildings). The
sheets written by :func:`write_demo_sheets` are the bilingual template as a school would send
it, plus a few in other formats (CSV in UTF-8-BOM and GBK, English-only headers), a few
corrected re-submissions and a set of sheets with deliberate mistakes that validation rejects.
Everything is a function of the seed: the same seed gives byte-identical files, so seeding
twice imports nothing new.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as _dt
import io
import math
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xlsxwriter

from geo.coords import wgs84_to_bd09, wgs84_to_gcj02
from geo.districts import contains
from geo.shanghai import DISTRICT_CENTRES
from sheets.export_safety import neutralise_csv_cell
from sheets.reader import UnreadableFile
from surveys.intake import check_bytes
from surveys.schema import (
    BUILDING_COLUMNS,
    COLUMNS_BY_NAME,
    SCHOOL_COLUMNS,
    normalise_key,
)
from surveys.store import DUPLICATE, REJECTED, STORED, UNREADABLE, SurveyStore
from surveys.template import write_template

DEFAULT_SEED = 20261124
DEMO_SUFFIX = "（演示）"
DEMO_CONTACT = "演示数据 demo data"
DEMO_NOTE = "演示数据 DEMO"
FAULTY_PREFIX = "错误示例"
RESUBMISSION_SUFFIX = "更正版"
FIXED_CREATED = _dt.datetime(2026, 1, 1)  # written into every demo workbook's properties
PROGRESS_EVERY = 50
DEMO_EDGE_MARGIN_M = 200.0  # demo campuses lie at least this far inside their district [m]

School = dict
Building = dict
Campus = tuple[School, list[Building]]
Progress = Callable[[int, int, str], None]

# Administrative division codes (3101xx) of the districts; school codes are "31" + these
# four digits + a four-digit serial, like the schema's example 3101150001.
DISTRICT_CODES = {
    "黄浦区": "0101", "徐汇区": "0104", "长宁区": "0105", "静安区": "0106", "普陀区": "0107",
    "虹口区": "0109", "杨浦区": "0110", "闵行区": "0112", "宝山区": "0113", "嘉定区": "0114",
    "浦东新区": "0115", "金山区": "0116", "松江区": "0117", "青浦区": "0118", "奉贤区": "0120",
    "崇明区": "0151",
}
SERIAL_START = 9001  # serials 9001… keep demo codes away from the schema's example codes

# Share of schools per district: roughly where Shanghai's pupils are.
DISTRICT_WEIGHTS = {
    "浦东新区": 20, "闵行区": 10, "宝山区": 8, "松江区": 7, "嘉定区": 6.5, "奉贤区": 5,
    "徐汇区": 5, "杨浦区": 5, "青浦区": 4.5, "普陀区": 4.5, "静安区": 4.5, "金山区": 3.5,
    "长宁区": 3.5, "虹口区": 3.5, "崇明区": 3, "黄浦区": 3,
}
# Universities cluster in the university towns (Songjiang, Minhang, Fengxian) and Yangpu.
UNIVERSITY_DISTRICT_WEIGHTS = {
    "松江区": 17, "闵行区": 15, "杨浦区": 13, "浦东新区": 13, "徐汇区": 8, "奉贤区": 7,
    "宝山区": 6, "嘉定区": 5, "普陀区": 4, "长宁区": 3, "虹口区": 3, "青浦区": 2, "金山区": 2,
    "静安区": 1, "黄浦区": 1, "崇明区": 1,
}
CENTRAL_DISTRICTS = ("黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区")

SCHOOL_TYPE_SHARES = {"高校": 0.12, "中职": 0.08, "中小学": 0.46, "幼儿园": 0.34}
BUILDING_COUNTS = {"高校": (30, 100), "中职": (10, 30), "中小学": (6, 20), "幼儿园": (2, 6)}
# Beta(a, b) shape of the building count within its range: campuses tend to the larger end.
BUILDING_COUNT_SHAPE = {"高校": (2.2, 1.0), "中职": (1.6, 1.0), "中小学": (2.2, 1.0),
                        "幼儿园": (1.4, 1.0)}
# Electricity intensity [kWh per m² of floor area per year].
ELECTRICITY_INTENSITY = {"高校": (40, 90), "中职": (30, 60), "中小学": (25, 50),
                         "幼儿园": (25, 50)}

# Storeys above ground by use, and by school type where it differs.
FLOORS = {
    "教学": (3, 6), "实验": (3, 8), "宿舍": (6, 18), "食堂": (2, 3), "体育馆": (1, 2),
    "图书馆": (3, 8), "办公": (3, 10), "其他": (1, 4),
}
FLOORS_BY_TYPE = {
    "中职": {"宿舍": (6, 12), "办公": (3, 6), "图书馆": (3, 5)},
    "中小学": {"宿舍": (6, 8), "实验": (3, 5), "办公": (3, 5), "图书馆": (2, 4), "教学": (3, 5)},
    "幼儿园": {"教学": (2, 3), "办公": (2, 3), "食堂": (2, 3), "其他": (1, 2)},
}
# Footprint [m²] by use for a university; other types scale it down.
FOOTPRINT = {
    "教学": (1500, 4500), "实验": (1200, 4000), "宿舍": (600, 1600), "食堂": (1500, 4000),
    "体育馆": (2500, 8000), "图书馆": (3000, 9000), "办公": (800, 2500), "其他": (300, 1500),
}
FOOTPRINT_SCALE = {"高校": 1.0, "中职": 0.7, "中小学": 0.55, "幼儿园": 0.3}

CN_ORDINALS = "一二三四五六七八九十"
NAME_WORDS = (
    "明德", "育英", "博文", "致远", "求真", "启航", "晨曦", "星河", "弘毅", "笃行", "格致", "崇文",
    "尚贤", "知行", "立信", "树人", "东湖", "西林", "南苑", "北辰", "春晖", "秋实", "云帆", "海韵",
    "新苗", "翰林", "润泽", "思源", "逸夫", "正心", "景行", "嘉禾", "金桥", "银杏", "青松", "翠竹",
)
UNIVERSITY_FIELDS = ("理工", "科技", "师范", "财经", "医药", "电力", "建筑", "外国语", "艺术",
                     "信息", "工程", "海洋", "政法", "体育", "传媒", "商务")
K12_KINDS = (("小学", 0.40), ("初级中学", 0.22), ("高级中学", 0.12), ("完全中学", 0.08),
             ("实验学校", 0.18))
UNIVERSITY_OTHERS = ("学生活动中心", "校医院", "后勤服务楼", "国际交流中心", "专家楼", "档案馆",
                     "变电站", "机动车库", "会议中心", "创业孵化楼", "研究院", "工程训练中心")
SCHOOL_OTHERS = ("艺术楼", "科技楼", "报告厅", "门卫及传达室", "心理辅导中心", "劳技楼", "连廊楼")
NOTES = ("屋面2019年翻新防水", "屋顶设有水箱和空调外机", "计划近年屋面大修", "屋顶有绿化",
         "屋面有通信基站", "屋顶有太阳能热水器", "屋面女儿墙较高")
# Datum of the coordinates schools copy: GPS/Tianditu, Amap/Tencent, Baidu, or none given.
DATUM_SHARES = {"WGS84": 0.62, "GCJ-02": 0.28, "BD-09": 0.07, "none": 0.03}
# How schools name the datum of their coordinates ("" = left blank, WGS84 assumed).
COORD_SYSTEM_WORDS = {"WGS84": ("WGS84", "GPS", ""), "GCJ-02": ("GCJ-02", "高德", "腾讯地图"),
                      "BD-09": ("BD-09", "百度地图")}
COMPASS_WORDS = ("南", "正南", "东南", "西南", "南偏东", "南偏西", "东", "西")
FAULT_KINDS = ("roof_unit", "range_text", "duplicate_name", "unknown_roof", "future_year",
               "negative_area", "missing_name", "swapped_coords")
# The error codes validation reports for each deliberate mistake: 0.86 in a ㎡ column is both
# a tiny area (万㎡ typed as ㎡) and a roof far larger than the floor.
FAULT_CODES = {
    "roof_unit": {"roof_much_larger_than_floor", "area_tiny"},
    "range_text": {"not_a_number"},
    "duplicate_name": {"duplicate_building"},
    "unknown_roof": {"unknown_choice"},
    "future_year": {"above_max"},
    "negative_area": {"must_be_positive"},
    "missing_name": {"missing_value"},
    "swapped_coords": {"coords_swapped"},
}


# --- campuses ------------------------------------------------------------------------------

def _exact_counts(n: int, shares: dict[str, float]) -> dict[str, int]:
    """Split ``n`` by ``shares`` with the largest-remainder method (sums to ``n``)."""
    raw = {k: n * v / sum(shares.values()) for k, v in shares.items()}
    counts = {k: int(math.floor(v)) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[: n - sum(counts.values())]:
        counts[k] += 1
    return counts


def _pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _assign_types_and_districts(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    counts = _exact_counts(n, SCHOOL_TYPE_SHARES)
    types = [t for t, k in counts.items() for _ in range(k)]
    types = [types[i] for i in rng.permutation(n)]
    # Every district gets a few campuses; the rest follow the weights.
    min_per = 3 if n >= 160 else 1 if n >= len(DISTRICT_CENTRES) else 0
    required = [d for d in DISTRICT_CENTRES for _ in range(min_per)]
    order = sorted(rng.permutation(n).tolist(), key=lambda i: types[i] == "高校")
    districts: list[str | None] = [None] * n
    for district, i in zip(required, order):
        districts[i] = district
    for i in range(n):
        if districts[i] is None:
            weights = UNIVERSITY_DISTRICT_WEIGHTS if types[i] == "高校" else DISTRICT_WEIGHTS
            districts[i] = _pick(rng, weights)
    return list(zip(types, districts))


def _school_name(rng: np.random.Generator, school_type: str, district: str,
                 taken: set[str]) -> tuple[str, str]:
    """A made-up school name (ends with （演示）) and, for 中小学, its kind."""
    short = district.removesuffix("新区").removesuffix("区")
    kind = ""
    for attempt in range(100):
        word = NAME_WORDS[int(rng.integers(len(NAME_WORDS)))]
        if school_type == "高校":
            field = UNIVERSITY_FIELDS[int(rng.integers(len(UNIVERSITY_FIELDS)))]
            tail = "大学" if rng.random() < 0.45 else "学院"
            base = f"上海{word}{field}{tail}"
        elif school_type == "中职":
            tail = ("职业技术学校", "中等专业学校", "工业技术学校", "职业学校")[int(rng.integers(4))]
            base = f"上海市{short}{word}{tail}"
        elif school_type == "中小学":
            kinds = [k for k, _ in K12_KINDS]
            kind = kinds[int(rng.choice(len(kinds), p=[w for _, w in K12_KINDS]))]
            base = f"上海市{short}区{word}{kind}" if not district.endswith("新区") else \
                f"上海市浦东新区{word}{kind}"
        else:
            base = f"上海市{short}区{word}幼儿园" if not district.endswith("新区") else \
                f"上海市浦东新区{word}幼儿园"
        if attempt:
            base += f"{CN_ORDINALS[attempt % 9]}分校" if school_type != "高校" else \
                f"{CN_ORDINALS[attempt % 9]}校区"
        name = base + DEMO_SUFFIX
        if name not in taken:
            taken.add(name)
            return name, kind
    raise RuntimeError("could not find an unused demo school name")


def _plan(rng: np.random.Generator, school_type: str, kind: str, n: int) -> list[tuple[str, str]]:
    """``n`` (use, name) pairs of a campus, names unique within it."""
    fixed: list[tuple[str, str]] = []
    shares: dict[str, float]
    if school_type == "高校":
        fixed.append(("图书馆", "图书馆"))
        fixed.append(("办公", "行政楼"))
        gyms = ["体育馆", "游泳馆", "风雨操场", "综合训练馆"][: 1 + int(rng.integers(3))]
        fixed += [("体育馆", g) for g in gyms]
        fixed += [("食堂", f"第{CN_ORDINALS[k]}食堂") for k in range(min(9, max(2, n // 15)))]
        shares = {"宿舍": 0.40, "教学": 0.24, "实验": 0.24, "办公": 0.05, "其他": 0.07}
    elif school_type == "中职":
        fixed.append(("办公", "行政楼"))
        fixed.append(("体育馆", "风雨操场" if rng.random() < 0.6 else "体育馆"))
        fixed += [("食堂", "食堂")] if n < 20 else [("食堂", "第一食堂"), ("食堂", "第二食堂")]
        if rng.random() < 0.6:
            fixed.append(("图书馆", "图书馆"))
        shares = {"教学": 0.35, "实验": 0.35, "宿舍": 0.25, "其他": 0.05}
    elif school_type == "中小学":
        fixed.append(("办公", "综合楼"))
        fixed.append(("食堂", "食堂"))
        if rng.random() < 0.9:
            fixed.append(("体育馆", "风雨操场" if rng.random() < 0.5 else "体育馆"))
        fixed.append(("实验", "实验楼"))
        if rng.random() < 0.3:
            fixed.append(("图书馆", "图书馆"))
        boarding = kind in ("高级中学", "完全中学") or rng.random() < 0.1
        shares = {"教学": 0.75, "其他": 0.1, **({"宿舍": 0.25} if boarding else {})}
    else:
        fixed.append(("教学", "主楼"))
        if n >= 3:
            fixed.append(("食堂", "食堂"))
        if n >= 4:
            fixed.append(("办公", "综合楼"))
        shares = {"教学": 0.7, "其他": 0.3}
    fixed = fixed[:n]
    rest = n - len(fixed)
    uses = [_pick(rng, shares) for _ in range(rest)]
    counters: Counter = Counter()
    names = []
    for use in uses:
        counters[use] += 1
        k = counters[use]
        if use == "宿舍":
            names.append(f"学生公寓{k}号楼" if school_type == "高校" else f"{k}号宿舍楼")
        elif use == "教学":
            names.append(f"{k}号教学楼" if school_type != "幼儿园" else f"{k}号活动楼")
        elif use == "实验":
            names.append(f"{k}号实验楼" if school_type == "高校" else f"{k}号实训楼"
                         if school_type == "中职" else f"实验楼{chr(65 + k)}")
        elif use == "办公":
            names.append(f"{k}号办公楼")
        else:
            pool = UNIVERSITY_OTHERS if school_type == "高校" else (
                ("多功能厅", "保健室楼", "门卫") if school_type == "幼儿园" else SCHOOL_OTHERS)
            names.append(pool[k - 1] if k <= len(pool) else f"附属{k}号楼")
    plan = fixed + list(zip(uses, names))
    seen: set[str] = set()
    unique = []
    for use, name in plan:
        key, k = normalise_key(name), 2
        while key in seen:
            name, k = f"{name}{k}", k + 1
            key = normalise_key(name)
        seen.add(key)
        unique.append((use, name))
    return unique


def _year(rng: np.random.Generator, school_type: str, district: str) -> int:
    old = 0.2 if district in CENTRAL_DISTRICTS or school_type == "高校" else 0.09
    if school_type == "幼儿园":
        old /= 2
    u = rng.random()
    if u < old:
        return int(rng.integers(1950, 1990))
    if u < old + 0.12:
        return int(rng.integers(2016, 2025))
    return int(np.clip(round(rng.normal(2003, 7)), 1990, 2015))


def _roof_type(rng: np.random.Generator, use: str, year: int, floors: int) -> str:
    u = rng.random()
    if use in ("体育馆", "食堂") and u < 0.45:
        return "彩钢瓦"
    if year < 1980 and u < 0.5:
        return "坡屋面"
    if 1980 <= year < 1996 and floors <= 7 and u < 0.18:  # 平改坡 of the 1990s
        return "坡屋面"
    if u > 0.985:
        return "其他"
    return "混凝土平屋面"


def _azimuth(rng: np.random.Generator):
    u = rng.random()
    if u < 0.15:
        return None  # validation warns and assumes south
    if u < 0.55:
        return COMPASS_WORDS[int(rng.choice(len(COMPASS_WORDS),
                                            p=[.3, .1, .2, .15, .1, .05, .05, .05]))]
    return float(rng.choice([180, 180, 165, 170, 190, 195, 200, 135, 225, 90, 270]))


def _choice(rng: np.random.Generator, values: Sequence[str], p: Sequence[float]) -> str:
    return values[int(rng.choice(len(values), p=np.asarray(p) / np.sum(p)))]


def _building(rng: np.random.Generator, school_type: str, district: str, use: str,
              name: str) -> Building:
    year = _year(rng, school_type, district)
    lo, hi = FLOORS_BY_TYPE.get(school_type, {}).get(use, FLOORS[use])
    floors = int(rng.integers(lo, hi + 1))
    if use == "宿舍" and year < 1995:
        floors = min(floors, 6 if school_type != "高校" else 7)
    f_lo, f_hi = FOOTPRINT[use]
    scale = FOOTPRINT_SCALE[school_type]
    footprint = float(np.exp(rng.uniform(np.log(f_lo * scale), np.log(f_hi * scale))))
    if floors == 1:
        floor_area = footprint * rng.uniform(1.0, 1.25)  # stands, mezzanines
    else:
        floor_area = footprint * floors * rng.uniform(0.88, 1.0)  # set-back top storeys
    roof = footprint * (1 + rng.uniform(-0.1, 0.1)) if rng.random() < 0.35 else footprint
    if floors == 1:  # a hall: the roof as large as the floor, or its eaves a little larger
        roof = floor_area * rng.uniform(1.02, 1.08) if rng.random() < 0.15 else \
            min(roof, floor_area)
    precise = rng.random() < 0.3
    floor_area = round(floor_area, 2) if precise else float(round(floor_area))
    roof = round(roof, 2) if precise else float(round(roof))
    roof_type = _roof_type(rng, use, year, floors)
    tilt = azimuth = None
    if roof_type == "坡屋面":
        tilt, azimuth = float(rng.integers(15, 31)), _azimuth(rng)
    elif roof_type == "彩钢瓦":
        tilt, azimuth = float(rng.integers(3, 11)), _azimuth(rng)
    elif rng.random() < 0.4:
        tilt = 0.0
    shading = _choice(rng, ("无", "轻微", "严重"),
                      (0.45, 0.38, 0.17) if district in CENTRAL_DISTRICTS else (0.6, 0.3, 0.1))
    condition = _choice(rng, ("良好", "一般", "差"),
                        (0.25, 0.45, 0.30) if year < 1990 else
                        (0.5, 0.4, 0.1) if year <= 2010 else (0.8, 0.18, 0.02))
    if rng.random() < 0.05:
        shading = None  # left blank: the default 无 applies
    if rng.random() < 0.05:
        condition = None
    usable = pv = None
    if rng.random() < 0.15:
        share = rng.uniform(0.3, 0.55) if shading == "严重" else rng.uniform(0.5, 0.8)
        usable = float(round(roof * share))
    notes = None
    if roof >= 500 and roof_type != "坡屋面" and rng.random() < 0.04:
        pv = round(roof * rng.uniform(0.08, 0.12), 1)
        notes = f"已建光伏{pv:g}kW，{int(rng.integers(2015, 2025))}年并网"
    elif year < 1960 and rng.random() < 0.5:
        notes = "历史保护建筑，屋面改造需审批"
    elif rng.random() < 0.06:
        notes = NOTES[int(rng.integers(len(NOTES)))]
    return {
        "building_name": name, "building_use": use, "year_built": year,
        "floors_above_ground": floors, "gross_floor_area_m2": floor_area,
        "roof_area_m2": roof, "roof_type": roof_type, "roof_tilt_deg": tilt,
        "roof_azimuth_deg": azimuth, "usable_roof_area_m2": usable, "existing_pv_kw": pv,
        "shading": shading, "roof_condition": condition, "notes": notes,
    }


def _location(rng: np.random.Generator, district: str) -> tuple[float, float]:
    """A true WGS84 point in the district [degrees]: within 65 % of its radius."""
    lat0, lon0, radius = DISTRICT_CENTRES[district]
    r = 0.65 * radius * math.sqrt(rng.random())
    theta = rng.uniform(0, 2 * math.pi)
    dx, dy = r * math.cos(theta), r * math.sin(theta)
    if district == "崇明区":  # a long east–west island
        dx, dy = dx * 1.6, dy * 0.35
    lat = lat0 + dy / 110.574
    lon = lon0 + dx / (111.320 * math.cos(math.radians(lat0)))
    return _inside_district(district, lat, lon)


def _inside_district(district: str, lat: float, lon: float) -> tuple[float, float]:
    """The point, or else the first of a series of points approaching the district centre
    that lies at least ``DEMO_EDGE_MARGIN_M`` inside the district (no random draw) [degrees]."""
    lat0, lon0, _ = DISTRICT_CENTRES[district]
    for _ in range(30):
        if contains(district, lat, lon, DEMO_EDGE_MARGIN_M):
            return lat, lon
        lat, lon = lat0 + (lat - lat0) * 0.85, lon0 + (lon - lon0) * 0.85
    return lat0, lon0


def _datums(rng: np.random.Generator, n: int) -> list[str | None]:
    """The datum each school's coordinates are given in (``None``: no coordinates)."""
    counts = _exact_counts(n, DATUM_SHARES)
    datums = [None if d == "none" else d for d, k in counts.items() for _ in range(k)]
    return [datums[i] for i in rng.permutation(n)]


def _school_coordinates(rng: np.random.Generator, district: str, datum: str | None) -> dict:
    lat, lon = _location(rng, district)
    if datum is None:
        return {"latitude": None, "longitude": None, "coord_system": None}
    if datum == "GCJ-02":
        lat, lon = wgs84_to_gcj02(lat, lon)
        system = _choice(rng, COORD_SYSTEM_WORDS["GCJ-02"], (0.6, 0.25, 0.15))
    elif datum == "BD-09":
        lat, lon = wgs84_to_bd09(lat, lon)
        system = _choice(rng, COORD_SYSTEM_WORDS["BD-09"], (0.6, 0.4))
    else:
        system = _choice(rng, COORD_SYSTEM_WORDS["WGS84"], (0.8, 0.1, 0.1)) or None
    return {"latitude": round(float(lat), 6), "longitude": round(float(lon), 6),
            "coord_system": system}


def _electricity(rng: np.random.Generator, school_type: str, floor_area: float):
    if rng.random() >= 0.8:
        return None
    lo, hi = ELECTRICITY_INTENSITY[school_type]
    kwh = floor_area * rng.uniform(lo, hi)
    if rng.random() < 0.05:
        return f"{kwh / 1e4:.1f}万kWh"  # as some schools write it
    return float(round(kwh, -2))


def generate_campuses(n_schools: int = 300, seed: int = DEFAULT_SEED) -> list[Campus]:
    """Synthetic Shanghai campuses, marked as demo data.

    Parameters
    ----------
    n_schools
        Number of campuses.
    seed
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same campuses.

    Returns
    -------
    list of (school, buildings)
        School fields and building rows keyed by the schema's canonical column names (areas
        [m²], electricity [kWh], PV [kW], angles [degrees]); coordinates as a school would
        copy them, in the datum named by ``coord_system`` (WGS84, GCJ-02 or BD-09).
    """
    rng = np.random.default_rng(seed)
    taken: set[str] = set()
    serials: Counter = Counter()
    campuses = []
    places = _assign_types_and_districts(rng, n_schools)
    for (school_type, district), datum in zip(places, _datums(rng, n_schools)):
        name, kind = _school_name(rng, school_type, district, taken)
        code = f"31{DISTRICT_CODES[district]}{SERIAL_START + serials[district]:04d}"
        serials[district] += 1
        lo, hi = BUILDING_COUNTS[school_type]
        a, b = BUILDING_COUNT_SHAPE[school_type]
        n_buildings = lo + int(round(rng.beta(a, b) * (hi - lo)))
        buildings = [_building(rng, school_type, district, use, bname)
                     for use, bname in _plan(rng, school_type, kind, n_buildings)]
        buildings[0]["notes"] = DEMO_NOTE + (f"；{buildings[0]['notes']}"
                                             if buildings[0]["notes"] else "")
        total_area = sum(b["gross_floor_area_m2"] for b in buildings)
        school = {
            "school_code": code, "school_name": name, "district": district,
            "school_type": school_type, **_school_coordinates(rng, district, datum),
            "annual_electricity_kwh": _electricity(rng, school_type, total_area),
            "contact": DEMO_CONTACT,
        }
        campuses.append((school, buildings))
    return campuses


# --- sheets --------------------------------------------------------------------------------

def template_sheet(school: School, buildings: list[Building]) -> bytes:
    """The bilingual template prefilled with one campus, byte-for-byte reproducible."""
    buffer = io.BytesIO()
    write_template(buffer, school=school, buildings=buildings, created=FIXED_CREATED)
    return buffer.getvalue()


_CSV_HEADERS = {
    "annual_electricity_kwh": "年用电量（kWh）", "latitude": "纬度", "longitude": "经度",
    "gross_floor_area_m2": "建筑面积（㎡）", "roof_area_m2": "屋顶面积（㎡）",
    "usable_roof_area_m2": "可利用屋顶面积（㎡）", "existing_pv_kw": "已建光伏容量（kW）",
    "roof_tilt_deg": "屋面坡度（°）", "roof_azimuth_deg": "屋面朝向",
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_sheet(school: School, buildings: list[Building], encoding: str) -> bytes:
    """A flat CSV: school fields repeated on every row, Chinese headers with units."""
    columns = SCHOOL_COLUMNS + BUILDING_COLUMNS
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_CSV_HEADERS.get(c.name, c.label_zh) for c in columns])
    for building in buildings:
        writer.writerow([_text(neutralise_csv_cell({**school, **building}.get(c.name)))
                         for c in columns])
    return buffer.getvalue().encode(encoding)


_ENGLISH_HEADERS = {
    "annual_electricity_kwh": "Annual electricity use (kWh)", "gross_floor_area_m2":
    "Gross floor area (m2)", "roof_area_m2": "Roof area (sqm)", "usable_roof_area_m2":
    "Usable roof area (m2)", "existing_pv_kw": "Existing PV (kWp)", "roof_tilt_deg":
    "Roof tilt (deg)", "roof_azimuth_deg": "Roof azimuth (deg)",
}
_COMPASS_EN = {"南": "S", "正南": "S", "东南": "SE", "西南": "SW", "东": "E", "西": "W",
               "南偏东": "SE", "南偏西": "SW"}


def _english_value(name: str, value):
    col = COLUMNS_BY_NAME[name]
    if col.choices and isinstance(value, str):
        return next((c.label_en for c in col.choices if c.value == value), value)
    if name == "roof_azimuth_deg" and isinstance(value, str):
        return _COMPASS_EN.get(value, value)
    return value


def english_sheet(school: School, buildings: list[Building]) -> bytes:
    """An .xlsx as an international school might make it: English headers and words."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    book.set_properties({"title": "Building-area survey (demo data)",
                         "created": _dt.datetime(2026, 1, 1)})
    system = school.get("coord_system")
    if system:  # English words for the datum too: its canonical name
        school = {**school, "coord_system": next(
            k for k, words in COORD_SYSTEM_WORDS.items() if system in words)}
    sheet = book.add_worksheet("Survey")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, "Campus building survey — DEMO DATA", bold)
    for i, col in enumerate(SCHOOL_COLUMNS):
        value = _english_value(col.name, school.get(col.name))
        sheet.write(2 + i, 0, _ENGLISH_HEADERS.get(col.name, col.label_en), bold)
        if value is not None:
            sheet.write(2 + i, 1, value)
    header_row = 3 + len(SCHOOL_COLUMNS)
    for j, col in enumerate(BUILDING_COLUMNS):
        sheet.write(header_row, j, _ENGLISH_HEADERS.get(col.name, col.label_en), bold)
    for i, building in enumerate(buildings, start=header_row + 1):
        for j, col in enumerate(BUILDING_COLUMNS):
            value = _english_value(col.name, building.get(col.name))
            if value is not None:
                sheet.write(i, j, value)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(BUILDING_COLUMNS) - 1, 16)
    book.close()
    return buffer.getvalue()


def _file_stem(school: School) -> str:
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", school["school_name"])
    return f"{school['school_code']}_{name}"


def make_faulty(campus: Campus, kind: str) -> Campus:
    """A copy of a campus with one deliberate mistake of ``kind`` (see :data:`FAULT_CODES`)."""
    school, buildings = copy.deepcopy(campus)
    first, second = buildings[0], buildings[min(1, len(buildings) - 1)]
    if kind == "roof_unit":  # floor areas copied from a 万㎡ statistic into the m² column
        for b in buildings[:2]:
            b["gross_floor_area_m2"] = round(b["gross_floor_area_m2"] / 1e4, 4)
    elif kind == "range_text":  # a range, where an approximate figure would be read
        low = round(second["gross_floor_area_m2"], -2)
        second["gross_floor_area_m2"] = f"{low:.0f}～{low + 500:.0f}"
    elif kind == "duplicate_name":
        buildings.append({**second, "notes": None})
    elif kind == "unknown_roof":
        second["roof_type"] = "玻璃顶"
    elif kind == "future_year":
        second["year_built"] = 2099
    elif kind == "negative_area":
        second["roof_area_m2"] = -second["roof_area_m2"]
        second["usable_roof_area_m2"] = None
    elif kind == "missing_name":
        second["building_name"] = None
    elif kind == "swapped_coords":
        school["latitude"], school["longitude"] = school["longitude"], school["latitude"]
    else:
        raise ValueError(f"unknown fault kind {kind!r}")
    first["notes"] = f"{DEMO_NOTE}；错误示例 deliberate mistake: {kind}"
    return school, buildings


def resubmission(campus: Campus, rng: np.random.Generator) -> Campus:
    """A corrected second version of a campus's sheet: one building added."""
    school, buildings = copy.deepcopy(campus)
    school_type, district = school["school_type"], school["district"]
    names = {normalise_key(b["building_name"]) for b in buildings}
    k = 1
    while normalise_key(f"新建{k}号楼") in names:
        k += 1
    use = "教学" if school_type != "高校" else "实验"
    added = _building(rng, school_type, district, use, f"新建{k}号楼")
    added["year_built"] = 2024
    added["notes"] = "补报：首次提交时遗漏"
    buildings.append(added)
    return school, buildings


@dataclass(frozen=True)
class DemoFile:
    """One demo sheet: its file name, bytes and what it is."""

    name: str
    data: bytes
    role: str  # "sheet", "resubmission" or "faulty:<kind>"


def demo_files(n_schools: int = 300, seed: int = DEFAULT_SEED, n_faulty: int = 8,
               n_resubmissions: int = 3) -> list[DemoFile]:
    """Every demo sheet in import order: campuses, corrected re-submissions, faulty sheets."""
    campuses = generate_campuses(n_schools, seed)
    rng = np.random.default_rng([seed, 1])
    small = [i for i, (s, _) in enumerate(campuses) if s["school_type"] in ("中小学", "中职")
             and s["latitude"] is not None]
    special = small or list(range(len(campuses)))
    formats = {}
    if len(special) >= 4:  # two CSV schools and one English-only sheet
        formats = {special[0]: "csv-utf-8-sig", special[1]: "csv-gbk", special[2]: "english"}
    files = []
    for i, (school, buildings) in enumerate(campuses):
        kind = formats.get(i, "xlsx")
        stem = _file_stem(school)
        if kind == "english":
            files.append(DemoFile(f"{stem}.xlsx", english_sheet(school, buildings), "sheet"))
        elif kind.startswith("csv"):
            encoding = kind.removeprefix("csv-")
            files.append(DemoFile(f"{stem}.csv", csv_sheet(school, buildings, encoding),
                                  "sheet"))
        else:
            files.append(DemoFile(f"{stem}.xlsx", template_sheet(school, buildings), "sheet"))
    plain = [i for i in range(len(campuses)) if i not in formats]
    schools = [i for i in plain if campuses[i][0]["school_type"] != "幼儿园"] or plain
    for i in schools[1:: max(1, len(schools) // max(1, n_resubmissions))][:n_resubmissions]:
        school, buildings = resubmission(campuses[i], rng)
        files.append(DemoFile(f"{_file_stem(school)}_{RESUBMISSION_SUFFIX}.xlsx",
                              template_sheet(school, buildings), "resubmission"))
    bases = [i for i in plain if campuses[i][0]["latitude"] is not None
             and len(campuses[i][1]) >= 2] or plain or list(range(len(campuses)))
    for k in range(n_faulty if bases else 0):
        kind = FAULT_KINDS[k % len(FAULT_KINDS)]
        school, buildings = make_faulty(campuses[bases[(5 * k + 1) % len(bases)]], kind)
        name = f"{FAULTY_PREFIX}{k + 1:02d}_{kind}_{_file_stem(school)}.xlsx"
        files.append(DemoFile(name, template_sheet(school, buildings), f"faulty:{kind}"))
    return files


def write_demo_sheets(out_dir: str | Path, n_schools: int = 300, seed: int = DEFAULT_SEED,
                      n_faulty: int = 8, n_resubmissions: int = 3) -> list[Path]:
    """Write the demo sheets into ``out_dir``; returns their paths in import order.

    One template workbook per campus (``{school_code}_{学校名}.xlsx``; two as CSV in
    UTF-8-BOM and GBK and one with English-only headers), ``n_resubmissions`` corrected
    second versions (``…_更正版.xlsx``, one building added) and ``n_faulty`` sheets with a
    deliberate mistake each (``错误示例NN_<kind>_….xlsx``, see :data:`FAULT_CODES`).
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in demo_files(n_schools, seed, n_faulty, n_resubmissions):
        path = folder / item.name
        if not path.exists() or path.read_bytes() != item.data:
            path.write_bytes(item.data)
        paths.append(path)
    return paths


# --- seeding -------------------------------------------------------------------------------

def _stderr_progress(done: int, total: int, stage: str) -> None:
    print(f"演示数据 demo: {stage} {done}/{total}", file=sys.stderr, flush=True)


def _import_demo_sheet(store: SurveyStore, path: Path) -> str:
    """Import one generated sheet; returns its status. The sheets are ours, not a school's,
    so they are checked in this process rather than in the isolated worker."""
    data = path.read_bytes()
    try:
        checked = check_bytes(data, path.name)
    except UnreadableFile:
        checked = None   # import_bytes refuses it again, through the worker, and keeps it
    return store.import_bytes(data, path.name, source="demo", is_demo=True,
                              checked=checked).status


def seed_demo(db_path: str | Path | None = None, n_schools: int = 300, seed: int = DEFAULT_SEED,
              out_dir: str | Path | None = None, n_faulty: int = 8,
              progress: Progress | None = _stderr_progress) -> dict:
    """Generate the demo sheets and import them into the survey store as demo data.

    Parameters
    ----------
    db_path
        DuckDB file; default from :func:`core.config.db_path`.
    n_schools, seed, n_faulty
        See :func:`write_demo_sheets`.
    out_dir
        Keep the generated sheets here; default a temporary folder.
    progress
        Called as ``progress(done, total, stage)`` every 50 files and at the end; the default
        prints to stderr; ``None`` is silent.

    Returns
    -------
    dict
        ``db``; this run's file counts ``stored``, ``rejected``, ``unreadable``, ``duplicate``
        (already imported, or already set aside as rejected: seeding again is a no-op);
        ``schools`` and ``buildings``: the demo schools and buildings now current in the store.
    """
    temporary = tempfile.TemporaryDirectory(prefix="campus-demo-") if out_dir is None else \
        contextlib.nullcontext(out_dir)
    with temporary as folder:
        paths = write_demo_sheets(folder, n_schools, seed, n_faulty)
        if progress is not None:
            progress(len(paths), len(paths), "sheets written")
        counts = dict.fromkeys((STORED, REJECTED, UNREADABLE, DUPLICATE), 0)
        with SurveyStore(db_path) as store:
            with store.batch():
                for done, path in enumerate(paths, start=1):
                    counts[_import_demo_sheet(store, path)] += 1
                    if progress is not None and (done % PROGRESS_EVERY == 0
                                                 or done == len(paths)):
                        progress(done, len(paths), "imported")
            schools = store.current_schools()
            buildings = store.current_buildings()
            db = store.path
    return {"db": db, **counts,
            "schools": int(schools["is_demo"].fillna(False).astype(bool).sum()),
            "buildings": int(buildings["is_demo"].fillna(False).astype(bool).sum())}
