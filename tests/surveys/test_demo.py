"""Demo data: realistic synthetic campuses, deliberate mistakes caught, idempotent seeding."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from geo.coords import to_wgs84
from geo.shanghai import DISTRICT_CENTRES, SHANGHAI_EXTENT
from surveys import demo
from surveys.schema import SCHOOL_TYPES
from surveys.store import REJECTED, SurveyStore

N_SMALL = 30  # schools in the seeded test database: fast, still every format and mistake


@pytest.fixture(scope="module")
def campuses():
    return demo.generate_campuses(300)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A database seeded once with the small demo; the summary and the sheet folder."""
    root = tmp_path_factory.mktemp("demo")
    db, out = root / "demo.duckdb", root / "sheets"
    calls = []
    summary = demo.seed_demo(db, n_schools=N_SMALL, out_dir=out,
                             progress=lambda *args: calls.append(args))
    return {"db": db, "out": out, "summary": summary, "progress": calls}


def _km(lat1, lon1, lat2, lon2):
    dy = (lat1 - lat2) * 110.574
    dx = (lon1 - lon2) * 111.320 * math.cos(math.radians(lat2))
    return math.hypot(dx, dy)


# --- generation only -----------------------------------------------------------------------

def test_every_district_and_school_type_is_present(campuses):
    districts = Counter(s["district"] for s, _ in campuses)
    types = Counter(s["school_type"] for s, _ in campuses)
    assert set(districts) == set(DISTRICT_CENTRES)
    assert min(districts.values()) >= 3
    assert districts["浦东新区"] == max(districts.values())
    assert set(types) == {c.value for c in SCHOOL_TYPES}
    assert types["中小学"] > types["幼儿园"] > types["高校"] > types["中职"]


def test_building_stock_is_typical_of_each_school_type(campuses):
    ranges = {"高校": (30, 100), "中职": (10, 30), "中小学": (6, 20), "幼儿园": (2, 6)}
    for school, buildings in campuses:
        low, high = ranges[school["school_type"]]
        assert low <= len(buildings) <= high, school["school_name"]
    total = sum(len(b) for _, b in campuses)
    assert 5_400 <= total <= 6_600, total


def test_values_are_plausible(campuses):
    rows = [b for _, buildings in campuses for b in buildings]
    for b in rows:
        assert 1950 <= b["year_built"] <= 2024
        assert b["gross_floor_area_m2"] > 0 and b["roof_area_m2"] > 0
        assert b["roof_area_m2"] <= 1.1 * b["gross_floor_area_m2"]
        if b["building_use"] == "宿舍":
            assert 6 <= b["floors_above_ground"] <= 18
        if b["building_use"] == "体育馆":
            assert b["floors_above_ground"] <= 2
        if b["roof_type"] == "坡屋面":
            assert 15 <= b["roof_tilt_deg"] <= 30
        if b["existing_pv_kw"] is not None:
            assert 0.05 < b["existing_pv_kw"] / b["roof_area_m2"] < 0.15
        if b["usable_roof_area_m2"] is not None:
            assert b["usable_roof_area_m2"] <= b["roof_area_m2"]
    years = [b["year_built"] for b in rows]
    assert sum(1990 <= y <= 2015 for y in years) / len(years) > 0.6
    roofs = Counter(b["roof_type"] for b in rows)
    assert roofs["混凝土平屋面"] / len(rows) > 0.7 and roofs["彩钢瓦"] and roofs["坡屋面"]
    assert 0.1 < sum(b["usable_roof_area_m2"] is not None for b in rows) / len(rows) < 0.2
    assert any(isinstance(b["roof_azimuth_deg"], str) for b in rows)
    with_use = sum(s["annual_electricity_kwh"] is not None for s, _ in campuses)
    assert 0.7 < with_use / len(campuses) < 0.9


def test_everything_is_marked_as_demo_data(campuses):
    for school, buildings in campuses:
        assert school["school_name"].endswith(demo.DEMO_SUFFIX)
        assert school["contact"] == demo.DEMO_CONTACT
        assert buildings[0]["notes"].startswith(demo.DEMO_NOTE)


def test_school_codes_are_unique_ten_digit_district_codes(campuses):
    codes = [s["school_code"] for s, _ in campuses]
    assert len(set(codes)) == len(codes)
    for school, _ in campuses:
        code = school["school_code"]
        assert len(code) == 10 and code.isdigit()
        assert code.startswith("31" + demo.DISTRICT_CODES[school["district"]])


def test_coordinates_end_up_in_their_district_after_conversion(campuses):
    systems = Counter()
    for school, _ in campuses:
        if school["latitude"] is None:
            continue
        system = next(k for k, words in demo.COORD_SYSTEM_WORDS.items()
                      if (school["coord_system"] or "") in words)
        lat, lon = to_wgs84(school["latitude"], school["longitude"], system)
        systems[system] += 1
        assert SHANGHAI_EXTENT.contains(lat, lon), school
        lat0, lon0, radius = DISTRICT_CENTRES[school["district"]]
        assert _km(lat, lon, lat0, lon0) <= 1.6 * radius * 0.65 + 0.1, school
    assert systems["WGS84"] > systems["GCJ-02"] >= 0.15 * len(campuses)
    assert systems["GCJ-02"] > systems["BD-09"] > 0


def test_same_seed_gives_the_same_bytes():
    first = demo.demo_files(6, seed=7, n_faulty=2)
    again = demo.demo_files(6, seed=7, n_faulty=2)
    assert [(f.name, f.data) for f in first] == [(f.name, f.data) for f in again]
    other = demo.demo_files(6, seed=8, n_faulty=2)
    assert [f.data for f in other] != [f.data for f in first]


