"""Benchmark: rooftop PV for 60,000 buildings against a per-building ModelChain loop.

Run ``python benchmarks/pv_portfolio.py [--campuses 3000] [--per-campus 20]
[--loop-sample 30] [--weather FILE]``. It synthesises campuses across Shanghai
(value distributions like the survey's: mostly flat concrete roofs, integer tilts,
compass-word or rounded azimuths, some missing coordinates and demand), times
:func:`energy.pv.estimate_buildings` end to end, times the naive loop (one
``pvlib`` ModelChain per building, each at its own coordinates) on a sample in the
same run, checks the two agree on that sample, and prints per-building times, the
speed-up and the peak memory (``resource.getrusage``).

Targets: 60,000 buildings in < 2 s, ≥ 1,000× faster per building than the loop,
peak resident memory < 2 GB.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd

from energy.pv import estimate_buildings
from energy.pv.parameters import DEFAULT_ASSUMPTIONS
from energy.pv.yield_ import pvwatts_modelchain
from geo.shanghai import DISTRICT_CENTRES

SCHOOL_TYPES = {"中小学": 0.70, "幼儿园": 0.20, "中职": 0.05, "高校": 0.05}
ROOF_TYPES = {"混凝土平屋面": 0.84, "坡屋面": 0.08, "彩钢瓦": 0.06, "其他": 0.02}
COMPASS_DEG = (180.0, 135.0, 225.0, 90.0, 270.0, 157.5, 202.5, 0.0, 45.0, 315.0)
ROUNDED_DEG = (180.0, 165.0, 170.0, 190.0, 195.0, 200.0, 135.0, 225.0, 90.0, 270.0)
ANNUAL_KWH_MEDIAN = {"中小学": 6e5, "幼儿园": 2e5, "中职": 1.2e6, "高校": 1.5e7}
KM_PER_DEG_LAT = 111.0


def synthesise(n_campuses: int, per_campus: int, seed: int = 2024) -> pd.DataFrame:
    """Survey-like building rows (``current_buildings`` columns) across Shanghai."""
    rng = np.random.default_rng(seed)
    n = n_campuses * per_campus
    campus = np.repeat(np.arange(n_campuses), per_campus)
    districts = np.array(list(DISTRICT_CENTRES))
    d_of = rng.choice(districts.size, n_campuses)
    centre = np.array([DISTRICT_CENTRES[d] for d in districts])
    radius_deg = centre[d_of, 2] / KM_PER_DEG_LAT * np.sqrt(rng.random(n_campuses))
    angle = rng.uniform(0, 2 * np.pi, n_campuses)
    lat = centre[d_of, 0] + radius_deg * np.sin(angle)
    lon = centre[d_of, 1] + radius_deg * np.cos(angle) / np.cos(np.radians(lat))
    no_coords = rng.random(n_campuses) < 0.03
    lat[no_coords] = np.nan
    lon[no_coords] = np.nan
    s_types = rng.choice(list(SCHOOL_TYPES), n_campuses, p=list(SCHOOL_TYPES.values()))
    demand = np.array([ANNUAL_KWH_MEDIAN[t] for t in s_types]) * rng.lognormal(0, 0.4,
                                                                               n_campuses)
    demand[rng.random(n_campuses) < 0.2] = np.nan

    roof_type = rng.choice(list(ROOF_TYPES), n, p=list(ROOF_TYPES.values()))
    pitched, steel = roof_type == "坡屋面", roof_type == "彩钢瓦"
    tilt = np.where(pitched, rng.integers(15, 31, n),
                    np.where(steel, rng.integers(3, 11, n), np.nan)).astype(float)
    tilt[(roof_type == "混凝土平屋面") & (rng.random(n) < 0.4)] = 0.0
    tilt[(pitched | steel) & (rng.random(n) < 0.1)] = np.nan
    az = np.where(rng.random(n) < 0.5, rng.choice(COMPASS_DEG, n), rng.choice(ROUNDED_DEG, n))
    az = np.where((pitched | steel) & (rng.random(n) > 0.15), az, np.nan)
    roof_area = np.round(np.exp(rng.uniform(np.log(150), np.log(4000), n)))
    usable = np.where(rng.random(n) < 0.15, np.round(roof_area * rng.uniform(0.3, 0.8, n)),
                      np.nan)
    existing = np.where((roof_area >= 500) & ~pitched & (rng.random(n) < 0.04),
                        np.round(roof_area * rng.uniform(0.08, 0.12, n), 1), np.nan)
    return pd.DataFrame({
        "school_code": np.char.add("31", np.char.zfill(campus.astype(str), 8)),
        "school_name": np.char.add("示例学校", campus.astype(str)),
        "district": districts[d_of][campus],
        "school_type": s_types[campus],
        "latitude": lat[campus],
        "longitude": lon[campus],
        "annual_electricity_kwh": demand[campus],
        "building_name": np.char.add("楼", np.tile(np.arange(per_campus), n_campuses)
                                     .astype(str)),
        "building_use": rng.choice(["教学", "办公", "宿舍", "食堂", "体育馆", "实验"], n),
        "roof_area_m2": roof_area,
        "roof_type": roof_type,
        "roof_tilt_deg": tilt,
        "roof_azimuth_deg": az,
        "usable_roof_area_m2": usable,
        "existing_pv_kw": existing,
        "shading": rng.choice(["无", "轻微", "严重"], n, p=[0.6, 0.3, 0.1]),
        "roof_condition": rng.choice(["良好", "一般", "差"], n, p=[0.6, 0.3, 0.1]),
    })


def naive_loop(results: pd.DataFrame, weather: pd.DataFrame, altitude_m: float) -> np.ndarray:
    """Annual AC energy of each row with its own ModelChain. [kWh]"""
    out = []
    for row in results.itertuples():
        chain = pvwatts_modelchain(row.latitude, row.longitude, row.capacity_kwp,
                                   row.tilt_deg, row.azimuth_deg, altitude_m,
                                   DEFAULT_ASSUMPTIONS)
        chain.run_model(weather)
        out.append(chain.results.ac.fillna(0.0).sum() / 1000.0)
    return np.array(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campuses", type=int, default=3000)
    parser.add_argument("--per-campus", type=int, default=20)
    parser.add_argument("--loop-sample", type=int, default=30)
    parser.add_argument("--weather", help="weather file; default the built-in year")
    args = parser.parse_args(argv)

    from energy.pv.weather import builtin_shanghai, read_weather

    weather, source = (read_weather(args.weather) if args.weather else builtin_shanghai())
    buildings = synthesise(args.campuses, args.per_campus)
    n = len(buildings)
    estimate_buildings(buildings.head(200), weather, source)  # warm imports and caches

    start = time.perf_counter()
    results = estimate_buildings(buildings, weather, source)
    vector_s = time.perf_counter() - start

    included = results[results["capacity_kwp"] > 0]
    sample = included.sample(min(args.loop_sample, len(included)), random_state=1)
    start = time.perf_counter()
    loop_kwh = naive_loop(sample, weather, source.altitude_m)
    loop_s = time.perf_counter() - start
    rel = np.abs(sample["annual_yield_kwh"].to_numpy() / loop_kwh - 1.0)

    per_vector_ms = vector_s / n * 1e3
    per_loop_ms = loop_s / len(sample) * 1e3
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    orientations = included[["tilt_deg", "azimuth_deg"]].drop_duplicates().shape[0]
    print(f"buildings            {n:,} ({args.campuses:,} campuses × {args.per_campus}); "
          f"{len(included):,} with PV, {orientations} distinct orientations")
    print(f"weather              {source.name}")
    print(f"estimate_buildings   {vector_s:.3f} s total, {per_vector_ms * 1e3:.2f} µs/building")
    print(f"ModelChain loop      {loop_s:.3f} s for {len(sample)}, {per_loop_ms:.1f} ms/building")
    print(f"speed-up per building {per_loop_ms / per_vector_ms:,.0f}×")
    print(f"max |vector/loop − 1| {rel.max():.2e} on the loop sample")
    print(f"peak memory (ru_maxrss) {peak_mb:,.0f} MB")
    ok = vector_s < 2.0 and per_loop_ms / per_vector_ms >= 1000 and peak_mb < 2048
    print("targets (< 2 s, ≥ 1000×, < 2 GB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