# --- sheets and import ---------------------------------------------------------------------

def test_faulty_sheets_are_rejected_with_the_expected_error(tmp_path):
    files = [f for f in demo.demo_files(N_SMALL) if f.role.startswith("faulty:")]
    assert len(files) == 8
    assert len({f.role for f in files}) == 8  # each one a different mistake
    with SurveyStore(tmp_path / "faulty.duckdb") as store:
        for f in files:
            result = store.import_bytes(f.data, f.name, source="demo", is_demo=True)
            expected = demo.FAULT_CODES[f.role.removeprefix("faulty:")]
            assert result.status == REJECTED, f.name
            codes = {issue.code for issue in result.report.errors}
            assert codes == expected, (f.name, codes)
            assert result.report.errors[0].cell or result.report.errors[0].row
        assert store.counts() == {"uploads": 0, "submissions": 0, "buildings": 0}


def test_sheet_files_are_written_in_every_format(seeded):
    names = sorted(p.name for p in seeded["out"].iterdir())
    csvs = [n for n in names if n.endswith(".csv")]
    assert len(csvs) == 2
    raw = [(seeded["out"] / n).read_bytes() for n in csvs]
    assert sum(r.startswith(b"\xef\xbb\xbf") for r in raw) == 1  # one UTF-8-BOM, one GBK
    gbk = next(r for r in raw if not r.startswith(b"\xef\xbb\xbf"))
    assert "（演示）".encode("gbk") in gbk
    assert sum(n.startswith(demo.FAULTY_PREFIX) for n in names) == 8
    assert sum(demo.RESUBMISSION_SUFFIX in n for n in names) == 3


def test_good_sheets_are_stored_as_demo_data(seeded):
    summary = seeded["summary"]
    assert summary["stored"] == N_SMALL + 3
    assert summary["rejected"] == 8
    assert summary["unreadable"] == summary["duplicate"] == 0
    assert summary["schools"] == N_SMALL
    campuses = demo.generate_campuses(N_SMALL)
    with SurveyStore(seeded["db"]) as store:
        uploads = store.execute("SELECT bool_and(is_demo), min(source), max(source) "
                                    "FROM uploads").fetchone()
        assert uploads == (True, "demo", "demo")
        schools = store.current_schools()
        assert schools["is_demo"].all() and len(schools) == N_SMALL
        assert schools["school_name"].str.contains("演示").all()
        assert (schools["contact"] == demo.DEMO_CONTACT).all()
        buildings = store.current_buildings()
        assert buildings["is_demo"].all()
        assert summary["buildings"] == len(buildings) == sum(len(b) for _, b in campuses) + 3
        per_school = buildings.groupby("school_code").size()
        history = store.history()
    resubmitted = set(history.loc[~history["is_current"], "school_code"])
    assert len(resubmitted) == 3
    for school, rows in campuses:  # every format read completely, re-submissions current
        extra = 1 if school["school_code"] in resubmitted else 0
        assert per_school[school["school_code"]] == len(rows) + extra, school["school_name"]
    current = schools.set_index("school_code")
    for school, _ in campuses:
        assert current.loc[school["school_code"], "district"] == school["district"]
        assert current.loc[school["school_code"], "school_type"] == school["school_type"]


@pytest.mark.parametrize("system,shift_km", [("GCJ-02", (0.3, 0.7)), ("BD-09", (0.8, 1.5))])
def test_map_datum_campuses_are_stored_in_wgs84_inside_shanghai(seeded, system, shift_km):
    with SurveyStore(seeded["db"]) as store:
        schools = store.current_schools()
    rows = schools[schools["coord_system"] == system]
    assert len(rows) >= (3 if system == "GCJ-02" else 1)
    for row in rows.itertuples():
        assert SHANGHAI_EXTENT.contains(row.latitude, row.longitude)
        lat0, lon0, radius = DISTRICT_CENTRES[row.district]
        assert _km(row.latitude, row.longitude, lat0, lon0) <= 1.6 * 0.65 * radius + 0.1
        shift = _km(row.latitude, row.longitude, row.latitude_input, row.longitude_input)
        assert shift_km[0] < shift < shift_km[1]  # Shanghai: GCJ-02 ≈ 0.5 km, BD-09 ≈ 1.1 km


def test_reseeding_is_a_no_op(seeded):
    db = seeded["db"]
    with SurveyStore(db) as store:
        before = store.counts()
    rejected_dir = db.parent / "rejected"
    quarantined = sorted(p.name for p in rejected_dir.iterdir())
    again = demo.seed_demo(db, n_schools=N_SMALL, out_dir=seeded["out"], progress=None)
    assert again["stored"] == 0
    assert again["rejected"] == 8  # judged again, set aside only once
    assert again["duplicate"] == N_SMALL + 3
    assert again["schools"] == seeded["summary"]["schools"]
    assert again["buildings"] == seeded["summary"]["buildings"]
    with SurveyStore(db) as store:
        assert store.counts() == before
    assert sorted(p.name for p in rejected_dir.iterdir()) == quarantined


def test_progress_is_reported(seeded):
    calls = seeded["progress"]
    total = N_SMALL + 3 + 8
    assert calls[-1][:2] == (total, total)
    assert all(done <= total for done, _, _ in calls)


def test_no_faulty_sheet_reaches_the_database(seeded):
    with SurveyStore(seeded["db"]) as store:
        names = {r[0] for r in store.execute("SELECT file_name FROM uploads").fetchall()}
    assert len(names) == N_SMALL + 3
    assert not any(n.startswith(demo.FAULTY_PREFIX) for n in names)
